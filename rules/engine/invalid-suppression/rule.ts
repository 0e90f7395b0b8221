// A guardline-ignore comment that names no reason or an unknown rule: suppressions must be
// reviewable, so a silent or mistyped one is itself a finding.
import { defineEngineRule } from '../../api/define-rule';

export default defineEngineRule({
  meta: {
    id: 'invalid-suppression',
    type: 'hardening',
    severity: 'low',
    docs: { title: 'Suppression comment without a reason or with an unknown rule', cwe: ['CWE-1164'], owasp: ['A04:2021-Insecure Design'] },
    fixable: null,
    messages: {
      missingReason: 'This guardline-ignore comment gives no reason; write why the finding is safe to ignore after a colon.',
      unknownRule: 'This guardline-ignore comment names an unknown rule "{{ruleId}}".',
    },
  },
});
