// analyze(document, options) -> Finding[]: the one entry point every front door calls. Pure and
// deterministic: no I/O, no globals, no vscode. Parse once, walk once, run text rules, then
// suppressions, settings, fingerprints and priorities.
import type { TSESTree } from '@typescript-eslint/types';
import type { AstRule, AstRuleContext, Confidence, EngineRule, Report, Rule, RuleMeta, Severity, TextRule } from '../../../rules/api/types';
import { findRule, runnableRules } from '../../../rules';
import { ModuleDataflow } from './dataflow/evaluate';
import { ModuleIndex } from './dataflow/scopes';
import { formatBytes } from './bytes';
import { fingerprintOf, foldWhitespace, type Finding } from './finding';
import { ParseError, parseScript, planScript } from './parse';
import { Prefilter } from './prefilter';
import { prioritize, type FileContext } from './risk';
import { TextSourceFile } from './source-file';
import { Dispatcher } from './traverse';
import { findSuppressions, suppressionFor } from './suppress';
import parseErrorRule from '../../../rules/engine/parse-error/rule';
import ruleErrorRule from '../../../rules/engine/rule-error/rule';
import invalidSuppressionRule from '../../../rules/engine/invalid-suppression/rule';
import analysisLimitedRule from '../../../rules/engine/analysis-limited/rule';

export interface AnalyzeDocument {
  /** `/`-separated path, absolute or relative to the workspace; its extension picks the parser. */
  path: string;
  text: string;
  /** Editor language id, used when the path has no telling extension (untitled buffers). */
  languageId?: string;
}

/** A rule turned off, given another severity, or given options. */
export type RuleSetting = 'off' | Severity | { severity?: Severity | 'off'; options?: Record<string, unknown> };

export interface AnalyzeOptions {
  /** Rules to run; default every registered rule. */
  rules?: readonly Rule[];
  /** Per-rule settings from guardline.yaml or editor settings. */
  settings?: Readonly<Record<string, RuleSetting>>;
  /** Also report audit findings: risky calls whose input could not be traced to a source. */
  audit?: boolean;
  /** Treat parameters of exported functions as untrusted (library code). Default true. */
  exportedParamsUntrusted?: boolean;
  /** Files larger than this get text rules only. Default 1.5 MB. */
  maxAstBytes?: number;
  /** Deployment context of this file, for priorities. */
  context?: FileContext;
  /**
   * Skip AST rules whose `prefilter` strings the file does not contain, and the parse when no AST
   * rule is left (default true). The findings are the same either way (tests turn it off to prove
   * it), except that a syntax error goes unreported in a file that no AST rule would have read.
   */
  prefilter?: boolean;
}

const DEFAULT_MAX_AST_BYTES = 1_500_000;
/** A line this long means minified or generated code. */
const MINIFIED_LINE = 2_000;

interface RawFinding {
  meta: RuleMeta;
  report: Report;
}

export function analyze(document: AnalyzeDocument, options: AnalyzeOptions = {}): Finding[] {
  const file = new TextSourceFile(document.path.replace(/\\/g, '/'), document.text);
  const rules = (options.rules ?? runnableRules()).filter((rule) => settingOf(options, rule.meta.id) !== 'off');
  const raw: RawFinding[] = [];
  const engineReport = (rule: EngineRule, report: Report): void => void raw.push({ meta: rule.meta, report });

  const astRules = rules.filter((rule): rule is AstRule => rule.kind === 'ast');
  const plan = astRules.length ? planScript(file.path, file.text, document.languageId) : undefined;
  if (plan) {
    const limit = options.maxAstBytes ?? DEFAULT_MAX_AST_BYTES;
    const longest = longestLine(plan.text);
    if (longest > MINIFIED_LINE && plan.text.length / Math.max(1, file.lineCount) > 300) {
      engineReport(analysisLimitedRule, { start: 0, end: 0, messageId: 'minified', data: { longest } });
    } else if (plan.text.length > limit) {
      engineReport(analysisLimitedRule, { start: 0, end: 0, messageId: 'tooLarge', data: { size: formatBytes(plan.text.length), limit: formatBytes(limit) } });
    } else {
      const applicable = options.prefilter === false ? astRules : prefilterFor(astRules).applicable(plan.text);
      if (applicable.length) runAstRules(file, plan, applicable, options, raw, engineReport);
    }
  }

  for (const rule of rules) {
    if (rule.kind !== 'text' || (rule.appliesTo && !rule.appliesTo(file.path))) continue;
    const context = {
      file,
      options: ruleOptions(options, rule.meta.id),
      report: (report: Report) => void raw.push({ meta: rule.meta, report: checkReport(rule, report) }),
    };
    try {
      (rule as TextRule).check(context);
    } catch (error) {
      engineReport(ruleErrorRule, { start: 0, end: 0, messageId: 'ruleError', data: { ruleId: rule.meta.id, reason: errorText(error) } });
    }
  }

  return finish(file, raw, options, rules);
}

