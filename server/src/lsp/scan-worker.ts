// The workspace scan's long-lived worker thread (dist/server.js started with `guardlineScanWorker`).
// Per workspace folder it keeps the loaded project and the list of files the scan covers (paths
// only: no file text outlives its analysis), so that after the first scan a change costs what it
// touches: changed and created files are analysed, deleted ones dropped, and the project is
// reloaded (the old one passed as `previous`) only when `isContextFile` says a context file
// changed, after which only the files whose rules or deployment context changed are analysed
// again. Jobs run one at a time, in the order sent; a full scan stops before its next file once the
// server puts the scan's id in the shared cancel flag.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import ignore from 'ignore';
import type { Rule } from '../../../rules/api/types';
import { analyze } from '../engine/engine';
import { loadProject, type FileContext, type Project } from '../engine/context';
import type { Finding } from '../engine/finding';
import { ALWAYS_SKIPPED_DIRS, walkFiles, type WalkedFile } from '../cli/walk';
import type { GuardlineClientSettings } from '../protocol';
import { analyzeOptions } from './analysis';

export interface ScanWorkerData {
  trusted: boolean;
  maxFileSize: number;
  /** An Int32Array over it holds the id of the job to stop. */
  cancel: SharedArrayBuffer;
  /** A module exporting `rules`, run instead of the registry (tests). */
  rulesModule?: string;
}

export interface ScanFolder {
  /** Absolute, `/`-separated. */
  root: string;
  settings: GuardlineClientSettings;
}

/** A file or folder (absolute, `/`-separated) created, changed or deleted on disk. */
export interface FileChange {
  path: string;
  deleted: boolean;
}

export type ScanJob =
  /** Every folder listed and every file analysed, from scratch (the loaded projects are reused as `previous`). */
  | { type: 'scan'; id: number; folders: ScanFolder[]; skip: string[] }
  /**
   * Brings the kept state up to date: folders added or removed, settings changed, files changed.
   * A folder the worker does not hold yet (new, or the worker was started again) is scanned whole.
   * `skip`: absolute paths of files that ended an earlier worker, not analysed until they change.
   */
  | { type: 'update'; id: number; folders: ScanFolder[]; changes: FileChange[]; skip: string[] };

export interface JobSummary {
  /** Files read and run through the engine. */
  analysed: number;
  /** The first few of them, absolute. */
  analysedPaths: string[];
  /** Files that left the scan (deleted, newly ignored, their folder disabled). */
  removed: number;
  /** Folders whose project was reloaded because a context file changed. */
  reloaded: string[];
  /** Folders listed and analysed whole. */
  listed: string[];
  cancelled: boolean;
  /** A bug stopped the job; the worker dropped what it kept, so the next update lists everything again. */
  error?: string;
}

export type ScanMessage =
  /** Sent before each file, so that the server can tell which file a worker that died was on. */
  | { type: 'analysing'; path: string }
  /** A file's findings; an empty list clears earlier ones. */
  | { type: 'file'; root: string; path: string; findings: Finding[] }
  | { type: 'progress'; id: number; filesScanned: number; path: string }
  | { type: 'note'; id: number; root: string; path: string; message: string }
  | { type: 'done'; id: number; summary: JobSummary };

const LISTED_PATHS_IN_SUMMARY = 10;
/** A new folder with more entries than this is taken to hold a context file without looking further. */
const MAX_ENTRIES_CHECKED = 10_000;

class Cancelled extends Error {}

/** What the worker keeps of one workspace folder between jobs. */
class FolderState {
  /** Root-relative paths of the files the scan covers. */
  readonly files = new Set<string>();
  project: Project | undefined;
  constructor(
    readonly root: string,
    public settings: GuardlineClientSettings,
  ) {}
}

/** One job's running state. */
interface Run {
  id: number;
  summary: JobSummary;
  skip: ReadonlySet<string>;
  /** Absolute paths analysed in this job: each file is analysed at most once per job. */
  done: Set<string>;
  lastProgress: number;
}

export class ScanWorker {
  private folders = new Map<string, FolderState>();
  private readonly cancel: Int32Array;
  private run!: Run;

  constructor(
    private readonly options: ScanWorkerData,
    private readonly post: (message: ScanMessage) => void,
    private readonly rules?: readonly Rule[],
  ) {
    this.cancel = new Int32Array(options.cancel);
  }

