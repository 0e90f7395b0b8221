// Observability bootstrap.
const Sentry = require('@sentry/node');

// A DSN with the legacy secret part:
// ruleid: no-monitoring-service-keys
Sentry.init({ dsn: 'https://{{fake:sentry-public}}:{{fake:sentry-secret}}@o12345.ingest.sentry.io/67890' });

// Modern DSNs carry only the public key, which is meant to ship:
// ok: no-monitoring-service-keys
const publicDsn = 'https://{{fake:sentry-public.2}}@o12345.ingest.sentry.io/67890';

// ruleid: no-monitoring-service-keys
const newRelicKey = process.env.NEW_RELIC_API_KEY;

// ruleid: no-monitoring-service-keys
const grafana = { token: process.env.GRAFANA_TOKEN };

// ok: no-monitoring-service-keys
const ddKey = process.env.DD_API_KEY;
