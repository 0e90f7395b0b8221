// `guardline scan`: load guardline.yaml, walk the paths, analyse every file with the same engine
// the editor uses, and collect findings and notes for a formatter.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, type ConfigProblem, type GuardlineSettings } from '../engine/config';
import { loadProject, type Project } from '../engine/context';
import type { Finding } from '../engine/finding';
import { walkEntries, type ListedFile, type WalkEntry, type WalkNote } from './walk';
import { scanFile, type AnalysisSettings, type FileJob, type FileOutcome } from './scan-worker';
import { ScanPool } from './scan-pool';
import { applyBaseline, DEFAULT_BASELINE_FILE, parseBaseline } from './baseline';

export interface ScanOptions {
  paths: string[];
  /** Explicit config file; otherwise guardline.yaml is looked for from the first path upwards. */
  configPath?: string;
  audit?: boolean;
  maxFileSize: number;
  /** Do not read .gitignore, and do not skip node_modules and .git. */
  noIgnore?: boolean;
  /** Baseline file of accepted findings to leave out; default guardline.yaml's `baseline`; false: none. */
  baseline?: string | false;
  /** Threads to analyse in: 1 is this thread, more are that many worker threads. Default: from the cores and the number of files. */
  jobs?: number;
}

export interface FileResult {
  /** Relative to `root`, `/`-separated. */
  path: string;
  findings: Finding[];
}

export interface ScanResult {
  /** Folder paths are relative to: the config file's folder, or the current directory. */
  root: string;
  configPath?: string;
  configProblems: ConfigProblem[];
  files: FileResult[];
  notes: WalkNote[];
  filesScanned: number;
  /** Where this project's baseline lives: guardline.yaml's `baseline`, else guardline.baseline.jsonl in the root. */
  baselineFile: string;
  /** Findings left out because the baseline lists them. */
  baselined?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const paths = options.paths.length ? options.paths : ['.'];
  const configPath = options.configPath ? resolve(options.configPath) : findConfig(resolve(paths[0]!));
  const root = configPath ? dirname(configPath) : defaultRoot(paths);
  // guardline.yaml and the deployment files: settings, each file's context, config problems and drift.
  const project = loadProject(root, configPath ? { configFile: configPath } : {});
  const settings: GuardlineSettings = project.settings;
  const configProblems: ConfigProblem[] = project.problems.filter((p) => p.file === project.configFile).map(({ line, character, endLine, endCharacter, message, severity }) => ({ line, ...(character !== undefined ? { character, endLine: endLine ?? line, endCharacter: endCharacter ?? character } : {}), message, severity }));
  const entries = walkEntries(paths, { root, isIgnored: project.isIgnored, maxFileSize: options.maxFileSize, useIgnoreFiles: !options.noIgnore });
  const analysis: AnalysisSettings = { settings: settings.rules, audit: options.audit ?? settings.audit };
  const { files, notes, filesScanned } = await scanEntries(entries, project, analysis, options.jobs);
  for (const problem of project.problems) if (problem.file !== project.configFile) notes.push({ path: `${problem.file}:${problem.line + 1}`, message: problem.message });
  const baselineFile = settings.baseline ? resolve(root, settings.baseline) : join(root, DEFAULT_BASELINE_FILE);
  // A baseline named in guardline.yaml must exist (a note says so if not); the default one may not.
  const baselinePath = options.baseline === false ? undefined : options.baseline ? resolve(options.baseline) : settings.baseline || existsSync(baselineFile) ? baselineFile : undefined;
  let reported = files;
  let baselined: number | undefined;
  if (baselinePath) {
    const shown = relative(root, baselinePath).split(sep).join('/');
    if (!existsSync(baselinePath)) {
      notes.push({ path: shown, message: 'baseline file not found: reporting every finding (create it with `guardline baseline`)' });
    } else {
      const baseline = parseBaseline(readFileSync(baselinePath, 'utf8'));
      for (const problem of baseline.problems) notes.push({ path: `${shown}:${problem.line}`, message: `baseline line ignored: ${problem.message}` });
      const applied = applyBaseline(files, baseline);
      reported = applied.files;
      baselined = applied.suppressed;
      if (baselined) notes.push({ path: shown, message: `${baselined} finding${baselined === 1 ? '' : 's'} in the baseline not reported` });
    }
  }
  return { root, ...(configPath ? { configPath: relative(root, configPath).split(sep).join('/') } : {}), configProblems, files: reported, notes, filesScanned, baselineFile, ...(baselined !== undefined ? { baselined } : {}) };
}

