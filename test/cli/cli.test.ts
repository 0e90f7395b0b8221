// The CLI as users run it: output formats, exit codes, usage errors, and the demo app.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/cli';

describe('guardline CLI', function () {
  this.timeout(180_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guardline-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const vulnerable = `const { exec } = require('child_process');\napp.get('/x', (req, res) => exec('ls ' + req.query.dir));\n`;

  it('prints findings grouped by file with the why-it-matters line, and exits 1 at --fail-on', () => {
    writeFileSync(join(dir, 'app.js'), vulnerable);
    const result = runCli(['scan', dir]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /app\.js\n\s+2:\d+\s+critical\s+no-command-injection\s+req\.query\.dir reaches a shell command/);
    assert.match(result.stdout, /why: child_process\.exec and execSync hand their whole argument/);
    assert.match(result.stdout, /1 finding \(1 critical\) in 1 of 1 file scanned\./);
  });

  it('exits 0 when nothing reaches --fail-on', () => {
    writeFileSync(join(dir, 'app.js'), vulnerable);
    assert.equal(runCli(['scan', dir, '--fail-on', 'none']).code, 0);
    writeFileSync(join(dir, 'app.js'), `const { exec } = require('child_process');\nexec('ls /tmp');\n`);
    assert.equal(runCli(['scan', dir, '--fail-on', 'info']).code, 0);
  });

  it('writes JSON with 1-based positions, fingerprints and the flow', () => {
    writeFileSync(join(dir, 'app.js'), vulnerable);
    const out = join(dir, 'report.json');
    const result = runCli(['scan', dir, '--format', 'json', '--output', out, '--fail-on', 'none']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.findings.length, 1);
    const [finding] = report.findings;
    assert.equal(finding.path, 'app.js');
    assert.equal(finding.ruleId, 'no-command-injection');
    assert.equal(finding.start.line, 2);
    assert.match(finding.fingerprint, /^[0-9a-f]{32}$/);
    assert.ok(finding.flow.length >= 2);
    assert.equal(report.summary.filesScanned, 1);
  });

  it('rejects bad usage with exit 2 and a message', () => {
    for (const args of [['scan', '--format', 'xml'], ['scan', '--fail-on', 'severe'], ['scan', '--bogus'], ['frobnicate'], ['scan', '--output']]) {
      const result = runCli(args, { cwd: dir });
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stderr, /^guardline: /);
    }
  });

  it('honours .gitignore and the ignore globs of guardline.yaml', () => {
    mkdirSync(join(dir, 'build'));
    mkdirSync(join(dir, 'vendor'));
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    writeFileSync(join(dir, 'guardline.yaml'), 'version: 1\nignore:\n  - "vendor/**"\n');
    for (const sub of ['build', 'vendor', 'node_modules', '.']) writeFileSync(join(dir, sub, 'app.js'), vulnerable);
    const report = JSON.parse(runCli(['scan', dir, '--format', 'json', '--fail-on', 'none']).stdout);
    assert.deepEqual(report.findings.map((f: { path: string }) => f.path), ['app.js']);
  });

  it('scans the demo app with ranked findings', () => {
    const result = runCli(['scan', 'examples', '--fail-on', 'none']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /api\/routes\/admin\.js/);
    assert.match(result.stdout, /no-command-injection/);
    assert.match(result.stdout, /why: /);
  });

  it('prints its version and help', () => {
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
    const help = runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: guardline <command>/);
  });
});
