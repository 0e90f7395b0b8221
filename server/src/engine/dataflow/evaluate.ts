// Answers the rules' data-flow questions by evaluating expressions over a small abstract domain:
// safe (constant or sanitised), unknown, tainted (with its source and path), or one of the
// framework objects an attacker's data is read from (a request, the page location...).
// Evaluation is on demand, from sinks backwards, so a file pays only for the sinks it has.
import type { TSESTree } from '@typescript-eslint/types';
import type { Constant, Dataflow, ModuleRef, SinkKind, SourceKind, Taint, Verdict } from '../../../../rules/api/dataflow';
import type { FlowStep } from '../../../../rules/api/types';
import { AST_NODE_TYPES, calleeName, calleeObject, isFunction, propertyName, stringValue, unwrap, type FunctionNode } from '../../../../rules/api/ast';
import {
  DOCUMENT_TAINTED_PROPS, ELEMENT_CALLBACK_METHODS, EXPORTED_PARAM_SINKS, LOCATION_TAINTED_PROPS, MUTATING_METHODS,
  NEUTRALISING_CALLS, NON_PROPAGATING_METHODS, PROPAGATING_CALLS, REQUEST_NESTED, REQUEST_PARAM_NAMES,
  REQUEST_TAINTED_METHODS, REQUEST_TAINTED_PROPS, RESPONSE_PARAM_NAMES, ROUTE_SNAPSHOT_PROPS, ROUTER_TAINTED_PROPS, SANITIZERS, SOCKET_CONTROL_EVENTS, URL_HOOKS,
} from './catalog';
import { Guards } from './guards';
import {
  HOST_HEADERS, REQUEST_HOST_PROPS, REQUEST_STRING_METHODS, REQUEST_STRING_PROPS, REQUEST_UPLOAD_PROPS, SQL_PG_FORMAT_MODULES,
  SQL_QUESTION_MARK_FORMATTERS, STRING_RESULT_METHODS,
} from './catalog';
import { normaliseModule, type Binding, type Def, type ModuleIndex, type PathElem } from './scopes';

/** Objects whose properties are sources, or which are the response of a handler. */
type Special = 'request' | 'response' | 'location' | 'document' | 'window' | 'process' | 'message-event' | 'router' | 'url-params' | 'lambda-event' | 'graphql-args';

type Value =
  | { t: 'safe'; constant?: { value: Constant } }
  | { t: 'unknown' }
  | { t: 'taint'; taint: Taint }
  | { t: 'special'; special: Special; label: string };

const SAFE: Value = { t: 'safe' };
const UNKNOWN: Value = { t: 'unknown' };
const RANK = { safe: 0, unknown: 1, special: 2, taint: 3 } as const;
/** How far a chain of local aliases or spreads is followed. */
const MAX_ALIAS_CHAIN = 8;
const MAX_CALL_DEPTH = 4;
/**
 * How many evaluations may be active at once before the deepest is cut off and resumed from the
 * top (see `evaluate`): a chain of 2,000 `v2 = v1 + x` definitions overflowed the stack.
 */
const MAX_NESTING = 250;
/** Rounds of resuming cut-off evaluations before an answer built on `unknown` is accepted. */
const MAX_RESUMES = 64;
const MAX_STEPS = 12;

/** Parameter values bound for one evaluation of a local function (call-site sensitivity). */
type Env = Map<Binding, Value> | undefined;

/**
 * Of two tainted values, the one from the more remote source wins: rules such as SSRF and path
 * traversal ignore command-line arguments and a library's callers, so in
 * `path.join(process.argv[2], req.url)` the request must not hide behind the CLI argument.
 */
const SOURCE_WEIGHT: Partial<Record<SourceKind, number>> = { cli: 0, 'exported-param': 1 };

function join(a: Value, b: Value): Value {
  if (a.t === 'taint' && b.t === 'taint') return (SOURCE_WEIGHT[b.taint.source.kind] ?? 2) > (SOURCE_WEIGHT[a.taint.source.kind] ?? 2) ? b : a;
  return RANK[b.t] > RANK[a.t] ? b : a;
}

export interface DataflowOptions {
  /** Treat parameters of exported functions as untrusted (library code). */
  exportedParamsUntrusted: boolean;
}

export class ModuleDataflow implements Dataflow {
  private readonly guards: Guards;
  private readonly cache = new Map<TSESTree.Node, Map<SinkKind, Value>>();
  private readonly inProgress = new Set<string>();
  private readonly moduleRefs = new Map<TSESTree.Node, ModuleRef | undefined>();
  private readonly returnsMemo = new Map<FunctionNode, Map<string, Value>>();
  private readonly propertyIndex = new Map<TSESTree.ObjectExpression, Map<string, TSESTree.Node> | undefined>();
  private readonly knownLiterals = new Map<TSESTree.ObjectExpression, boolean>();
  /** Evaluations active right now, and those cut off at MAX_NESTING to be resumed from the top. */
  private nesting = 0;
  private cuts = 0;
  private cutOff: Array<{ node: TSESTree.Node; kind: SinkKind; depth: number }> = [];
  /** Per definition: its function and the block it always runs in (reachingDefs asks often). */
  private readonly defFacts = new Map<Def, { fn: TSESTree.Node | undefined; always: boolean; block: TSESTree.Node | undefined }>();
  private readonly returnsCache = new Map<FunctionNode, TSESTree.Node[]>();

  constructor(
    private readonly index: ModuleIndex,
    private readonly text: string,
    private readonly options: DataflowOptions,
  ) {
    this.guards = new Guards(index, text);
  }

  private assertReady(): void {
    if (!this.index.ready) throw new Error('Data-flow queries are answered from Program:exit on, once the module is indexed.');
  }

  verdict(node: TSESTree.Node, kind: SinkKind): Verdict {
    this.assertReady();
    const value = this.evaluate(node, kind, undefined, 0);
    if (value.t === 'taint') return { kind: 'tainted', taint: value.taint };
    if (value.t === 'safe') return { kind: 'safe' };
    return { kind: 'unknown' };
  }

  taint(node: TSESTree.Node, kind: SinkKind): Taint | undefined {
    const verdict = this.verdict(node, kind);
    return verdict.kind === 'tainted' ? verdict.taint : undefined;
  }

  isRequest(node: TSESTree.Node): boolean {
    this.assertReady();
    const value = this.evaluate(node, 'xss', undefined, 0);
    return value.t === 'special' && value.special === 'request';
  }

  isResponse(node: TSESTree.Node): boolean {
    this.assertReady();
    const value = this.evaluate(node, 'xss', undefined, 0);
    return value.t === 'special' && value.special === 'response';
  }

  // ---------------------------------------------------------------- evaluation

  private evaluate(input: TSESTree.Node, kind: SinkKind, env: Env, depth: number): Value {
    if (this.nesting > 0) return this.evaluateNested(input, kind, env, depth);
    // A query from the top. Long definition chains are followed in slices of MAX_NESTING: where
    // a slice was cut off, the cut-off expressions are evaluated on their own (deepest first, so
    // each finds the next one's value cached) and the query is asked again. The stack stays
    // shallow and the answer is the one an unbounded recursion would give.
    for (let round = 0; ; round++) {
      this.cutOff = [];
      const value = this.evaluateNested(input, kind, env, depth);
      const cutOff = this.cutOff;
      if (!cutOff.length || round >= MAX_RESUMES) return value;
      for (let i = cutOff.length - 1; i >= 0; i--) this.evaluate(cutOff[i]!.node, cutOff[i]!.kind, undefined, cutOff[i]!.depth);
    }
  }

