// What the engine returns for a file: findings with positions, fixes, flow, fingerprint and
// priority. Every front door (LSP, CLI text/JSON/SARIF) renders from this one shape.
import { createHash } from 'node:crypto';
import type { Confidence, Fix, Severity } from '../../../rules/api/types';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface LocatedStep {
  label: string;
  range: Range;
}

/** How urgent a finding is once deployment context is taken into account. */
export interface Priority {
  /** 0 to 100; higher is more urgent. Sorts findings and is SARIF's `rank`. */
  score: number;
  level: Severity;
  /** Why, in words: "internet-facing, no authentication, reads payment-card data". */
  reasons: string[];
  /** The service of guardline.yaml the file belongs to, if any. */
  service?: string;
  /** The attack path, entry point to what is reached, when context knows it. */
  attackPath?: string;
}

export interface Finding {
  ruleId: string;
  message: string;
  /** Severity of the weakness itself (rule default, per-report override or configured override). */
  severity: Severity;
  confidence: Confidence;
  /** UTF-16 offsets into the analysed text. */
  start: number;
  end: number;
  range: Range;
  fix?: Fix;
  suggestions?: Fix[];
  /** Source first, sink last. */
  flow?: LocatedStep[];
  /** Stable across edits elsewhere in the file; never contains a secret. */
  fingerprint: string;
  priority: Priority;
}

export const SEVERITY_SCORE: Record<Severity, number> = { critical: 90, high: 70, medium: 50, low: 30, info: 10 };

export function levelForScore(score: number): Severity {
  if (score >= 85) return 'critical';
  if (score >= 65) return 'high';
  if (score >= 45) return 'medium';
  if (score >= 25) return 'low';
  return 'info';
}

/**
 * Fingerprint from the rule, the text of the finding's line (white space folded) and which
 * occurrence of that pair it is, so it survives lines added or removed elsewhere.
 */
export function fingerprintOf(ruleId: string, material: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\u0000${material}\u0000${occurrence}`).digest('hex').slice(0, 32);
}

export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Applies non-overlapping edits (later offsets first) and returns the new text. */
export function applyEdits(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) continue; // overlaps an edit already applied
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/** Applies every safe fix of `findings` to `text`, skipping any fix that overlaps an earlier one. */
export function applyFixes(text: string, findings: Finding[]): string {
  const chosen: Array<{ start: number; end: number; text: string }> = [];
  const taken: Array<[number, number]> = [];
  for (const finding of findings) {
    const edits = finding.fix?.edits;
    if (!edits) continue;
    if (edits.some((e) => taken.some(([s, t]) => e.start < t && s < e.end || (e.start === e.end && e.start === s)))) continue;
    for (const e of edits) {
      chosen.push(e);
      taken.push([e.start, e.end]);
    }
  }
  return applyEdits(text, chosen);
}
