// Inline suppressions: `guardline-ignore <rule-id>[, <rule-id>]: <reason>` in any comment style,
// on the line before a finding or at the end of the finding's own line.
import type { TextSourceFile } from './source-file';

export interface Suppression {
  ruleIds: string[];
  reason: string;
  /** 0-based line of the comment. */
  line: number;
  /** Whether the comment stands alone on its line (then it covers the next line). */
  ownLine: boolean;
  /** Offsets of the directive, for reporting a bad one. */
  start: number;
  end: number;
}

const MARKER = 'guardline-ignore';
// After a comment opener (// # /* <!-- -- ; ') the directive, ids, then ": reason" up to a closer.
const DIRECTIVE = /(?:\/\/|#|\/\*|<!--|--|;|')\s*guardline-ignore\b[ \t]*([A-Za-z0-9_,\- \t/]*?)[ \t]*(?::[ \t]*(.*?))?[ \t]*(?:\*\/|-->)?[ \t]*$/;

/**
 * The file's suppressions by 0-based line, in file order: one directive per line counts. Keyed by
 * line so that a file with a suppression for every finding stays linear.
 */
export function findSuppressions(file: TextSourceFile): Map<number, Suppression> {
  const text = file.text;
  const found = new Map<number, Suppression>();
  for (let at = text.indexOf(MARKER); at !== -1; at = text.indexOf(MARKER, at + MARKER.length)) {
    const { line } = file.positionAt(at);
    if (found.has(line)) continue;
    const lineStart = file.lineStart(line);
    const lineText = file.lineText(line);
    const match = DIRECTIVE.exec(lineText);
    if (!match) continue;
    found.set(line, {
      ruleIds: (match[1] ?? '').split(/[\s,]+/).filter(Boolean),
      reason: (match[2] ?? '').trim(),
      line,
      ownLine: lineText.slice(0, match.index).trim() === '',
      start: lineStart + match.index,
      end: lineStart + lineText.length,
    });
  }
  return found;
}

/** The suppression covering a finding of `ruleId` on `line`, if any. */
export function suppressionFor(suppressions: ReadonlyMap<number, Suppression>, ruleId: string, line: number): Suppression | undefined {
  const covers = (s: Suppression | undefined): boolean => !!s && s.ruleIds.includes(ruleId) && s.reason !== '';
  const before = suppressions.get(line - 1);
  if (before?.ownLine && covers(before)) return before;
  const same = suppressions.get(line);
  if (same && !same.ownLine && covers(same)) return same;
  return undefined;
}
