// Window `message` handlers that use the message before checking who sent it (`event.origin` or
// `event.source`), or whose check is a substring test that another site can pass.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, forEachNode, isFunction, propertyName, stringValue, unwrap, type FunctionNode, type TSESTree } from '../../api/ast';
import { shorten } from '../../api/text';
import type { AstRuleContext } from '../../api/types';

/** Receivers whose `message` events come from other windows. */
const WINDOW_NAMES = new Set(['window', 'globalThis']);
/** How far a handler that passes the whole event on is followed. */
const MAX_HANDLER_DEPTH = 3;

type MessageId = 'missingOriginCheck' | 'weakOriginCheck';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-unchecked-message-origin',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Message handler that does not check the sender',
      cwe: ['CWE-346', 'CWE-20'],
      owasp: ['A07:2021-Identification and Authentication Failures'],
    },
    fixable: null,
    messages: {
      missingOriginCheck: 'This message handler uses `{{data}}` without checking `{{event}}.origin`; any site that can frame this page or open it in a window can send it messages.',
      weakOriginCheck: '`{{check}}` does not pin the sender: an origin such as `{{example}}` passes it. Compare the origin with exact values (`=== \'https://app.example.com\'` or an allow-list).',
    },
    sources: [
      { name: 'semgrep: javascript.browser.security.insufficient-postmessage-origin-validation', relation: 'inspired' },
      { name: 'CodeQL: js/missing-origin-check', relation: 'inspired' },
    ],
    tags: ['postmessage', 'browser'],
  },
  // Prefilter: message listeners (addEventListener('message'), onmessage).
  prefilter: ['message'],
  create(context) {
    const registrations: Array<{ node: TSESTree.Node; handler: TSESTree.Node; receiver?: TSESTree.Node; jquery: boolean }> = [];
    let workerHints = /(?:^|[/._-])(?:worker|sw|service-?worker)[^/]*$/i.test(context.file.path);
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (name === 'importScripts') workerHints = true;
        if (name !== 'addEventListener' && name !== 'on') return;
        if (stringValue(node.arguments[0] ? unwrap(node.arguments[0]) : undefined) !== 'message' || !node.arguments[1]) return;
        registrations.push({ node, handler: node.arguments[1], receiver: calleeObject(node), jquery: name === 'on' });
      },
      AssignmentExpression(node) {
        const left = unwrap(node.left);
        if (left.type === AST_NODE_TYPES.MemberExpression && propertyName(left) === 'onmessage') registrations.push({ node, handler: node.right, receiver: unwrap(left.object), jquery: false });
      },
      'Program:exit'() {
        for (const registration of registrations) {
          if (!fromOtherWindows(registration.receiver, registration.jquery, workerHints)) continue;
          const fn = functionOf(context, registration.handler);
          if (fn) checkHandler(context, registration.node, fn, registration.jquery);
        }
      },
    };
  },
});

/**
 * `window.addEventListener('message', ...)`, `window.onmessage = ...`, `$(window).on('message', ...)`,
 * and a bare `addEventListener('message', ...)` outside worker scripts. Workers, ports, sockets and
 * `self` (a worker's global) receive messages from their own creator, which has no origin to check.
 */
function fromOtherWindows(receiver: TSESTree.Node | undefined, jquery: boolean, workerHints: boolean): boolean {
  if (jquery) {
    if (receiver?.type !== AST_NODE_TYPES.CallExpression) return false;
    const arg = receiver.arguments[0];
    return /^(?:\$|jQuery)$/.test(calleeName(receiver) ?? '') && arg?.type === AST_NODE_TYPES.Identifier && arg.name === 'window';
  }
  if (!receiver) return !workerHints;
  return receiver.type === AST_NODE_TYPES.Identifier && WINDOW_NAMES.has(receiver.name);
}

