// Shared helpers for the benchmarks: statistics, the machine and its load, timing a whole
// process with /usr/bin/time, and a private snapshot of the bundles so a concurrent rebuild of
// dist/ cannot change what is being measured halfway through a run.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function median(values) {
  return percentile(values, 50);
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Least-squares slope of log(y) against log(x): 1 is linear, 2 quadratic. */
export function logLogSlope(xs, ys) {
  const points = xs.map((x, i) => [Math.log(x), Math.log(Math.max(ys[i], 1e-3))]);
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

export function round(value, digits = 1) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function load() {
  return loadavg().map((v) => round(v, 2));
}

export function machine() {
  const list = cpus();
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO, encoding: 'utf8' }).trim() !== '';
  } catch {
    // not a git checkout
  }
  return {
    cpu: list[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    cores: list.length,
    memoryGB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGB: round(freemem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit,
    dirty,
    loadAtStart: load(),
  };
}

/**
 * Copies the bundled CLI and server out of dist/ (built first unless `build` is false), so the
 * whole run measures one build even while others rebuild dist/.
 */
export function snapshotBundles(workDir, { build = true } = {}) {
  if (build) execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
  const out = join(workDir, 'bundles');
  mkdirSync(out, { recursive: true });
  for (const name of ['cli.js', 'server.js']) {
    const source = join(REPO, 'dist', name);
    if (!existsSync(source)) throw new Error(`${source} is missing: run npm run build`);
    copyFileSync(source, join(out, name));
    // A copy taken while esbuild was writing would not load: check it now rather than mid-run.
    execFileSync(process.execPath, ['--check', join(out, name)]);
  }
  return { cli: join(out, 'cli.js'), server: join(out, 'server.js'), builtAt: statSync(join(REPO, 'dist', 'server.js')).mtime.toISOString() };
}

const TIME = '/usr/bin/time';

/**
 * Runs a command as a whole process under /usr/bin/time and returns wall and CPU seconds and the
 * peak resident memory. Standard output and error go to files so printing costs the same for all.
 */
export function timeProcess(command, args, { cwd, logFile, timeoutMs = 30 * 60_000, env } = {}) {
  if (!existsSync(TIME)) throw new Error('/usr/bin/time is needed for whole-process timing (apt-get install time)');
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(TIME, ['-f', 'BENCH_TIME %e %U %S %M %x', command, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdoutBytes = 0;
    child.stdout.on('data', (chunk) => (stdoutBytes += chunk.length));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const wallClock = Number(process.hrtime.bigint() - started) / 1e9;
      const match = /BENCH_TIME (\S+) (\S+) (\S+) (\d+) (\d+)\s*$/.exec(stderr);
      if (!match) return reject(new Error(`no timing from ${command} ${args.join(' ')}:\n${stderr.slice(-2000)}`));
      const [, wall, user, sys, maxKb, exitCode] = match;
      resolveRun({
        wallS: Number(wall) || wallClock,
        cpuS: Number(user) + Number(sys),
        peakMB: Number(maxKb) / 1024,
        exitCode: Number(exitCode),
        stdoutBytes,
        stderrTail: stderr.replace(/BENCH_TIME.*$/s, '').slice(-500),
        ...(logFile ? { logFile } : {}),
      });
    });
  });
}

/** Resident and peak resident memory of a live process, from /proc (Linux). */
export function processMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: round(kb('VmRSS') / 1024), peakMB: round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMB: NaN, peakMB: NaN };
  }
}

export function sleep(ms) {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
