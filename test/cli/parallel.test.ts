// `guardline scan` in worker threads: the same report, byte for byte, as in one thread (findings
// and notes in walk order), and a worker that fails or dies on a file costs only that file.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/cli';
import { ScanPool } from '../../server/src/cli/scan-pool';
import type { FileOutcome } from '../../server/src/cli/scan-worker';

const VULNERABLE = `const { exec } = require('child_process');
const express = require('express');
const app = express();
app.get('/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host);
});
`;

describe('parallel scan', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'guardline-parallel-'));
    // Enough files for workers, in nested folders, with findings, clean files and every kind of note.
    for (let i = 0; i < 90; i++) {
      const folder = join(dir, `pkg${i % 7}`, i % 2 ? 'src' : 'lib');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `file${i}.js`), i % 3 === 0 ? VULNERABLE : `module.exports = function add(a, b) { return a + b; }; // ${i}\n`);
    }
    writeFileSync(join(dir, 'pkg3', 'binary.txt'), Buffer.from([0x61, 0x00, 0x62]));
    writeFileSync(join(dir, 'pkg4', 'latin1.js'), Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]));
    writeFileSync(join(dir, 'pkg5', 'big.js'), `// ${'x'.repeat(5000)}\n`);
    writeFileSync(join(dir, 'pkg6', 'broken.ts'), 'export function f( {\n');
    writeFileSync(join(dir, 'pkg2', 'config.env'), 'DATABASE_URL=postgres://admin:s3cr3t-Pa55w0rd@db.internal:5432/app\n');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same report with 1 and 3 threads, in every format', () => {
    for (const format of ['json', 'sarif', 'text']) {
      const args = ['scan', dir, '--format', format, '--fail-on', 'none', '--max-file-size', '4096'];
      const one = runCli([...args, '--jobs', '1']);
      const three = runCli([...args, '--jobs', '3']);
      assert.equal(one.code, 0, one.stderr);
      assert.equal(three.code, 0, three.stderr);
      assert.equal(three.stdout, one.stdout, `${format} report differs`);
      if (format === 'json') {
        const report = JSON.parse(one.stdout) as { findings: Array<{ ruleId: string }>; notes: Array<{ message: string }>; summary: { filesScanned: number } };
        assert.equal(report.findings.filter((f) => f.ruleId === 'no-command-injection').length, 30);
        assert.ok(report.notes.some((n) => /binary/.test(n.message)) && report.notes.some((n) => /UTF-8/.test(n.message)) && report.notes.some((n) => /limit/.test(n.message)), JSON.stringify(report.notes));
      }
    }
  });

  it('rejects a --jobs that is not a whole number of at least 1', () => {
    const result = runCli(['scan', dir, '--jobs', '0']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--jobs must be a whole number of at least 1/);
  });

  it('keeps every other file when a worker fails or dies on one', async () => {
    const names = ['a.js', 'crash.js', 'b.js', 'exit.js', 'c.js', 'd.js', 'e.js', 'f.js'];
    for (const name of names) writeFileSync(join(dir, name), VULNERABLE);
    const outcomes = new Map<string, FileOutcome>();
    const pool = new ScanPool(2, { audit: false, rulesModule: join(__dirname, 'fixtures', 'failing-rules.ts') }, (outcome) => outcomes.set(outcome.path, outcome));
    names.forEach((name, id) => pool.submit({ id, absolute: join(dir, name), path: name }));
    await pool.close();
    assert.deepEqual([...outcomes.keys()].sort(), [...names].sort(), 'every file has an outcome');
    for (const name of ['a.js', 'b.js', 'c.js', 'd.js', 'e.js', 'f.js']) {
      const outcome = outcomes.get(name)!;
      assert.ok(outcome.scanned && outcome.findings.some((f) => f.ruleId === 'no-command-injection'), `${name}: ${JSON.stringify(outcome.notes)}`);
    }
    assert.deepEqual(outcomes.get('crash.js')!.notes.map((n) => n.message), ['not analysed: deliberate failure outside any rule listener']);
    assert.deepEqual(outcomes.get('exit.js')!.notes.map((n) => n.message), ['not analysed: analysing it ended the worker thread twice (exit code 3)']);
    assert.equal(outcomes.get('exit.js')!.findings.length, 0);
  });
});
