// The workspace scan on the server side: one long-lived worker (scan-worker.ts) that keeps the file
// list and the loaded project of each folder, so that after a scan every file change costs only
// what it touches. Here: the findings of files that have any (bounded), the queue of jobs (the
// worker runs one at a time), file changes gathered and sent as one update, cancellation through a
// shared flag, and a worker that dies started again, skipping the file it died on.
import type { Worker } from 'node:worker_threads';
import type { Finding } from '../engine/finding';
import type { GuardlineClientSettings, ScanWorkspaceResult } from '../protocol';
import type { FileChange, JobSummary, ScanFolder, ScanJob, ScanMessage, ScanWorkerData } from './scan-worker';
import { pathToUri } from './uri';
import { startServerWorker } from './worker-entry';

/** At most this many files keep their findings; beyond it the scan says so and drops the rest. */
const MAX_FILES_WITH_FINDINGS = 5_000;
const MAX_NOTES = 50;
/** Quiet time after a file change before the changes gathered so far are sent to the worker. */
const UPDATE_DELAY_MS = 300;
/** A cancelled scan's worker that has not stopped by then (one huge file) is ended. */
const CANCEL_GRACE_MS = 10_000;
/** Times a job is started again after the worker died under it. */
const MAX_ATTEMPTS = 3;
/** Files that ended the worker, skipped until they change; more than this are not remembered. */
const MAX_FATAL_FILES = 100;

export interface ScanHost {
  trusted: boolean;
  maxFileSize: number;
  /** A module exporting `rules`, run instead of the registry (tests). */
  rulesModule?: string;
  settingsFor(rootUri: string): Promise<GuardlineClientSettings>;
  /** Findings of a file changed (an empty list clears it). */
  onFileResult(uri: string, findings: Finding[]): void;
  /** Files analysed so far by the job running in the worker; undefined when it is idle. */
  onProgress(filesScanned: number | undefined): void;
  log(message: string): void;
}

interface Job {
  request: ScanJob;
  attempts: number;
  /** Set for a full scan: the request waiting for it. */
  scan?: {
    result: ScanWorkspaceResult;
    /** URIs this scan reported findings for; other findings are stale once it completes. */
    withFindings: Set<string>;
    resolve(result: ScanWorkspaceResult): void;
    watch: NodeJS.Timeout;
    finished: boolean;
  };
}

export class WorkspaceScanner {
  /** URI -> findings of scanned files that have any. */
  readonly results = new Map<string, Finding[]>();
  /** Whether a full scan has completed, so that later changes are analysed too. */
  scanned = false;
  private worker: Worker | undefined;
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  private running: Job | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private roots: string[] = [];
  /** Absolute path -> deleted, gathered until the next update. */
  private readonly pendingChanges = new Map<string, boolean>();
  /** Settings or folders changed: the next update carries them. */
  private syncPending = false;
  private updateTimer: NodeJS.Timeout | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  /** The file the worker is analysing, so that a worker that dies can be told which file ended it. */
  private analysing: string | undefined;
  private readonly fatalFiles = new Set<string>();
  private capped = false;
  /** Notes of the running update logged so far (a scan returns its notes instead). */
  private notesLogged = 0;
  private disposed = false;

  constructor(private readonly host: ScanHost) {}

  /** Scans every folder from scratch; a scan already running or waiting is cancelled. */
  async scanAll(roots: readonly string[], isCancelled: () => boolean): Promise<ScanWorkspaceResult> {
    this.roots = [...roots];
    const folders = await this.folders();
    for (const job of [this.running, ...this.queue]) if (job?.scan) this.cancelScan(job);
    // The scan reads every file as it is now: the changes gathered so far are covered.
    this.pendingChanges.clear();
    this.syncPending = false;
    return new Promise((resolve) => {
      const result: ScanWorkspaceResult = { filesScanned: 0, filesWithFindings: 0, findings: 0, cancelled: false, notes: [] };
      const job: Job = { request: { type: 'scan', id: this.nextId++, folders, skip: [] }, attempts: 0 };
      // The request's cancellation arrives as a flag; check it often.
      const watch = setInterval(() => {
        if (isCancelled()) this.cancelScan(job);
      }, 100);
      job.scan = { result, withFindings: new Set(), resolve, watch, finished: false };
      this.queue.push(job);
      this.pump();
    });
  }