function functionOf(context: AstRuleContext<MessageId>, node: TSESTree.Node): FunctionNode | undefined {
  const n = unwrap(node);
  if (isFunction(n)) return n;
  if (n.type === AST_NODE_TYPES.Identifier) {
    const definition = context.dataflow.definition(n);
    return definition && isFunction(definition) ? definition : undefined;
  }
  return undefined;
}

/** The names through which a handler reads the event: `e`, or `{ data, origin, source }`. */
interface EventNames {
  event?: string;
  /** `e.originalEvent` for jQuery handlers. */
  jquery: boolean;
  data?: string;
  origin?: string;
  source?: string;
}

type Strength = 'strong' | 'weak';

interface Check {
  node: TSESTree.Node;
  strength: Strength;
  example?: string;
}

function checkHandler(context: AstRuleContext<MessageId>, registration: TSESTree.Node, fn: FunctionNode, jquery: boolean, depth = 0): void {
  const names = eventNames(fn, jquery);
  if (!names) return;
  // const { data, origin } = event; inside the handler
  forEachNode(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.ObjectPattern || !node.init || !isEventObject(node.init, names)) return;
    readPattern(node.id, names);
  });
  const uses: TSESTree.Node[] = [];
  const passedOn: Array<{ fn: FunctionNode; call: TSESTree.CallExpression }> = [];
  let opaque = false;
  forEachNode(fn.body, (node) => {
    if (isDataRead(node, names)) uses.push(node);
    else if (node.type === AST_NODE_TYPES.CallExpression && names.event && node.arguments.some((a) => isName(a, names.event!))) {
      // handle(event): follow a local function; an unknown one may check the origin itself.
      const callee = functionOf(context, node.callee);
      if (callee && depth < MAX_HANDLER_DEPTH) passedOn.push({ fn: callee, call: node });
      else opaque = true;
    }
  });
  const checker = new CheckReader(context, names);
  const unguarded = uses.filter((use) => !checker.guarded(use, fn, false));
  if (unguarded.length === 0) {
    for (const next of passedOn) if (!checker.guarded(next.call, fn, false)) checkHandler(context, registration, next.fn, false, depth + 1);
    return;
  }
  if (opaque) return;
  const weak = unguarded.map((use) => checker.weakGuard(use, fn)).find((check) => !!check);
  if (weak) {
    context.report({ node: weak.node, messageId: 'weakOriginCheck', data: { check: shorten(context.file.getText(weak.node), 60), example: weak.example ?? 'https://example.com.attacker.net' } });
    return;
  }
  const event = names.event ? (names.jquery ? `${names.event}.originalEvent` : names.event) : 'event';
  context.report({ node: registration, messageId: 'missingOriginCheck', data: { data: shorten(context.file.getText(unguarded[0]!), 60), event } });
}

function eventNames(fn: FunctionNode, jquery: boolean): EventNames | undefined {
  const param = fn.params[0];
  if (!param) return undefined;
  const p = unwrap(param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param);
  if (p.type === AST_NODE_TYPES.Identifier) return { event: p.name, jquery };
  if (p.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  const names: EventNames = { jquery: false };
  readPattern(p, names);
  return names;
}

/** Records which local names `{ data, origin, source }` bind. */
function readPattern(p: TSESTree.ObjectPattern, names: EventNames): void {
  for (const prop of p.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyName(prop);
    const value = unwrap(prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value);
    if (value.type !== AST_NODE_TYPES.Identifier) continue;
    if (key === 'data') names.data = value.name;
    if (key === 'origin') names.origin = value.name;
    if (key === 'source') names.source = value.name;
  }
}

/** `e.data`, `e.originalEvent.data`, or the destructured `data`. */
function isDataRead(node: TSESTree.Node, names: EventNames): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression) return propertyName(node) === 'data' && isEventObject(node.object, names);
  if (node.type === AST_NODE_TYPES.Identifier && names.data && node.name === names.data) {
    const parent = node.parent;
    // not the declaration itself, nor a property key
    return !(parent?.type === AST_NODE_TYPES.Property && (parent.key === node || parent.parent?.type === AST_NODE_TYPES.ObjectPattern)) && !(parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed);
  }
  return false;
}

