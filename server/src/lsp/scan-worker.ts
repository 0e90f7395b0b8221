// The workspace scan's worker thread (dist/server.js started with a `guardlineScanJob`): walks the
// folders (honouring .gitignore and guardline.yaml ignores, skipping binary and huge files) and
// analyses each file, off the server's main loop. It posts one message per file, carrying its
// findings (an empty list clears earlier ones), and keeps nothing, so memory stays flat; the server
// cancels a scan by terminating the worker.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import ignore from 'ignore';
import { analyze } from '../engine/engine';
import { loadProject, type Project } from '../engine/context';
import type { Finding } from '../engine/finding';
import { ALWAYS_SKIPPED_DIRS, walkFiles } from '../cli/walk';
import type { GuardlineClientSettings } from '../protocol';
import { analyzeOptions } from './analysis';

export interface ScanJob {
  trusted: boolean;
  maxFileSize: number;
  folders: Array<{
    root: string;
    settings: GuardlineClientSettings;
    /** Only these root-relative files (incremental update); the whole folder when absent. */
    paths?: string[];
  }>;
}

export type ScanMessage =
  | { type: 'file'; root: string; path: string; findings: Finding[] }
  | { type: 'progress'; filesScanned: number; path: string }
  | { type: 'note'; root: string; path: string; message: string }
  | { type: 'done'; filesScanned: number };

function run(job: ScanJob, post: (message: ScanMessage) => void): void {
  let filesScanned = 0;
  let lastProgress = 0;
  for (const folder of job.folders) {
    if (!folder.settings.enable) continue;
    let project: Project | undefined;
    if (job.trusted) {
      try {
        project = loadProject(folder.root);
      } catch {
        project = undefined;
      }
    }
    const isIgnored = (path: string): boolean => !!project?.isIgnored(path);
    const analyseFile = (path: string, text: string): void => {
      filesScanned++;
      let findings: Finding[] = [];
      try {
        const options = analyzeOptions(folder.settings, project?.settings.rules, project?.settings.audit, project?.contextFor(path));
        findings = analyze({ path, text }, options);
      } catch (error) {
        post({ type: 'note', root: folder.root, path, message: `analysis failed: ${error instanceof Error ? error.message : String(error)}` });
      }
      post({ type: 'file', root: folder.root, path, findings });
      const now = Date.now();
      if (now - lastProgress > 200) {
        lastProgress = now;
        post({ type: 'progress', filesScanned, path });
      }
    };
    if (folder.paths) {
      for (const path of folder.paths) {
        const absolute = join(folder.root, path);
        if (!isFile(absolute) || isIgnored(path) || isGitIgnored(folder.root, path)) {
          post({ type: 'file', root: folder.root, path, findings: [] });
          continue;
        }
        const notes = walkFiles([absolute], { root: folder.root, maxFileSize: job.maxFileSize }, (file) => analyseFile(file.path, file.text));
        if (notes.length) post({ type: 'file', root: folder.root, path, findings: [] });
      }
    } else {
      const notes = walkFiles([folder.root], { root: folder.root, isIgnored, maxFileSize: job.maxFileSize }, (file) => analyseFile(file.path, file.text));
      for (const note of notes) post({ type: 'note', root: folder.root, path: note.path, message: note.message });
    }
  }
  post({ type: 'done', filesScanned });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether a root-relative file is skipped by a .gitignore on its way down, or by node_modules/.git. */
function isGitIgnored(root: string, path: string): boolean {
  const parts = path.split('/');
  if (parts.slice(0, -1).some((part) => ALWAYS_SKIPPED_DIRS.has(part))) return true;
  for (let depth = 0; depth < parts.length; depth++) {
    const base = join(root, ...parts.slice(0, depth));
    const gitignore = join(base, '.gitignore');
    if (!existsSync(gitignore)) continue;
    try {
      if (ignore().add(readFileSync(gitignore, 'utf8')).ignores(parts.slice(depth).join('/'))) return true;
    } catch {
      // an unreadable .gitignore ignores nothing
    }
  }
  return false;
}

/** Whether this thread was started as a scan worker. */
export function isScanWorker(): boolean {
  return !!parentPort && !!(workerData as { guardlineScanJob?: unknown } | null)?.guardlineScanJob;
}

export function runScanWorker(): void {
  const port = parentPort!;
  run((workerData as { guardlineScanJob: ScanJob }).guardlineScanJob, (message) => port.postMessage(message));
}