/**
 * Files a worker thread should have before a scan starts one by default. Each worker loads the
 * engine and warms up its own JIT, which makes its first thousand or so files several times
 * slower than the rest: below this, one thread finishes sooner.
 */
const FILES_PER_WORKER = 250;
/** Files handed to the workers ahead of their answers; the walk waits beyond that (and never holds the whole listing). */
const MAX_BACKLOG = 256;

/**
 * Analysis threads by default: two for every three cores, at least one. A thread running the
 * engine keeps about one and a half cores busy, because V8 compiles and collects garbage on
 * helper threads, so one per core would have the threads wait for each other (on 2 cores, two
 * workers took a third more CPU time than one thread and finished no sooner).
 */
export function defaultThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.floor((cores * 2) / 3));
}

/**
 * Scans the walked files, in worker threads when asked (`jobs` > 1) or, by default, when the
 * cores and the number of files make it worth it, and gives the findings and notes in walk order,
 * whichever thread analysed what and when.
 */
async function scanEntries(entries: Iterator<WalkEntry>, project: Project, analysis: AnalysisSettings, jobs: number | undefined): Promise<{ files: FileResult[]; notes: WalkNote[]; filesScanned: number }> {
  /** The walk in order: a note of the walk itself, or a file by id (its outcome arrives later). */
  const order: Array<WalkNote | number> = [];
  const outcomes = new Map<number, FileOutcome>();
  let filesScanned = 0;
  const record = (outcome: FileOutcome): void => {
    if (outcome.scanned) filesScanned++;
    if (outcome.findings.length || outcome.notes.length) outcomes.set(outcome.id, outcome);
  };
  let nextId = 0;
  const job = (entry: ListedFile): FileJob => {
    const id = nextId++;
    order.push(id);
    const context = project.contextFor(entry.path);
    return { id, absolute: entry.absolute, path: entry.path, ...(context ? { context } : {}) };
  };

  // Look ahead far enough to know how many threads the files are worth.
  const wanted = jobs ?? defaultThreads();
  const perThread = jobs === undefined ? FILES_PER_WORKER : 1;
  const ahead: WalkEntry[] = [];
  let files = 0;
  for (let next = wanted > 1 ? entries.next() : undefined; next && !next.done; next = entries.next()) {
    ahead.push(next.value);
    if (next.value.kind === 'file' && ++files >= wanted * perThread) break;
  }
  const threads = Math.min(wanted, Math.floor(files / perThread));
  const all = (function* (): Generator<WalkEntry> {
    yield* ahead;
    for (let next = entries.next(); !next.done; next = entries.next()) yield next.value;
  })();

  if (threads <= 1) {
    for (const entry of all) {
      if (entry.kind === 'note') order.push(entry.note);
      else record(scanFile(job(entry), analysis));
    }
  } else {
    const pool = new ScanPool(threads, analysis, record);
    try {
      for (const entry of all) {
        if (entry.kind === 'note') order.push(entry.note);
        else pool.submit(job(entry));
        if (pool.backlog >= MAX_BACKLOG) await pool.until(MAX_BACKLOG / 2);
      }
    } finally {
      await pool.close();
    }
  }

  const results: FileResult[] = [];
  const notes: WalkNote[] = [];
  for (const item of order) {
    if (typeof item !== 'number') {
      notes.push(item);
      continue;
    }
    const outcome = outcomes.get(item);
    if (!outcome) continue;
    notes.push(...outcome.notes);
    if (outcome.findings.length) results.push({ path: outcome.path, findings: outcome.findings });
  }
  return { files: results, notes, filesScanned };
}

/** Paths are shown relative to the current folder, or to the scanned folder when it lies outside. */
function defaultRoot(paths: string[]): string {
  const cwd = process.cwd();
  const absolute = paths.map((p) => resolve(p));
  if (absolute.every((p) => p === cwd || p.startsWith(cwd + sep))) return cwd;
  const first = absolute[0]!;
  return isDirectory(first) ? first : dirname(first);
}

/** guardline.yaml in the folder of `start` or the nearest folder above it, up to the repository root. */
function findConfig(start: string): string | undefined {
  let dir = isDirectory(start) ? start : dirname(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