/** The event (or jQuery's `e.originalEvent`). */
function isEventObject(node: TSESTree.Node, names: EventNames): boolean {
  const n = unwrap(node);
  if (names.event && isName(n, names.event)) return true;
  return n.type === AST_NODE_TYPES.MemberExpression && propertyName(n) === 'originalEvent' && !!names.event && isName(n.object, names.event);
}

function isName(node: TSESTree.Node, name: string): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.Identifier && n.name === name;
}

/** Reads origin checks in conditions and decides whether a use sits behind one. */
class CheckReader {
  constructor(
    private readonly context: AstRuleContext<MessageId>,
    private readonly names: EventNames,
  ) {}

  /** Whether `use` runs only after a check passed (weak checks count when `acceptWeak`). */
  guarded(use: TSESTree.Node, fn: FunctionNode, acceptWeak: boolean): boolean {
    let child: TSESTree.Node = use;
    for (let parent = use.parent; parent && child !== fn; child = parent, parent = parent.parent) {
      switch (parent.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.ConditionalExpression:
          if (child === parent.consequent && this.holds(parent.test, acceptWeak)) return true;
          if (child === parent.alternate && this.fails(parent.test, acceptWeak)) return true;
          break;
        case AST_NODE_TYPES.LogicalExpression:
          if (child === parent.right && parent.operator === '&&' && this.holds(parent.left, acceptWeak)) return true;
          if (child === parent.right && parent.operator === '||' && this.fails(parent.left, acceptWeak)) return true;
          break;
        case AST_NODE_TYPES.SwitchCase:
          if (parent.test && this.isOrigin((parent.parent as TSESTree.SwitchStatement).discriminant)) return true;
          if (this.precededByExit(parent.consequent, child, acceptWeak)) return true;
          break;
        case AST_NODE_TYPES.BlockStatement:
          if (this.precededByExit(parent.body, child, acceptWeak)) return true;
          break;
        default:
          break;
      }
      if (parent === fn) break;
    }
    return false;
  }

  /** The weak check that guards `use`, when only a weak one does. */
  weakGuard(use: TSESTree.Node, fn: FunctionNode): Check | undefined {
    if (!this.guarded(use, fn, true)) return undefined;
    let found: Check | undefined;
    forEachNode(fn.body, (node) => {
      if (found) return;
      const check = this.classify(node);
      if (check?.strength === 'weak') found = check;
    });
    return found;
  }

  /** `if (<check fails>) return;` before `child` in the same block. */
  private precededByExit(body: TSESTree.Node[], child: TSESTree.Node, acceptWeak: boolean): boolean {
    for (const statement of body) {
      if (statement === child) return false;
      if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
      if (exits(statement.consequent) && this.fails(statement.test, acceptWeak)) return true;
      if (statement.alternate && exits(statement.alternate) && this.holds(statement.test, acceptWeak)) return true;
    }
    return false;
  }

