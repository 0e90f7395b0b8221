// The tests in a real VS Code: code-server 4.100.3 (VS Code 1.100.3 with a Node extension host,
// installed by tools/install.sh) driven by Debian's Chromium through playwright-core.
//   1. the mocha integration suite (test/e2e/suite) runs inside the extension host, with Guardline
//      loaded from this folder as the extension under development;
//   2. the UI test (ui.mjs) uses Guardline installed from the .vsix that `npm run package` builds.
// Prints "N passed, N failed" and writes {passed, failed} to $GUARDLINE_TEST_COUNTS. Screenshots
// and logs go to .test-artifacts/e2e/. Without code-server or Chromium it says so and, outside CI,
// counts nothing; under CI that is a failure.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from './browser.mjs';
import { runIntegration } from './integration.mjs';
import { compileSuite, copyFixture, here, root } from './prepare.mjs';
import { runUi } from './ui.mjs';

const codeServer = join(root, 'tools', 'node_modules', '.bin', 'code-server');
const vsce = join(root, 'tools', 'node_modules', '@vscode', 'vsce', 'vsce');
// Written to a folder of this run, then moved to .test-artifacts/e2e at the end, so that runs in
// the same working tree at the same time do not delete each other's screenshots.
const finalArtifacts = join(root, '.test-artifacts', 'e2e');
const artifacts = join(root, '.test-artifacts', `e2e-run-${process.pid}`);
const started = Date.now();
const say = (message) => process.stdout.write(`[e2e +${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);

function report(passed, failed) {
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  if (process.env.GUARDLINE_TEST_COUNTS) writeFileSync(process.env.GUARDLINE_TEST_COUNTS, JSON.stringify({ passed, failed }));
  process.exitCode = failed === 0 ? 0 : 1;
}

const missing = [!existsSync(codeServer) && 'code-server (run `bash tools/install.sh`)', !existsSync(vsce) && 'vsce (run `bash tools/install.sh`)', !existsSync(CHROMIUM) && `Chromium at ${CHROMIUM} (apt-get install chromium)`].filter(Boolean);
if (missing.length) {
  say(`real VS Code tests not run: missing ${missing.join(', ')}`);
  if (process.env.CI) report(0, 1);
  else report(0, 0);
  process.exit();
}

rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'guardline-e2e-'));
let server;
const cleanups = [];
let passed = 0;
let failed = 0;

try {
  // 1. The suite, compiled next to the extension (the test runner must sit inside its folder).
  if (!existsSync(join(root, 'dist', 'extension.js')) || !existsSync(join(root, 'dist', 'server.js'))) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  }
  const suite = await compileSuite();
  cleanups.push(suite.cleanup);
  const testsPath = suite.runner;

  // 2. Workspaces: the fixture for the suite, the demo app (when present) for the UI test.
  const suiteWorkspace = join(work, 'fixture');
  copyFixture(suiteWorkspace);
  const uiWorkspace = join(work, 'demo');
  const demoFile = join(root, 'examples', 'api', 'routes', 'admin.js');
  const useDemo = existsSync(demoFile) && readFileSync(demoFile, 'utf8').includes("exec('ping -c 1 ' + req.query.host");
  cpSync(useDemo ? join(root, 'examples') : join(here, 'workspace'), uiWorkspace, { recursive: true });
  const uiFile = useDemo ? 'api/routes/admin.js' : 'src/app.js';
  const uiLine = readFileSync(join(uiWorkspace, uiFile), 'utf8').split('\n').find((line) => line.includes("exec('ping -c 1 ' + req.query.host"));
  const uiTarget = {
    file: uiFile,
    message: 'req.query.host reaches a shell command',
    hoverTitle: 'Untrusted data in a shell command',
    fixTitle: 'Use execFile with an argument array (no shell)',
    fixedLine: uiLine.replace("exec('ping -c 1 ' + req.query.host,", "require('child_process').execFile('ping', ['-c', '1', req.query.host],"),
  };

  // 3. The .vsix, installed into a fresh extensions folder.
  const xdg = { XDG_CONFIG_HOME: join(work, 'xdg-config'), XDG_DATA_HOME: join(work, 'xdg-data') };
  const profile = ['--config', join(work, 'config.yaml'), '--user-data-dir', join(work, 'user-data'), '--extensions-dir', join(work, 'extensions')];
  const vsix = join(work, 'guardline.vsix');
  say('packaging the .vsix');
  execFileSync(process.execPath, [join(root, 'tools', 'package.mjs'), vsix, '--no-build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(codeServer, [...profile, '--install-extension', vsix], { env: { ...process.env, ...xdg }, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(join(work, 'user-data', 'User'), { recursive: true });
  // hotExit off: an unsaved editor from an earlier run would otherwise come back.
  writeFileSync(
    join(work, 'user-data', 'User', 'settings.json'),
    JSON.stringify({
      'telemetry.telemetryLevel': 'off',
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
      'git.enabled': false,
      'files.hotExit': 'off',
    }),
  );

  // 4. code-server on loopback, in its own process group so that every extension host and
  //    language server it starts is ended with it.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const resultsFile = join(work, 'integration-results.json');
  const log = openSync(join(artifacts, 'code-server.log'), 'w');
  server = spawn(codeServer, [...profile, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...xdg, GUARDLINE_TEST_RESULTS: resultsFile },
  });
  await waitForHealth(url);
  say(`code-server ${url} (pid ${server.pid})`);

  // 5. The integration suite in the extension host.
  say('integration suite in the extension host');
  const results = await runIntegration({ url, workspace: suiteWorkspace, extensionPath: root, testsPath, resultsFile, artifacts });
  for (const title of results.passes) process.stdout.write(`  ok   ${title}\n`);
  for (const failure of results.failures) process.stdout.write(`  FAIL ${failure.title}\n${failure.error}\n`);
  passed += results.passes.length;
  failed += results.failures.length;
  if (results.passes.length === 0 && results.failures.length === 0) failed++;

  // 6. The UI test with the installed .vsix.
  say(`UI test on ${useDemo ? 'the demo app' : 'the fixture'} (${uiFile})`);
  const checks = await runUi({ url, workspace: uiWorkspace, artifacts, target: uiTarget });
  const steps = 7; // the UI checks in ui.mjs
  passed += checks.filter((c) => !c.error).length;
  failed += checks.filter((c) => c.error).length + Math.max(0, steps - checks.length);
} catch (error) {
  process.stdout.write(`e2e run failed: ${error?.stack ?? error}\n`);
  failed++;
} finally {
  if (server?.pid) await stopGroup(server);
  if (existsSync(join(work, 'user-data', 'logs'))) cpSync(join(work, 'user-data', 'logs'), join(artifacts, 'vscode-logs'), { recursive: true });
  rmSync(work, { recursive: true, force: true });
  for (const cleanup of cleanups) cleanup();
  rmSync(finalArtifacts, { recursive: true, force: true });
  renameSync(artifacts, finalArtifacts);
}
say(`screenshots and logs in ${finalArtifacts}`);
report(passed, failed);
process.exit();

/** Ends code-server's process group (extension hosts, language servers): politely, then for sure. */
async function stopGroup(child) {
  const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // the group is gone
    }
  };
  signal('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  signal('SIGKILL');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url) {
  for (let i = 0; i < 240; i++) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer on ${url}; see ${join(artifacts, 'code-server.log')}`);
}