  private evaluateNested(input: TSESTree.Node, kind: SinkKind, env: Env, depth: number): Value {
    const node = unwrap(input);
    if (!env) {
      const cached = this.cache.get(node)?.get(kind);
      if (cached) return cached;
    }
    if (this.nesting >= MAX_NESTING) {
      this.cuts++;
      if (!env) this.cutOff.push({ node, kind, depth });
      return UNKNOWN;
    }
    const key = `${node.range[0]}:${node.range[1]}:${node.type}:${kind}:${depth}`;
    if (this.inProgress.has(key)) return SAFE; // a cycle adds nothing new (least fixed point)
    this.inProgress.add(key);
    const cutsBefore = this.cuts;
    this.nesting++;
    let value: Value;
    try {
      value = this.evaluateNode(node, kind, env, depth);
    } finally {
      this.nesting--;
      this.inProgress.delete(key);
    }
    // A value that leaned on a cut-off `unknown` is provisional: it is not remembered.
    if (!env && this.cuts === cutsBefore) {
      let byKind = this.cache.get(node);
      if (!byKind) this.cache.set(node, (byKind = new Map()));
      byKind.set(kind, value);
    }
    return value;
  }

  private evaluateNode(node: TSESTree.Node, kind: SinkKind, env: Env, depth: number): Value {
    // Text cannot be a MongoDB operator object: a template or `+` always yields a string (or a number).
    if (kind === 'nosql' && (node.type === AST_NODE_TYPES.TemplateLiteral || (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+'))) return SAFE;
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return { t: 'safe', constant: { value: ('regex' in node && node.regex ? new RegExp(node.regex.pattern, node.regex.flags) : node.value) as Constant } };
      case AST_NODE_TYPES.TemplateLiteral:
        return node.expressions.reduce<Value>((acc, e) => join(acc, this.stringified(this.evaluate(e, kind, env, depth), e)), SAFE);
      case AST_NODE_TYPES.TaggedTemplateExpression: {
        // sql`...${x}` (sql-template-strings, slonik, postgres.js, Prisma.sql) binds parameters.
        const tag = this.text.slice(node.tag.range[0], node.tag.range[1]);
        if (kind === 'sql' && /(?:^|\.)(?:sql|SQL)$/.test(tag)) return SAFE;
        if (tag === 'String.raw') return node.quasi.expressions.reduce<Value>((acc, e) => join(acc, this.evaluate(e, kind, env, depth)), SAFE);
        return UNKNOWN;
      }
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator === '+') return join(this.stringified(this.evaluate(node.left, kind, env, depth), node.left), this.stringified(this.evaluate(node.right, kind, env, depth), node.right));
        return SAFE; // arithmetic and comparisons yield numbers and booleans
      case AST_NODE_TYPES.LogicalExpression:
        return join(this.evaluate(node.left, kind, env, depth), this.evaluate(node.right, kind, env, depth));
      case AST_NODE_TYPES.ConditionalExpression:
        return join(this.evaluate(node.consequent, kind, env, depth), this.evaluate(node.alternate, kind, env, depth));
      case AST_NODE_TYPES.UnaryExpression:
        return SAFE;
      case AST_NODE_TYPES.UpdateExpression:
        return SAFE;
      case AST_NODE_TYPES.AwaitExpression:
        return this.evaluate(node.argument, kind, env, depth);
      case AST_NODE_TYPES.SequenceExpression:
        return this.evaluate(node.expressions[node.expressions.length - 1]!, kind, env, depth);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.evaluate(node.right, kind, env, depth);
      case AST_NODE_TYPES.SpreadElement:
        return this.evaluate(node.argument, kind, env, depth);
      case AST_NODE_TYPES.ArrayExpression:
        return node.elements.reduce<Value>((acc, e) => (e ? join(acc, this.evaluate(e, kind, env, depth)) : acc), SAFE);
      case AST_NODE_TYPES.ObjectExpression:
        return node.properties.reduce<Value>((acc, p) => {
          if (p.type === AST_NODE_TYPES.SpreadElement) return join(acc, this.evaluate(p.argument, kind, env, depth));
          return isFunction(p.value) ? acc : join(acc, this.evaluate(p.value, kind, env, depth));
        }, SAFE);
      case AST_NODE_TYPES.Identifier:
        return this.evaluateIdentifier(node, kind, env, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.evaluateMember(node, kind, env, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.evaluateCall(node, kind, env, depth);
      case AST_NODE_TYPES.NewExpression:
        return this.evaluateNew(node, kind, env, depth);
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
        return SAFE;
      case AST_NODE_TYPES.JSXElement:
      case AST_NODE_TYPES.JSXFragment:
        return SAFE;
      default:
        return UNKNOWN;
    }
  }

  private evaluateIdentifier(id: TSESTree.Identifier, kind: SinkKind, env: Env, depth: number): Value {
    const binding = this.index.resolve(id);
    if (!binding) return this.globalValue(id);
    if (env?.has(binding)) {
      const bound = env.get(binding)!;
      if (bound.t === 'taint' && this.guards.guarded(id, kind)) return SAFE;
      return bound;
    }
    if (binding.kind === 'import') return UNKNOWN;
    if (binding.kind === 'function' || binding.kind === 'class') return SAFE;
    if (this.guards.guarded(id, kind)) return SAFE;
    let value: Value = SAFE;
    let any = false;
    for (const def of this.reachingDefs(binding, id)) {
      any = true;
      value = join(value, this.evaluateDef(binding, def, kind, env, depth));
      if (value.t === 'taint') break;
    }
    // Writes into the object (`opts.cmd = x`, `args.push(x)`) taint the whole object.
    for (const write of binding.memberWrites) {
      // a request or response stays itself: `res.set('Location', x)` does not make `res` data
      if (value.t === 'taint' || value.t === 'special') break;
      if (write.node.range[0] > id.range[0] && sameFunction(write.node, id)) continue;
      const written = this.evaluate(write.value, kind, env, depth);
      if (written.t === 'taint') value = written;
    }
    if (!any && binding.kind !== 'param') return value.t === 'safe' && !binding.memberWrites.length ? UNKNOWN : value;
    return this.withStep(value, binding.id, `stored in ${binding.name}`);
  }

  private evaluateDef(binding: Binding, def: Def, kind: SinkKind, env: Env, depth: number): Value {
    if (binding.kind === 'param' && def.node === binding.param?.fn) return this.paramValue(binding, kind, env, depth);
    if (binding.kind === 'catch') return UNKNOWN;
    if (def.op === 'numeric') return SAFE;
    if (!def.value) return def.fallback ? this.evaluate(def.fallback, kind, env, depth) : SAFE;
    let value: Value;
    if (def.op === 'for-of') value = this.elementOf(this.evaluate(def.value, kind, env, depth));
    else if (def.op === 'for-in') {
      const object = this.evaluate(def.value, kind, env, depth);
      value = object.t === 'taint' || object.t === 'special' ? this.taintFrom(object, def.value, 'keys') : SAFE;
    } else value = this.evaluatePath(def.value, def.path, kind, env, depth);
    if (def.op === '+=' && def.node.type === AST_NODE_TYPES.AssignmentExpression) {
      value = join(value, this.evaluate(def.node.left, kind, env, depth));
    }
    if (def.fallback) value = join(value, this.evaluate(def.fallback, kind, env, depth));
    return value;
  }

  /** The value at `path` inside the value of `node` (destructuring). */
  private evaluatePath(node: TSESTree.Node, path: PathElem[], kind: SinkKind, env: Env, depth: number): Value {
    let current = unwrap(node);
    let i = 0;
    for (; i < path.length; i++) {
      const elem = path[i]!;
      if ('prop' in elem && current.type === AST_NODE_TYPES.ObjectExpression) {
        const found = lastProperty(current, elem.prop);
        if (!found) return SAFE;
        current = unwrap(found);
        continue;
      }
      if ('index' in elem && current.type === AST_NODE_TYPES.ArrayExpression) {
        const element = current.elements[elem.index];
        if (!element) return SAFE;
        current = unwrap(element);
        continue;
      }
      break;
    }
    let value = this.evaluate(current, kind, env, depth);
    for (; i < path.length; i++) {
      const elem = path[i]!;
      value = 'prop' in elem ? this.memberOf(value, elem.prop, current, kind) : this.elementOf(value);
    }
    return value;
  }

  /** Definitions that may reach `use`: the last unconditional one before it and what follows. */
  private reachingDefs(binding: Binding, use: TSESTree.Node): Def[] {
    const defs = binding.defs;
    if (defs.length <= 1) return defs;
    // Every use of a variable with many definitions comes here, so the walks up the tree are
    // done once per definition (defFacts) and once per use (loops, ancestors), not per pair.
    const useFn = enclosingFunction(use);
    const loops = loopsAround(use, useFn);
    const before: Def[] = [];
    const elsewhere: Def[] = [];
    for (const def of defs) {
      const defFn = this.factsOf(def, binding).fn;
      if (defFn === useFn && def.at <= use.range[0]) before.push(def);
      else if (defFn === useFn && !loops.some((loop) => loop.range[0] <= def.node.range[0] && def.node.range[1] <= loop.range[1])) continue; // later in straight-line code
      else elsewhere.push(def);
    }
    let start = 0;
    let around: Set<TSESTree.Node> | undefined;
    for (let i = before.length - 1; i >= 0; i--) {
      const facts = this.factsOf(before[i]!, binding);
      if (!facts.always && !facts.block) continue;
      around ??= ancestorsOf(use);
      if (facts.always || around.has(facts.block!)) {
        start = i;
        break;
      }
    }
    return [...before.slice(start), ...elsewhere];
  }

  private factsOf(def: Def, binding: Binding): { fn: TSESTree.Node | undefined; always: boolean; block: TSESTree.Node | undefined } {
    let facts = this.defFacts.get(def);
    if (!facts) {
      const isParam = def.node === binding.param?.fn;
      facts = { fn: isParam ? def.node : enclosingFunction(def.node), always: isParam, block: isParam ? undefined : alwaysRunsIn(def) };
      this.defFacts.set(def, facts);
    }
    return facts;
  }

  private paramValue(binding: Binding, kind: SinkKind, env: Env, depth: number): Value {
    const { fn, index, path } = binding.param!;
    const base = this.paramBase(fn, index, kind, env, depth);
    return path.length ? this.applyPath(base, path, binding.id, kind) : base;
  }

  /** The value a whole parameter receives, from what calls the function. */
  private paramBase(fn: FunctionNode, index: number, kind: SinkKind, env: Env, depth: number): Value {
    const info = this.index.functions.get(fn);
    const paramId = fn.params[index];
    const paramName = paramId && unwrap(paramId).type === AST_NODE_TYPES.Identifier ? (unwrap(paramId) as TSESTree.Identifier).name : undefined;
    if (info?.routeHandler) {
      if (index === 0) return { t: 'special', special: 'request', label: paramName ?? 'request' };
      if (index === 1 && fn.params.length >= 2 && !(paramName && /^next$/.test(paramName))) return { t: 'special', special: 'response', label: paramName ?? 'response' };
      return UNKNOWN;
    }
    const callback = this.callbackContext(fn, index, kind, env, depth);
    if (callback) return callback;
    if (index === 1 && isGraphqlResolver(fn)) return { t: 'special', special: 'graphql-args', label: paramName ?? 'args' };
    if (paramName && REQUEST_PARAM_NAMES.has(paramName)) return { t: 'special', special: 'request', label: paramName };
    if (index === 0 && isDestructuredRequest(fn)) return { t: 'special', special: 'request', label: 'request' };
    if (paramName && RESPONSE_PARAM_NAMES.has(paramName)) return { t: 'special', special: 'response', label: paramName };
    // AWS Lambda: `export async function handler(event)`, `exports.handler = async (event) => ...`
    if (info?.exported && /(?:^|\.)(?:handler|main|lambdaHandler)$/.test(info.name) && index === 0 && paramName === 'event') {
      return { t: 'special', special: 'lambda-event', label: 'event' };
    }
    let value: Value = SAFE;
    let seen = false;
    if (info && depth < MAX_CALL_DEPTH) {
      for (const call of info.callSites) {
        const arg = call.arguments[index];
        if (!arg) continue;
        seen = true;
        const argValue = this.evaluate(arg, kind, undefined, depth + 1);
        value = join(value, this.withStep(argValue, arg, `passed to ${info.name}()`));
        if (value.t === 'taint') return value;
      }
    }
    const shownName = paramId && paramLabel(paramId);
    if (info?.exported && this.options.exportedParamsUntrusted && EXPORTED_PARAM_SINKS.has(kind) && shownName !== undefined) {
      const id = unwrap(paramId!);
      return {
        t: 'taint',
        taint: { source: { kind: 'exported-param', label: `parameter ${shownName} of exported ${info.name}()`, start: id.range[0], end: id.range[1] }, steps: [] },
      };
    }
    return seen ? value : UNKNOWN;
  }

  /** A parameter of a callback: array element, event data, socket message, promise value. */
  private callbackContext(fn: FunctionNode, index: number, kind: SinkKind, env: Env, depth: number): Value | undefined {
    const parent = fn.parent;
    // window.onmessage = (event) => ...
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && index === 0 && propertyName(parent.left) === 'onmessage') {
      return { t: 'special', special: 'message-event', label: 'message event' };
    }
    if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
    const call = parent;
    const method = calleeName(call);
    const receiver = calleeObject(call);
    const eventName = stringValue(call.arguments[0] ? unwrap(call.arguments[0]) : undefined);
    if (method === 'addEventListener' && eventName === 'message' && index === 0) return { t: 'special', special: 'message-event', label: 'message event' };
    if ((method === 'on' || method === 'once' || method === 'addListener') && receiver) {
      // socket.on('chat', (msg) => ...) where socket comes from io.on('connection', socket => ...)
      const receiverValue = this.socketOrRequest(receiver);
      if (receiverValue === 'socket' && eventName && !SOCKET_CONTROL_EVENTS.has(eventName)) {
        return this.taintFrom({ t: 'special', special: 'request', label: 'socket' }, fn.params[index] ?? fn, `${eventName} event data`, 'socket');
      }
      if (receiverValue === 'request' && eventName === 'data' && index === 0) {
        return this.taintFrom({ t: 'special', special: 'request', label: 'request' }, fn.params[index] ?? fn, 'request body chunk');
      }
      if (eventName === 'connection' && index === 0) return UNKNOWN;
    }
    if (method && ELEMENT_CALLBACK_METHODS.has(method) && receiver && (index === 0 || (index === 1 && method.startsWith('reduce')))) {
      if (depth >= MAX_CALL_DEPTH) return UNKNOWN;
      const receiverValue = this.evaluate(receiver, kind, env, depth + 1);
      if (receiverValue.t === 'taint') return this.withStep(receiverValue, fn.params[index] ?? fn, `element passed to ${method}()`);
      if (receiverValue.t === 'special') return this.elementOf(receiverValue);
      return receiverValue.t === 'safe' ? SAFE : UNKNOWN;
    }
    return undefined;
  }

  /** Whether an expression is a socket (a connection handler's parameter) or an HTTP request. */
  private socketOrRequest(node: TSESTree.Node): 'socket' | 'request' | undefined {
    const n = unwrap(node);
    if (n.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = this.index.resolve(n);
    const param = binding?.param;
    if (!param) return undefined;
    const parent = param.fn.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && /^(?:on|once)$/.test(calleeName(parent) ?? '')) {
      const event = stringValue(parent.arguments[0] ? unwrap(parent.arguments[0]) : undefined);
      if (event === 'connection' || event === 'connect') return 'socket';
    }
    const info = this.index.functions.get(param.fn);
    if ((info?.routeHandler && param.index === 0) || REQUEST_PARAM_NAMES.has(binding!.name)) return 'request';
    return undefined;
  }

  private globalValue(id: TSESTree.Identifier): Value {
    switch (id.name) {
      case 'location':
        return { t: 'special', special: 'location', label: 'location' };
      case 'document':
        return { t: 'special', special: 'document', label: 'document' };
      case 'window':
      case 'self':
      case 'globalThis':
      case 'top':
      case 'parent':
        return { t: 'special', special: 'window', label: id.name };
      case 'process':
        return { t: 'special', special: 'process', label: 'process' };
      // An undeclared `req` or `request` is a handler's request in a snippet (security test suites
      // write `connection.query('...' + req.body.id)` at module level): no host defines these names.
      case 'req':
      case 'request':
        return { t: 'special', special: 'request', label: id.name };
      case 'undefined':
      case 'NaN':
      case 'Infinity':
        return SAFE;
      default:
        return UNKNOWN;
    }
  }

  private evaluateMember(node: TSESTree.MemberExpression, kind: SinkKind, env: Env, depth: number): Value {
    if (this.guards.guarded(node, kind)) return SAFE;
    const name = propertyName(node);
    const object = unwrap(node.object);
    // Allow-list lookup: MAP[userInput] on a constant object or array yields one of its constants.
    if (node.computed && name === undefined) {
      const literal = this.objectLiteral(object) ?? this.arrayLiteral(object);
      if (literal) return this.evaluate(literal, kind, env, depth);
    }
    // this.filePath in a method: whatever the module writes to this.filePath (a constructor's
    // `this.req = req`, another method's `this.filePath = path.join(root, this.req.url)`).
    if (object.type === AST_NODE_TYPES.ThisExpression && name !== undefined && !node.computed) {
      const writes = this.index.thisPropertyWrites.get(name);
      if (writes?.length) {
        let value: Value = SAFE;
        for (const write of writes) {
          value = join(value, this.withStep(this.evaluate(write, kind, undefined, depth), write, `stored in this.${name}`));
          if (value.t === 'taint') break;
        }
        return value;
      }
    }
    // A property of a local object literal is that property's value, and one it does not have is
    // undefined: `{ user: req.query.name }.name` does not hold the other properties' data.
    if (name !== undefined && name !== 'length') {
      const own = this.ownProperty(object, name);
      if (own === 'absent') return UNKNOWN;
      if (own) return own.reduce<Value>((acc, value) => join(acc, this.evaluate(value, kind, env, depth)), SAFE);
    }
    const objectValue = this.evaluate(object, kind, env, depth);
    if (name === 'length') return SAFE;
    if (objectValue.t === 'safe' || objectValue.t === 'unknown') {
      // A property of a local object literal, or one written with obj.prop = value.
      if (name !== undefined) {
        const prop = this.property(object, name);
        if (prop) return this.evaluate(prop, kind, env, depth);
      }
      // Angular: this.route.snapshot.queryParams holds the page URL's parameters.
      if (name !== undefined && ROUTE_SNAPSHOT_PROPS.has(name) && object.type === AST_NODE_TYPES.MemberExpression && propertyName(object) === 'snapshot') {
        return this.taintFrom({ t: 'special', special: 'url-params', label: '' }, node, '', 'browser');
      }
      return objectValue.t === 'safe' && objectValue.constant === undefined && object.type === AST_NODE_TYPES.Identifier ? UNKNOWN : objectValue;
    }
    if (kind === 'redirect' && objectValue.t === 'taint' && name !== undefined && this.isHostHeader(object, name)) return SAFE;
    const member = this.memberOf(objectValue, name, node, kind);
    // Name the source by its full path: req.query.host rather than req.query.
    if (member.t === 'taint' && objectValue.t === 'taint' && member.taint.source.start === object.range[0] && member.taint.source.end === object.range[1]) {
      return this.taintFrom({ t: 'special', special: 'request', label: '' }, node, '', member.taint.source.kind);
    }
    return member;
  }

  /** A property of an abstract value; `kind`, when known, drops request parts harmless to that sink. */
  private memberOf(value: Value, name: string | undefined, node: TSESTree.Node, kind?: SinkKind): Value {
    if (value.t === 'taint') return name === 'length' ? SAFE : value;
    if (value.t !== 'special') return value;
    const label = `${value.label}.${name ?? '[...]'}`;
    switch (value.special) {
      case 'request':
        if (name === undefined) return UNKNOWN;
        if (REQUEST_NESTED.has(name)) return { t: 'special', special: 'request', label };
        if (kind && harmlessRequestProp(name, kind)) return SAFE;
        if (REQUEST_TAINTED_PROPS.has(name)) return this.taintFrom(value, node, label);
        return UNKNOWN;
      case 'location':
        return name && LOCATION_TAINTED_PROPS.has(name) ? this.taintFrom(value, node, label, 'browser') : UNKNOWN;
      case 'document':
        if (name === 'location') return { t: 'special', special: 'location', label };
        return name && DOCUMENT_TAINTED_PROPS.has(name) ? this.taintFrom(value, node, label, 'browser') : UNKNOWN;
      case 'window':
        if (name === 'location') return { t: 'special', special: 'location', label };
        if (name === 'document') return { t: 'special', special: 'document', label };
        if (name === 'name') return this.taintFrom(value, node, label, 'browser');
        return UNKNOWN;
      case 'process':
        return name === 'argv' ? this.taintFrom(value, node, label, 'cli') : UNKNOWN;
      case 'message-event':
        return name === 'data' ? this.taintFrom(value, node, label, 'message') : UNKNOWN;
      case 'router':
        return name && ROUTER_TAINTED_PROPS.has(name) ? this.taintFrom(value, node, label, 'browser') : UNKNOWN;
      case 'url-params':
        return this.taintFrom(value, node, label, 'browser');
      case 'graphql-args':
        // GraphQL arguments are what the client sent; scalar types (String, ID, Int) cannot be operator objects
        if (name === undefined) return UNKNOWN;
        return kind === 'nosql' ? SAFE : this.taintFrom(value, node, label);
      case 'lambda-event':
        // A Lambda event is the trigger's JSON: API Gateway's body and parameters, AppSync's
        // arguments, a direct invocation's fields. Only the context AWS fills in is the platform's.
        if (name === undefined || LAMBDA_CONTEXT_PROPS.has(name)) return UNKNOWN;
        if (kind && harmlessRequestProp(name, kind)) return SAFE;
        return this.taintFrom(value, node, label);
      case 'response':
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** A value turned into text: the page location (or its URL parameters) reads as the URL itself. */
  private stringified(value: Value, node: TSESTree.Node): Value {
    if (value.t === 'special' && (value.special === 'location' || value.special === 'url-params')) return this.taintFrom(value, node, value.label, 'browser');
    return value;
  }

  private elementOf(value: Value): Value {
    if (value.t === 'special') return value.special === 'url-params' ? this.taintFrom(value, undefined, value.label, 'browser') : UNKNOWN;
    return value;
  }

  private applyPath(value: Value, path: PathElem[], node: TSESTree.Node, kind?: SinkKind): Value {
    let current = value;
    for (const elem of path) current = 'prop' in elem ? this.memberOf(current, elem.prop, node, kind) : this.elementOf(current);
    return current;
  }

  private evaluateCall(call: TSESTree.CallExpression, kind: SinkKind, env: Env, depth: number): Value {
    const callee = unwrap(call.callee);
    const calleeText = this.calleeText(callee);
    const lastName = calleeName(call) ?? '';
    const args = call.arguments;
    const joinArgs = (): Value => args.reduce<Value>((acc, a) => join(acc, this.evaluate(a, kind, env, depth)), SAFE);

    // `require('url').parse(x)`, `const { parse } = require('querystring')`: the module member's own name
    const memberText = this.moduleMemberText(callee);
    if (NEUTRALISING_CALLS.has(calleeText) || NEUTRALISING_CALLS.has(lastName) && callee.type === AST_NODE_TYPES.Identifier || NEUTRALISING_CALLS.has(memberText)) return SAFE;
    const fn = callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression ? this.localFunction(callee) : isFunction(callee) ? callee : undefined;
    // Sanitisers by name. A local function must also look like one (it replaces or encodes
    // characters), so a helper merely named `quote` that wraps without escaping is followed instead.
    const sanitizerKinds = this.sanitizerKinds(calleeText || memberText);
    if (sanitizerKinds.length && (!fn || this.looksLikeEscaper(fn))) {
      if (sanitizerKinds.includes(kind)) return SAFE;
      return joinArgs(); // escaped for another context: the data still passes through
    }
    if (URL_HOOKS.has(lastName) && callee.type === AST_NODE_TYPES.Identifier) {
      if (lastName === 'useRouter' || lastName === 'useRoute') return { t: 'special', special: 'router', label: 'router' };
      if (lastName === 'useLocation') return { t: 'special', special: 'location', label: 'useLocation()' };
      return { t: 'special', special: 'url-params', label: `${lastName}()` };
    }
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require') return UNKNOWN;
    if (kind === 'sql') {
      const formatted = this.sqlFormatted(call, env, depth);
      if (formatted) return formatted;
    }

    // A local function: evaluate its returns with the parameters bound to these arguments.
    if (fn) {
      if (depth >= MAX_CALL_DEPTH) return UNKNOWN;
      return this.evaluateReturns(fn, args, kind, env, depth + 1);
    }

    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const receiver = unwrap(callee.object);
      const receiverValue = this.evaluate(receiver, kind, env, depth);
      if (receiverValue.t === 'special') {
        if (receiverValue.special === 'request' && this.harmlessRequestCall(call, lastName, kind)) return SAFE;
        if (receiverValue.special === 'request' && REQUEST_TAINTED_METHODS.has(lastName)) return this.taintFrom(receiverValue, call, `${receiverValue.label}.${lastName}()`);
        if (receiverValue.special === 'url-params' || receiverValue.special === 'location') return this.taintFrom(receiverValue, call, `${receiverValue.label}.${lastName}()`, 'browser');
        return UNKNOWN;
      }
      if (receiverValue.t === 'taint') {
        if (NON_PROPAGATING_METHODS.has(lastName)) return SAFE;
        if (kind === 'nosql' && STRING_RESULT_METHODS.has(lastName)) return SAFE;
        // ids.map(() => '?'): the result holds what the callback returns, not the elements
        const mapper = (lastName === 'map' || lastName === 'flatMap') && args[0] ? unwrap(args[0]) : undefined;
        if (mapper && isFunction(mapper) && depth < MAX_CALL_DEPTH) {
          return this.returnsOf(mapper).reduce<Value>((acc, r) => join(acc, this.evaluate(r, kind, undefined, depth + 1)), SAFE);
        }
        // ids.map(Number), names.map(connection.escape)
        const mapperName = mapper && !isFunction(mapper) ? this.calleeText(mapper) : '';
        if (mapperName && (NEUTRALISING_CALLS.has(mapperName) || this.sanitizerKinds(mapperName).includes(kind))) return SAFE;
        // x.slice(0, 256): a truncated string cannot keep a backtracking regex busy for long
        if (kind === 'redos' && /^(?:slice|substring|substr)$/.test(lastName) && args.length === 2 && this.constantOf(args[1]!, 0) !== undefined) return SAFE;
        if (lastName === 'replace' || lastName === 'replaceAll') {
          if (this.replaceSanitizes(args, kind)) return SAFE;
        }
        return receiverValue;
      }
      // [a, b].join(' '), 'x'.concat(y), arr.push(...) already counted as writes
      if (lastName === 'concat' || lastName === 'join' || lastName === 'format') return join(receiverValue, joinArgs());
      if (PROPAGATING_CALLS.has(calleeText) || PROPAGATING_CALLS.has(memberText) || PROPAGATING_CALLS.has(`_.${lastName}`) && /^(?:_|lodash)$/.test(this.calleeText(receiver))) return joinArgs();
      if (MUTATING_METHODS.has(lastName)) return receiverValue;
      // 'literal'.replace('{x}', input), safeValue.toString()
      if (receiverValue.t === 'safe') return joinArgs();
      return UNKNOWN;
    }
    if (PROPAGATING_CALLS.has(calleeText) || PROPAGATING_CALLS.has(memberText)) return joinArgs();
    return UNKNOWN;
  }

  /** `url.parse` for a callee that is a member of a required or imported module, else ''. */
  private moduleMemberText(callee: TSESTree.Node): string {
    const ref = this.moduleRef(callee);
    if (!ref || ref.module === '#global' || !ref.path.length || ref.path.some((p) => p === '()' || p === 'new')) return '';
    return [ref.module, ...ref.path].join('.');
  }

  private evaluateNew(node: TSESTree.NewExpression, kind: SinkKind, env: Env, depth: number): Value {
    const name = this.calleeText(unwrap(node.callee));
    if (name === 'URL' || name === 'URLSearchParams' || name === 'String' || name === 'Buffer') {
      const first = node.arguments[0] ? this.evaluate(node.arguments[0], kind, env, depth) : SAFE;
      if (first.t === 'special' && (first.special === 'location' || first.special === 'url-params')) return { t: 'special', special: 'url-params', label: `new ${name}(${first.label})` };
      return first;
    }
    if (name === 'Number' || name === 'Date' || name === 'Boolean') return SAFE;
    return UNKNOWN;
  }

  /** `.replace(/[^a-z0-9]/g, '')` keeps only safe characters. */
  private replaceSanitizes(args: TSESTree.CallExpressionArgument[], kind: SinkKind): boolean {
    const pattern = args[0] ? unwrap(args[0]) : undefined;
    if (!pattern || pattern.type !== AST_NODE_TYPES.Literal || !('regex' in pattern) || !pattern.regex) return false;
    const { pattern: source, flags } = pattern.regex;
    if (!flags.includes('g')) return false;
    if (/^\[\^[^\]]*\]\+?$/.test(source)) {
      const allowed = source.slice(2, source.indexOf(']'));
      if (/\\S|\\W|\\D/.test(allowed)) return false;
      if (kind === 'path') return !(allowed.includes('.') && allowed.includes('/'));
      return true;
    }
    // Removing the dangerous characters themselves
    // Only removing every `..` itself is safe: stripping `../` once leaves `../` behind in `....//`.
    if (kind === 'path' && /^(?:\\\.\\\.|\\\.\{2,\}|\\\.\\\.\+|\\\.\{2\})$/.test(source)) return true;
    if ((kind === 'header' || kind === 'log') && /\\r|\\n/.test(source)) return true;
    if (kind === 'xss' && /</.test(source) && />/.test(source)) return true;
    // s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'): the usual hand-written escapeRegExp
    if (kind === 'regex' && /^\(?\[[^^]/.test(source) && ['.', '*', '+', '?', '(', '[', '\\\\'].every((c) => source.includes(c))) {
      const replacement = args[1] ? stringValue(unwrap(args[1])) : undefined;
      return replacement !== undefined && /^\\\$[&1]$/.test(replacement);
    }
    return false;
  }

  /** The sink kinds a call protects, judged by the callee's name. */
  private sanitizerKinds(calleeText: string): SinkKind[] {
    if (!calleeText) return [];
    const kinds: SinkKind[] = [];
    for (const entry of SANITIZERS) if (entry.names.test(calleeText)) kinds.push(...entry.kinds);
    return kinds;
  }

  private looksLikeEscaper(fn: FunctionNode): boolean {
    const body = this.text.slice(fn.body.range[0], fn.body.range[1]);
    return /\.replace(?:All)?\(|escape|encode|sanitiz|purify|DOMPurify/i.test(body);
  }

  private evaluateReturns(fn: FunctionNode, args: TSESTree.CallExpressionArgument[], kind: SinkKind, env: Env, depth: number): Value {
    const bound = new Map<Binding, Value>();
    fn.params.forEach((param, i) => {
      const p = unwrap(param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param);
      const id = p.type === AST_NODE_TYPES.AssignmentPattern ? unwrap(p.left) : p;
      if (id.type !== AST_NODE_TYPES.Identifier) return;
      const binding = this.index.resolve(id);
      if (!binding) return;
      const arg = args[i];
      bound.set(binding, arg ? this.evaluate(arg, kind, env, depth) : p.type === AST_NODE_TYPES.AssignmentPattern ? this.evaluate(p.right, kind, undefined, depth) : SAFE);
    });
    // Evaluations under an environment are not cached, so without this memo a module of functions
    // calling each other (a generated parser: esquery, 4,400 lines) re-evaluated every body for
    // every path through the calls and never finished. The same function, sink kind, call depth
    // and argument values give the same answer. With no parameter bound, no environment is needed.
    const key = `${kind}:${depth}:${[...bound.values()].map(valueKey).join('|')}`;
    let memo = this.returnsMemo.get(fn);
    if (!memo) this.returnsMemo.set(fn, (memo = new Map()));
    const known = memo.get(key);
    if (known) return known;
    const inner: Env = bound.size ? bound : undefined;
    const cutsBefore = this.cuts;
    let value: Value = SAFE;
    for (const expr of this.returnsOf(fn)) {
      value = join(value, this.evaluate(expr, kind, inner, depth));
      if (value.t === 'taint') {
        value = this.withStep(value, expr, `returned by ${this.index.functions.get(fn)?.name ?? 'function'}()`);
        break;
      }
    }
    if (this.cuts === cutsBefore) memo.set(key, value); // not a provisional answer (see evaluate)
    return value;
  }

  private returnsOf(fn: FunctionNode): TSESTree.Node[] {
    let returns = this.returnsCache.get(fn);
    if (returns) return returns;
    returns = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returns.push(fn.body);
    else collectReturns(fn.body, returns);
    this.returnsCache.set(fn, returns);
    return returns;
  }

  /** A local function named by an identifier or a property of a local object literal. */
  private localFunction(callee: TSESTree.Node): FunctionNode | undefined {
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const binding = this.index.resolve(callee);
      return binding ? this.index.functionOfBinding(binding) : undefined;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(callee);
      if (name === undefined) return undefined;
      const object = unwrap(callee.object);
      if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
      const prop = this.property(object, name);
      const fn = prop ? unwrap(prop) : undefined;
      return fn && isFunction(fn) ? fn : undefined;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- taint bookkeeping

  private taintFrom(value: Value, node: TSESTree.Node | undefined, label: string, kindOverride?: SourceKind): Value {
    if (value.t === 'taint') return value;
    const sourceKind: SourceKind = kindOverride ?? 'http';
    const start = node?.range[0] ?? 0;
    const end = node?.range[1] ?? 0;
    const shown = node && node.type === AST_NODE_TYPES.MemberExpression ? this.text.slice(start, end) : label;
    const text = shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
    return { t: 'taint', taint: { source: { kind: sourceKind, label: text.replace(/\s+/g, ' '), start, end }, steps: [{ start, end, label: `${text} (${describeSource(sourceKind)})` }] } };
  }

  private withStep(value: Value, node: TSESTree.Node, label: string): Value {
    if (value.t !== 'taint' || value.taint.steps.length >= MAX_STEPS) return value;
    const last = value.taint.steps[value.taint.steps.length - 1];
    if (last && last.start === node.range[0] && last.end === node.range[1]) return value;
    const step: FlowStep = { start: node.range[0], end: node.range[1], label };
    return { t: 'taint', taint: { source: value.taint.source, steps: [...value.taint.steps, step] } };
  }

  // ---------------------------------------------------------------- structural queries

  constant(input: TSESTree.Node): { value: Constant } | undefined {
    this.assertReady();
    return this.constantOf(input, 0);
  }

  private constantOf(input: TSESTree.Node, depth: number): { value: Constant } | undefined {
    if (depth > 8) return undefined;
    const node = unwrap(input);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return { value: ('regex' in node && node.regex ? new RegExp(node.regex.pattern, node.regex.flags) : node.value) as Constant };
      case AST_NODE_TYPES.TemplateLiteral: {
        let text = node.quasis[0]?.value.cooked ?? '';
        for (let i = 0; i < node.expressions.length; i++) {
          const part = this.constantOf(node.expressions[i]!, depth + 1);
          if (!part) return undefined;
          text += String(part.value) + (node.quasis[i + 1]?.value.cooked ?? '');
        }
        return { value: text };
      }
      case AST_NODE_TYPES.BinaryExpression: {
        if (node.operator !== '+') return undefined;
        const left = this.constantOf(node.left, depth + 1);
        const right = left && this.constantOf(node.right, depth + 1);
        if (!left || !right) return undefined;
        return { value: (left.value as string) + (right.value as string) };
      }
      case AST_NODE_TYPES.UnaryExpression: {
        const arg = this.constantOf(node.argument, depth + 1);
        if (!arg) return undefined;
        if (node.operator === '-' && typeof arg.value === 'number') return { value: -arg.value };
        if (node.operator === '!') return { value: !arg.value };
        return undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        if (node.name === 'undefined') return { value: undefined };
        const def = this.definition(node);
        return def ? this.constantOf(def, depth + 1) : undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(node);
        const prop = name !== undefined ? this.property(node.object, name) : undefined;
        return prop ? this.constantOf(prop, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }

  constantPrefix(input: TSESTree.Node): string | undefined {
    this.assertReady();
    return this.prefixOf(input, 0);
  }

  private prefixOf(input: TSESTree.Node, depth: number): string | undefined {
    if (depth > 8) return undefined;
    const node = unwrap(input);
    const whole = this.constantOf(node, depth);
    if (whole) return typeof whole.value === 'string' || typeof whole.value === 'number' ? String(whole.value) : undefined;
    switch (node.type) {
      case AST_NODE_TYPES.TemplateLiteral: {
        let text = node.quasis[0]?.value.cooked ?? '';
        for (let i = 0; i < node.expressions.length; i++) {
          const part = this.constantOf(node.expressions[i]!, depth + 1);
          if (!part) return text + (this.prefixOf(node.expressions[i]!, depth + 1) ?? '');
          text += String(part.value) + (node.quasis[i + 1]?.value.cooked ?? '');
        }
        return text;
      }
      case AST_NODE_TYPES.BinaryExpression: {
        if (node.operator !== '+') return undefined;
        const left = this.constantOf(node.left, depth + 1);
        if (left) return String(left.value) + (this.prefixOf(node.right, depth + 1) ?? '');
        return this.prefixOf(node.left, depth + 1) ?? '';
      }
      case AST_NODE_TYPES.Identifier: {
        const def = this.definition(node);
        return def ? this.prefixOf(def, depth + 1) : '';
      }
      case AST_NODE_TYPES.CallExpression: {
        // 'https://api.example.com/'.concat(id), util.format('https://x/%s', id)
        const name = calleeName(node);
        const receiver = calleeObject(node);
        if (name === 'concat' && receiver) return this.prefixOf(receiver, depth + 1);
        if (name === 'format' && node.arguments[0]) {
          const pattern = this.constantOf(node.arguments[0], depth + 1);
          if (pattern && typeof pattern.value === 'string') return pattern.value.split('%')[0];
        }
        return '';
      }
      default:
        return '';
    }
  }

  moduleRef(input: TSESTree.Node): ModuleRef | undefined {
    this.assertReady();
    // Most rules ask this about every callee; the answer depends only on the indexed module.
    if (this.moduleRefs.has(input)) return this.moduleRefs.get(input);
    const ref = this.moduleRefOf(input, 0);
    this.moduleRefs.set(input, ref);
    return ref;
  }

  private moduleRefOf(input: TSESTree.Node, depth: number): ModuleRef | undefined {
    // each awaited instance step (`const page = await instance.createPage()`) costs four levels
    if (depth > 16) return undefined;
    const node = unwrap(input);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const binding = this.index.resolve(node);
        if (!binding) return { module: '#global', path: [node.name] };
        if (binding.imported) {
          const { module, name } = binding.imported;
          return { module, path: name === '*' || name === 'default' ? [] : [name] };
        }
        if (binding.kind === 'param' || binding.kind === 'function' || binding.kind === 'class') return undefined;
        const defs = binding.defs.filter((d) => d.value);
        if (defs.length !== 1 || defs[0]!.op !== '=') return undefined;
        const base = this.moduleRefOf(defs[0]!.value!, depth + 1);
        if (!base) return undefined;
        const path = [...base.path];
        for (const elem of defs[0]!.path) {
          if (!('prop' in elem)) return undefined;
          path.push(elem.prop);
        }
        return { module: base.module, path };
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(node);
        if (name === undefined) return undefined;
        const base = this.moduleRefOf(node.object, depth + 1);
        if (!base) return undefined;
        // window.eval, globalThis.fetch are the globals themselves
        if (base.module === '#global' && base.path.length === 1 && /^(?:window|globalThis|self|global)$/.test(base.path[0]!)) return { module: '#global', path: [name] };
        return { module: base.module, path: [...base.path, name] };
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require' && !this.index.resolve(callee)) {
          const specifier = node.arguments[0] ? stringValue(unwrap(node.arguments[0])) : undefined;
          return specifier ? { module: normaliseModule(specifier), path: [] } : undefined;
        }
        const name = calleeName(node);
        if ((name === 'promisify' || name === 'bind') && (node.arguments[0] || calleeObject(node))) {
          return this.moduleRefOf(name === 'bind' ? calleeObject(node)! : node.arguments[0]!, depth + 1);
        }
        const base = this.moduleRefOf(callee, depth + 1);
        return base ? { module: base.module, path: [...base.path, '()'] } : undefined;
      }
      case AST_NODE_TYPES.NewExpression: {
        const base = this.moduleRefOf(node.callee, depth + 1);
        return base ? { module: base.module, path: [...base.path, 'new'] } : undefined;
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.moduleRefOf(node.argument, depth + 1);
      case AST_NODE_TYPES.ImportExpression: {
        const specifier = stringValue(unwrap(node.source));
        return specifier ? { module: normaliseModule(specifier), path: [] } : undefined;
      }
      default:
        return undefined;
    }
  }

  // Definitions can form cycles (`const a = b; const b = a;`), so every chase is bounded.
  objectLiteral(input: TSESTree.Node, depth = 0): TSESTree.ObjectExpression | undefined {
    const node = unwrap(input);
    if (node.type === AST_NODE_TYPES.ObjectExpression) return node;
    if (node.type === AST_NODE_TYPES.Identifier && depth < MAX_ALIAS_CHAIN) {
      const def = this.definition(node);
      return def && def !== node ? this.objectLiteral(def, depth + 1) : undefined;
    }
    return undefined;
  }

  private arrayLiteral(input: TSESTree.Node, depth = 0): TSESTree.ArrayExpression | undefined {
    const node = unwrap(input);
    if (node.type === AST_NODE_TYPES.ArrayExpression) return node;
    if (node.type === AST_NODE_TYPES.Identifier && depth < MAX_ALIAS_CHAIN) {
      const def = this.definition(node);
      return def && def !== node ? this.arrayLiteral(def, depth + 1) : undefined;
    }
    return undefined;
  }

  /**
   * The properties of an object literal without spreads, by name (the last one wins), indexed
   * once: looking each one up by scanning made `TABLE.key` reads over a large table quadratic.
   */
  private ownProperties(object: TSESTree.ObjectExpression): Map<string, TSESTree.Node> | undefined {
    if (this.propertyIndex.has(object)) return this.propertyIndex.get(object);
    let index: Map<string, TSESTree.Node> | undefined = new Map();
    for (const prop of object.properties) {
      if (prop.type === AST_NODE_TYPES.SpreadElement) {
        index = undefined;
        break;
      }
      const key = propertyName(prop);
      if (key !== undefined) index.set(key, prop.value);
    }
    this.propertyIndex.set(object, index);
    return index;
  }

  property(input: TSESTree.Node, name: string): TSESTree.Node | undefined {
    const node = unwrap(input);
    let found: TSESTree.Node | undefined;
    const literal = this.objectLiteral(node);
    if (literal) {
      const own = this.ownProperties(literal);
      found = own ? own.get(name) : lastProperty(literal, name, (spread) => this.objectLiteral(spread));
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const binding = this.index.resolve(node);
      for (const write of binding?.memberWrites ?? []) {
        if (write.path.length === 1 && write.path[0] === name) found = write.value;
      }
    }
    return found;
  }

  /**
   * Property `name` of a local variable initialised with an object literal whose every property is
   * known: the values it may hold (the literal's, then `obj.name = v` writes), or 'absent' when the
   * object does not have it; undefined when the object may hold more than the code shows (computed
   * keys, accessors, spreads of unknown objects, `obj[k] = v`, `Object.assign(obj, ...)`, writes below it).
   */
  private ownProperty(object: TSESTree.Node, name: string): TSESTree.Node[] | 'absent' | undefined {
    if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = this.definition(object);
    const literal = definition && unwrap(definition);
    const binding = this.index.resolve(object);
    if (literal?.type !== AST_NODE_TYPES.ObjectExpression || !binding || !this.fullyKnown(literal, 0)) return undefined;
    const values: TSESTree.Node[] = [];
    const index = this.ownProperties(literal);
    const own = index ? index.get(name) : lastProperty(literal, name, (spread) => this.objectLiteral(spread));
    if (own) values.push(own);
    for (const write of binding.memberWrites) {
      if (write.path[0] === undefined || (write.path[0] === name && write.path.length > 1)) return undefined;
      if (write.path[0] === name) values.push(write.value);
    }
    return values.length ? values : 'absent';
  }

  /** Whether every property of a literal (and of the literals it spreads) has a known name and a plain value; judged once per literal. */
  private fullyKnown(literal: TSESTree.ObjectExpression, depth: number): boolean {
    if (depth > 4) return false;
    const known = this.knownLiterals.get(literal);
    if (known !== undefined) return known;
    const result = literal.properties.every((p) => {
      if (p.type === AST_NODE_TYPES.SpreadElement) {
        const inner = this.objectLiteral(p.argument);
        return !!inner && this.fullyKnown(inner, depth + 1);
      }
      return p.kind === 'init' && propertyName(p) !== undefined;
    });
    if (depth === 0) this.knownLiterals.set(literal, result);
    return result;
  }

  definition(input: TSESTree.Node): TSESTree.Node | undefined {
    const node = unwrap(input);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = this.index.resolve(node);
    if (!binding || binding.kind === 'param' || binding.kind === 'import' || binding.kind === 'catch') return undefined;
    if (binding.kind === 'function' && binding.fn) return binding.fn;
    const defs = binding.defs;
    if (defs.length !== 1 || defs[0]!.op !== '=' || defs[0]!.path.length || !defs[0]!.value) return undefined;
    return defs[0]!.value;
  }

  definitions(input: TSESTree.Node): TSESTree.Node[] {
    const node = unwrap(input);
    if (node.type !== AST_NODE_TYPES.Identifier) return [];
    const binding = this.index.resolve(node);
    if (!binding || binding.kind === 'param' || binding.kind === 'import' || binding.kind === 'catch') return [];
    return binding.defs
      .filter((d) => d.value && !d.path.length && (d.op === '=' || d.op === '+='))
      .sort((a, b) => a.at - b.at)
      .map((d) => d.value!);
  }

  /**
   * SQL formatting that escapes what it inserts: mysql/sqlstring `format(sql, values)` is exactly as
   * safe as its SQL text; with pg-format only the arguments of `%s` pass through unescaped.
   */
  private sqlFormatted(call: TSESTree.CallExpression, env: Env, depth: number): Value | undefined {
    const ref = this.moduleRefOf(call.callee, 0);
    const [text, ...values] = call.arguments;
    if (!ref || !text) return undefined;
    const last = ref.path[ref.path.length - 1];
    if (SQL_QUESTION_MARK_FORMATTERS.has(ref.module) && last === 'format') return this.evaluate(text, 'sql', env, depth);
    if (!SQL_PG_FORMAT_MODULES.has(ref.module) || (ref.path.length > 0 && last !== 'withArray')) return undefined;
    let value = this.evaluate(text, 'sql', env, depth);
    const pattern = this.constantOf(text, 0)?.value;
    if (typeof pattern !== 'string') return values.reduce<Value>((acc, v) => join(acc, this.evaluate(v, 'sql', env, depth)), value);
    const raw = [...pattern.matchAll(/%(?:(\d+)\$)?([sIL%])/g)].filter((m) => m[2] !== '%');
    if (last === 'withArray') return raw.some((m) => m[2] === 's') && values[0] ? join(value, this.evaluate(values[0], 'sql', env, depth)) : value;
    let next = 0;
    for (const match of raw) {
      const position = match[1] ? Number(match[1]) - 1 : next++;
      const arg = values[position];
      if (match[2] === 's' && arg) value = join(value, this.evaluate(arg, 'sql', env, depth));
    }
    return value;
  }

  /** `req.get('host')` in a redirect, or `req.get(name)`/`req.text()` (always text) in a MongoDB query. */
  private harmlessRequestCall(call: TSESTree.CallExpression, method: string, kind: SinkKind): boolean {
    if (kind === 'nosql') return REQUEST_STRING_METHODS.has(method);
    if (kind === 'redirect' && (method === 'get' || method === 'header') && call.arguments[0]) {
      const header = this.constantOf(call.arguments[0], 0)?.value;
      return typeof header === 'string' && HOST_HEADERS.has(header.toLowerCase());
    }
    return false;
  }

  /** `req.headers.host` or `req.headers['x-forwarded-host']` of a request. */
  private isHostHeader(object: TSESTree.Node, name: string): boolean {
    const headers = unwrap(object);
    if (!HOST_HEADERS.has(name.toLowerCase()) || headers.type !== AST_NODE_TYPES.MemberExpression || propertyName(headers) !== 'headers') return false;
    const owner = this.evaluate(headers.object, 'redirect', undefined, 0);
    return owner.t === 'special' && owner.special === 'request';
  }

  private calleeText(node: TSESTree.Node): string {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.Identifier) return n.name;
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(n);
      const object = this.calleeText(n.object);
      return name === undefined || !object ? '' : `${object}.${name}`;
    }
    return '';
  }
}

/**
 * A GraphQL resolver, whose second parameter holds the client's arguments: `resolve(parent, args)`
 * in a graphql-js field config, or a field function in an Apollo-style resolver map
 * (`{ Query: { user(parent, args) {...} }, Mutation: {...} }`).
 */
function isGraphqlResolver(fn: FunctionNode): boolean {
  const property = fn.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== fn) return false;
  if (propertyName(property) === 'resolve') return fn.params.length >= 2;
  const map = property.parent?.parent;
  return map?.type === AST_NODE_TYPES.Property && /^(?:Query|Mutation|Subscription)$/.test(propertyName(map) ?? '');
}

/** Lambda event properties that AWS fills in (the authorizer's claims, stage settings), not the caller. */
const LAMBDA_CONTEXT_PROPS = new Set(['requestContext', 'stageVariables', 'identity', 'source', 'resource', 'httpMethod', 'version', 'routeKey', 'isBase64Encoded']);

/** Request parts harmless to one sink kind (see the catalog): text for `nosql`, the own Host for `redirect`, upload metadata for `path`. */
function harmlessRequestProp(name: string, kind: SinkKind): boolean {
  if (kind === 'nosql') return REQUEST_STRING_PROPS.has(name);
  if (kind === 'redirect') return REQUEST_HOST_PROPS.has(name);
  if (kind === 'path') return REQUEST_UPLOAD_PROPS.has(name);
  return false;
}

/** `({ params, query }, res, next) => ...` or `({ body }: Request) => ...`: a handler that destructures its request. */
function isDestructuredRequest(fn: FunctionNode): boolean {
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.ObjectPattern) return false;
  const annotation = first.typeAnnotation?.typeAnnotation;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
    const typeName = annotation.typeName;
    const name = typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : '';
    if (/^(?:Request|NextRequest|FastifyRequest|IncomingMessage)$/.test(name)) return true;
  }
  const second = fn.params[1];
  return second?.type === AST_NODE_TYPES.Identifier && RESPONSE_PARAM_NAMES.has(second.name);
}

/**
 * How a parameter reads in messages: its name (also for `opts = {}` and `...args`), or the keys of a
 * destructuring pattern (`{ content, title }`, as React components take their props).
 */
function paramLabel(param: TSESTree.Parameter): string | undefined {
  let node: TSESTree.Node = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  if (node.type === AST_NODE_TYPES.AssignmentPattern) node = node.left;
  if (node.type === AST_NODE_TYPES.RestElement) node = node.argument;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.ObjectPattern) {
    const keys = node.properties.map((p) => (p.type === AST_NODE_TYPES.RestElement ? '...' : propertyName(p) ?? '[...]'));
    return `{ ${keys.join(', ')} }`;
  }
  if (node.type === AST_NODE_TYPES.ArrayPattern) return `[${node.elements.map((e) => (e?.type === AST_NODE_TYPES.Identifier ? e.name : '_')).join(', ')}]`;
  return undefined;
}

