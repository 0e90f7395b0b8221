// The shared secret scanner: checksums, masking, fingerprints, the per-file cache, file kinds,
// service-account JSON and the environment fix in each language.
import { strict as assert } from 'node:assert';
import { hasValidCrc32Suffix } from '../../rules/api/secrets/checksum';
import { envVariableOfFix } from '../../rules/api/secrets/fix';
import { maskSecret, secretFingerprint } from '../../rules/api/secrets/mask';
import { PROVIDER_DETECTORS } from '../../rules/api/secrets/providers';
import { fileKind, scanText, secretsIn } from '../../rules/api/secrets/scanner';
import { REGISTRY } from '../../rules';
import { analyze } from '../../server/src/engine/engine';
import { FAKE_SECRETS } from '../harness/fake-secrets';

const fake = (name: string, seed = name): string => FAKE_SECRETS[name]!(seed);
const secretRules = REGISTRY.filter((r) => r.folder.startsWith('secrets/')).map((r) => r.rule);
const run = (path: string, text: string) => analyze({ path, text }, { rules: secretRules });

describe('secret scanner', () => {
  it('has at least 60 distinct provider detectors', () => {
    const providers = new Set(PROVIDER_DETECTORS.map((d) => d.id));
    assert.ok(providers.size >= 60, `${providers.size} detectors`);
  });

  it('validates GitHub and npm CRC32 checksums', () => {
    const token = fake('github-pat');
    assert.ok(hasValidCrc32Suffix(token, 4));
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    assert.ok(!hasValidCrc32Suffix(flipped, 4));
    assert.ok(hasValidCrc32Suffix(fake('npm'), 4));
  });

  it('reports a random token without a valid checksum, but not a patterned one', () => {
    const random = `ghp_${(fake('token') + fake('token', 'more')).replace(/[_-]/g, 'x').slice(0, 36)}`;
    assert.equal(scanText('a.js', `const t = "${random}";`).length, 1);
    assert.equal(scanText('a.js', `const t = "ghp_${'ab12'.repeat(9)}";`).length, 0);
  });

  it('masks to at most four characters and the length', () => {
    assert.equal(maskSecret('ghp_0123456789abcdefghijklmnopqrstuvwxyz'), 'ghp_… (40 chars)');
    assert.equal(maskSecret('hunter22'), 'hu… (8 chars)');
    const finding = run('config.js', `const stripe = require('stripe')('${fake('stripe-live')}');\n`)[0]!;
    assert.match(finding.message, /sk_l… \(107 chars\)/);
  });

  it('gives fingerprints that survive line moves and are keyed hashes, not the secret', () => {
    const token = fake('slack-bot');
    const before = run('notify.js', `const slack = '${token}';\n`)[0]!;
    const after = run('notify.js', `// Slack\n\n\nconst slack = '${token}';\n`)[0]!;
    assert.equal(before.fingerprint, after.fingerprint);
    assert.ok(!before.fingerprint.includes(token.slice(5, 15)));
    assert.notEqual(secretFingerprint('no-messaging-service-tokens', token), secretFingerprint('no-messaging-service-tokens', fake('slack-bot', 'other')));
    const other = run('notify.js', `const slack = '${fake('slack-bot', 'other')}';\n`)[0]!;
    assert.notEqual(before.fingerprint, other.fingerprint);
  });

  it('scans a file once for all secret rules (cached per analysed file)', () => {
    const owner = {};
    const text = `TOKEN=${fake('github-pat')}\n`;
    assert.equal(secretsIn(owner, '.env', text), secretsIn(owner, '.env', text));
    assert.notEqual(secretsIn(owner, '.env', text), secretsIn(owner, '.env', `${text}\n`));
  });

  it('skips binary files and source maps, and reads lock files for tokens and URLs only', () => {
    assert.equal(fileKind('assets/logo.png'), 'skip');
    assert.equal(fileKind('dist/app.js.map'), 'skip');
    assert.equal(fileKind('package-lock.json'), 'lock');
    assert.equal(fileKind('yarn.lock'), 'lock');
    assert.equal(fileKind('.env.production'), 'config');
    assert.equal(fileKind('src/app.tsx'), 'code');
    assert.deepEqual(scanText('yarn.lock', `  password "${fake('password')}"\n`), []);
    assert.equal(scanText('yarn.lock', `  resolved "https://npm.pkg.github.com/x/-/x-1.0.0.tgz?token=${fake('github-pat')}"\n`).length, 1);
  });

  it('recognises a Google service-account key file with escaped line breaks', () => {
    const pem = fake('private-key').replace(/\n/g, '\\n');
    const json = `{\n  "type": "service_account",\n  "project_id": "acme",\n  "private_key_id": "${fake('hex-40')}",\n  "private_key": "${pem}",\n  "client_email": "x@acme.iam.gserviceaccount.com"\n}\n`;
    const found = scanText('sa.json', json);
    assert.deepEqual(found.map((c) => [c.rule, c.detectorId]), [['no-cloud-credentials', 'gcp-service-account-key']]);
  });

  it('finds secrets in notebooks, whose code is JSON-escaped', () => {
    const notebook = JSON.stringify({ cells: [{ source: [`api_key = "${fake('hex-32')}"\n`] }] });
    assert.equal(scanText('explore.ipynb', notebook).length, 1);
  });

  describe('the environment fix', () => {
    it('JavaScript: a safe fix to process.env', () => {
      const finding = run('a.js', `const octokit = new Octokit({ auth: "${fake('github-pat')}" });\n`)[0]!;
      assert.equal(finding.fix?.edits[0]?.text, 'process.env.GITHUB_TOKEN');
      assert.equal(envVariableOfFix(finding.fix!.title), 'GITHUB_TOKEN');
    });
    it('JSX attributes get braces', () => {
      const finding = run('Map.tsx', `export const M = () => <Map apiKey="${fake('gcp-api-key')}" />;\n`)[0]!;
      assert.equal(finding.fix?.edits[0]?.text, '{process.env.GOOGLE_API_KEY}');
    });
    it('Python with `import os`: a safe fix; without it: a suggestion that adds the import', () => {
      const withImport = run('a.py', `import os\nOPENAI_API_KEY = "${fake('openai')}"\n`)[0]!;
      assert.equal(withImport.fix?.edits[0]?.text, 'os.environ["OPENAI_API_KEY"]');
      const without = run('a.py', `#!/usr/bin/env python3\nOPENAI_API_KEY = "${fake('openai')}"\n`)[0]!;
      assert.equal(without.fix, undefined);
      assert.deepEqual(without.suggestions?.[0]?.edits.map((e) => e.text), ['import os\n', 'os.environ["OPENAI_API_KEY"]']);
    });
    it('a secret inside a longer literal: a suggestion with a template literal', () => {
      const finding = run('a.js', `fetch(url, { headers: { Authorization: "Bearer ${fake('github-pat')}" } });\n`)[0]!;
      assert.equal(finding.fix, undefined);
      assert.equal(finding.suggestions?.[0]?.edits[0]?.text, '`Bearer ${process.env.GITHUB_TOKEN}`');
    });
    it('shell: a fix to "${NAME}"; .env files: no edit (they are the environment)', () => {
      const shell = run('deploy.sh', `export NPM_TOKEN=${fake('npm')}\n`)[0]!;
      assert.equal(shell.fix?.edits[0]?.text, '"${NPM_TOKEN}"');
      const env = run('.env', `NPM_TOKEN=${fake('npm')}\n`)[0]!;
      assert.equal(env.fix, undefined);
      assert.equal(env.suggestions, undefined);
    });
    it('GitHub Actions workflows: a suggestion to use the secrets context', () => {
      const finding = run('.github/workflows/ci.yml', `env:\n  SLACK_BOT_TOKEN: ${fake('slack-bot')}\n`)[0]!;
      assert.equal(finding.suggestions?.[0]?.edits[0]?.text, '${{ secrets.SLACK_BOT_TOKEN }}');
    });
  });
});
