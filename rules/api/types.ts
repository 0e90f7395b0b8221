// The rule model: what a rule declares about itself and what the engine hands it while it runs.
// Rules import only this folder (and typescript-estree's node types), never the engine.
import type { TSESTree } from '@typescript-eslint/types';
import type { Dataflow } from './dataflow';

/** Scanner severity: how bad the weakness is in general, before deployment context ranks it. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * How sure a finding is. `confirmed`: untrusted data was traced to the sink, or the pattern is
 * wrong whatever the data. `audit`: a risky call whose input could not be traced to a source; it is
 * reported only when audit findings are asked for, and always marked as such.
 */
export type Confidence = 'confirmed' | 'audit';

export interface RuleDocs {
  /** Short title, shown in the rule table, hovers and SARIF `shortDescription`. */
  title: string;
  /** CWE ids, e.g. `['CWE-78']`. */
  cwe: string[];
  /** OWASP Top 10 2021 entries, e.g. `['A03:2021-Injection']`. */
  owasp: string[];
}

/** An upstream rule this one corresponds to (Biome's `sources`). */
export interface RuleSource {
  name: string;
  relation: 'same' | 'inspired';
}

export interface RuleMeta<MessageId extends string = string> {
  /** kebab-case id; equals the rule's folder name. */
  id: string;
  /** `problem`: a vulnerability; `hardening`: a missing defence or a risky default. */
  type: 'problem' | 'hardening';
  severity: Severity;
  docs: RuleDocs;
  /** `safe`: the rule may attach an automatic fix that preserves behaviour for legitimate input. */
  fixable: 'safe' | null;
  /** The rule may attach suggestions: edits a person must review before applying. */
  hasSuggestions?: boolean;
  /** Message templates keyed by camelCase id; `{{name}}` is replaced from the report's data. */
  messages: Record<MessageId, string>;
  sources?: RuleSource[];
  /** Free-form tags (`xss`, `injection`, `crypto`...). */
  tags?: string[];
}

/** A position in the analysed text as a UTF-16 offset. */
export type Offset = number;

export interface TextEdit {
  start: Offset;
  end: Offset;
  text: string;
}

export interface Fix {
  /** What the fix does, e.g. "Use execFile with an argument array". */
  title: string;
  edits: TextEdit[];
}

/** One step of a traced data flow, for the "how did it get here" view. */
export interface FlowStep {
  start: Offset;
  end: Offset;
  /** e.g. "req.query.host (HTTP request)" or "passed to runPing(host)". */
  label: string;
}

export interface ReportBase<MessageId extends string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  fix?: Fix;
  suggestions?: Fix[];
  confidence?: Confidence;
  /** Source-to-sink steps, first step the source. */
  flow?: FlowStep[];
  /**
   * Stable material for the finding's fingerprint, when the default (rule, file, line text) is not
   * right: secret rules pass a keyed hash so that no fingerprint contains the secret.
   */
  fingerprint?: string;
  /** Severity for this one report, where it differs from the rule's (a weaker variant). */
  severity?: Severity;
}

export interface NodeReport<MessageId extends string> extends ReportBase<MessageId> {
  node: TSESTree.Node | TSESTree.Token;
}
export interface RangeReport<MessageId extends string> extends ReportBase<MessageId> {
  start: Offset;
  end: Offset;
}
export type Report<MessageId extends string = string> = NodeReport<MessageId> | RangeReport<MessageId>;

/** Read-only view of the file being analysed. */
export interface SourceFile {
  /** Path as given to the engine (absolute or workspace-relative), `/`-separated. */
  path: string;
  text: string;
  /** Text of a node or token. */
  getText(node: { range: [number, number] }): string;
  /** 0-based line and UTF-16 column of an offset. */
  positionAt(offset: Offset): { line: number; character: number };
  /** Offset of the start of a 0-based line. */
  lineStart(line: number): Offset;
}

interface ContextBase<MessageId extends string> {
  file: SourceFile;
  /** The rule's options from configuration (or `{}`). */
  options: Readonly<Record<string, unknown>>;
  report(report: Report<MessageId>): void;
}

export interface AstRuleContext<MessageId extends string = string> extends ContextBase<MessageId> {
  ast: TSESTree.Program;
  /**
   * Module-level data-flow queries: binding resolution, constant values, taint tracking.
   * Queries need the whole module indexed, so they are answered from `Program:exit`
   * (or callbacks the engine runs then); calling them earlier throws.
   */
  dataflow: Dataflow;
}

export type TextRuleContext<MessageId extends string = string> = ContextBase<MessageId>;

/** A listener per node type, ESLint style; `Type:exit` runs when leaving the node. */
export type Listener = (node: TSESTree.Node) => void;
export type RuleListeners = {
  [K in TSESTree.Node['type']]?: (node: Extract<TSESTree.Node, { type: K }>) => void;
} & {
  [K in `${TSESTree.Node['type']}:exit`]?: (node: TSESTree.Node) => void;
};

export interface AstRule<MessageId extends string = string> {
  kind: 'ast';
  meta: RuleMeta<MessageId>;
  /**
   * Prefilter: strings one of which a file must contain for this rule to have anything to find
   * (the module and API names its sinks need: `child_process`, `exec`...). Matched without regard
   * to case anywhere in the text, also with escapes and JSX character references decoded. The
   * engine skips the rule on other files, and skips the parse when no AST rule is left. Leave it
   * out when no such list is sound: the rule then always runs. See rules/README.md.
   */
  prefilter?: readonly string[];
  create(context: AstRuleContext<MessageId>): RuleListeners;
}

export interface TextRule<MessageId extends string = string> {
  kind: 'text';
  meta: RuleMeta<MessageId>;
  /** Which files the rule reads, by `/`-separated path; default all text files. */
  appliesTo?(path: string): boolean;
  check(context: TextRuleContext<MessageId>): void;
}

/**
 * A finding the engine itself reports (a file that does not parse, a rule that crashed, a bad
 * suppression comment). It has metadata and an explanation like any rule, but no code.
 */
export interface EngineRule<MessageId extends string = string> {
  kind: 'engine';
  meta: RuleMeta<MessageId>;
}

export type Rule = AstRule<string> | TextRule<string> | EngineRule<string>;