/** What identifies an abstract value for the returns memo: its kind, source and flow. */
function valueKey(value: Value): string {
  switch (value.t) {
    case 'taint':
      return `taint:${value.taint.source.kind}:${value.taint.source.start}:${value.taint.source.end}:${value.taint.steps.map((s) => `${s.start}-${s.end}`).join(',')}`;
    case 'special':
      return `special:${value.special}:${value.label}`;
    case 'safe':
      return value.constant ? `safe:${typeof value.constant.value}:${String(value.constant.value)}` : 'safe';
    default:
      return value.t;
  }
}

function describeSource(kind: SourceKind): string {
  switch (kind) {
    case 'http': return 'HTTP request';
    case 'browser': return 'page URL';
    case 'message': return 'postMessage data';
    case 'socket': return 'socket message';
    case 'cli': return 'command-line argument';
    case 'exported-param': return 'exported function parameter';
  }
}

function lastProperty(
  object: TSESTree.ObjectExpression,
  name: string,
  resolveSpread?: (node: TSESTree.Node) => TSESTree.ObjectExpression | undefined,
  depth = 0,
): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      // `const o = { ...o }` spreads itself: stop after a few levels rather than recurse forever.
      const spread = depth < MAX_ALIAS_CHAIN ? resolveSpread?.(prop.argument) : undefined;
      const inner = spread && lastProperty(spread, name, resolveSpread, depth + 1);
      if (inner) found = inner;
    } else if (propertyName(prop) === name) {
      found = prop.value;
    }
  }
  return found;
}

