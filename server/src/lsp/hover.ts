// Hover over a finding: what it is, why it matters here (deployment context and attack path), how
// to fix it, and the rule's vulnerable and safe examples. Also the explanation the "Why this
// matters" panel renders. Only finding messages are shown, never raw matched text, so a secret
// is never repeated in full.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findRule } from '../../../rules';
import { explanationOf } from '../engine/explain';
import type { Finding } from '../engine/finding';
import { EXPLAIN_COMMAND, type Explanation, type FindingRef } from '../protocol';
import type { AnalysisRecord } from './analysis';
import { examplesOf } from './examples';
import { uriToPath } from './uri';

export function hover(document: TextDocument, position: Position, record: AnalysisRecord | undefined, explainCommand: boolean): Hover | null {
  if (!record || record.version !== document.version) return null;
  const here = record.shown.filter((f) => contains(f, position));
  if (!here.length) return null;
  const value = here.map((f) => hoverMarkdown(f, document.uri, explainCommand)).join('\n\n---\n\n');
  const first = here[0]!;
  return { contents: { kind: MarkupKind.Markdown, value }, range: first.range };
}

function hoverMarkdown(finding: Finding, uri: string, explainCommand: boolean): string {
  const explanation = explanationOf(finding.ruleId);
  const { priority } = finding;
  const lines: string[] = [];
  const title = explanation?.title ?? finding.ruleId;
  lines.push(`**Guardline: ${escape(title)}** \`${finding.ruleId}\` · ${priority.level} priority (${priority.score})${finding.confidence === 'audit' ? ' · audit' : ''}`);
  lines.push('', escape(finding.message));

  const context: string[] = [];
  if (priority.service) context.push(`service \`${priority.service}\``);
  if (priority.reasons.length) context.push(escape(priority.reasons.join(', ')));
  if (context.length) lines.push('', `**Why here:** ${context.join('; ')}`);
  if (priority.attackPath) lines.push('', `**Attack path:** ${escape(priority.attackPath)}`);
  if (finding.flow && finding.flow.length > 1) {
    lines.push('', `**Data flow:** ${finding.flow.map((s) => `${escape(s.label)} (line ${s.range.start.line + 1})`).join(' → ')}`);
  }
  if (explanation?.whyLine) lines.push('', `**Why it matters:** ${escape(explanation.whyLine)}`);
  if (explanation?.howToFix) lines.push('', `**How to fix:** ${firstParagraph(explanation.howToFix)}`);
  if (finding.fix) lines.push('', `Quick fix available: ${escape(finding.fix.title)}.`);

  const examples = explanation ? examplesOf(explanation.markdown) : {};
  if (examples.vulnerable) lines.push('', '**Vulnerable:**', '', fence(examples.vulnerable.language, examples.vulnerable.code));
  if (examples.safe) lines.push('', '**Safe:**', '', fence(examples.safe.language, examples.safe.code));
  if (explainCommand && explanation) {
    const ref: FindingRef = { ruleId: finding.ruleId, uri, fingerprint: finding.fingerprint };
    lines.push('', `[Why this matters](command:${EXPLAIN_COMMAND}?${encodeURIComponent(JSON.stringify([ref]))})`);
  }
  return lines.join('\n');
}

/** The rule's explanation, with the named finding's own context when the server still has it. */
export function explanation(
  ref: FindingRef,
  records: Iterable<AnalysisRecord>,
  extraFindings: (uri: string) => Finding[] | undefined,
  displayPath: (uri: string) => string = uriToPath,
): Explanation | null {
  const entry = findRule(ref.ruleId);
  const text = explanationOf(ref.ruleId);
  if (!entry || !text) return null;
  const result: Explanation = { ruleId: ref.ruleId, title: text.title, markdown: text.markdown, cwe: entry.rule.meta.docs.cwe, owasp: entry.rule.meta.docs.owasp };
  if (ref.uri && ref.fingerprint) {
    let finding: Finding | undefined;
    for (const record of records) if (record.uri === ref.uri) finding = record.findings.find((f) => f.fingerprint === ref.fingerprint);
    finding ??= extraFindings(ref.uri)?.find((f) => f.fingerprint === ref.fingerprint);
    if (finding) {
      const { priority } = finding;
      result.finding = {
        message: finding.message,
        priority: { level: priority.level, score: priority.score, reasons: priority.reasons, ...(priority.service ? { service: priority.service } : {}), ...(priority.attackPath ? { attackPath: priority.attackPath } : {}) },
        flow: (finding.flow ?? []).map((s) => ({ label: s.label, line: s.range.start.line })),
        line: finding.range.start.line,
        file: displayPath(ref.uri),
      };
    }
  }
  return result;
}

function contains(finding: Finding, position: Position): boolean {
  const { start, end } = finding.range;
  const afterStart = position.line > start.line || (position.line === start.line && position.character >= start.character);
  const beforeEnd = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return afterStart && beforeEnd;
}

function firstParagraph(markdown: string): string {
  return (markdown.split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim();
}

function fence(language: string, code: string): string {
  const ticks = code.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${code}\n${ticks}`;
}

/** Escapes Markdown in text that is not Markdown (messages, labels). */
function escape(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