  handle(job: ScanJob): void {
    const summary: JobSummary = { analysed: 0, analysedPaths: [], removed: 0, reloaded: [], listed: [], cancelled: false };
    this.run = { id: job.id, summary, skip: new Set(job.skip), done: new Set(), lastProgress: Date.now() };
    try {
      if (job.type === 'scan') this.scanAll(job.folders);
      else this.update(job.folders, job.changes);
    } catch (error) {
      // Half-done work leaves the kept state unknown: drop it, the next update lists everything again.
      this.folders = new Map();
      if (error instanceof Cancelled) summary.cancelled = true;
      else summary.error = error instanceof Error ? error.stack ?? error.message : String(error);
    }
    this.post({ type: 'done', id: job.id, summary });
  }

  private scanAll(folders: readonly ScanFolder[]): void {
    const previous = this.folders;
    this.folders = new Map();
    for (const folder of folders) {
      const state = new FolderState(folder.root, folder.settings);
      this.folders.set(folder.root, state);
      if (!folder.settings.enable) continue;
      state.project = this.load(folder.root, previous.get(folder.root)?.project);
      this.walk(state, '', 'all');
    }
  }

  private update(folders: readonly ScanFolder[], changes: readonly FileChange[]): void {
    const wanted = new Set(folders.map((f) => f.root));
    // Folders no longer in the workspace are forgotten; the server clears their findings itself.
    for (const root of [...this.folders.keys()]) if (!wanted.has(root)) this.folders.delete(root);
    for (const folder of folders) {
      const inFolder = changes
        .filter((c) => c.path.startsWith(`${folder.root}/`))
        .map((c) => ({ path: c.path.slice(folder.root.length + 1), deleted: c.deleted }));
      this.updateFolder(folder, inFolder);
    }
  }

  /** `changes` hold root-relative paths. */
  private updateFolder(folder: ScanFolder, changes: ReadonlyArray<{ path: string; deleted: boolean }>): void {
    let state = this.folders.get(folder.root);
    const before = state?.settings;
    if (!state) {
      state = new FolderState(folder.root, folder.settings);
      this.folders.set(folder.root, state);
    }
    state.settings = folder.settings;
    if (!folder.settings.enable) {
      for (const path of [...state.files]) this.drop(state, path);
      return;
    }
    if (!before?.enable) {
      // New to this worker, or just enabled: the whole folder, as it is on disk now.
      state.project = this.load(state.root, state.project);
      this.run.summary.listed.push(state.root);
      this.walk(state, '', 'all');
      return;
    }

    this.dropDeleted(state, changes.filter((c) => c.deleted).map((c) => c.path));
    let reanalyse: 'all' | Set<string> = sameClientRules(before, folder.settings) ? new Set() : 'all';
    let rewalk = false;
    if (this.options.trusted && changes.some((change) => this.isContextChange(state, change))) {
      const old = state.project;
      state.project = this.load(state.root, old);
      this.run.summary.reloaded.push(state.root);
      const compared = compareProjects(old, state.project);
      if (compared === 'rules') reanalyse = 'all';
      else if (compared === 'ignore') rewalk = true;
      if (reanalyse !== 'all') for (const path of contextChangedFiles(state.files, old, state.project)) reanalyse.add(path);
    }
    // A .gitignore decides which files of its folder the scan covers.
    const gitignoreFolders = changes.filter((c) => c.path === '.gitignore' || c.path.endsWith('/.gitignore')).map((c) => c.path.slice(0, Math.max(0, c.path.length - '/.gitignore'.length)));
    if (rewalk || reanalyse === 'all' || gitignoreFolders.includes('')) {
      if (reanalyse !== 'all') for (const change of changes) if (!change.deleted) reanalyse.add(change.path);
      this.walk(state, '', reanalyse);
      return;
    }
    for (const change of changes) if (!change.deleted) reanalyse.add(change.path);
    for (const dir of gitignoreFolders) if (isDirectory(join(state.root, dir))) this.walk(state, dir, reanalyse);
    for (const path of reanalyse) this.analysePath(state, path, reanalyse);
  }

  /** Whether a change must reload the folder's project, as the project itself tells. */
  private isContextChange(state: FolderState, change: { path: string; deleted: boolean }): boolean {
    const { project } = state;
    if (!project) return /(^|\/)\.?guardline\.ya?ml$/.test(change.path);
    if (project.isContextFile(change.path)) return true;
    const prefix = `${change.path}/`;
    // A folder: deleted with deployment files in it, or created with context files in it.
    if (change.deleted) return project.deploymentFiles.some((file) => file.startsWith(prefix));
    return isDirectory(join(state.root, change.path)) && holdsContextFile(state.root, change.path, project);
  }