function collectReturns(node: TSESTree.Node, out: TSESTree.Node[]): void {
  // Iterative, skipping nested functions: their returns belong to them.
  const stack: TSESTree.Node[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === AST_NODE_TYPES.ReturnStatement) {
      if (current.argument) out.push(current.argument);
      continue;
    }
    if (isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) continue;
    for (const key of Object.keys(current)) {
      if (key === 'parent') continue;
      const child = (current as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof (c as TSESTree.Node).type === 'string') stack.push(c as TSESTree.Node);
      } else if (child && typeof (child as TSESTree.Node).type === 'string') stack.push(child as TSESTree.Node);
    }
  }
}

function enclosingFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

function sameFunction(a: TSESTree.Node, b: TSESTree.Node): boolean {
  return enclosingFunction(a) === enclosingFunction(b);
}

const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement, AST_NODE_TYPES.ForInStatement, AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement, AST_NODE_TYPES.DoWhileStatement,
]);


/** Loops around `node` inside `fn`, innermost first. */
function loopsAround(node: TSESTree.Node, fn: TSESTree.Node | undefined): TSESTree.Node[] {
  const loops: TSESTree.Node[] = [];
  for (let current = node.parent; current && current !== fn; current = current.parent) if (LOOPS.has(current.type)) loops.push(current);
  return loops;
}

function ancestorsOf(node: TSESTree.Node): Set<TSESTree.Node> {
  const ancestors = new Set<TSESTree.Node>();
  for (let current = node.parent; current; current = current.parent) ancestors.add(current);
  return ancestors;
}

/**
 * The block a definition always runs in when control reaches it, or undefined when it sits in a
 * condition or a nested function. It dominates a use inside that block (see reachingDefs).
 */
function alwaysRunsIn(def: Def): TSESTree.Node | undefined {
  let statement: TSESTree.Node = def.node;
  while (statement.parent && !isBlockLike(statement.parent)) {
    if (isFunction(statement.parent)) return undefined;
    // a definition inside a condition or loop body does not always run
    if (statement.parent.type === AST_NODE_TYPES.IfStatement || statement.parent.type === AST_NODE_TYPES.ConditionalExpression || statement.parent.type === AST_NODE_TYPES.LogicalExpression) {
      if (statement !== (statement.parent as { test?: TSESTree.Node }).test && statement !== (statement.parent as TSESTree.LogicalExpression).left) return undefined;
    }
    statement = statement.parent;
  }
  return statement.parent;
}

function isBlockLike(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.SwitchCase || node.type === AST_NODE_TYPES.StaticBlock;
}
