// Runs the real bundled CLI (dist/cli.js) as a child process, building it first when sources are
// newer than the bundle, so tests exercise what users run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|md)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let built = false;
function ensureBuilt(): void {
  if (built) return;
  const stale = !existsSync(CLI) || ['server', 'rules'].some((d) => newestSource(join(ROOT, d)) > statSync(CLI).mtimeMs);
  if (stale) {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
  }
  built = true;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; user?: number } = {}): CliResult {
  ensureBuilt();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
    ...(options.user !== undefined ? { uid: options.user, gid: options.user } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
