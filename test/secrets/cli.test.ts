// Secrets through the real CLI: planted fake credentials are found in every kind of file, and no
// output format, baseline file or log line ever contains one of them in full.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/cli';
import { FAKE_SECRETS } from '../harness/fake-secrets';
import { parseBaseline } from '../../server/src/cli/baseline';

const fake = (name: string, seed = name): string => FAKE_SECRETS[name]!(seed);

/** Files of a small project, each with planted fakes; returns the planted values. */
function plant(dir: string): string[] {
  const planted: string[] = [];
  const use = (name: string, seed?: string): string => {
    const value = fake(name, seed);
    planted.push(value);
    return value;
  };
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'deploy'), { recursive: true });
  mkdirSync(join(dir, 'notebooks'), { recursive: true });
  writeFileSync(join(dir, '.env'), `DB_PASSWORD=${use('password', 'env-db')}\nSTRIPE_SECRET_KEY=${use('stripe-live')}\n`);
  writeFileSync(join(dir, 'src', 'github.js'), `const { Octokit } = require('@octokit/rest');\nconst octokit = new Octokit({ auth: '${use('github-pat')}' });\nmodule.exports = octokit;\n`);
  writeFileSync(join(dir, 'src', 'db.ts'), `export const url = "postgres://orders:${use('db-password')}@db.internal:5432/orders";\n`);
  writeFileSync(join(dir, 'src', 'settings.py'), `import os\nSECRET_KEY = "${use('base64-32')}"\nOPENAI_API_KEY = "${use('openai')}"\n`);
  writeFileSync(join(dir, 'deploy', 'id_rsa'), `${use('rsa-private-key')}\n`);
  writeFileSync(join(dir, 'deploy', 'docker-compose.yml'), `services:\n  api:\n    environment:\n      SLACK_BOT_TOKEN: ${use('slack-bot')}\n      AWS_SECRET_ACCESS_KEY: ${use('aws-secret-access-key')}\n`);
  const notebook = { cells: [{ cell_type: 'code', source: [`anthropic_key = "${use('anthropic')}"\n`, 'client = Anthropic(api_key=anthropic_key)\n'] }] };
  writeFileSync(join(dir, 'notebooks', 'explore.ipynb'), JSON.stringify(notebook, null, 1));
  writeFileSync(join(dir, 'deploy', 'tokens.sh'), `#!/bin/sh\nexport NPM_TOKEN=${use('npm')}\n`);
  return planted;
}

/** Fails if any 12-character window of a planted value appears in `output`. */
function assertNoLeak(output: string, planted: string[], where: string): void {
  for (const secret of planted) {
    for (let i = 0; i + 12 <= secret.length; i += 4) {
      const window = secret.slice(i, i + 12);
      assert.ok(!output.includes(window), `${where} contains part of a planted secret (${secret.slice(0, 4)}…, ${secret.length} chars): "${window.slice(0, 4)}…"`);
    }
  }
}

describe('secrets through the CLI', function () {
  this.timeout(240_000);
  let dir: string;
  let planted: string[];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'guardline-secrets-'));
    planted = plant(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every planted secret and never prints one, in any format, file or log', () => {
    const outputs: Array<[string, string]> = [];
    const json = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none']);
    assert.equal(json.code, 0, json.stderr);
    outputs.push(['json stdout', json.stdout], ['json stderr', json.stderr]);
    const report = JSON.parse(json.stdout) as { findings: Array<{ path: string; ruleId: string; message: string; fingerprint: string }> };
    const secretFindings = report.findings.filter((f) => /secret|token|key|credential|url/.test(f.ruleId) && f.ruleId.startsWith('no-'));
    assert.ok(secretFindings.length >= planted.length, `expected at least ${planted.length} secret findings, got ${secretFindings.length}:\n${secretFindings.map((f) => `${f.path} ${f.ruleId}`).join('\n')}`);
    for (const f of secretFindings) assert.match(f.message, /… \(\d+ chars\)/, 'messages carry the masked form');
    for (const format of ['text', 'sarif']) {
      const run = runCli(['scan', dir, '--format', format, '--fail-on', 'none']);
      outputs.push([`${format} stdout`, run.stdout], [`${format} stderr`, run.stderr]);
    }
    const sarifFile = join(dir, '..', `${dir.split('/').pop()}.sarif`);
    const toFile = runCli(['scan', dir, '--format', 'sarif', '--output', sarifFile]);
    assert.equal(toFile.code, 1, 'secrets fail the build at the default --fail-on high');
    outputs.push(['sarif file', readFileSync(sarifFile, 'utf8')], ['sarif run stderr', toFile.stderr + toFile.stdout]);
    rmSync(sarifFile, { force: true });
    const baselineFile = join(dir, 'guardline.baseline.jsonl');
    const baseline = runCli(['baseline', dir, '--output', baselineFile]);
    assert.equal(baseline.code, 0, baseline.stderr);
    outputs.push(['baseline stdout', baseline.stdout + baseline.stderr], ['baseline file', readFileSync(baselineFile, 'utf8')]);
    const after = runCli(['scan', dir, '--baseline', baselineFile, '--format', 'text']);
    outputs.push(['scan with baseline', after.stdout + after.stderr]);
    rmSync(baselineFile);
    for (const [where, output] of outputs) assertNoLeak(output, planted, where);
  });

  it('a baseline hides known secrets, survives line moves, and still reports new ones', () => {
    const project = mkdtempSync(join(tmpdir(), 'guardline-baseline-'));
    try {
      const token = fake('github-pat', 'baseline-1');
      writeFileSync(join(project, 'guardline.yaml'), 'baseline: guardline.baseline.jsonl\n');
      writeFileSync(join(project, 'ci.js'), `const token = '${token}';\n`);
      const written = runCli(['baseline', project]);
      assert.equal(written.code, 0, written.stderr);
      const text = readFileSync(join(project, 'guardline.baseline.jsonl'), 'utf8');
      assert.ok(!text.includes(token.slice(4, 16)), 'the baseline holds no secret');
      assert.ok(!/\d{4}-\d\d-\d\dT/.test(text), 'no timestamps');
      const entries = parseBaseline(text).entries;
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.path, 'ci.js');

      const quiet = runCli(['scan', project, '--format', 'json']);
      assert.equal(quiet.code, 0, 'the baselined secret no longer fails the build');
      assert.equal((JSON.parse(quiet.stdout) as { findings: unknown[] }).findings.length, 0);

      // Lines added above it: still the same finding.
      writeFileSync(join(project, 'ci.js'), `// CI helpers\n\n'use strict';\nconst token = '${token}';\n`);
      assert.equal(runCli(['scan', project, '--format', 'json']).code, 0);

      // A new secret is reported; the old one stays hidden.
      const fresh = fake('slack-bot', 'baseline-2');
      writeFileSync(join(project, 'ci.js'), `const token = '${token}';\nconst slack = '${fresh}';\n`);
      const loud = runCli(['scan', project, '--format', 'json']);
      assert.equal(loud.code, 1);
      const findings = (JSON.parse(loud.stdout) as { findings: Array<{ ruleId: string; start: { line: number } }> }).findings;
      assert.deepEqual(findings.map((f) => [f.ruleId, f.start.line]), [['no-messaging-service-tokens', 2]]);

      // --no-baseline shows everything again.
      const all = runCli(['scan', project, '--format', 'json', '--no-baseline']);
      assert.equal((JSON.parse(all.stdout) as { findings: unknown[] }).findings.length, 2);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