function runAstRules(
  file: TextSourceFile,
  plan: NonNullable<ReturnType<typeof planScript>>,
  rules: AstRule[],
  options: AnalyzeOptions,
  raw: RawFinding[],
  engineReport: (rule: EngineRule, report: Report) => void,
): void {
  let ast: TSESTree.Program;
  try {
    ast = parseScript(plan);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const at = Math.min(error.offset, file.text.length);
    const position = file.positionAt(at);
    engineReport(parseErrorRule, {
      start: at,
      end: Math.min(at + 1, file.text.length),
      messageId: 'parseError',
      data: { reason: `${error.message} at line ${position.line + 1}` },
    });
    return;
  }
  const index = new ModuleIndex(ast);
  const dataflow = new ModuleDataflow(index, file.text, { exportedParamsUntrusted: options.exportedParamsUntrusted ?? true });
  const dispatcher = new Dispatcher();
  // The index listens first, so every rule listener sees scopes entered; the index is finalised
  // before any rule's Program:exit, where data-flow queries are answered.
  const indexOwner = -1;
  dispatcher.add(indexOwner, { ...index.listeners(), 'Program:exit': () => index.finalise() });
  const failed = new Set<number>();
  rules.forEach((rule, owner) => {
    const context: AstRuleContext = {
      file,
      ast,
      dataflow,
      options: ruleOptions(options, rule.meta.id),
      report: (report) => {
        if (!failed.has(owner)) raw.push({ meta: rule.meta, report: checkReport(rule, report) });
      },
    };
    try {
      dispatcher.add(owner, rule.create(context) as Record<string, (node: TSESTree.Node) => void>);
    } catch (error) {
      failed.add(owner);
      engineReport(ruleErrorRule, { start: 0, end: 0, messageId: 'ruleError', data: { ruleId: rule.meta.id, reason: errorText(error) } });
    }
  });
  dispatcher.walk(ast, (owner, error, node) => {
    if (owner === indexOwner) throw error; // the index failing is an engine bug: let it surface
    failed.add(owner);
    // Drop what the rule reported before it failed: a half-run rule's findings are not trustworthy.
    const id = rules[owner]!.meta.id;
    for (let i = raw.length - 1; i >= 0; i--) if (raw[i]!.meta.id === id) raw.splice(i, 1);
    engineReport(ruleErrorRule, { node, messageId: 'ruleError', data: { ruleId: id, reason: errorText(error) } });
  });
}

/**
 * The prefilter for a list of rules, built once per distinct list (a scan asks for the same list
 * for every file). A memo of a pure function: the findings do not depend on it.
 */
function prefilterFor(rules: AstRule[]): Prefilter {
  let key = '';
  for (const rule of rules) {
    let serial = RULE_SERIALS.get(rule);
    if (serial === undefined) RULE_SERIALS.set(rule, (serial = nextRuleSerial++));
    key += `${serial},`;
  }
  let prefilter = PREFILTERS.get(key);
  if (!prefilter) {
    if (PREFILTERS.size >= MAX_PREFILTERS) PREFILTERS.clear();
    PREFILTERS.set(key, (prefilter = new Prefilter(rules)));
  }
  return prefilter;
}