  /** `test` being true means a check passed. */
  private holds(test: TSESTree.Node, acceptWeak: boolean, depth = 0): boolean {
    const node = unwrap(test);
    if (depth > 6) return false;
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return this.fails(node.argument, acceptWeak, depth + 1);
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      if (node.operator === '&&') return this.holds(node.left, acceptWeak, depth + 1) || this.holds(node.right, acceptWeak, depth + 1);
      if (node.operator === '||') return this.holds(node.left, acceptWeak, depth + 1) && this.holds(node.right, acceptWeak, depth + 1);
      return false;
    }
    const check = this.classify(node);
    if (!check || (check.strength === 'weak' && !acceptWeak)) return false;
    return polarity(node) === 'positive';
  }

  /** `test` being false means a check passed. */
  private fails(test: TSESTree.Node, acceptWeak: boolean, depth = 0): boolean {
    const node = unwrap(test);
    if (depth > 6) return false;
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return this.holds(node.argument, acceptWeak, depth + 1);
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      if (node.operator === '||') return this.fails(node.left, acceptWeak, depth + 1) || this.fails(node.right, acceptWeak, depth + 1);
      if (node.operator === '&&') return this.fails(node.left, acceptWeak, depth + 1) && this.fails(node.right, acceptWeak, depth + 1);
      return false;
    }
    const check = this.classify(node);
    if (!check || (check.strength === 'weak' && !acceptWeak)) return false;
    return polarity(node) === 'negative';
  }

  /** Whether `node` is a check on the sender, and how good it is. */
  classify(node: TSESTree.Node): Check | undefined {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.BinaryExpression) {
      if (/^[!=]==?$/.test(n.operator)) {
        const inner = unwrap(n.left).type === AST_NODE_TYPES.CallExpression ? unwrap(n.left) : undefined;
        if (inner && calleeName(inner as TSESTree.CallExpression) === 'indexOf') return this.classifyCall(inner as TSESTree.CallExpression, n);
        if (this.isOrigin(n.left) || this.isOrigin(n.right) || this.isSource(n.left) || this.isSource(n.right)) return { node: n, strength: 'strong' };
        return undefined;
      }
      if (/^[<>]=?$/.test(n.operator)) {
        const inner = unwrap(n.left);
        if (inner.type === AST_NODE_TYPES.CallExpression && /^(?:indexOf|search)$/.test(calleeName(inner) ?? '')) return this.classifyCall(inner, n);
      }
      return undefined;
    }
    if (n.type === AST_NODE_TYPES.CallExpression) return this.classifyCall(n, n);
    return undefined;
  }

  private classifyCall(call: TSESTree.CallExpression, whole: TSESTree.Node): Check | undefined {
    const name = calleeName(call) ?? '';
    const receiver = calleeObject(call);
    const arg = call.arguments[0];
    if (receiver && this.isOrigin(receiver)) {
      const text = arg ? this.context.dataflow.constant(arg)?.value : undefined;
      if (name === 'indexOf' || name === 'includes' || name === 'search' || name === 'match') {
        const regex = arg && regexSource(this.context, arg);
        if (regex !== undefined) return regexCheck(whole, regex);
        return { node: whole, strength: 'weak', example: substringExample(typeof text === 'string' ? text : undefined) };
      }
      if (name === 'startsWith' && typeof text === 'string') {
        // an origin has no path, so a prefix ending in '/' never matches, and a full origin is a prefix of longer hosts
        return /\/$/.test(text) ? { node: whole, strength: 'strong' } : { node: whole, strength: 'weak', example: `${text}.attacker.net` };
      }
      if (name === 'endsWith' && typeof text === 'string') {
        return /^(?:\.|:\/\/)/.test(text) ? { node: whole, strength: 'strong' } : { node: whole, strength: 'weak', example: `https://attacker${text.replace(/^https?:\/\//, '')}` };
      }
      return { node: whole, strength: 'strong' };
    }
    if (name === 'test' && receiver && arg && this.isOrigin(arg)) {
      const regex = regexSource(this.context, receiver);
      return regex !== undefined ? regexCheck(whole, regex) : { node: whole, strength: 'strong' };
    }
    // ALLOWED.includes(origin), allowed.has(origin), isTrusted(origin), validate(event)
    const args = call.arguments.filter((a) => a.type !== AST_NODE_TYPES.SpreadElement);
    if (args.some((a) => this.isOrigin(a) || this.isSource(a) || (this.names.event !== undefined && isName(a, this.names.event)))) {
      if ((name === 'includes' || name === 'indexOf') && receiver && typeof this.context.dataflow.constant(receiver)?.value === 'string') {
        return { node: whole, strength: 'weak', example: 'https://example.co' };
      }
      return { node: whole, strength: 'strong' };
    }
    return undefined;
  }

  /** `e.origin`, the destructured `origin`, or something computed from it (`new URL(e.origin).host`). */
  isOrigin(node: TSESTree.Node, depth = 0): boolean {
    if (depth > 4) return false;
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      if (propertyName(n) === 'origin' && isEventObject(n.object, this.names)) return true;
      return this.isOrigin(n.object, depth + 1);
    }
    if (n.type === AST_NODE_TYPES.Identifier) {
      if (this.names.origin && n.name === this.names.origin) return true;
      const definition = this.context.dataflow.definition(n);
      return !!definition && this.isOrigin(definition, depth + 1);
    }
    if (n.type === AST_NODE_TYPES.NewExpression && calleeName(n) === 'URL' && n.arguments[0]) return this.isOrigin(n.arguments[0], depth + 1);
    if (n.type === AST_NODE_TYPES.CallExpression) {
      const receiver = calleeObject(n);
      return !!receiver && /^(?:toLowerCase|trim|toString)$/.test(calleeName(n) ?? '') && this.isOrigin(receiver, depth + 1);
    }
    return false;
  }

  private isSource(node: TSESTree.Node): boolean {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.MemberExpression) return propertyName(n) === 'source' && isEventObject(n.object, this.names);
    return !!this.names.source && isName(n, this.names.source);
  }
}

