// Document analysis in a worker thread, so that hovers, code actions and other documents are
// answered while a large file is analysed (measured: a 3,000-line file blocked every other request
// for about 0.8 s when analysed on the main thread). One long-lived worker runs one job at a time;
// queued jobs whose document changed are dropped before they start, and a job that runs too long
// or kills the worker fails on its own file only: the worker is started again for the next one.
import { parentPort, workerData, type Worker } from 'node:worker_threads';
import type { Rule } from '../../../rules/api/types';
import { analyze, type AnalyzeDocument, type AnalyzeOptions } from '../engine/engine';
import type { Finding } from '../engine/finding';
import { startServerWorker } from './worker-entry';

/** A job that takes longer than this is stopped and reported as failed on its file. */
const ANALYSIS_TIMEOUT_MS = 30_000;

type Request = { id: number; document: AnalyzeDocument; options: Omit<AnalyzeOptions, 'rules'> };
type Response = { id: number; findings: Finding[] } | { id: number; error: string; stack?: string };

export class AnalysisFailed extends Error {
  constructor(
    message: string,
    readonly detail: string = message,
  ) {
    super(message);
  }
}

/** Thrown for a queued job whose result nobody wants any more. */
export class Skipped extends Error {}

interface Job {
  request: Request;
  isStale: () => boolean;
  resolve: (findings: Finding[]) => void;
  reject: (error: Error) => void;
}

export class AnalysisWorker {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;

  /** `rulesModule`: a module exporting `rules`, run instead of the registry (tests). */
  constructor(private readonly rulesModule?: string) {}

  analyze(document: AnalyzeDocument, options: Omit<AnalyzeOptions, 'rules'>, isStale: () => boolean): Promise<Finding[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, document, options }, isStale, resolve, reject });
      this.pump();
    });
  }

  dispose(): void {
    for (const job of this.queue.splice(0)) job.reject(new Skipped());
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.job.reject(new Skipped());
      this.running = undefined;
    }
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running) return;
    let job = this.queue.shift();
    while (job && job.isStale()) {
      job.reject(new Skipped());
      job = this.queue.shift();
    }
    if (!job) return;
    const worker = this.start();
    const timer = setTimeout(() => this.fail(`the analysis took longer than ${ANALYSIS_TIMEOUT_MS / 1000} s and was stopped`), ANALYSIS_TIMEOUT_MS);
    this.running = { job, timer };
    worker.postMessage(job.request);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startServerWorker({
      workerData: { guardlineAnalysisWorker: true, ...(this.rulesModule ? { rulesModule: this.rulesModule } : {}) },
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    });
    worker.on('message', (response: Response) => {
      const running = this.running;
      if (!running || running.job.request.id !== response.id) return;
      clearTimeout(running.timer);
      this.running = undefined;
      if ('findings' in response) running.job.resolve(response.findings);
      else running.job.reject(new AnalysisFailed(response.error, response.stack));
      this.pump();
    });
    worker.on('error', (error) => this.fail(`the analysis worker failed: ${error.message}`, error.stack));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(`the analysis worker stopped (exit code ${code})`);
    });
    this.worker = worker;
    return worker;
  }

  /** The running job failed with the worker: report it, and start afresh for the next job. */
  private fail(reason: string, detail?: string): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const running = this.running;
    this.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.job.reject(new AnalysisFailed(reason, detail));
    }
    this.pump();
  }
}

export function isAnalysisWorker(): boolean {
  return !!parentPort && !!(workerData as { guardlineAnalysisWorker?: unknown } | null)?.guardlineAnalysisWorker;
}

export function runAnalysisWorker(): void {
  const port = parentPort!;
  const { rulesModule } = workerData as { rulesModule?: string };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a test's rule list, by path
  const rules: readonly Rule[] | undefined = rulesModule ? (require(rulesModule) as { rules: readonly Rule[] }).rules : undefined;
  port.on('message', (request: Request) => {
    let response: Response;
    try {
      response = { id: request.id, findings: analyze(request.document, rules ? { ...request.options, rules } : request.options) };
    } catch (error) {
      response = { id: request.id, error: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) };
    }
    port.postMessage(response);
  });
}
