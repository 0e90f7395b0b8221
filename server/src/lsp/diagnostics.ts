// Finding -> LSP Diagnostic: source `guardline`, the rule id as code with a link to its
// documentation, severity from the finding's priority, the context reason in the message, the data
// flow as related information, and tags where they fit.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { findRule } from '../../../rules';
import type { Finding } from '../engine/finding';
import { RULE_DOCS_BASE, type PriorityLevel } from '../protocol';

const SEVERITY: Record<PriorityLevel, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to the server in code action requests. */
export interface DiagnosticData {
  fingerprint: string;
  /** Document version the finding was computed on. */
  version: number | null;
}

export interface DiagnosticOptions {
  /** The client shows related information (the data-flow steps). */
  relatedInformation: boolean;
}

export function toDiagnostic(finding: Finding, uri: string, version: number | null, options: DiagnosticOptions): Diagnostic {
  const entry = findRule(finding.ruleId);
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.priority.level],
    source: 'guardline',
    code: finding.ruleId,
    message: messageOf(finding),
    data: { fingerprint: finding.fingerprint, version } satisfies DiagnosticData,
  };
  if (entry) diagnostic.codeDescription = { href: `${RULE_DOCS_BASE}${entry.folder}/explain.md` };
  const tags = tagsOf(finding, entry?.rule.meta.tags ?? []);
  if (tags.length) diagnostic.tags = tags;
  if (options.relatedInformation && finding.flow && finding.flow.length > 1) {
    diagnostic.relatedInformation = finding.flow.map((step, index): DiagnosticRelatedInformation => ({
      location: { uri, range: step.range },
      message: `${index === 0 ? 'Source' : index === finding.flow!.length - 1 ? 'Sink' : `Step ${index}`}: ${step.label}`,
    }));
  }
  return diagnostic;
}

/** The finding's message, then why it ranks where it does (the deployment context). */
function messageOf(finding: Finding): string {
  const head = finding.confidence === 'audit' ? `(audit) ${finding.message}` : finding.message;
  const why = contextLine(finding);
  return why ? `${head}\n${why}` : head;
}

/** "Priority high: internet-facing, no authentication (service payments-api)", or '' without context. */
function contextLine(finding: Finding): string {
  const { priority } = finding;
  const parts: string[] = [];
  if (priority.reasons.length) parts.push(priority.reasons.join(', '));
  if (priority.service) parts.push(`service ${priority.service}`);
  if (!parts.length) return '';
  return `Priority ${priority.level}: ${parts.join('; ')}`;
}

function tagsOf(finding: Finding, ruleTags: readonly string[]): DiagnosticTag[] {
  // A suppression comment naming a rule that does not exist suppresses nothing: fade it.
  if (finding.ruleId === 'invalid-suppression' && /unknown rule/i.test(finding.message)) return [DiagnosticTag.Unnecessary];
  if (ruleTags.includes('deprecated')) return [DiagnosticTag.Deprecated];
  return [];
}
