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

export function findSuppressions(file: TextSourceFile): Suppression[] {
  const text = file.text;
  const found: Suppression[] = [];
  const lines = new Set<number>(); // one directive per line; a Set keeps many comments linear
  for (let at = text.indexOf(MARKER); at !== -1; at = text.indexOf(MARKER, at + MARKER.length)) {
    const { line } = file.positionAt(at);
    const lineStart = file.lineStart(line);
    const lineText = file.lineText(line);
    const match = DIRECTIVE.exec(lineText);
    if (!match) continue;
    const directiveStart = lineStart + match.index;
    if (lines.has(line)) continue;
    lines.add(line);
    const ruleIds = (match[1] ?? '').split(/[\s,]+/).filter(Boolean);
    found.push({
      ruleIds,
      reason: (match[2] ?? '').trim(),
      line,
      ownLine: lineText.slice(0, match.index).trim() === '',
      start: directiveStart,
      end: lineStart + lineText.length,
    });
  }
  return found;
}

/** The suppression covering a finding of `ruleId` on `line`, if any. */
export function suppressionFor(suppressions: Suppression[], ruleId: string, line: number): Suppression | undefined {
  // Looked up by line rather than scanned: a file with a suppression per finding stays linear.
  const index = byLine(suppressions);
  const covers = (s: Suppression | undefined): boolean => !!s && s.ruleIds.includes(ruleId) && s.reason !== '';
  const before = index.get(line - 1);
  if (before?.ownLine && covers(before)) return before;
  const same = index.get(line);
  if (same && !same.ownLine && covers(same)) return same;
  return undefined;
}

/** Suppressions by line (there is at most one per line), built once per list findSuppressions returned. */
const INDEXES = new WeakMap<Suppression[], Map<number, Suppression>>();

function byLine(suppressions: Suppression[]): Map<number, Suppression> {
  let index = INDEXES.get(suppressions);
  if (!index) {
    index = new Map();
    for (const s of suppressions) if (!index.has(s.line)) index.set(s.line, s);
    INDEXES.set(suppressions, index);
  }
  return index;
}
