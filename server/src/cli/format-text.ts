// Human-readable output: files by their most urgent finding, each finding with its priority, rule,
// message, the "why this matters" line and, when deployment context raised it, the reason.
import { SEVERITIES, type Severity } from '../../../rules/api/types';
import type { ConfigProblem } from '../engine/config';
import { explanationOf } from '../engine/explain';
import type { Finding } from '../engine/finding';
import type { ScanResult } from './scan';

const COLORS: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

export function formatText(result: ScanResult, options: { color: boolean }): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const out: string[] = [];
  for (const problem of result.configProblems) out.push(configProblemLine(result, problem));
  if (result.configProblems.length) out.push('');
  const files = [...result.files].sort((a, b) => topScore(b.findings) - topScore(a.findings) || (a.path < b.path ? -1 : 1));
  const counts = new Map<Severity, number>();
  for (const file of files) {
    out.push(paint('\x1b[1;4m', file.path));
    for (const finding of sortByPriority(file.findings)) {
      counts.set(finding.priority.level, (counts.get(finding.priority.level) ?? 0) + 1);
      const where = `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      const level = paint(COLORS[finding.priority.level], finding.priority.level.padEnd(8));
      const audit = finding.confidence === 'audit' ? ' (audit)' : '';
      out.push(`  ${where.padEnd(8)} ${level} ${finding.ruleId}${audit}  ${finding.message}`);
      const why = explanationOf(finding.ruleId)?.whyLine;
      if (why) out.push(paint(DIM, `           why: ${why}`));
      if (finding.priority.reasons.length) out.push(paint(DIM, `           context: ${finding.priority.reasons.join(', ')}`));
      if (finding.priority.attackPath) out.push(paint(DIM, `           path: ${finding.priority.attackPath}`));
      if (finding.fix) out.push(paint(DIM, `           fix available: ${finding.fix.title}`));
    }
    out.push('');
  }
  if (result.notes.length) {
    out.push(paint(DIM, 'Notes:'));
    for (const note of result.notes) out.push(paint(DIM, `  ${note.path}: ${note.message}`));
    out.push('');
  }
  const total = files.reduce((n, f) => n + f.findings.length, 0);
  const breakdown = SEVERITIES.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`).join(', ');
  out.push(`${total} finding${total === 1 ? '' : 's'}${breakdown ? ` (${breakdown})` : ''} in ${files.length} of ${result.filesScanned} file${result.filesScanned === 1 ? '' : 's'} scanned.`);
  return out.join('\n') + '\n';
}

/** `guardline.yaml:3: error: ...`: a problem of guardline.yaml on its 1-based line, as compilers print them. */
export function configProblemLine(result: ScanResult, problem: ConfigProblem): string {
  return `${result.configPath ?? 'guardline.yaml'}:${problem.line + 1}: ${problem.severity}: ${problem.message}`;
}

export function sortByPriority(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => b.priority.score - a.priority.score || a.start - b.start);
}

function topScore(findings: Finding[]): number {
  return findings.reduce((max, f) => Math.max(max, f.priority.score), 0);
}
