// Bad input never crashes a scan: each case gives a clear note and the other files are still read.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/cli';

interface Report {
  findings: Array<{ path: string; ruleId: string; message: string }>;
  notes: Array<{ path: string; message: string }>;
  summary: { filesScanned: number };
}

describe('guardline scan on bad input', function () {
  this.timeout(180_000);
  let dir: string;
  const vulnerable = `const { exec } = require('child_process');\napp.get('/x', (req, res) => exec('ls ' + req.query.dir));\n`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guardline-bad-'));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'good.js'), vulnerable);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function scan(options: { user?: number } = {}): Report {
    const result = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none'], options);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Report;
  }

  function assertGoodFileScanned(report: Report): void {
    assert.ok(report.findings.some((f) => f.path === 'good.js' && f.ruleId === 'no-command-injection'), 'the good file is still scanned');
  }

  it('a syntax error gives one "could not parse" finding', () => {
    writeFileSync(join(dir, 'broken.ts'), 'export function f( {\n  return 1;\n}\n');
    const report = scan();
    const parse = report.findings.filter((f) => f.path === 'broken.ts');
    assert.equal(parse.length, 1);
    assert.equal(parse[0]!.ruleId, 'parse-error');
    assert.match(parse[0]!.message, /Could not parse this file/);
    assertGoodFileScanned(report);
  });

  it('a binary file is skipped with a note', () => {
    writeFileSync(join(dir, 'data.js'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0x65]));
    const report = scan();
    assert.deepEqual(report.notes, [{ path: 'data.js', message: 'skipped: binary file' }]);
    assertGoodFileScanned(report);
  });

  it('a 5 MB minified bundle gets secret detection only, with a note', () => {
    const chunk = 'function a(b){return b.map(function(c){return c*2})}var d=document.getElementById("x");d.innerHTML=location.hash;';
    writeFileSync(join(dir, 'bundle.min.js'), chunk.repeat(Math.ceil(5_000_000 / chunk.length)));
    const report = scan();
    const notes = report.findings.filter((f) => f.path === 'bundle.min.js');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.ruleId, 'analysis-limited');
    assert.match(notes[0]!.message, /looks minified/);
    assertGoodFileScanned(report);
  });

  it('a file over --max-file-size is skipped with a note', () => {
    writeFileSync(join(dir, 'huge.js'), `${vulnerable}\n${'// padding\n'.repeat(200)}`);
    const result = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none', '--max-file-size', '1000']);
    const report = JSON.parse(result.stdout) as Report;
    assert.ok(report.notes.some((n) => n.path === 'huge.js' && /skipped: .* is over the .* limit/.test(n.message)));
  });

  it('invalid UTF-8 is analysed with replacement characters and a note', () => {
    writeFileSync(join(dir, 'latin1.js'), Buffer.concat([Buffer.from("const name = '"), Buffer.from([0xe9, 0xff]), Buffer.from("';\n"), Buffer.from(vulnerable)]));
    const report = scan();
    assert.ok(report.notes.some((n) => n.path === 'latin1.js' && /not valid UTF-8/.test(n.message)));
    assert.ok(report.findings.some((f) => f.path === 'latin1.js' && f.ruleId === 'no-command-injection'));
    assertGoodFileScanned(report);
  });

  it('an empty file is fine', () => {
    writeFileSync(join(dir, 'empty.ts'), '');
    const report = scan();
    assert.equal(report.summary.filesScanned, 2);
    assert.deepEqual(report.notes, []);
    assertGoodFileScanned(report);
  });

  it('a symlink loop is skipped with a note', () => {
    mkdirSync(join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'loop'));
    symlinkSync(join(dir, 'self-link'), join(dir, 'self-link'));
    const report = scan();
    assert.ok(report.notes.some((n) => n.path === 'a/loop' && /symbolic link loop/.test(n.message)), JSON.stringify(report.notes));
    assert.ok(report.notes.some((n) => n.path === 'self-link' && /symbolic link loop/.test(n.message)), JSON.stringify(report.notes));
    assertGoodFileScanned(report);
  });

  it('an unreadable file is skipped with a note', function () {
    writeFileSync(join(dir, 'secret.js'), vulnerable);
    chmodSync(join(dir, 'secret.js'), 0o000);
    // root reads anything, so as root the scan runs as the unprivileged user "nobody"
    const asRoot = process.getuid?.() === 0;
    const report = scan(asRoot ? { user: 65534 } : {});
    assert.ok(report.notes.some((n) => n.path === 'secret.js' && /could not read \(EACCES\)/.test(n.message)), JSON.stringify(report.notes));
    assertGoodFileScanned(report);
  });
});