/** A number per rule object, for the key: two rules with one id (a test's variant) stay apart. */
const RULE_SERIALS = new WeakMap<AstRule, number>();
let nextRuleSerial = 0;
const PREFILTERS = new Map<string, Prefilter>();
/** Rule lists differ only by settings (per folder in an editor): a handful at a time. */
const MAX_PREFILTERS = 32;

/** Enforces the metadata a report relies on, so a rule cannot attach a fix it did not declare. */
function checkReport(rule: Rule, report: Report): Report {
  if (report.fix && rule.meta.fixable !== 'safe') throw new Error(`rule ${rule.meta.id} reported a fix but meta.fixable is not 'safe'`);
  if (report.suggestions?.length && !rule.meta.hasSuggestions) throw new Error(`rule ${rule.meta.id} reported suggestions but meta.hasSuggestions is not set`);
  if (!(report.messageId in rule.meta.messages)) throw new Error(`rule ${rule.meta.id} has no message "${report.messageId}"`);
  return report;
}

function finish(file: TextSourceFile, raw: RawFinding[], options: AnalyzeOptions, rules: readonly Rule[]): Finding[] {
  const suppressions = findSuppressions(file);
  const findings: Finding[] = [];
  for (const { meta, report } of raw) {
    const confidence: Confidence = report.confidence ?? 'confirmed';
    if (confidence === 'audit' && !options.audit) continue;
    const [start, end] = 'node' in report ? report.node.range : [report.start, report.end];
    const range = { start: file.positionAt(start), end: file.positionAt(end) };
    if (suppressionFor(suppressions, meta.id, range.start.line)) continue;
    const configured = settingOf(options, meta.id);
    const severity = (typeof configured === 'string' && configured !== 'off' ? configured : undefined) ?? report.severity ?? meta.severity;
    findings.push({
      ruleId: meta.id,
      message: formatMessage(meta.messages[report.messageId] ?? report.messageId, report.data),
      severity,
      confidence,
      start,
      end,
      range,
      ...(report.fix ? { fix: report.fix } : {}),
      ...(report.suggestions?.length ? { suggestions: report.suggestions } : {}),
      ...(report.flow?.length ? { flow: report.flow.map((s) => ({ label: s.label, range: { start: file.positionAt(s.start), end: file.positionAt(s.end) } })) } : {}),
      fingerprint: report.fingerprint ?? '',
      priority: prioritize(severity, options.context, meta),
    });
  }
  for (const suppression of suppressions.values()) {
    const unknown = suppression.ruleIds.filter((id) => !findRule(id) && !rules.some((rule) => rule.meta.id === id));
    const at = { start: suppression.start, end: suppression.end, range: { start: file.positionAt(suppression.start), end: file.positionAt(suppression.end) } };
    const meta = invalidSuppressionRule.meta;
    const push = (messageId: keyof typeof meta.messages, data?: Record<string, string>): void => {
      findings.push({ ruleId: meta.id, message: formatMessage(meta.messages[messageId], data), severity: meta.severity, confidence: 'confirmed', ...at, fingerprint: '', priority: prioritize(meta.severity, options.context, meta) });
    };
    if (suppression.reason === '' || suppression.ruleIds.length === 0) push('missingReason');
    for (const id of unknown) push('unknownRule', { ruleId: id });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : 1));
  // Fingerprints: rule + folded line text + occurrence, unless the rule supplied its own material.
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const material = finding.fingerprint || foldWhitespace(file.lineText(finding.range.start.line));
    const key = `${finding.ruleId}\u0000${material}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    finding.fingerprint = fingerprintOf(finding.ruleId, material, occurrence);
  }
  return findings;
}

function settingOf(options: AnalyzeOptions, id: string): 'off' | Severity | undefined {
  const setting = options.settings?.[id];
  if (setting === undefined) return undefined;
  if (typeof setting === 'string') return setting;
  return setting.severity;
}

function ruleOptions(options: AnalyzeOptions, id: string): Record<string, unknown> {
  const setting = options.settings?.[id];
  return setting && typeof setting === 'object' && setting.options ? setting.options : {};
}

function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', start)) {
    const end = i === -1 ? text.length : i;
    if (end - start > longest) longest = end - start;
    if (i === -1) break;
    start = i + 1;
  }
  return longest;
}
