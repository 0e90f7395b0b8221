// Realistic files for measuring detection quality: credentials planted as `{{fake:<name>}}`
// (built at run time) in the places real projects leak them, among hard negatives that real
// projects are full of. Every placeholder is a secret unless its generator is in NOT_SECRET; any
// finding that does not overlap a planted secret counts as a false positive.
export interface Sample {
  path: string;
  text: string;
}

/** Generators whose values look like secrets but are not (expired/public tokens, public material). */
export const NOT_SECRET = new Set(['jwt-expired', 'jwt-anon', 'public-key', 'certificate', 'uuid', 'sentry-public']);

export const SAMPLES: Sample[] = [
  { path: 'deploy/docker-compose.yml', text: `version: "3.9"
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: orders
      POSTGRES_PASSWORD: {{fake:password.1}}
      POSTGRES_DB: orders
  api:
    build: .
    environment:
      DATABASE_URL: postgres://orders:{{fake:db-password.1}}@db:5432/orders
      REDIS_URL: redis://cache:6379/0
      STRIPE_SECRET_KEY: \${STRIPE_SECRET_KEY}
      SENTRY_DSN: https://{{fake:sentry-public.1}}@o4505.ingest.sentry.io/4506
      JWT_SECRET: {{fake:base64-32.1}}
      NODE_ENV: production
  local-db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: postgres
      PGDATA: /var/lib/postgresql/data/pgdata
` },
  { path: 'k8s/secret.yaml', text: `apiVersion: v1
kind: Secret
metadata:
  name: payments
type: Opaque
stringData:
  stripe-key: {{fake:stripe-live.1}}
  webhook-secret: {{fake:stripe-webhook-secret.1}}
---
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: payments
          env:
            - name: STRIPE_KEY
              valueFrom:
                secretKeyRef:
                  name: payments
                  key: stripe-key
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: db, key: password } }
` },
  { path: 'infra/main.tf', text: `provider "aws" {
  region     = "eu-west-1"
  access_key = "{{fake:aws-access-key-id.1}}"
  secret_key = "{{fake:aws-secret-access-key.1}}"
}

resource "aws_db_instance" "main" {
  identifier = "orders"
  username   = "orders"
  password   = var.db_password
  kms_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "datadog_monitor" "cpu" {
  name = "High CPU"
}

provider "datadog" {
  api_key = "{{fake:datadog-api-key.1}}"
  app_key = "{{fake:datadog-app-key.1}}"
}
` },
  { path: '.github/workflows/release.yml', text: `name: release
on: { push: { tags: ["v*"] } }
jobs:
  publish:
    runs-on: ubuntu-latest
    env:
      NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      SLACK_WEBHOOK_URL: {{fake:slack-webhook.1}}
    steps:
      - uses: actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0ab
      - uses: actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7
        with: { node-version: 20, registry-url: "https://registry.npmjs.org" }
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: {{fake:npm.1}}
` },
  { path: 'src/main/resources/application.properties', text: `spring.application.name=ledger
spring.datasource.url=jdbc:postgresql://ledger-db:5432/ledger
spring.datasource.username=ledger
spring.datasource.password={{fake:password.2}}
spring.mail.host=smtp.sendgrid.net
spring.mail.username=apikey
spring.mail.password={{fake:sendgrid.1}}
spring.security.oauth2.client.registration.google.client-id=123456789012-abcdefg.apps.googleusercontent.com
spring.security.oauth2.client.registration.google.client-secret={{fake:gcp-oauth-client-secret.1}}
management.endpoints.web.exposure.include=health,info
server.ssl.key-store-password=\${KEYSTORE_PASSWORD}
logging.level.root=INFO
` },
  { path: 'billing/settings.py', text: `"""Django settings for billing."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "{{fake:base64-32.2}}"
DEBUG = False
ALLOWED_HOSTS = ["billing.acme.dev"]
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": os.environ["DB_PASSWORD"]}}
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
STRIPE_API_KEY = "{{fake:stripe-restricted.1}}"
OPENAI_API_KEY = "{{fake:openai.1}}"
ANTHROPIC_API_KEY = os.environ.get("ANTHROPIC_API_KEY")
SESSION_COOKIE_NAME = "billing_session"
CSRF_COOKIE_NAME = "csrftoken"
TOKEN_EXPIRY_SECONDS = 3600
` },
  { path: 'cmd/worker/main.go', text: `package main

import (
	"log"
	"os"

	"github.com/slack-go/slack"
)

const slackToken = "{{fake:slack-bot.1}}"
const tokenHeader = "X-Slack-Token"

func main() {
	api := slack.New(slackToken)
	gh := os.Getenv("GITHUB_TOKEN")
	if gh == "" {
		log.Fatal("GITHUB_TOKEN is not set")
	}
	dsn := "mysql://worker:{{fake:db-password.2}}@tcp(mysql.internal:3306)/jobs"
	_ = dsn
	_ = api
}
` },
  { path: 'src/main/java/com/acme/Clients.java', text: `package com.acme;

public final class Clients {
    private static final String TWILIO_SID = "AC" + "0123456789abcdef0123456789abcdef";
    private static final String TWILIO_AUTH_TOKEN = "{{fake:twilio-auth-token.1}}";
    private static final String PASSWORD_FIELD = "password";
    private static final String GITLAB_TOKEN = "{{fake:gitlab-pat.1}}";
    private static final String TOKEN_PREFIX = "Bearer ";
    private static final String SHA = "3f786850e387550fdab836ed7e6dc881de23001b";

    String apiKey() { return System.getenv("PARTNER_API_KEY"); }
}
` },
  { path: 'appsettings.Production.json', text: `{
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "ConnectionStrings": {
    "Orders": "Server=tcp:orders.database.windows.net,1433;Database=orders;User ID=orders;Password={{fake:password.3}};Encrypt=True;",
    "Storage": "DefaultEndpointsProtocol=https;AccountName=acmeorders;AccountKey={{fake:azure-storage-key.1}};EndpointSuffix=core.windows.net",
    "Cache": "acme.redis.cache.windows.net:6380,password=\${REDIS_KEY},ssl=True"
  },
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "ClientId": "{{fake:uuid.1}}",
    "TenantId": "{{fake:uuid.2}}",
    "ClientSecret": "{{fake:azure-ad-client-secret.1}}"
  },
  "ServiceBus": "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={{fake:base64-32.3}}"
}
` },
  { path: '.npmrc', text: `registry=https://registry.npmjs.org/
@acme:registry=https://npm.pkg.github.com/
//npm.pkg.github.com/:_authToken={{fake:github-pat.1}}
//registry.npmjs.org/:_authToken=\${NPM_TOKEN}
save-exact=true
` },
  { path: 'notebooks/churn.ipynb', text: JSON.stringify({ cells: [
    { cell_type: 'markdown', source: ['# Churn model\n', 'Set `HF_TOKEN` in your environment before running.\n'] },
    { cell_type: 'code', source: ['import os\n', 'from huggingface_hub import login\n', 'login(token="{{fake:huggingface.1}}")\n', 'openai_key = os.environ["OPENAI_API_KEY"]\n'] },
    { cell_type: 'code', source: ['client = Anthropic(api_key="{{fake:anthropic.1}}")\n'] },
  ] }, null, 1) },
  { path: 'scripts/deploy.sh', text: `#!/usr/bin/env bash
set -euo pipefail
export DIGITALOCEAN_ACCESS_TOKEN={{fake:digitalocean.1}}
export HEROKU_API_KEY="\${HEROKU_API_KEY:?missing}"
curl -sf -H "Authorization: Bearer {{fake:linear.1}}" https://api.linear.app/graphql -d @query.json
docker login -u acme -p "{{fake:docker-hub.1}}"
echo "deploying $(git rev-parse HEAD)"
` },
  { path: 'README.md', text: `# Orders API

## Configuration

Copy \`.env.example\` to \`.env\` and fill in:

\`\`\`bash
STRIPE_SECRET_KEY=sk_live_your_key_here
OPENAI_API_KEY=<your-openai-key>
DATABASE_URL=postgres://user:password@localhost:5432/orders
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
\`\`\`

Authenticate with \`Authorization: Bearer <token>\`. Tokens look like \`ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\`.

The jwt.io sample \`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\` decodes to John Doe.

Our staging key (do not use in production): {{fake:stripe-test.1}}
` },
  { path: '.env.example', text: `# Copy to .env
DATABASE_URL=postgres://orders:changeme@localhost:5432/orders
STRIPE_SECRET_KEY=
SENDGRID_API_KEY=SG.xxxxxxxx.xxxxxxxx
SLACK_BOT_TOKEN=xoxb-your-token
JWT_SECRET=change-me-in-production
SESSION_SECRET=
GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
` },
  { path: '.env', text: `NODE_ENV=development
PORT=3000
DATABASE_URL=postgres://orders:{{fake:db-password.3}}@db.staging.internal:5432/orders
SESSION_SECRET={{fake:token.1}}
MAILCHIMP_API_KEY={{fake:mailchimp.1}}
MAILGUN_API_KEY={{fake:mailgun.1}}
NEW_RELIC_API_KEY={{fake:newrelic-user-key.1}}
OKTA_API_TOKEN={{fake:okta-token.1}}
AUTH0_CLIENT_SECRET={{fake:auth0-client-secret.1}}
AUTH0_DOMAIN=acme.eu.auth0.com
LOG_FORMAT=json
FEATURE_FLAGS=checkout-v2,new-search
` },
  { path: 'src/config/firebase.ts', text: `// Firebase web config: these values are public by design.
export const firebaseConfig = {
  apiKey: "AIzaSyDOCAbC123dEf456GhI789jKl01-MnOpQr",
  authDomain: "acme-prod.firebaseapp.com",
  projectId: "acme-prod",
  storageBucket: "acme-prod.appspot.com",
  messagingSenderId: "123456789012",
  appId: "1:123456789012:web:abcdef0123456789",
};
export const fcmServerKey = "{{fake:fcm-server-key.1}}";
` },
  { path: 'src/lib/clients.ts', text: `import Stripe from "stripe";
import OpenAI from "openai";
import { WebClient } from "@slack/web-api";

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: "2024-06-20" });
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
export const slack = new WebClient("{{fake:slack-user.1}}");
export const groq = { apiKey: "{{fake:groq.1}}" };
export const replicateToken = "{{fake:replicate.1}}";
const TOKEN_STORAGE_KEY = "acme.auth.token";
const passwordRegex = /^(?=.*[A-Z])(?=.*\\d).{12,}$/;
export const shopify = { accessToken: "{{fake:shopify.1}}", apiVersion: "2024-07" };
export const postman = "{{fake:postman.1}}";
export const notion = new Client({ auth: "{{fake:notion.1}}" });
` },
  { path: 'src/auth/session.js', text: `const jwt = require('jsonwebtoken');
const SERVICE_TOKEN = '{{fake:jwt.1}}';
const EXPIRED_FOR_TESTS = '{{fake:jwt-expired.1}}';
const SUPABASE_ANON_KEY = '{{fake:jwt-anon.1}}';
module.exports = function sign(user) {
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
};
const tokenType = 'Bearer';
const refreshTokenKey = 'refresh_token';
const password = req.body.password;
const passwordConfirm = user.passwordConfirm;
` },
  { path: 'test/fixtures/users.json', text: `{
  "users": [
    { "id": "{{fake:uuid.3}}", "email": "alice@example.com", "password": "correct horse battery staple" },
    { "id": "{{fake:uuid.4}}", "email": "bob@example.com", "passwordHash": "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG" },
    { "id": "{{fake:uuid.5}}", "apiToken": "{{fake:token.2}}" }
  ]
}
` },
  { path: 'package-lock.json', text: `{
  "name": "orders",
  "lockfileVersion": 3,
  "packages": {
    "node_modules/left-pad": {
      "version": "1.3.0",
      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
      "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEpxpKCO8ZB2yOhr7DtJh0SvKYlE0N3jk54bKYF5YaQ64kw=="
    },
    "node_modules/acme-internal": {
      "version": "2.0.0",
      "resolved": "https://ci:{{fake:token.3}}@npm.acme.internal/acme-internal/-/acme-internal-2.0.0.tgz",
      "integrity": "sha1-Kq5sNclPz7QV2+lfQIuSSnBrZqs="
    }
  }
}
` },
  { path: 'deploy/keys/deploy_key', text: `{{fake:openssh-private-key.1}}
` },
  { path: 'deploy/keys/README.txt', text: `Public key for the deploy user:
{{fake:public-key.1}}

TLS chain:
{{fake:certificate.1}}

Signing key (age):
{{fake:age-secret-key.1}}
` },
  { path: 'config/credentials/gcp-exporter.json', text: `{
  "type": "service_account",
  "project_id": "acme-exports",
  "private_key_id": "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
  "private_key": "{{fake:private-key.1}}",
  "client_email": "exporter@acme-exports.iam.gserviceaccount.com",
  "client_id": "109876543210987654321"
}
` },
  { path: 'ansible/group_vars/all.yml', text: `app_user: orders
app_db_password: "{{fake:password.4}}"
app_db_password_file: /etc/orders/db_password
vault_token: "{{ lookup('env', 'VAULT_TOKEN') }}"
pagerduty_service_key: "{{ vault_pagerduty_key }}"
grafana_token: {{fake:grafana-service-account.1}}
rabbitmq_password: guest
cloudflare_api_token: {{fake:cloudflare-token.1}}
` },
  { path: 'config/database.yml', text: `default: &default
  adapter: postgresql
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
production:
  <<: *default
  url: <%= ENV["DATABASE_URL"] %>
staging:
  <<: *default
  password: {{fake:password.5}}
test:
  <<: *default
  password: test
` },
  { path: 'php/config.php', text: `<?php
return [
    'db' => ['host' => 'db', 'user' => 'shop', 'password' => '{{fake:password.6}}'],
    'mail' => ['password' => getenv('MAIL_PASSWORD')],
    'brevo_key' => '{{fake:brevo.1}}',
    'square_token' => '{{fake:square.1}}',
    'password_min_length' => 12,
];
` },
  { path: 'web/dist/app.min.js', text: `!function(){"use strict";var e={apiUrl:"https://api.acme.dev",token:t.token,password:n.password,publicKey:"pk_live_51HqL3eJxYz0aBcDeFgHiJkLmNoPqRsTuVwXyZ"};function t(e){return e.accessToken||e.refreshToken}var n="passwordInput",r={secret:"{{fake:base64-32.5}}"},o="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";window.__CFG__={sentry:"https://{{fake:sentry-public.2}}@o1.ingest.sentry.io/2",mapbox:"pk.eyJ1IjoiYWNtZSIsImEiOiJjbGV4YW1wbGUwMDAwMDAwMDAwMDAwMDAwMCJ9.abcdefghijklmnopqrstuv"}}();${' var x=1;'.repeat(120)}
` },
  { path: 'src/integrations/vendors.py', text: `import os

SENTRY_DSN = "https://{{fake:sentry-public.3}}:{{fake:sentry-secret.1}}@o12345.ingest.sentry.io/67890"
PAGER_TOKEN = os.environ["PAGER_TOKEN"]
SONAR_TOKEN = "{{fake:sonar-token.1}}"
VAULT_TOKEN = "{{fake:vault-token.1}}"
DATABRICKS_TOKEN = "{{fake:databricks.1}}"
PULUMI_ACCESS_TOKEN = "{{fake:pulumi.1}}"
DOPPLER_TOKEN = "{{fake:doppler.1}}"
TELEGRAM_BOT_TOKEN = "{{fake:telegram.1}}"
DISCORD_WEBHOOK = "{{fake:discord-webhook.1}}"
RUBYGEMS_KEY = "{{fake:rubygems.1}}"
NUGET_API_KEY = "{{fake:nuget.1}}"
PYPI_TOKEN = "{{fake:pypi.1}}"
ATLASSIAN_TOKEN = "{{fake:atlassian-api-token.1}}"
BITBUCKET_APP_PASSWORD = "{{fake:bitbucket-app-password.1}}"
AZURE_DEVOPS_PAT = "{{fake:azure-devops-pat.1}}"
HEROKU_API_KEY = "{{fake:heroku.1}}"
GOOGLE_MAPS_KEY = "{{fake:gcp-api-key.1}}"
TWILIO_API_KEY = "{{fake:twilio-api-key.1}}"
GITHUB_APP_TOKEN = "{{fake:github-app.1}}"
GITHUB_OAUTH = "{{fake:github-oauth.1}}"
FINE_GRAINED = "{{fake:github-fine-grained.1}}"
OPENAI_LEGACY = "{{fake:openai-legacy.1}}"
RSA_KEY = """{{fake:rsa-private-key.1}}"""
` },
  { path: 'src/util/hash.ts', text: `export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
export const commitSha = "8e5e7e5ab8b370d6c329ec480221332ada57f0ab";
export const etag = "W/\\"5e15153d-120f\\"";
export const secretName = "prod/orders/db";
export const tokenizer = new Tokenizer({ maxTokens: 4096 });
export const passwordPolicy = { minLength: 12, requireSymbol: true };
export const apiKeyHeader = "X-API-Key";
export const correlationId = "{{fake:uuid.6}}";
export const secretsManagerArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-db-AbCdEf";
export const keyVaultRef = "@Microsoft.KeyVault(SecretUri=https://acme.vault.azure.net/secrets/db/)";
export const onePasswordRef = "op://Engineering/Orders DB/password";
` },
  { path: 'test/auth.test.js', text: `describe('login', () => {
  // fake credentials for the mock server
  const fakeToken = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
  const MOCK_API_KEY = '5f4dcc3b5aa765d61d8327deb882cf99';
  it('rejects a wrong password', async () => {
    await request(app).post('/login').send({ username: 'alice', password: 'wrong-password' }).expect(401);
  });
  it('accepts the seeded password', async () => {
    await request(app).post('/login').send({ username: 'admin', password: '{{fake:password.7}}' }).expect(200);
  });
});
` },
  { path: 'docs/api.md', text: `## Authentication

Send your key in the \`X-Api-Key\` header:

\`\`\`http
GET /v1/orders HTTP/1.1
X-Api-Key: YOUR_API_KEY
\`\`\`

Webhooks are signed with your endpoint secret (\`whsec_...\`).

Example response:

\`\`\`json
{ "token": "<access token>", "token_type": "Bearer", "expires_in": 3600 }
\`\`\`

Internal runbook (do not publish): the admin token is {{fake:okta-token.2}} for okta_admin.
` },
];
