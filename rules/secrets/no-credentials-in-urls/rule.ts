// Password in a connection URL: database URLs (postgres, mysql, mongodb, redis, amqp, mssql and more) and basic-auth URLs. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-credentials-in-urls',
  title: 'Password in a connection URL',
  severity: 'high',
  safeFix: false,
  tags: ['database'],
});