  /** Files created, changed or deleted on disk (absolute paths): analysed again after a scan. */
  changed(changes: Iterable<FileChange>): void {
    const deletedFolders = new Set<string>();
    for (const change of changes) {
      if (!this.roots.some((root) => change.path.startsWith(`${root}/`))) continue;
      if (change.deleted) {
        // Cleared at once, whether or not changes are tracked.
        const uri = pathToUri(change.path);
        if (this.results.has(uri)) this.set(uri, []);
        else deletedFolders.add(uri);
      }
      if (this.tracking) this.pendingChanges.set(change.path, change.deleted);
    }
    if (deletedFolders.size) {
      for (const uri of [...this.results.keys()]) {
        for (let end = uri.lastIndexOf('/'); end > 0; end = uri.lastIndexOf('/', end - 1)) {
          if (deletedFolders.has(uri.slice(0, end))) {
            this.set(uri, []);
            break;
          }
        }
      }
    }
    this.scheduleUpdate();
  }

  /** Changes are gathered after a scan, and during one (it may have read the file before the change). */
  private get tracking(): boolean {
    return this.scanned || [this.running, ...this.queue].some((job) => job?.scan && !job.scan.finished);
  }

  /** Editor settings changed: the worker analyses again what they change. */
  settingsChanged(): void {
    if (!this.tracking) return;
    this.syncPending = true;
    this.scheduleUpdate();
  }

