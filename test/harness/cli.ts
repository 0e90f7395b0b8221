// Runs the real bundled CLI (dist/cli.js) as a child process, building it first when sources are
// newer than the bundle, so tests exercise what users run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from './build';

export { ROOT };
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; user?: number } = {}): CliResult {
  ensureBuilt(CLI);
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
