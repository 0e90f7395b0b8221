// What both real-VS Code runners need: the compiled suite next to the extension (a test runner
// must sit inside the extension under development) and a fresh copy of the fixture workspace.
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');

/**
 * Compiles test/e2e/suite/*.ts to out/e2e/run-<pid>/ (one folder per run, since several people may
 * run the tests in one working tree at once); returns the runner path (without .js) and a cleanup.
 */
export async function compileSuite() {
  const suiteOut = join(root, 'out', 'e2e', `run-${process.pid}`);
  rmSync(suiteOut, { recursive: true, force: true });
  await build({
    entryPoints: [join(here, 'suite', '*.ts')],
    outdir: suiteOut,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { runner: join(suiteOut, 'index'), cleanup: () => rmSync(suiteOut, { recursive: true, force: true }) };
}

export function copyFixture(to) {
  cpSync(join(here, 'workspace'), to, { recursive: true });
  return to;
}
