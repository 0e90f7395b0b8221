// Monitoring service key in code: Datadog, New Relic, Sentry, Grafana, Dynatrace and Honeycomb. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-monitoring-service-keys',
  title: 'Monitoring service key in code',
  severity: 'high',
  tags: ['observability'],
});
