// Machine-readable output: one object with every finding (1-based positions, as editors show
// them), the notes and a summary. Stable key order and sorting, so runs diff cleanly.
import type { ScanResult } from './scan';
import { sortByPriority } from './format-text';
import { VERSION } from '../version';

export function formatJson(result: ScanResult): string {
  const findings = result.files.flatMap((file) =>
    sortByPriority(file.findings).map((f) => ({
      path: file.path,
      ruleId: f.ruleId,
      message: f.message,
      severity: f.severity,
      confidence: f.confidence,
      priority: f.priority,
      start: { line: f.range.start.line + 1, column: f.range.start.character + 1 },
      end: { line: f.range.end.line + 1, column: f.range.end.character + 1 },
      fingerprint: f.fingerprint,
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.suggestions ? { suggestions: f.suggestions } : {}),
      ...(f.flow ? { flow: f.flow.map((s) => ({ label: s.label, line: s.range.start.line + 1, column: s.range.start.character + 1 })) } : {}),
    })),
  );
  findings.sort((a, b) => b.priority.score - a.priority.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.start.line - b.start.line);
  return `${JSON.stringify(
    {
      tool: { name: 'guardline', version: VERSION },
      root: result.root,
      findings,
      notes: result.notes,
      configProblems: result.configProblems.map((p) => ({ ...p, line: p.line + 1 })),
      summary: { findings: findings.length, filesScanned: result.filesScanned, filesWithFindings: result.files.length },
    },
    null,
    2,
  )}\n`;
}