  private load(root: string, previous: Project | undefined): Project | undefined {
    if (!this.options.trusted) return undefined;
    try {
      return loadProject(root, previous ? { previous } : {});
    } catch (error) {
      // loadProject reports problems rather than throwing; this is the last line of defence.
      this.post({ type: 'note', id: this.run.id, root, path: '.', message: `the project could not be loaded (${error instanceof Error ? error.message : String(error)}); files are ranked without context` });
      return undefined;
    }
  }

  /**
   * Walks a folder (root-relative, '' for the root) as a full scan would: files new to the scan and
   * those in `reanalyse` are analysed, files it no longer finds (deleted, ignored) are dropped.
   */
  private walk(state: FolderState, dir: string, reanalyse: 'all' | ReadonlySet<string>): void {
    const seen = new Set<string>();
    const isIgnored = (path: string): boolean => !!state.project?.isIgnored(path);
    const notes = walkFiles([dir ? join(state.root, dir) : state.root], { root: state.root, isIgnored, maxFileSize: this.options.maxFileSize }, (file) => {
      seen.add(file.path);
      if (reanalyse === 'all' || !state.files.has(file.path) || reanalyse.has(file.path)) this.analyse(state, file);
    });
    for (const note of notes) this.post({ type: 'note', id: this.run.id, root: state.root, path: note.path, message: note.message });
    const prefix = dir ? `${dir}/` : '';
    for (const path of [...state.files]) if (path.startsWith(prefix) && !seen.has(path)) this.drop(state, path);
  }

  /** A created or changed path (root-relative): a folder is walked, a file analysed if the scan covers it. */
  private analysePath(state: FolderState, path: string, reanalyse: ReadonlySet<string>): void {
    const absolute = join(state.root, path);
    if (this.run.done.has(absolute)) return;
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      this.drop(state, path);
      return;
    }
    if (stats.isDirectory()) {
      if (!isGitIgnored(state.root, path, true) && !state.project?.isIgnored(path)) this.walk(state, path, reanalyse);
      return;
    }
    if (!stats.isFile() || state.project?.isIgnored(path) || isGitIgnored(state.root, path)) {
      this.drop(state, path);
      return;
    }
    let analysed = false;
    walkFiles([absolute], { root: state.root, maxFileSize: this.options.maxFileSize }, (file) => {
      analysed = true;
      this.analyse(state, file);
    });
    if (!analysed) this.drop(state, path); // binary, too large or unreadable now
  }

  private analyse(state: FolderState, file: WalkedFile): void {
    if (Atomics.load(this.cancel, 0) === this.run.id) throw new Cancelled();
    const absolute = `${state.root}/${file.path}`;
    if (this.run.done.has(absolute)) return;
    this.run.done.add(absolute);
    if (this.run.skip.has(absolute)) {
      this.post({ type: 'note', id: this.run.id, root: state.root, path: file.path, message: 'not analysed: analysing it stopped the scan worker; it is tried again when it changes' });
      this.drop(state, file.path);
      return;
    }
    this.post({ type: 'analysing', path: absolute });
    const { summary } = this.run;
    summary.analysed++;
    if (summary.analysedPaths.length < LISTED_PATHS_IN_SUMMARY) summary.analysedPaths.push(absolute);
    state.files.add(file.path);
    let findings: Finding[] = [];
    try {
      const { project, settings } = state;
      const options = analyzeOptions(settings, project?.settings.rules, project?.settings.audit, project?.contextFor(file.path));
      findings = analyze({ path: file.path, text: file.text }, this.rules ? { ...options, rules: this.rules } : options);
    } catch (error) {
      this.post({ type: 'note', id: this.run.id, root: state.root, path: file.path, message: `analysis failed: ${error instanceof Error ? error.message : String(error)}` });
    }
    this.post({ type: 'file', root: state.root, path: file.path, findings });
    const now = Date.now();
    if (now - this.run.lastProgress > 200) {
      this.run.lastProgress = now;
      this.post({ type: 'progress', id: this.run.id, filesScanned: summary.analysed, path: file.path });
    }
  }

  /** Takes a file out of the scan and clears its findings. */
  private drop(state: FolderState, path: string): void {
    if (state.files.delete(path)) this.run.summary.removed++;
    this.post({ type: 'file', root: state.root, path, findings: [] });
  }

  /** Deleted paths: files of the scan, and every file below a deleted folder. */
  private dropDeleted(state: FolderState, paths: readonly string[]): void {
    const folders = new Set<string>();
    for (const path of paths) {
      if (state.files.has(path)) this.drop(state, path);
      else folders.add(path);
    }
    if (!folders.size) return;
    for (const file of [...state.files]) {
      for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) {
        if (folders.has(file.slice(0, end))) {
          this.drop(state, file);
          break;
        }
      }
    }
  }
}

