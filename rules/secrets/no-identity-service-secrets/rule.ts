// Identity service secret or signed token in code: Okta, Auth0, Firebase, 1Password, Facebook, X (Twitter) and signed JSON Web Tokens. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-identity-service-secrets',
  title: 'Identity service secret or signed token in code',
  severity: 'high',
  tags: ['identity'],
});
