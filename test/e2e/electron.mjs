// The same integration suite in VS Code desktop through @vscode/test-electron, for machines that can
// download VS Code (this project's CI cannot; it uses run.mjs with code-server). Prints
// "N passed, N failed". Usage: npm run build && node test/e2e/electron.mjs [vscode version]
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { compileSuite, copyFixture, root } from './prepare.mjs';

const work = mkdtempSync(join(tmpdir(), 'guardline-electron-'));
const resultsFile = join(work, 'results.json');
let code = 1;
let cleanup = () => {};
try {
  const suite = await compileSuite();
  const extensionTestsPath = suite.runner;
  cleanup = suite.cleanup;
  const workspace = copyFixture(join(work, 'fixture'));
  await runTests({
    version: process.argv[2] ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath,
    extensionTestsEnv: { GUARDLINE_TEST_RESULTS: resultsFile },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
  code = 0;
} catch (error) {
  process.stdout.write(`${error?.message ?? error}\n`);
} finally {
  if (existsSync(resultsFile)) {
    const { passes, failures } = JSON.parse(readFileSync(resultsFile, 'utf8'));
    process.stdout.write(`${passes.length} passed, ${failures.length} failed\n`);
  }
  rmSync(work, { recursive: true, force: true });
  cleanup();
}
process.exit(code);