  /** Workspace folders changed: findings of removed folders go, added folders are scanned. */
  setFolders(roots: readonly string[]): void {
    this.roots = [...roots];
    for (const uri of [...this.results.keys()]) if (!this.roots.some((root) => uri.startsWith(`${pathToUri(root)}/`))) this.set(uri, []);
    this.settingsChanged();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.updateTimer);
    clearTimeout(this.killTimer);
    for (const job of [this.running, ...this.queue.splice(0)]) if (job) this.finishScan(job, true);
    this.running = undefined;
    this.stopWorker();
  }

  private async folders(): Promise<ScanFolder[]> {
    return Promise.all(this.roots.map(async (root) => ({ root, settings: await this.host.settingsFor(pathToUri(root)) })));
  }

  /** Stops a scan: a waiting one is dropped, the running one stops before its next file. */
  private cancelScan(job: Job): void {
    if (!job.scan || job.scan.finished) return;
    this.finishScan(job, true);
    if (this.queue.includes(job)) {
      this.queue.splice(this.queue.indexOf(job), 1);
      return;
    }
    if (this.running !== job) return;
    Atomics.store(this.cancelFlag, 0, job.request.id);
    this.killTimer = setTimeout(() => {
      if (this.running !== job) return;
      this.host.log(`The cancelled workspace scan had not stopped after ${CANCEL_GRACE_MS / 1000} s; its worker was ended.`);
      this.running = undefined;
      this.stopWorker();
      this.host.onProgress(undefined);
      this.pump();
    }, CANCEL_GRACE_MS);
  }

  private scheduleUpdate(): void {
    if (this.updateTimer || this.disposed || !this.scanned || (!this.pendingChanges.size && !this.syncPending)) return;
    this.updateTimer = setTimeout(() => void this.sendUpdate(), UPDATE_DELAY_MS);
  }

  private async sendUpdate(): Promise<void> {
    this.updateTimer = undefined;
    // Changes wait while a job runs and go together when it ends (see pump).
    if (this.running || this.queue.length || !this.scanned || this.disposed) return;
    if (!this.pendingChanges.size && !this.syncPending) return;
    const changes = [...this.pendingChanges].map(([path, deleted]) => ({ path, deleted }));
    this.pendingChanges.clear();
    this.syncPending = false;
    // A file that ended the worker is tried again once it changes.
    for (const change of changes) this.fatalFiles.delete(change.path);
    const folders = await this.folders();
    if (!this.scanned || this.disposed) return;
    this.queue.push({ request: { type: 'update', id: this.nextId++, folders, changes, skip: [] }, attempts: 0 });
    this.pump();
  }

  /** Sends the next job when the worker is free. */
  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) {
      this.scheduleUpdate();
      return;
    }
    this.running = job;
    this.analysing = undefined;
    this.capped = false;
    this.notesLogged = 0;
    job.attempts++;
    job.request.skip = [...this.fatalFiles];
    this.ensureWorker().postMessage(job.request);
    this.host.onProgress(0);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const data: ScanWorkerData = { trusted: this.host.trusted, maxFileSize: this.host.maxFileSize, cancel: this.cancelFlag.buffer as SharedArrayBuffer, ...(this.host.rulesModule ? { rulesModule: this.host.rulesModule } : {}) };
    const worker = startServerWorker({ workerData: { guardlineScanWorker: data }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.on('message', (message: ScanMessage) => this.onMessage(message));
    worker.on('error', (error) => this.host.log(`The workspace scan worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.workerDied(code);
    });
    this.worker = worker;
    return worker;
  }

  /** Ends the worker on purpose (its exit is not a failure). */
  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private onMessage(message: ScanMessage): void {
    const job = this.running;
    switch (message.type) {
      case 'analysing':
        this.analysing = message.path;
        break;
      case 'file': {
        const uri = pathToUri(`${message.root}/${message.path}`);
        if (message.findings.length) {
          if (job?.scan) {
            job.scan.withFindings.add(uri);
            job.scan.result.filesWithFindings++;
            job.scan.result.findings += message.findings.length;
          }
          if (!this.results.has(uri) && this.results.size >= MAX_FILES_WITH_FINDINGS) {
            if (!this.capped) this.host.log(`Workspace scan: more than ${MAX_FILES_WITH_FINDINGS} files have findings; the rest are not listed.`);
            this.capped = true;
            return;
          }
        }
        this.set(uri, message.findings);
        break;
      }
      case 'progress':
        if (job?.request.id !== message.id) return;
        if (job.scan) job.scan.result.filesScanned = message.filesScanned;
        this.host.onProgress(message.filesScanned);
        break;
      case 'note':
        if (job?.scan && job.request.id === message.id) {
          if (job.scan.result.notes.length < MAX_NOTES) job.scan.result.notes.push({ path: message.path, message: message.message });
        } else if (this.notesLogged++ < MAX_NOTES) this.host.log(`Workspace scan: ${message.path}: ${message.message}`);
        break;
      case 'done':
        if (job?.request.id !== message.id) return;
        clearTimeout(this.killTimer);
        this.running = undefined;
        this.analysing = undefined;
        this.jobDone(job, message.summary);
        this.host.onProgress(undefined);
        this.pump();
        break;
    }
  }

  private jobDone(job: Job, summary: JobSummary): void {
    if (summary.error) this.host.log(`Workspace scan: the worker failed (${summary.error}); it lists the workspace again on the next change.`);
    if (job.scan) {
      job.scan.result.filesScanned = summary.analysed;
      this.finishScan(job, summary.cancelled || !!summary.error);
      return;
    }
    this.host.log(`Workspace scan updated: ${describeUpdate(summary, this.roots)}.`);
  }

  private finishScan(job: Job, cancelled: boolean): void {
    const scan = job.scan;
    if (!scan || scan.finished) return;
    scan.finished = true;
    clearInterval(scan.watch);
    scan.result.cancelled = cancelled;
    this.scanned = !cancelled;
    if (!cancelled) {
      // Files that had findings and now have none, or are gone.
      for (const uri of [...this.results.keys()]) if (!scan.withFindings.has(uri)) this.set(uri, []);
    } else if (!this.tracking) {
      this.pendingChanges.clear();
      this.syncPending = false;
    }
    scan.resolve(scan.result);
  }

  /** The worker died under a job (a fatal engine bug, out of memory): start it again, without the file it was on. */
  private workerDied(code: number): void {
    this.worker = undefined;
    clearTimeout(this.killTimer);
    const job = this.running;
    const file = this.analysing;
    this.running = undefined;
    this.analysing = undefined;
    if (file && this.fatalFiles.size < MAX_FATAL_FILES) this.fatalFiles.add(file);
    const where = file ? ` while analysing ${file}` : '';
    if (job && !job.scan?.finished && job.attempts < MAX_ATTEMPTS) {
      this.host.log(`The workspace scan worker stopped (exit code ${code})${where}; starting it again${file ? ' without that file' : ''}.`);
      if (job.scan) Object.assign(job.scan.result, { filesWithFindings: 0, findings: 0 });
      this.queue.unshift(job);
    } else {
      this.host.log(`The workspace scan worker stopped (exit code ${code})${where}.${job && !job.scan?.finished ? ' File changes are no longer analysed until the next workspace scan.' : ''}`);
      if (job && !job.scan?.finished) {
        this.scanned = false;
        this.finishScan(job, true);
      }
    }
    this.host.onProgress(undefined);
    this.pump();
  }

  private set(uri: string, findings: Finding[]): void {
    if (findings.length) this.results.set(uri, findings);
    else if (!this.results.delete(uri)) return;
    this.host.onFileResult(uri, findings);
  }
}

/** "2 files analysed (src/a.js, src/b.js); 1 removed; project reloaded", paths relative to their folder. */
function describeUpdate(summary: JobSummary, roots: readonly string[]): string {
  const relative = (path: string): string => {
    const root = roots.find((r) => path.startsWith(`${r}/`));
    return root ? path.slice(root.length + 1) : path;
  };
  const more = summary.analysed > summary.analysedPaths.length ? ', ...' : '';
  const paths = summary.analysedPaths.length ? ` (${summary.analysedPaths.map(relative).join(', ')}${more})` : '';
  const parts = [`${summary.analysed} file${summary.analysed === 1 ? '' : 's'} analysed${paths}`, `${summary.removed} removed`];
  if (summary.reloaded.length) parts.push(`project reloaded in ${summary.reloaded.length} folder${summary.reloaded.length === 1 ? '' : 's'}`);
  if (summary.listed.length) parts.push(`listed anew: ${summary.listed.join(', ')}`);
  return parts.join('; ');
}
