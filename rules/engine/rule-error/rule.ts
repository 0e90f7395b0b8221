// A rule threw while analysing this file; it was stopped there and every other rule ran.
import { defineEngineRule } from '../../api/define-rule';

export default defineEngineRule({
  meta: {
    id: 'rule-error',
    type: 'hardening',
    severity: 'info',
    docs: { title: 'A rule failed on this file', cwe: ['CWE-1164'], owasp: ['A04:2021-Insecure Design'] },
    fixable: null,
    messages: {
      ruleError: 'Rule {{ruleId}} failed on this file and was skipped: {{reason}}',
    },
  },
});
