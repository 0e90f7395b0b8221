// The file is minified or too large for syntax analysis while typing; only text rules ran.
import { defineEngineRule } from '../../api/define-rule';

export default defineEngineRule({
  meta: {
    id: 'analysis-limited',
    type: 'hardening',
    severity: 'info',
    docs: { title: 'Only secret detection ran on this file', cwe: ['CWE-1164'], owasp: ['A04:2021-Insecure Design'] },
    fixable: null,
    messages: {
      minified: 'This file looks minified (lines of {{longest}} characters); only secret detection ran on it.',
      tooLarge: 'This file is {{size}}, over the {{limit}} limit for syntax analysis; only secret detection ran on it.',
    },
  },
});
