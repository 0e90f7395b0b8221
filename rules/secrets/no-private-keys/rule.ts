// Private key in the repository: PEM (RSA, EC, DSA, PKCS#8), OpenSSH, PuTTY, PGP and age private keys. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-private-keys',
  title: 'Private key in the repository',
  severity: 'critical',
  safeFix: false,
  tags: ['crypto'],
});
