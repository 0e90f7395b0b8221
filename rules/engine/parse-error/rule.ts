// The file does not parse, so no syntax rule could run on it; text rules (secrets) still did.
import { defineEngineRule } from '../../api/define-rule';

export default defineEngineRule({
  meta: {
    id: 'parse-error',
    type: 'hardening',
    severity: 'info',
    docs: { title: 'File could not be parsed', cwe: ['CWE-1164'], owasp: ['A04:2021-Insecure Design'] },
    fixable: null,
    messages: {
      parseError: 'Could not parse this file ({{reason}}); security rules that need the syntax tree were skipped, secret detection still ran.',
    },
  },
});
