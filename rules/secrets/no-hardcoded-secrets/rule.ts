// Hard-coded password or secret: passwords, API keys, tokens and client secrets assigned to a key that names them. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-hardcoded-secrets',
  title: 'Hard-coded password or secret',
  severity: 'high',
  tags: ['generic'],
});
