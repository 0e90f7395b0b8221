// The workspace scan on the server side: runs scan-worker.ts in a worker thread, keeps the findings
// of files with findings (bounded), and updates them incrementally as files change. Cancelling
// terminates the worker, which stops the scan at once.
import type { Worker } from 'node:worker_threads';
import type { Finding } from '../engine/finding';
import type { GuardlineClientSettings, ScanWorkspaceResult } from '../protocol';
import type { ScanJob, ScanMessage } from './scan-worker';
import { pathToUri } from './uri';
import { startServerWorker } from './worker-entry';

/** At most this many files keep their findings; beyond it the scan says so and drops the rest. */
const MAX_FILES_WITH_FINDINGS = 5_000;
const MAX_NOTES = 50;

export interface ScanHost {
  trusted: boolean;
  maxFileSize: number;
  settingsFor(rootUri: string): Promise<GuardlineClientSettings>;
  /** Findings of a file changed (an empty list clears it). */
  onFileResult(uri: string, findings: Finding[]): void;
  onProgress(filesScanned: number, path: string): void;
  log(message: string): void;
}

export class WorkspaceScanner {
  /** URI -> findings of scanned files that have any. */
  readonly results = new Map<string, Finding[]>();
  /** Whether a full scan has run, so later file changes are analysed too. */
  scanned = false;
  /** The worker of the scan or update in progress. */
  private running: Worker | undefined;
  private pending = new Map<string, Set<string>>();
  private pendingTimer: NodeJS.Timeout | undefined;
  private roots: string[] = [];

  constructor(private readonly host: ScanHost) {}

  /** Scans every folder from scratch; a scan already running is cancelled first. */
  async scanAll(roots: readonly string[], isCancelled: () => boolean): Promise<ScanWorkspaceResult> {
    this.cancel();
    this.roots = [...roots];
    const folders = await Promise.all(roots.map(async (root) => ({ root, settings: await this.host.settingsFor(pathToUri(root)) })));
    const previous = new Set(this.results.keys());
    const seen = new Set<string>();
    const result = await this.start({ trusted: this.host.trusted, maxFileSize: this.host.maxFileSize, folders }, seen, isCancelled);
    if (!result.cancelled) {
      this.scanned = true;
      // Files that had findings and now have none (or are gone).
      for (const uri of previous) if (!seen.has(uri)) this.set(uri, []);
    }
    return result;
  }

  /** Queues changed or created files (absolute paths) for re-analysis after a full scan. */
  update(paths: Iterable<string>): void {
    if (!this.scanned) return;
    for (const absolute of paths) {
      const root = this.roots.find((r) => absolute.startsWith(`${r}/`));
      if (!root) continue;
      const set = this.pending.get(root) ?? new Set<string>();
      set.add(absolute.slice(root.length + 1));
      this.pending.set(root, set);
    }
    if (this.pending.size && !this.pendingTimer) this.pendingTimer = setTimeout(() => void this.flush(), 300);
  }

  /** Drops a deleted file's findings. */
  remove(uri: string): void {
    if (this.results.has(uri)) this.set(uri, []);
  }

  cancel(): void {
    if (this.running) {
      void this.running.terminate();
      this.running = undefined;
    }
  }

  dispose(): void {
    this.cancel();
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
  }

  private async flush(): Promise<void> {
    this.pendingTimer = undefined;
    if (this.running) {
      // One worker at a time: try again when the current job ends.
      this.pendingTimer = setTimeout(() => void this.flush(), 300);
      return;
    }
    const jobs = [...this.pending.entries()];
    this.pending.clear();
    const folders = await Promise.all(jobs.map(async ([root, paths]) => ({ root, paths: [...paths], settings: await this.host.settingsFor(pathToUri(root)) })));
    await this.start({ trusted: this.host.trusted, maxFileSize: this.host.maxFileSize, folders }, new Set(), () => false);
  }

  private start(job: ScanJob, seen: Set<string>, isCancelled: () => boolean): Promise<ScanWorkspaceResult> {
    const worker = startServerWorker({ workerData: { guardlineScanJob: job }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    const result: ScanWorkspaceResult = { filesScanned: 0, filesWithFindings: 0, findings: 0, cancelled: false, notes: [] };
    let capped = false;
    const done = new Promise<ScanWorkspaceResult>((resolve) => {
      let finished = false;
      const finish = (cancelled: boolean): void => {
        if (finished) return;
        finished = true;
        if (this.running === worker) this.running = undefined;
        clearInterval(watch);
        result.cancelled = cancelled;
        resolve(result);
      };
      // The request's cancellation arrives as a flag; check it often and stop the worker.
      const watch = setInterval(() => {
        if (isCancelled()) {
          void worker.terminate();
          finish(true);
        }
      }, 100);
      worker.on('message', (message: ScanMessage) => {
        switch (message.type) {
          case 'file': {
            const uri = pathToUri(`${message.root}/${message.path}`);
            seen.add(uri);
            if (message.findings.length) {
              result.filesWithFindings++;
              result.findings += message.findings.length;
              if (!this.results.has(uri) && this.results.size >= MAX_FILES_WITH_FINDINGS) {
                if (!capped) this.host.log(`Workspace scan: more than ${MAX_FILES_WITH_FINDINGS} files have findings; the rest are not listed.`);
                capped = true;
                return;
              }
            }
            this.set(uri, message.findings);
            break;
          }
          case 'progress':
            result.filesScanned = message.filesScanned;
            this.host.onProgress(message.filesScanned, message.path);
            break;
          case 'note':
            if (result.notes.length < MAX_NOTES) result.notes.push({ path: message.path, message: message.message });
            break;
          case 'done':
            result.filesScanned = message.filesScanned;
            finish(false);
            void worker.terminate();
            break;
        }
      });
      worker.on('error', (error) => {
        this.host.log(`Workspace scan failed: ${error.message}`);
        finish(true);
      });
      // Exiting before 'done' means terminated (cancelled) or crashed.
      worker.on('exit', () => finish(true));
    });
    this.running = worker;
    return done;
  }

  private set(uri: string, findings: Finding[]): void {
    if (findings.length) this.results.set(uri, findings);
    else if (!this.results.delete(uri)) return;
    this.host.onFileResult(uri, findings);
  }
}
