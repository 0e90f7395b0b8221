// Smoke test of `npm run bench`: every section runs end to end on a tiny corpus and writes its
// JSON and table. Benchmarks report; this test asserts that they ran, never how fast.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('npm run bench (smoke, tiny corpus)', function () {
  this.timeout(15 * 60_000);
  let scratch: string;

  before(function () {
    if (!existsSync(join(root, 'dist', 'server.js')) || !existsSync(join(root, 'dist', 'cli.js'))) this.skip(); // npm test builds first
    scratch = mkdtempSync(join(tmpdir(), 'guardline-bench-smoke-'));
  });

  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('runs every section and writes a JSON result and a table', () => {
    const results = join(scratch, 'results');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'run.mjs'), '--quick', '--no-build', '--results-dir', results], {
      cwd: root,
      env: { ...process.env, GUARDLINE_BENCH_DIR: scratch },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(run.status, 0, `bench failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
    const json = readdirSync(results).find((name) => name.endsWith('.json'));
    assert.ok(json, 'a JSON result is written');
    const result = JSON.parse(readFileSync(join(results, json!), 'utf8'));
    const { latency, throughput, memory, scaling, secrets } = result.sections;
    assert.ok(latency.files.length >= 2 && latency.files.every((f: { edits: number; p95Ms: number }) => f.edits > 0 && f.p95Ms > 0));
    for (const tool of ['guardline-js', 'eslint', 'guardline-all', 'guardline-secrets', 'secretlint']) assert.ok(throughput.tools[tool].files > 0, `${tool} ran`);
    assert.equal(throughput.pairs.length, 3);
    assert.ok(memory.server.withDocuments.rssMB > 0 && memory.cli.peakMB > 0);
    assert.ok(scaling.bySize.length === 2 && scaling.search.length > 10);
    assert.ok(secrets.files > 0);
    const table = readFileSync(join(results, 'latest-quick.md'), 'utf8');
    for (const heading of ['Edit latency', 'Workspace throughput', 'Memory', 'Scaling']) assert.ok(table.includes(heading), heading);
  });
});
