// The data-flow questions a rule may ask about one module. The engine answers them from an index
// built during the same walk that runs the rules, so they are available from `Program:exit` on.
import type { TSESTree } from '@typescript-eslint/types';
import type { FlowStep } from './types';

/**
 * What kind of sink a value flows into. A sanitiser only counts for the kinds it protects:
 * escaping HTML makes a value safe for `xss`, not for `sql`.
 */
export type SinkKind =
  | 'xss'
  | 'code'
  | 'sql'
  | 'nosql'
  | 'command'
  | 'path'
  | 'ssrf'
  | 'redirect'
  | 'regex'
  | 'deserialization'
  | 'prototype'
  | 'header'
  | 'template'
  | 'xpath'
  | 'log'
  /** A URL the browser navigates to or loads (`href`, `src`, `action`): only the scheme matters (`javascript:`). */
  | 'url'
  /** An XML document parsed with entity expansion or DTD loading (XXE). */
  | 'xml'
  /** A string a backtracking-prone regular expression is run on; a length limit makes it safe. */
  | 'redos';

/**
 * Where untrusted data comes from.
 * - `http`: a server request (Express, Koa, Fastify, Hapi, Next.js, Node http).
 * - `browser`: the page URL, referrer, window.name, router URL parameters.
 * - `message`: postMessage event data.
 * - `socket`: data received on a WebSocket or socket.io connection.
 * - `cli`: command-line arguments.
 * - `exported-param`: a parameter of a function the module exports (library code).
 */
export type SourceKind = 'http' | 'browser' | 'message' | 'socket' | 'cli' | 'exported-param';

/** What a remote client sends a server: request data and socket messages. */
export const SERVER_INPUT_SOURCES: ReadonlySet<SourceKind> = new Set<SourceKind>(['http', 'socket']);
/** What an outside attacker can choose: server input, the page URL and postMessage data (not CLI arguments or a library's callers). */
export const ATTACKER_SOURCES: ReadonlySet<SourceKind> = new Set<SourceKind>(['http', 'browser', 'message', 'socket']);

export interface TaintSource {
  kind: SourceKind;
  /** How the source reads in code, e.g. `req.query.host`. */
  label: string;
  start: number;
  end: number;
}

export interface Taint {
  source: TaintSource;
  /** Source first, then each hop (assignment, call, return) towards the sink. */
  steps: FlowStep[];
}

/** How a value stands with respect to one sink kind. */
export type Verdict =
  | { kind: 'tainted'; taint: Taint }
  /** A constant, or a value made safe for this sink kind (parsed as a number, escaped, allow-listed). */
  | { kind: 'safe' }
  /** Could not tell: data from a parameter, a call result, a property of an unknown object. */
  | { kind: 'unknown' };

/** A reference to a module export, seen through `require`/`import` and local aliases. */
export interface ModuleRef {
  /** The module specifier, e.g. `child_process` (a `node:` prefix is removed). */
  module: string;
  /** Member path below the module, e.g. `['exec']`; empty for the module itself. */
  path: string[];
}

export type Constant = string | number | boolean | null | undefined | bigint | RegExp;

export interface Dataflow {
  /** Whether untrusted data reaches `node` for a sink of `kind`. */
  verdict(node: TSESTree.Node, kind: SinkKind): Verdict;
  /** Shorthand for `verdict(...).taint` when it is tainted. */
  taint(node: TSESTree.Node, kind: SinkKind): Taint | undefined;
  /** The value of `node` when it is a compile-time constant (through local constants and `+`). */
  constant(node: TSESTree.Node): { value: Constant } | undefined;
  /**
   * The constant text at the start of a string built by concatenation or a template literal
   * (`'https://api.example.com/' + id` gives `https://api.example.com/`); `''` when it starts
   * with a non-constant part, `undefined` when the value is not understood.
   */
  constantPrefix(node: TSESTree.Node): string | undefined;
  /** The module member an expression stands for: `cp.exec`, `exec` from a destructured require... */
  moduleRef(node: TSESTree.Node): ModuleRef | undefined;
  /** The object literal an expression stands for, following local constants. */
  objectLiteral(node: TSESTree.Node): TSESTree.ObjectExpression | undefined;
  /**
   * The value node of property `name` of an object literal (following local constants and
   * `obj.name = ...` assignments), or undefined when absent or not statically known.
   */
  property(node: TSESTree.Node, name: string): TSESTree.Node | undefined;
  /** The expression a local variable was initialised with (its single definition), if any. */
  definition(node: TSESTree.Node): TSESTree.Node | undefined;
  /**
   * Every expression a local variable is given (its initialiser, `=` and `+=` assignments) in source
   * order, so `let sql = 'SELECT ...'; sql += ' WHERE ...'` can be read whole; empty for parameters.
   */
  definitions(node: TSESTree.Node): TSESTree.Node[];
  /** Whether `node` is an HTTP request object (a route handler's request, Koa's context...). */
  isRequest(node: TSESTree.Node): boolean;
  /** Whether `node` is the response object of an HTTP handler (Express/Node `res`, Fastify `reply`). */
  isResponse(node: TSESTree.Node): boolean;
}
