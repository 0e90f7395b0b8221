// The custom messages between the Guardline client and server, and the settings the client sends.
// The one server file the client imports: it depends on nothing but the LSP protocol types.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export type PriorityLevel = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const PRIORITY_LEVELS: readonly PriorityLevel[] = ['critical', 'high', 'medium', 'low', 'info'];

/** A rule turned off or given another severity from the editor's settings. */
export type RuleOverride = 'off' | PriorityLevel;

/** `guardline.*` settings for one resource, as the client answers `workspace/configuration`. */
export interface GuardlineClientSettings {
  enable: boolean;
  /** Rule id to `off` or a severity; applied after guardline.yaml. */
  rules: Record<string, RuleOverride>;
  /** Findings whose priority is below this level are not shown. */
  minimumPriority: PriorityLevel;
  /** Also report risky calls whose input could not be traced (marked "audit"). */
  audit: boolean;
}

export const DEFAULT_CLIENT_SETTINGS: GuardlineClientSettings = { enable: true, rules: {}, minimumPriority: 'info', audit: false };

/** `initializationOptions` the client may send. */
export interface GuardlineInitializationOptions {
  /** False in an untrusted workspace: then guardline.yaml and deployment files are not read. */
  workspaceTrusted?: boolean;
  /** The client can run `guardline.explain` (the "Why this matters" panel). */
  explainCommand?: boolean;
}

/** Where the rule documentation lives on the web (`Diagnostic.codeDescription.href`). */
export const RULE_DOCS_BASE = 'https://github.com/guardline/guardline/blob/main/rules/';

/** Identifies one finding for the explain request and the "Why this matters" command. */
export interface FindingRef {
  ruleId: string;
  /** Document the finding is in, when the explanation should carry its context. */
  uri?: string;
  fingerprint?: string;
}

export interface Explanation {
  ruleId: string;
  title: string;
  /** The rule's explain.md. */
  markdown: string;
  cwe: string[];
  owasp: string[];
  /** The finding's own context, when the request named one the server still knows. */
  finding?: {
    message: string;
    priority: { level: PriorityLevel; score: number; reasons: string[]; service?: string; attackPath?: string };
    /** Source first, sink last, with 0-based lines. */
    flow: Array<{ label: string; line: number }>;
    line: number;
    file: string;
  };
}

/** Client -> server: the explanation of a rule, with a finding's context when one is named. */
export namespace ExplainRequest {
  export const method = 'guardline/explain' as const;
  export const type = new RequestType<FindingRef, Explanation | null, void>(method);
}

export type AnalysisState = 'idle' | 'analyzing' | 'scanning' | 'disabled';

export interface StatusParams {
  state: AnalysisState;
  /** Findings shown in the Problems view, by priority level (open documents and scanned files). */
  counts: Record<PriorityLevel, number>;
  /** Set while a workspace scan runs. */
  scan?: { done: number; total?: number };
}

/** Server -> client: analysis state and finding counts, for the status bar. */
export namespace StatusNotification {
  export const method = 'guardline/status' as const;
  export const type = new NotificationType<StatusParams>(method);
}

export interface ScanWorkspaceResult {
  filesScanned: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
  /** Files skipped, with why (size, binary, unreadable), at most 50. */
  notes: Array<{ path: string; message: string }>;
}

/**
 * Client -> server: analyse every file of the workspace folders and publish findings for files
 * that are not open. Reports `$/progress` on the request's work-done token; cancel the request to
 * stop. Afterwards changed files are re-analysed as they change.
 */
export namespace ScanWorkspaceRequest {
  export const method = 'guardline/scanWorkspace' as const;
  export const type = new RequestType<{ workDoneToken?: string | number }, ScanWorkspaceResult, void>(method);
}

/** Command the server asks the client to run for "Why this matters" (arguments: one FindingRef). */
export const EXPLAIN_COMMAND = 'guardline.explain';
