// Baselines: the findings a team has accepted for now, so that the editor and CI report only new
// ones. One JSON object per line, sorted, no timestamps and no line numbers, so the file diffs and
// merges cleanly; entries are keyed by path, rule and the finding's fingerprint, which survives
// line moves and, for secrets, is a keyed hash that never contains the secret. Pure functions,
// usable by the language server as well as the CLI.
import type { Finding } from '../engine/finding';

export const DEFAULT_BASELINE_FILE = 'guardline.baseline.jsonl';
const HEADER = { guardlineBaseline: 1, note: 'Accepted findings: guardline reports only findings not listed here. Regenerate with `guardline baseline`.' };

export interface BaselineEntry {
  /** Root-relative, `/`-separated. */
  path: string;
  ruleId: string;
  fingerprint: string;
}

export interface Baseline {
  entries: BaselineEntry[];
  /** Lines that could not be read, with their 1-based line numbers. */
  problems: Array<{ line: number; message: string }>;
}

function baselineKey(path: string, ruleId: string, fingerprint: string): string {
  return `${path}\u0000${ruleId}\u0000${fingerprint}`;
}

/** The baseline file's text for these findings: header line, then one sorted entry per line. */
export function formatBaseline(files: ReadonlyArray<{ path: string; findings: readonly Finding[] }>): string {
  const entries: BaselineEntry[] = [];
  for (const file of files) for (const f of file.findings) entries.push({ path: file.path, ruleId: f.ruleId, fingerprint: f.fingerprint });
  entries.sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));
  const unique = entries.filter((e, i) => i === 0 || baselineKey(e.path, e.ruleId, e.fingerprint) !== baselineKey(entries[i - 1]!.path, entries[i - 1]!.ruleId, entries[i - 1]!.fingerprint));
  return [JSON.stringify(HEADER), ...unique.map((e) => JSON.stringify({ path: e.path, ruleId: e.ruleId, fingerprint: e.fingerprint }))].join('\n') + '\n';
}

/** Reads a baseline file's text. Never throws: unreadable lines come back as problems. */
export function parseBaseline(text: string): Baseline {
  const entries: BaselineEntry[] = [];
  const problems: Baseline['problems'] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('<<<<<<<') || trimmed.startsWith('>>>>>>>') || trimmed === '=======') {
      if (trimmed) problems.push({ line: index + 1, message: 'unresolved merge conflict marker' });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      problems.push({ line: index + 1, message: 'not a JSON object' });
      return;
    }
    if (!value || typeof value !== 'object') {
      problems.push({ line: index + 1, message: 'not a JSON object' });
      return;
    }
    const v = value as Record<string, unknown>;
    if ('guardlineBaseline' in v) return;
    if (typeof v.path === 'string' && typeof v.ruleId === 'string' && typeof v.fingerprint === 'string') entries.push({ path: v.path, ruleId: v.ruleId, fingerprint: v.fingerprint });
    else problems.push({ line: index + 1, message: 'entry needs "path", "ruleId" and "fingerprint"' });
  });
  return { entries, problems };
}

/** A matcher answering "is this finding in the baseline?". */
function baselineMatcher(baseline: Baseline): (path: string, finding: Pick<Finding, 'ruleId' | 'fingerprint'>) => boolean {
  const keys = new Set(baseline.entries.map((e) => baselineKey(e.path, e.ruleId, e.fingerprint)));
  return (path, finding) => keys.has(baselineKey(path, finding.ruleId, finding.fingerprint));
}

/** Drops baselined findings; returns what is left and how many were dropped. */
export function applyBaseline<T extends { path: string; findings: Finding[] }>(files: readonly T[], baseline: Baseline): { files: T[]; suppressed: number } {
  const inBaseline = baselineMatcher(baseline);
  let suppressed = 0;
  const kept: T[] = [];
  for (const file of files) {
    const findings = file.findings.filter((f) => {
      const known = inBaseline(file.path, f);
      if (known) suppressed++;
      return !known;
    });
    if (findings.length) kept.push({ ...file, findings });
  }
  return { files: kept, suppressed };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
