// The worker threads of a large `guardline scan`: files go out one message each, a few ahead per
// worker so none waits; outcomes come back in any order and the caller puts them in walk order.
// A worker that dies (out of memory, a native crash) takes no other file's results with it: the
// files it had not started go to the others, the one it was on is tried once more on its own, and
// if that kills a worker too, the file gets a note instead of findings.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { failureNote, scanFile, WORKER_DATA_KEY, type AnalysisSettings, type FileJob, type FileOutcome } from './scan-worker';

/** Files handed to a worker before it answers the first: enough that it never waits for the next. */
const AHEAD = 2;
/** A file that ended a worker this many times is not tried again. */
const MAX_ATTEMPTS = 2;
/** Workers that die before taking any file: the bundle cannot start one, so the main thread goes on alone. */
const MAX_START_FAILURES = 3;
/**
 * Each worker's heap limit: far above what one file needs (the largest parsed, 1.5 MB, takes a few
 * hundred MB), so that a file that would need more ends its worker, and gets a note, rather than
 * taking the process down.
 */
const WORKER_HEAP_MB = 2048;

interface Queued {
  job: FileJob;
  attempts: number;
  /** Run on a worker with nothing else in flight (a retry after a crash, so the culprit is certain). */
  alone: boolean;
}

interface PoolWorker {
  thread: Worker;
  inFlight: Queued[];
  /** Set once it died or was stopped, so its events are handled once. */
  gone: boolean;
}

export class ScanPool {
  private readonly queue: Queued[] = [];
  private readonly workers: PoolWorker[] = [];
  private startFailures = 0;
  /** Workers could not be started: the main thread scans what is left. */
  private inProcess = false;
  private pending = 0;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly size: number,
    private readonly analysis: AnalysisSettings,
    private readonly onOutcome: (outcome: FileOutcome) => void,
  ) {}

  /** Files handed in and not yet answered. */
  get backlog(): number {
    return this.pending;
  }

  submit(job: FileJob): void {
    this.pending++;
    this.queue.push({ job, attempts: 0, alone: false });
    this.pump();
  }

  /** Resolves once the backlog is at most `count` (0: everything answered). */
  async until(count: number): Promise<void> {
    while (this.pending > count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Waits for every file, then stops the workers. */
  async close(): Promise<void> {
    await this.until(0);
    await Promise.all(this.workers.splice(0).map((worker) => this.stop(worker)));
  }

  private pump(): void {
    if (this.inProcess) {
      while (this.queue.length) this.finish(scanFile(this.queue.shift()!.job, this.analysis));
      return;
    }
    while (this.queue.length && this.workers.length < this.size) this.workers.push(this.start());
    for (const worker of this.workers) {
      while (this.queue.length && worker.inFlight.length < AHEAD && !worker.inFlight.some((q) => q.alone)) {
        const next = this.queue[0]!;
        if (next.alone && worker.inFlight.length > 0) break;
        this.queue.shift();
        worker.inFlight.push(next);
        worker.thread.postMessage(next.job);
      }
    }
  }

  private start(): PoolWorker {
    const data = { [WORKER_DATA_KEY]: this.analysis };
    const options = { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
    // Bundled: dist/cli.js starts itself as the worker (main.ts sees the flag). From source under
    // tsx, the worker needs tsx's require hook, which the main thread's loader does not pass on.
    const thread = __filename.endsWith('.js')
      ? new Worker(__filename, options)
      : new Worker(`require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'scan-worker.ts'))}).runCliScanWorker();`, { ...options, eval: true });
    const worker: PoolWorker = { thread, inFlight: [], gone: false };
    thread.on('message', (outcome: FileOutcome) => {
      const index = worker.inFlight.findIndex((q) => q.job.id === outcome.id);
      if (index >= 0) worker.inFlight.splice(index, 1);
      this.finish(outcome);
      this.pump();
    });
    thread.on('error', (error) => this.died(worker, /out of memory/i.test(error.message) ? 'out of memory' : error.message));
    thread.on('exit', (code) => this.died(worker, `exit code ${code}`));
    return worker;
  }

  /** A worker that died: its files go back in the queue, the one it was on with one attempt more. */
  private died(worker: PoolWorker, reason: string): void {
    if (worker.gone) return;
    worker.gone = true;
    this.workers.splice(this.workers.indexOf(worker), 1);
    const [current, ...notStarted] = worker.inFlight;
    this.queue.unshift(...notStarted);
    if (!current) {
      if (++this.startFailures >= MAX_START_FAILURES) this.inProcess = true;
    } else if (current.attempts + 1 >= MAX_ATTEMPTS) {
      this.finish({ id: current.job.id, path: current.job.path, scanned: false, findings: [], notes: [failureNote(current.job.path, `analysing it ended the worker thread twice (${reason})`)] });
    } else {
      this.queue.unshift({ ...current, attempts: current.attempts + 1, alone: true });
    }
    void worker.thread.terminate();
    this.pump();
  }

  private finish(outcome: FileOutcome): void {
    this.pending--;
    this.onOutcome(outcome);
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private async stop(worker: PoolWorker): Promise<void> {
    worker.gone = true;
    await worker.thread.terminate();
  }
}
