// Observability bootstrap.
const Sentry = require('@sentry/node');

// A DSN with the legacy secret part:
// ruleid: no-monitoring-service-keys
Sentry.init({ dsn: 'https://{{fake:sentry-public}}:{{fake:sentry-secret}}@o12345.ingest.sentry.io/67890' });

// Modern DSNs carry only the public key, which is meant to ship:
// ok: no-monitoring-service-keys
const publicDsn = 'https://{{fake:sentry-public.2}}@o12345.ingest.sentry.io/67890';

// ruleid: no-monitoring-service-keys
const newRelicKey = '{{fake:newrelic-user-key}}';

// ruleid: no-monitoring-service-keys
const grafana = { token: '{{fake:grafana-service-account}}' };

// ok: no-monitoring-service-keys
const ddKey = process.env.DD_API_KEY;
