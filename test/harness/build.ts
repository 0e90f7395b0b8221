// Builds the bundles in dist/ when one is missing or older than the server and rule sources, so the
// tests that run the bundled CLI and language server exercise today's code, as users run it.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

const checked = new Set<string>();

/** Runs scripts/build.mjs when `bundle` (an absolute path in dist/) is stale; checks once per test run. */
export function ensureBuilt(bundle: string): void {
  if (checked.has(bundle)) return;
  const newest = Math.max(newestSource(join(ROOT, 'server', 'src')), newestSource(join(ROOT, 'rules')));
  if (newest > modifiedAt(bundle)) {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
  }
  checked.add(bundle);
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest modification time of the TypeScript and Markdown below `dir` (the generated rule index excepted: the build writes it). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|md)$/.test(entry.name) && !entry.name.endsWith('.generated.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
