// Code actions for findings: the rule's fix (preferred), its suggestions, "Ignore <rule> on this
// line (with a reason)", "Why this matters", and `source.fixAll.guardline` for every safe fix.
// Edits are built only from a record of the document's current version and carry that version,
// so an editor never applies them to different text.
import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findRule } from '../../../rules';
import type { Fix } from '../../../rules/api/types';
import { applyFixes, type Finding, type Position, type Range } from '../engine/finding';
import { EXPLAIN_COMMAND, type FindingRef } from '../protocol';
import type { AnalysisRecord } from './analysis';
import { commentSyntaxAt } from './comments';
import type { DiagnosticData } from './diagnostics';
import { uriToPath } from './uri';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.guardline`;

export interface CodeActionOptions {
  /** The client applies `TextDocumentEdit`s with a version check. */
  documentChanges: boolean;
  /** The client supports snippet text edits (cursor placed on the reason). */
  snippets: boolean;
  /** The client has the "Why this matters" command. */
  explainCommand: boolean;
}

export function codeActions(params: CodeActionParams, document: TextDocument, record: AnalysisRecord | undefined, options: CodeActionOptions): CodeAction[] {
  // No record for this exact version: the findings may not match the text, so offer nothing.
  if (!record || record.version !== document.version) return [];
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const { finding, diagnostic } of findingsInContext(params, record)) {
      if (finding.fix) actions.push(fixAction(finding.fix, finding, diagnostic, document, options, true));
      for (const suggestion of finding.suggestions ?? []) actions.push(fixAction(suggestion, finding, diagnostic, document, options, false, 'Suggestion: '));
      const entry = findRule(finding.ruleId);
      // The engine's own findings (a parse error, a failed rule) are not silenced with a comment.
      if (entry && entry.rule.kind !== 'engine') actions.push(ignoreAction(finding, diagnostic, document, options));
      if (options.explainCommand && entry) {
        const ref: FindingRef = { ruleId: finding.ruleId, uri: document.uri, fingerprint: finding.fingerprint };
        actions.push({
          title: `Why this matters: ${entry.rule.meta.docs.title}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: 'Why this matters', command: EXPLAIN_COMMAND, arguments: [ref] },
        });
      }
    }
  }

  if (wants(FIX_ALL_KIND) && (only || actions.some((a) => a.isPreferred))) {
    const fixAll = fixAllAction(document, record, options);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** `source.fixAll.guardline`: every safe fix of the shown findings, overlapping ones skipped. */
function fixAllAction(document: TextDocument, record: AnalysisRecord, options: CodeActionOptions): CodeAction | undefined {
  const fixable = record.shown.filter((f) => f.fix);
  if (!fixable.length) return undefined;
  const text = document.getText();
  const fixed = applyFixes(text, fixable);
  if (fixed === text) return undefined;
  // One edit from the first to the last changed character keeps the result exact.
  let start = 0;
  while (start < text.length && start < fixed.length && text[start] === fixed[start]) start++;
  let endOld = text.length;
  let endNew = fixed.length;
  while (endOld > start && endNew > start && text[endOld - 1] === fixed[endNew - 1]) {
    endOld--;
    endNew--;
  }
  const edit: TextEdit = { range: { start: document.positionAt(start), end: document.positionAt(endOld) }, newText: fixed.slice(start, endNew) };
  return { title: 'Fix all safely fixable Guardline findings', kind: FIX_ALL_KIND, edit: workspaceEdit(document, [edit], options) };
}

function fixAction(fix: Fix, finding: Finding, diagnostic: Diagnostic, document: TextDocument, options: CodeActionOptions, preferred: boolean, prefix = ''): CodeAction {
  const edits = fix.edits.map((e): TextEdit => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.text }));
  return {
    title: `${prefix}${fix.title}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(preferred ? { isPreferred: true } : {}),
    edit: workspaceEdit(document, edits, options),
    data: { ruleId: finding.ruleId },
  };
}

/**
 * Inserts `<comment> guardline-ignore <rule>: ` on its own line above the finding, indented like
 * it, and leaves the cursor where the reason goes. If the line above already holds a suppression
 * (which must stay right above the code), the comment goes at the end of the finding's line.
 */
function ignoreAction(finding: Finding, diagnostic: Diagnostic, document: TextDocument, options: CodeActionOptions): CodeAction {
  const line = finding.range.start.line;
  const text = document.getText();
  const lineText = lineAt(document, line);
  const syntax = commentSyntaxAt(text, document.offsetAt({ line, character: 0 }), document.languageId, uriToPath(document.uri));
  const directive = `${syntax.open} guardline-ignore ${finding.ruleId}: `;
  const above = line > 0 ? lineAt(document, line - 1) : '';
  const endOfLine = /guardline-ignore/.test(above);
  let at: { line: number; character: number };
  let before: string;
  let after: string;
  if (endOfLine) {
    at = { line, character: lineText.length };
    before = ` ${directive}`;
    after = syntax.close;
  } else {
    const indent = /^[ \t]*/.exec(lineText)![0];
    at = { line, character: 0 };
    before = `${indent}${directive}`;
    after = `${syntax.close}${eol(text)}`;
  }
  const range = { start: at, end: at };
  const title = `Ignore ${finding.ruleId} on this line (with a reason)`;
  const base = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
  if (options.snippets && options.documentChanges) {
    const snippet = { range, snippet: { kind: 'snippet' as const, value: `${escapeSnippet(before)}$0${escapeSnippet(after)}` } };
    return { ...base, edit: { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, [snippet])] } };
  }
  return { ...base, edit: workspaceEdit(document, [{ range, newText: `${before}${after}` }], options) };
}

function findingsInContext(params: CodeActionParams, record: AnalysisRecord): Array<{ finding: Finding; diagnostic: Diagnostic }> {
  const result: Array<{ finding: Finding; diagnostic: Diagnostic }> = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'guardline') continue;
    const data = diagnostic.data as Partial<DiagnosticData> | undefined;
    const index = record.diagnostics.findIndex((d) => (d.data as DiagnosticData | undefined)?.fingerprint === data?.fingerprint && d.code === diagnostic.code);
    if (index >= 0) result.push({ finding: record.shown[index]!, diagnostic: record.diagnostics[index]! });
  }
  if (params.context.diagnostics.length) return result;
  // Asked without diagnostics (some clients): every finding touching the range.
  record.shown.forEach((finding, index) => {
    if (overlaps(finding.range, params.range)) result.push({ finding, diagnostic: record.diagnostics[index]! });
  });
  return result;
}

function workspaceEdit(document: TextDocument, edits: TextEdit[], options: CodeActionOptions): WorkspaceEdit {
  if (options.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] };
  return { changes: { [document.uri]: edits } };
}

function overlaps(a: Range, b: Range): boolean {
  return compare(a.start, b.end) <= 0 && compare(b.start, a.end) <= 0;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function lineAt(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}
