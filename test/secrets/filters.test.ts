// Every noise filter, on both sides: the value it must drop and a near neighbour it must keep.
import { strict as assert } from 'node:assert';
import { scanText } from '../../rules/api/secrets/scanner';
import { materialise } from '../harness/fake-secrets';

/** Rules and detectors found in a snippet analysed as `path`. */
function found(path: string, text: string): string[] {
  return scanText(path, materialise(text)).map((c) => `${c.rule}/${c.detectorId}`);
}

const cases: Array<{ filter: string; path: string; dropped: string; kept: string }> = [
  { filter: 'placeholder words', path: 'app.env', dropped: 'API_KEY=YOUR_API_KEY_HERE', kept: 'API_KEY={{fake:token}}' },
  { filter: 'changeme', path: 'settings.py', dropped: 'DB_PASSWORD = "changeme"', kept: 'DB_PASSWORD = "{{fake:password}}"' },
  { filter: 'xxxx runs', path: 'config.yaml', dropped: 'token: xxxxxxxxxxxxxxxxxxxxxxxx', kept: 'token: {{fake:token}}' },
  { filter: '<token> markers', path: 'README.md', dropped: 'Authorization: Bearer <token>', kept: 'Authorization: Bearer {{fake:token}}' },
  { filter: '${VAR} references', path: 'docker-compose.yml', dropped: '      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}', kept: '      POSTGRES_PASSWORD: {{fake:password}}' },
  { filter: 'Helm templates', path: 'values.yaml', dropped: 'apiKey: "{{ .Values.x }}"', kept: 'apiKey: "{{fake:hex-32}}"' },
  { filter: 'environment reads in code', path: 'app.py', dropped: 'secret = os.environ["APP_SECRET"]', kept: 'secret = "{{fake:base64-32}}"' },
  { filter: 'secret-manager references', path: 'task.json', dropped: '"password": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"', kept: '"password": "{{fake:password}}"' },
  { filter: 'documented AWS example keys', path: 'aws.py', dropped: 'key = "AKIAIOSFODNN7EXAMPLE"', kept: 'key = "{{fake:aws-access-key-id}}"' },
  { filter: 'public keys', path: 'keys.txt', dropped: '{{fake:public-key}}', kept: '{{fake:private-key}}' },
  { filter: 'certificates', path: 'tls.txt', dropped: '{{fake:certificate}}', kept: '{{fake:rsa-private-key}}' },
  { filter: 'Stripe publishable keys', path: 'pay.js', dropped: 'const publishableKey = "pk_live_51HqL3eJxYz0aBcDeFgHiJkLmNoPqRsTuVwXyZ";', kept: 'const secretKey = "{{fake:stripe-live}}";' },
  { filter: 'UUIDs under token keys', path: 'app.env', dropped: 'REQUEST_TOKEN={{fake:uuid}}', kept: 'NPM_TOKEN={{fake:uuid}}' },
  { filter: 'git SHAs', path: 'deploy.yaml', dropped: 'commit_token_sha: 3f786850e387550fdab836ed7e6dc881de23001b', kept: 'deploy_token: 3f786850e387550fdab836ed7e6dc881de23001b' },
  { filter: 'hash digests', path: 'images.env', dropped: 'IMAGE_TOKEN=sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', kept: 'IMAGE_TOKEN=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
  { filter: 'lock-file integrity', path: 'package-lock.json', dropped: '      "integrity": "sha512-{{fake:base64-32}}{{fake:base64-32}}",', kept: '      "resolved": "https://ci:{{fake:token}}@npm.internal.acme.dev/left-pad/-/left-pad-1.3.0.tgz",' },
  { filter: 'data URIs', path: 'logo.js', dropped: 'const token = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";', kept: 'const token = "{{fake:base64-32}}";' },
  { filter: 'identifiers', path: 'auth.js', dropped: 'const accessToken = "accessTokenStorageKey";', kept: 'const accessToken = "{{fake:token}}";' },
  { filter: 'minified code', path: 'bundle.min.js', dropped: `${'var a=1;'.repeat(150)}e.password=t.password,r.token="readTokenFromCookie"`, kept: `${'var a=1;'.repeat(150)}e.secret="{{fake:base64-32}}"` },
  { filter: 'values marked fake', path: 'auth.test.js', dropped: 'const token = "{{fake:github-pat}}"; // fake token for the test', kept: 'const token = "{{fake:github-pat}}";' },
  { filter: 'fake in the key', path: 'fixtures.py', dropped: 'FAKE_API_KEY = "{{fake:hex-32}}"', kept: 'API_KEY = "{{fake:hex-32}}"' },
  { filter: 'source maps', path: 'dist/app.js.map', dropped: '{"sourcesContent":["const key = \\"{{fake:stripe-live}}\\";"]}', kept: '{"sourcesContent":["const key = \\"{{fake:stripe-live}}\\";"]}' },
  { filter: 'metadata keys', path: 'form.js', dropped: 'const passwordPlaceholder = "Xk9#mP2vL8qR";', kept: 'const adminPassword = "Xk9#mP2vL8qR";' },
  { filter: 'local default passwords in URLs', path: 'db.js', dropped: 'const url = "postgres://postgres:postgres@localhost/test";', kept: 'const url = "postgres://app:{{fake:db-password}}@localhost/test";' },
  { filter: 'expired JWTs', path: 'client.js', dropped: 'const t = "{{fake:jwt-expired}}";', kept: 'const t = "{{fake:jwt}}";' },
  { filter: 'public anon JWTs', path: 'supabase.js', dropped: 'const anonKey = "{{fake:jwt-anon}}";', kept: 'const serviceKey = "{{fake:jwt}}";' },
  { filter: 'placeholder key blocks', path: 'README.md', dropped: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----', kept: '{{fake:rsa-private-key}}' },
];

describe('secret noise filters', () => {
  for (const c of cases) {
    it(`${c.filter}: drops the noise, keeps the real one`, () => {
      if (c.filter === 'source maps') {
        assert.deepEqual(found(c.path, c.dropped), [], 'source maps are not scanned');
        assert.ok(found('dist/app.js', c.kept).length > 0, 'the same text in a real file is');
        return;
      }
      assert.deepEqual(found(c.path, c.dropped), [], `dropped: ${c.dropped.slice(0, 80)}`);
      assert.ok(found(c.path, c.kept).length > 0, `kept: ${c.kept.slice(0, 80)}`);
    });
  }
});
