// SARIF output checked by the official validator (SARIF Multitool: schema, SARIF rules and the
// rules GitHub code scanning applies), plus the parts code-scanning services rely on.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../harness/cli';

const MULTITOOL_DIR = join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux');
const MULTITOOL = join(MULTITOOL_DIR, 'Sarif.Multitool');

interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string; markdown: string }; properties: { tags: string[] } }> } };
    results: Array<{ ruleId: string; rank: number; level: string; partialFingerprints: Record<string, string>; locations: unknown[]; codeFlows?: unknown[]; fixes?: unknown[] }>;
  }>;
}

function validate(file: string, dir: string): Array<{ level: string; ruleId: string; message: string }> {
  const out = join(dir, 'validation.sarif');
  const result = spawnSync(MULTITOOL, ['validate', file, '-o', out, '--log', 'ForceOverwrite', '-j', join(MULTITOOL_DIR, 'sarif-2.1.0.json'), '--rule-kind', 'Sarif;Gh'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  assert.equal(result.status, 0, `validator failed to run: ${result.stderr}${result.stdout}`);
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ results: Array<{ level?: string; ruleId: string; message: { arguments?: string[] } }> }> };
  return log.runs[0]!.results.map((r) => ({ level: r.level ?? 'warning', ruleId: r.ruleId, message: JSON.stringify(r.message.arguments ?? []) }));
}

describe('SARIF output', function () {
  this.timeout(180_000);
  let dir: string;
  before(function () {
    if (!existsSync(MULTITOOL)) throw new Error(`SARIF Multitool not installed at ${MULTITOOL} (npm ci installs it)`);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guardline-sarif-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('validates the demo scan against the schema, the SARIF rules and GitHub code scanning rules', () => {
    const file = join(dir, 'examples.sarif');
    const result = runCli(['scan', 'examples', '--format', 'sarif', '--output', file, '--fail-on', 'none']);
    assert.equal(result.code, 0, result.stderr);
    const problems = validate(file, dir);
    assert.deepEqual(problems, [], 'validator findings');
    const log = JSON.parse(readFileSync(file, 'utf8')) as SarifLog;
    const run = log.runs[0]!;
    assert.ok(run.results.length > 0, 'the demo has findings');
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.help.markdown.includes('## Why this matters'), `${rule.id} carries its explanation`);
      assert.ok(rule.properties.tags.some((t) => /^external\/cwe\/cwe-\d+$/.test(t)), `${rule.id} has a CWE tag`);
    }
    for (const r of run.results) {
      assert.ok(r.rank >= 0 && r.rank <= 100);
      assert.match(r.partialFingerprints['guardlineFingerprint/v1']!, /^[0-9a-f]{32}$/);
    }
    assert.ok(run.results.some((r) => r.codeFlows), 'traced flows become code flows');
    assert.ok(run.results.some((r) => r.fixes), 'fixes are included');
  });

  it('detects a broken log (the validator really checks)', () => {
    const file = join(dir, 'broken.sarif');
    writeFileSync(file, JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, rank: 200 }] }] }));
    const problems = validate(file, dir);
    assert.ok(problems.some((p) => p.level === 'error'));
  });

  it('keeps partial fingerprints when lines are inserted above a finding', () => {
    const code = `const { exec } = require('child_process');\napp.get('/x', (req, res) => exec('ls ' + req.query.dir));\n`;
    const app = join(dir, 'app.js');
    const fingerprints = (): string[] => {
      const out = join(dir, 'out.sarif');
      runCli(['scan', app, '--format', 'sarif', '--output', out, '--fail-on', 'none']);
      return (JSON.parse(readFileSync(out, 'utf8')) as SarifLog).runs[0]!.results.map((r) => r.partialFingerprints['guardlineFingerprint/v1']!);
    };
    writeFileSync(app, code);
    const before = fingerprints();
    writeFileSync(app, `// header\n'use strict';\n\n${code}`);
    const after = fingerprints();
    assert.equal(before.length, 1);
    assert.deepEqual(after, before);
  });
});