/** The editor settings that change what the engine reports (the minimum priority only filters what is shown). */
function sameClientRules(a: GuardlineClientSettings, b: GuardlineClientSettings): boolean {
  return a.audit === b.audit && JSON.stringify(a.rules) === JSON.stringify(b.rules);
}

/** What differs between two loads of a project, as far as the scan cares. */
function compareProjects(old: Project | undefined, next: Project | undefined): 'rules' | 'ignore' | 'context' {
  if (!old || !next) return 'rules';
  if (old.settings.audit !== next.settings.audit || JSON.stringify(old.settings.rules) !== JSON.stringify(next.settings.rules)) return 'rules';
  if (JSON.stringify(old.settings.ignore) !== JSON.stringify(next.settings.ignore)) return 'ignore';
  return 'context';
}

/** The files whose deployment context differs between two loads of a project. */
function contextChangedFiles(files: Iterable<string>, old: Project | undefined, next: Project | undefined): string[] {
  // Files share context objects; each is serialised once per project.
  const keys = new Map<FileContext | undefined, string>();
  const keyOf = (context: FileContext | undefined): string => {
    let key = keys.get(context);
    if (key === undefined) {
      key = context ? JSON.stringify(context) : '';
      keys.set(context, key);
    }
    return key;
  };
  const changed: string[] = [];
  for (const path of files) if (keyOf(old?.contextFor(path)) !== keyOf(next?.contextFor(path))) changed.push(path);
  return changed;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a folder (root-relative) holds a file the project calls a context file; true when too large to tell. */
function holdsContextFile(root: string, dir: string, project: Project): boolean {
  let entries = 0;
  const visit = (relative: string): boolean => {
    let children;
    try {
      children = readdirSync(join(root, relative), { withFileTypes: true });
    } catch {
      return false;
    }
    for (const child of children) {
      if (++entries > MAX_ENTRIES_CHECKED) return true;
      const path = `${relative}/${child.name}`;
      if (child.isDirectory()) {
        if (!ALWAYS_SKIPPED_DIRS.has(child.name) && visit(path)) return true;
      } else if (project.isContextFile(path)) return true;
    }
    return false;
  };
  return visit(dir);
}

/** Whether a root-relative file or folder is skipped by a .gitignore on its way down, or by node_modules/.git. */
function isGitIgnored(root: string, path: string, isFolder = false): boolean {
  const parts = path.split('/');
  if ((isFolder ? parts : parts.slice(0, -1)).some((part) => ALWAYS_SKIPPED_DIRS.has(part))) return true;
  for (let depth = 0; depth < parts.length; depth++) {
    const base = join(root, ...parts.slice(0, depth));
    const gitignore = join(base, '.gitignore');
    if (!existsSync(gitignore)) continue;
    try {
      if (ignore().add(readFileSync(gitignore, 'utf8')).ignores(parts.slice(depth).join('/') + (isFolder ? '/' : ''))) return true;
    } catch {
      // an unreadable .gitignore ignores nothing
    }
  }
  return false;
}

/** Whether this thread was started as the scan worker. */
export function isScanWorker(): boolean {
  return !!parentPort && !!(workerData as { guardlineScanWorker?: unknown } | null)?.guardlineScanWorker;
}

export function runScanWorker(): void {
  const port = parentPort!;
  const options = (workerData as { guardlineScanWorker: ScanWorkerData }).guardlineScanWorker;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a test's rule list, by path
  const rules = options.rulesModule ? (require(options.rulesModule) as { rules: readonly Rule[] }).rules : undefined;
  const worker = new ScanWorker(options, (message) => port.postMessage(message), rules);
  port.on('message', (job: ScanJob) => worker.handle(job));
}