/** Whether a check's truth means "passed" (`===`, `includes(...)`, `!== -1`) or "failed" (`!==`, `=== -1`). */
function polarity(node: TSESTree.Node): 'positive' | 'negative' {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.BinaryExpression) return 'positive';
  const inner = unwrap(n.left);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const minusOne = isMinusOne(n.right);
    if (n.operator === '===' || n.operator === '==') return minusOne ? 'negative' : 'positive';
    if (n.operator === '!==' || n.operator === '!=') return minusOne ? 'positive' : 'negative';
    if (n.operator === '<') return 'negative';
    return 'positive';
  }
  return n.operator === '!==' || n.operator === '!=' ? 'negative' : 'positive';
}

function isMinusOne(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.UnaryExpression && n.operator === '-' && n.argument.type === AST_NODE_TYPES.Literal && n.argument.value === 1;
}

function regexSource(context: AstRuleContext<MessageId>, node: TSESTree.Node): string | undefined {
  const value = context.dataflow.constant(node)?.value;
  return value instanceof RegExp ? value.source : undefined;
}

/**
 * An origin pattern is strong when anchored at both ends, with every dot escaped (unless it is a
 * deliberate wildcard such as `.*` or `.+`): `/^https:\/\/(www\.)?example\.com$/`.
 */
function regexCheck(node: TSESTree.Node, source: string): Check {
  if (!source.endsWith('$')) return { node, strength: 'weak', example: substringExample(literalText(source)) };
  if (!source.startsWith('^') && !/^https\??:/.test(source.replace(/\\/g, ''))) return { node, strength: 'weak', example: 'https://attacker-example.com' };
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '.' && !inClass && !/[*+?{]/.test(source[i + 1] ?? '')) return { node, strength: 'weak', example: 'https://wwwXexample.com' };
  }
  return { node, strength: 'strong' };
}

/** The text a pattern matches when it is a plain string with escapes (`https:\/\/a\.com`), else undefined. */
function literalText(source: string): string | undefined {
  const body = source.replace(/^\^/, '');
  if (/[.*+?()[\]{}|^$]/.test(body.replace(/\\./g, ''))) return undefined; // a real pattern, not escaped text
  return body.replace(/\\(.)/g, '$1');
}

function substringExample(text: string | undefined): string {
  if (!text) return 'https://example.com.attacker.net';
  const host = text.replace(/^https?:\/\//, '');
  return `https://${host}.attacker.net`;
}

/** Whether control never continues past the statement. */
function exits(statement: TSESTree.Node): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some(exits);
    default:
      return false;
  }
}
