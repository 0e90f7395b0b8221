// A second batch of realistic files, written after the detectors were tuned on samples.ts and
// not tuned against: more languages and formats, unknown providers caught only by their key,
// and the noise of real projects (i18n files, HTML forms, templating, vaults, tests).
import type { Sample } from './samples';

export const MORE_SAMPLES: Sample[] = [
  { path: 'locales/es.json', text: `{
  "login": { "password": "Contraseña", "forgotPassword": "¿Olvidaste tu contraseña?", "token": "Código de acceso" },
  "settings": { "apiKey": "Clave de API", "secret": "Secreto compartido", "tokenExpired": "Tu sesión ha caducado" }
}
` },
  { path: 'templates/login.html', text: `<form method="post" action="/login">
  <input type="text" name="username" autocomplete="username">
  <input type="password" name="password" placeholder="Password" autocomplete="current-password">
  <input type="hidden" name="csrf_token" value="{{ csrf_token() }}">
  <button>Sign in</button>
</form>
` },
  { path: 'src/db/connect.py', text: `import getpass
import psycopg2

conn = psycopg2.connect(host="db.internal", user="analytics", password="{{fake:password.11}}", dbname="warehouse")
admin = psycopg2.connect(host="db.internal", user="admin", password=getpass.getpass())
backup_password = input("Backup password: ")
API_SECRET = None
token = ""
` },
  { path: 'config/app.xml', text: `<configuration>
  <appSettings>
    <add key="SmtpPassword" value="{{fake:password.12}}" />
    <add key="SmtpUser" value="mailer" />
  </appSettings>
  <datasource>
    <user>reports</user>
    <password>{{fake:password.13}}</password>
    <password-file>/run/secrets/reports</password-file>
  </datasource>
</configuration>
` },
  { path: 'deploy/.netrc', text: `machine api.heroku.com
  login deploy@acme.dev
  password {{fake:heroku-legacy.11}}
` },
  { path: 'ansible/vault.yml', text: `db_password: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  62313365396662343061393464336163383764373764613633653634306231386433626436623361
api_token: ENC[AES256_GCM,data:Tr7o1Qe0,iv:2vJm,tag:9bT,type:str]
smtp_password: "{{ vault_smtp_password }}"
` },
  { path: 'k8s/registry-secret.yaml', text: `apiVersion: v1
kind: Secret
metadata:
  name: app
type: Opaque
data:
  password: {{fake:base64-32.11}}
  username: YXBw
` },
  { path: 'app/Services/Payments.kt', text: `package com.acme.payments

object Keys {
    val stripeSecretKey = "{{fake:stripe-live.11}}"
    const val TOKEN_HEADER = "X-Auth-Token"
    val passwordMinLength = 12
    val pusherAppSecret = "{{fake:hex-40.11}}"
}
` },
  { path: 'config/initializers/services.rb', text: `Rails.application.configure do
  config.x.algolia.admin_api_key = "{{fake:hex-32.11}}"
  config.x.mapbox.token = ENV.fetch("MAPBOX_TOKEN")
  config.x.recaptcha_secret_key = "{{fake:token.11}}"
  config.x.session_store_key = "_acme_session"
  config.x.password_reset_within = 2.hours
end
` },
  { path: 'src/api/http.ts', text: `const headers = {
  Authorization: "Basic c3ZjLXJlcG9ydHM6eA==",
  "X-Api-Key": "{{fake:token.12}}",
  "X-Request-Id": crypto.randomUUID(),
};
export const spotify = { clientId: "0123456789abcdef0123456789abcdef", clientSecret: "{{fake:hex-32.12}}" };
export const twitch = { client_secret: "{{fake:token.13}}" };
export const plaid = { secret: "{{fake:hex-32.13}}", env: "production" };
` },
  { path: 'scripts/backup.sh', text: `#!/bin/sh
PGPASSWORD='{{fake:password.14}}' pg_dump -h db.internal -U backup orders > /backups/orders.sql
mysqldump -u root -p"$MYSQL_ROOT_PASSWORD" shop > /backups/shop.sql
curl -u "deploy:{{fake:token.14}}" -T /backups/orders.sql https://files.acme.dev/upload/
aws s3 cp /backups s3://acme-backups --recursive
` },
  { path: 'pip.conf', text: `[global]
index-url = https://__token__:{{fake:token.15}}@pypi.acme.dev/simple
trusted-host = pypi.acme.dev
` },
  { path: 'config/secrets.toml', text: `[github]
app_id = 123456
webhook_secret = "{{fake:token.16}}"
private_key_path = "/etc/acme/github-app.pem"

[openai]
api_key = "{{fake:openai.11}}"
organization = "org-AbCdEfGhIjKlMnOpQrStUvWx"
` },
  { path: 'tests/test_client.py', text: `import pytest

DUMMY_TOKEN = "{{decoy:github-pat.11}}"
FAKE_STRIPE_KEY = "sk_live_" + "0" * 24


def test_rejects_bad_password(client):
    response = client.post("/login", json={"username": "alice", "password": "not-the-password"})
    assert response.status_code == 401


def test_signup(client):
    response = client.post("/signup", json={"username": "bob", "password": "Tr0ub4dor&3"})
    assert response.status_code == 201
` },
  { path: 'docs/setup.md', text: `## Local setup

1. Create a token at https://github.com/settings/tokens and export it:
   \`export GITHUB_TOKEN=<your token>\`
2. Run \`npm ci\`.

Example \`.env\`:

\`\`\`
SLACK_SIGNING_SECRET=your-signing-secret
SENTRY_AUTH_TOKEN=
OPENAI_API_KEY=sk-...
\`\`\`

The staging Slack signing secret is {{fake:hex-32.14}} (key: slack_signing_secret: {{fake:hex-32.14}}).
` },
  { path: 'src/main.rs', text: `use std::env;

const API_TOKEN: &str = "{{fake:token.17}}";
const TOKEN_ENV: &str = "ACME_TOKEN";

fn main() {
    let db_password = env::var("DB_PASSWORD").expect("DB_PASSWORD");
    let client = Client::new(API_TOKEN);
}
` },
  { path: 'lambda/handler.js', text: `exports.handler = async (event) => {
  const hubspot = new Hubspot({ accessToken: '{{fake:hex-40.12}}' });
  const sendgrid = require('@sendgrid/mail');
  sendgrid.setApiKey('{{fake:sendgrid.11}}');
  const secret = await secretsManager.getSecretValue({ SecretId: 'prod/lambda' }).promise();
  return { statusCode: 200, body: JSON.stringify({ ok: true, tokenCount: event.tokens.length }) };
};
` },
  { path: '.vscode/settings.json', text: `{
  "editor.formatOnSave": true,
  "sonarlint.connectedMode.connections.sonarqube": [{ "serverUrl": "https://sonar.acme.dev", "token": "{{fake:sonar-token.11}}" }],
  "rest-client.environmentVariables": { "prod": { "token": "{{fake:jwt.11}}" } }
}
` },
  { path: 'Makefile', text: `DOCKER_PASSWORD ?= $(shell cat ~/.docker-password)
REGISTRY_TOKEN := {{fake:docker-hub.11}}

login:
\tdocker login -u acme --password-stdin <<< "$(DOCKER_PASSWORD)"
` },
  { path: 'src/crypto/keys.ts', text: `export const WEBHOOK_SIGNING_KEY = "{{fake:base64-32.12}}";
export const ENCRYPTION_KEY = Buffer.from(process.env.ENCRYPTION_KEY ?? "", "base64");
export const PUBLIC_JWK = { kty: "RSA", n: "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWkRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw", e: "AQAB" };
export const sessionKeyName = "acme.sid";
` },
];
