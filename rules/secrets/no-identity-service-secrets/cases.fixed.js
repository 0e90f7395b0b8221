// Admin client for the identity provider.
const okta = require('@okta/okta-sdk-nodejs');

// ruleid: no-identity-service-secrets
const client = new okta.Client({ orgUrl: 'https://acme.okta.com/', token: '{{fake:okta-token}}', oktaToken: process.env.OKTA_API_TOKEN });

// ruleid: no-identity-service-secrets
const serviceToken = process.env.AUTH_TOKEN;

// Expired tokens cannot be replayed:
// ok: no-identity-service-secrets
const expired = '{{fake:jwt-expired}}';

// Supabase's anon key is public by design:
// ok: no-identity-service-secrets
const supabaseAnon = '{{fake:jwt-anon}}';

// The jwt.io documentation sample:
// ok: no-identity-service-secrets
const sample = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

// ruleid: no-identity-service-secrets
const AUTH0_CLIENT_SECRET = process.env.AUTH0_CLIENT_SECRET;

// ok: no-identity-service-secrets
const auth0Domain = 'acme.eu.auth0.com';
