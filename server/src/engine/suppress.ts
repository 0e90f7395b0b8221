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
  for (let at = text.indexOf(MARKER); at !== -1; at = text.indexOf(MARKER, at + MARKER.length)) {
    const { line } = file.positionAt(at);
    const lineStart = file.lineStart(line);
    const lineText = file.lineText(line);
    const match = DIRECTIVE.exec(lineText);
    if (!match) continue;
    const directiveStart = lineStart + match.index;
    if (found.some((s) => s.line === line)) continue;
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
  return suppressions.find(
    (s) => s.ruleIds.includes(ruleId) && s.reason !== '' && ((s.ownLine && s.line === line - 1) || (!s.ownLine && s.line === line)),
  );
}
