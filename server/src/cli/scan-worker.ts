// One file of `guardline scan`: read it, analyse it, and turn a failure into a note. Runs in the
// main thread for small scans and in worker threads (dist/cli.js started with `guardlineCliScan`)
// for large ones, which answer one message per file.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalyzeOptions } from '../engine/engine';
import type { Finding } from '../engine/finding';
import type { Rule } from '../../../rules/api/types';
import type { FileContext } from '../engine/risk';
import { readListedFile, type WalkNote } from './walk';

/** A file to scan; `id` is its place in the walk, which keeps the output in walk order. */
export interface FileJob {
  id: number;
  absolute: string;
  /** Root-relative, `/`-separated. */
  path: string;
  context?: FileContext;
}

export interface FileOutcome {
  id: number;
  path: string;
  /** The file was read and analysed (it counts as scanned). */
  scanned: boolean;
  findings: Finding[];
  notes: WalkNote[];
}

/** What every file of one scan is analysed with. */
export interface AnalysisSettings {
  settings?: AnalyzeOptions['settings'];
  audit: boolean;
  /** A module exporting `rules`, run instead of the registry (tests give workers failing rules this way). */
  rulesModule?: string;
}

/** The rules of `rulesModule`, loaded once per thread. */
const loadedRules = new Map<string, readonly Rule[]>();

function rulesOf(analysis: AnalysisSettings): readonly Rule[] | undefined {
  const module = analysis.rulesModule;
  if (!module) return undefined;
  if (!loadedRules.has(module)) loadedRules.set(module, (require(module) as { rules: readonly Rule[] }).rules);
  return loadedRules.get(module);
}

export function scanFile(job: FileJob, analysis: AnalysisSettings): FileOutcome {
  const read = readListedFile(job);
  if (!read.file) return { id: job.id, path: job.path, scanned: false, findings: [], notes: read.notes };
  try {
    const rules = rulesOf(analysis);
    const findings = analyze(read.file, { ...(rules ? { rules } : {}), ...(analysis.settings ? { settings: analysis.settings } : {}), audit: analysis.audit, ...(job.context ? { context: job.context } : {}) });
    return { id: job.id, path: job.path, scanned: true, findings, notes: read.notes };
  } catch (error) {
    // An engine bug on one file must not cost the findings of the others.
    return { id: job.id, path: job.path, scanned: false, findings: [], notes: [...read.notes, failureNote(job.path, error instanceof Error ? error.message : String(error))] };
  }
}

export function failureNote(path: string, reason: string): WalkNote {
  return { path, message: `not analysed: ${reason.length > 200 ? `${reason.slice(0, 197)}...` : reason}` };
}

/** The key in `workerData` that marks a thread as a scan worker, holding its AnalysisSettings. */
export const WORKER_DATA_KEY = 'guardlineCliScan';

export function isCliScanWorker(): boolean {
  return !isMainThread && !!parentPort && !!(workerData as Record<string, unknown> | null)?.[WORKER_DATA_KEY];
}

/** The worker's loop: each message is a FileJob, each answer its FileOutcome, in order. */
export function runCliScanWorker(): void {
  const analysis = (workerData as Record<string, AnalysisSettings>)[WORKER_DATA_KEY]!;
  const port = parentPort!;
  port.on('message', (job: FileJob) => port.postMessage(scanFile(job, analysis)));
}
