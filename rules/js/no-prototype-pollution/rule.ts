// Prototype pollution: attacker-chosen keys used to walk into nested objects and write there
// (recursive merge, set-by-path, `obj[a][b] = v`, reduce over a path), with no `__proto__` /
// `constructor` guard; and deep-merge or set-by-path library calls given request data.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, enclosingFunction, forEachNode, isFunction, memberChain, propertyName, unwrap, type FunctionNode, type TSESTree } from '../../api/ast';
import { shorten } from '../../api/text';
import type { Taint } from '../../api/dataflow';
import type { AstRuleContext, Fix } from '../../api/types';
import { flowSteps } from '../../api/flow';

/**
 * Library calls that deep-merge or set by path. `sources` are the argument positions whose keys
 * decide where to write (`from` = that position and every later one).
 */
interface LibraryCall {
  module: RegExp;
  path: string;
  sources: { at: number; rest?: boolean };
  /** Deep only when the first argument is literally `true` (jQuery's and extend's `extend(true, ...)`). */
  deepFlag?: boolean;
}
const LIBRARY_CALLS: LibraryCall[] = [
  { module: /^(?:lodash|lodash-es|underscore)$/, path: 'merge', sources: { at: 1, rest: true } },
  { module: /^(?:lodash|lodash-es)$/, path: 'mergeWith', sources: { at: 1, rest: true } },
  { module: /^(?:lodash|lodash-es)$/, path: 'defaultsDeep', sources: { at: 1, rest: true } },
  { module: /^(?:lodash|lodash-es)$/, path: 'set', sources: { at: 1 } },
  { module: /^(?:lodash|lodash-es)$/, path: 'setWith', sources: { at: 1 } },
  { module: /^(?:lodash|lodash-es)$/, path: 'zipObjectDeep', sources: { at: 0 } },
  { module: /^lodash[./](?:merge|mergewith|defaultsdeep)$/i, path: '', sources: { at: 1, rest: true } },
  { module: /^lodash[./](?:set|setwith)$/i, path: '', sources: { at: 1 } },
  { module: /^(?:deepmerge|merge-deep|mixin-deep|defaults-deep|assign-deep|deep-extend|merge-options|just-merge)$/, path: '', sources: { at: 1, rest: true } },
  { module: /^deepmerge$/, path: 'all', sources: { at: 0 } },
  { module: /^merge$/, path: 'recursive', sources: { at: 1, rest: true } },
  { module: /^extend$/, path: '', sources: { at: 2, rest: true }, deepFlag: true },
  { module: /^(?:jquery|#global)$/, path: 'extend', sources: { at: 2, rest: true }, deepFlag: true },
  { module: /^object-path$/, path: 'set', sources: { at: 1 } },
  { module: /^dot-prop$/, path: 'set', sources: { at: 1 } },
  { module: /^dot-prop$/, path: 'setProperty', sources: { at: 1 } },
  { module: /^(?:set-value|dset|dset\/merge|just-safe-set)$/, path: '', sources: { at: 1 } },
  { module: /^dset$/, path: 'dset', sources: { at: 1 } },
  { module: /^flat$/, path: 'unflatten', sources: { at: 0 } },
];
const LIBRARY_NAMES = new Set(['merge', 'mergeWith', 'defaultsDeep', 'set', 'setWith', 'zipObjectDeep', 'all', 'recursive', 'extend', 'setProperty', 'dset', 'unflatten']);
/** Functions longer than this (characters) are module wrappers, not the helper that guards a walk. */
const MAX_GUARD_SCOPE = 20_000;
/** Helper names that usually reject dangerous keys: `isSafeKey`, `isPrototypePolluted`, `validateKey`. */
const GUARD_HELPER = /proto|(?:safe|valid|unsafe|forbidden|dangerous|reserved|blocked|banned)_?key|pollut/i;

type MessageId = 'pollution' | 'pollutionAudit' | 'libraryPollution';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-prototype-pollution',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Attacker-chosen keys written into nested objects (prototype pollution)',
      cwe: ['CWE-1321'],
      owasp: ['A08:2021-Software and Data Integrity Failures'],
    },
    fixable: null,
    hasSuggestions: true,
    messages: {
      pollution: '{{source}} chooses the keys of {{pattern}}; a key of `__proto__` or `constructor.prototype` makes this write land on Object.prototype and change every object in the process.',
      pollutionAudit: '{{pattern}} walks into nested objects with keys Guardline could not trace and does not reject `__proto__`, `constructor` and `prototype`; make sure callers never pass outside data.',
      libraryPollution: '{{source}} reaches {{sink}}, which writes nested keys; a `__proto__` or `constructor.prototype` key pollutes Object.prototype unless the library version blocks it.',
    },
    sources: [
      { name: 'CodeQL: js/prototype-pollution-utility and js/prototype-polluting-assignment', relation: 'inspired' },
      { name: 'semgrep: javascript.lang.security.audit.prototype-pollution', relation: 'inspired' },
    ],
    tags: ['prototype-pollution', 'injection'],
  },
  create(context) {
    const writes: TSESTree.AssignmentExpression[] = [];
    // cur = cur[key] (a walk) and inner = obj[key] (a step handed to a recursive call)
    const traversals: Access[] = [];
    const derived: Access[] = [];
    const recordAccess = (name: string, value: TSESTree.Node, node: TSESTree.Node): void => {
      const self = traversalKey(value, name, 0);
      if (self) traversals.push({ name, from: name, key: self, node });
      const member = unwrap(value);
      if (!self && member.type === AST_NODE_TYPES.MemberExpression && member.computed && unwrap(member.object).type === AST_NODE_TYPES.Identifier) {
        derived.push({ name, from: (unwrap(member.object) as TSESTree.Identifier).name, key: member.property, node });
      }
    };
    const recursiveCalls: TSESTree.CallExpression[] = [];
    const libraryCalls: TSESTree.CallExpression[] = [];
    return {
      AssignmentExpression(node) {
        const left = unwrap(node.left);
        if (left.type === AST_NODE_TYPES.MemberExpression && left.computed) writes.push(node);
        if (left.type === AST_NODE_TYPES.Identifier) recordAccess(left.name, node.right, node);
      },
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.Identifier && node.init) recordAccess(node.id.name, node.init, node);
      },
      CallExpression(node) {
        const name = calleeName(node);
        // Identifiers may be aliases of a library function (`const merge = require('deepmerge')`).
        if ((name && LIBRARY_NAMES.has(name)) || unwrap(node.callee).type === AST_NODE_TYPES.Identifier) libraryCalls.push(node);
        if (node.arguments.length > 0) recursiveCalls.push(node);
      },
      'Program:exit'() {
        for (const call of libraryCalls) checkLibraryCall(context, call);
        new PollutionAnalysis(context, traversals, derived, recursiveCalls).run(writes);
      },
    };
  },
});

/** In `cur = cur[key]`, `cur = cur[key] || {}`, `cur = (cur[key] = cur[key] || {})`: the key. */
function traversalKey(value: TSESTree.Node, name: string, depth: number): TSESTree.Node | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(value);
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression: {
      const object = unwrap(node.object);
      return node.computed && object.type === AST_NODE_TYPES.Identifier && object.name === name ? node.property : undefined;
    }
    case AST_NODE_TYPES.AssignmentExpression:
      return traversalKey(node.left, name, depth + 1) ?? traversalKey(node.right, name, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return traversalKey(node.left, name, depth + 1) ?? traversalKey(node.right, name, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return traversalKey(node.consequent, name, depth + 1) ?? traversalKey(node.alternate, name, depth + 1);
    default:
      return undefined;
  }
}

function checkLibraryCall(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const ref = context.dataflow.moduleRef(call.callee);
  if (!ref) return;
  const path = ref.module === '#global' ? ref.path.slice(1).join('.') : ref.path.join('.');
  if (ref.module === '#global' && !/^(?:\$|jQuery)$/.test(ref.path[0] ?? '')) return;
  const entry = LIBRARY_CALLS.find((e) => e.module.test(ref.module) && e.path === path);
  if (!entry) return;
  if (entry.deepFlag && !(call.arguments[0] && unwrap(call.arguments[0]).type === AST_NODE_TYPES.Literal && (unwrap(call.arguments[0]) as TSESTree.Literal).value === true)) return;
  const { at, rest } = entry.sources;
  const candidates = rest ? call.arguments.slice(at) : call.arguments.slice(at, at + 1);
  for (const arg of candidates) {
    if (arg.type === AST_NODE_TYPES.SpreadElement) continue;
    const taint = keyTaint(context, arg, 0);
    // Libraries routinely deep-merge their callers' options; only data from outside the process counts here.
    if (!taint || taint.source.kind === 'exported-param') continue;
    const verdict = { taint };
    const sink = `${ref.module === '#global' ? ref.path[0] : ref.module}${path ? `.${path}` : ''}()`;
    context.report({ node: arg, messageId: 'libraryPollution', data: { source: verdict.taint.source.label, sink }, flow: flowSteps(verdict.taint, arg, `${sink} writes its keys`) });
    return;
  }
}

/**
 * Taint that can choose keys: `{ ui: { theme: String(x) } }` has fixed keys and a string value,
 * so only object-valued parts of a literal count.
 */
function keyTaint(context: AstRuleContext<MessageId>, node: TSESTree.Node, depth: number): Taint | undefined {
  const n = unwrap(node);
  if (depth < 6 && n.type === AST_NODE_TYPES.ObjectExpression) {
    for (const prop of n.properties) {
      const value = prop.type === AST_NODE_TYPES.SpreadElement ? prop.argument : prop.value;
      const taint = keyTaint(context, value, depth + 1);
      if (taint) return taint;
    }
    return undefined;
  }
  if (n.type === AST_NODE_TYPES.TemplateLiteral || n.type === AST_NODE_TYPES.Literal || n.type === AST_NODE_TYPES.BinaryExpression || n.type === AST_NODE_TYPES.UnaryExpression) return undefined;
  if (n.type === AST_NODE_TYPES.CallExpression && /^(?:String|Number|Boolean|parseInt|parseFloat|toString|trim|toLowerCase|toUpperCase)$/.test(calleeName(n) ?? '')) return undefined;
  return context.dataflow.taint(n, 'prototype');
}

/** `name = from[key]` somewhere in the code (`from === name` for a walk such as `cur = cur[key]`). */
interface Access {
  name: string;
  from: string;
  key: TSESTree.Node;
  node: TSESTree.Node;
}

/** What makes a computed write a prototype-pollution sink. */
interface Walk {
  /** How the pattern reads in messages. */
  pattern: string;
  /** Keys that, if attacker-chosen, steer the walk to Object.prototype. */
  keys: TSESTree.Node[];
  /** Whether an untraceable key is worth an audit finding (a real walker, not `a[b][c]`). */
  audit: boolean;
}

class PollutionAnalysis {
  private readonly guardCache = new Map<string, boolean>();
  private readonly callsByName = new Map<string, TSESTree.CallExpression[]>();

  constructor(
    private readonly context: AstRuleContext<MessageId>,
    private readonly traversals: Access[],
    private readonly derived: Access[],
    recursiveCalls: TSESTree.CallExpression[],
  ) {
    for (const call of recursiveCalls) {
      const name = calleeName(call);
      if (!name) continue;
      const list = this.callsByName.get(name);
      if (list) list.push(call);
      else this.callsByName.set(name, [call]);
    }
  }

  run(writes: TSESTree.AssignmentExpression[]): void {
    // One finding per walk (object written, in one top-level function): its last write, where the value lands.
    const byWalk = new Map<string, { write: TSESTree.AssignmentExpression; walk: Walk; taint?: Taint }>();
    for (const write of writes) {
      const left = unwrap(write.left) as TSESTree.MemberExpression;
      if (this.context.dataflow.constant(left.property)) continue;
      const walk = this.walkOf(left);
      if (!walk) continue;
      const group = `${topFunction(write)?.range[0] ?? -1}:${rootName(left) ?? ''}`;
      let taint: Taint | undefined;
      let unknown = false;
      for (const key of walk.keys) {
        const verdict = this.context.dataflow.verdict(key, 'prototype');
        if (verdict.kind === 'tainted' && !(verdict.taint.source.kind === 'exported-param' && !walk.audit && isParameter(key))) {
          taint = verdict.taint;
          break;
        }
        if (verdict.kind === 'unknown') {
          // keys = split(path) with split from another module: the keys still come from path.
          const through = walk.audit ? this.throughCalls(key, 0) : undefined;
          if (through) {
            taint = through;
            break;
          }
          unknown = true;
        }
      }
      if (!taint && !(unknown && walk.audit)) continue;
      if (this.guarded(write, rootName(left))) continue;
      const previous = byWalk.get(group);
      if (!previous || (taint && !previous.taint) || (!!taint === !!previous.taint && write.range[0] > previous.write.range[0])) byWalk.set(group, { write, walk, ...(taint ? { taint } : {}) });
    }
    for (const { write, walk, taint } of byWalk.values()) {
      const suggestion = this.skipKeySuggestion(write);
      const suggestions = suggestion ? [suggestion] : [];
      if (taint) {
        this.context.report({ node: write, messageId: 'pollution', data: { source: taint.source.label, pattern: walk.pattern }, flow: flowSteps(taint, write, 'written into the nested object'), suggestions });
      } else {
        this.context.report({ node: write, messageId: 'pollutionAudit', data: { pattern: walk.pattern }, confidence: 'audit', severity: 'medium', suggestions });
      }
    }
  }

  /**
   * When the written key is a loop variable (`for (const key in source)`, `for (const key of ...)`,
   * `keys.forEach((key) => { ... })`), skip the dangerous keys at the top of the loop body. A
   * suggestion: data that really uses a key named `constructor` would lose it.
   */
  private skipKeySuggestion(write: TSESTree.AssignmentExpression): Fix | undefined {
    const key = unwrap((unwrap(write.left) as TSESTree.MemberExpression).property);
    if (key.type !== AST_NODE_TYPES.Identifier) return undefined;
    for (let node: TSESTree.Node | undefined = write.parent; node; node = node.parent) {
      let body: TSESTree.Node | undefined;
      let exit = 'continue';
      if ((node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement) && node.left.type === AST_NODE_TYPES.VariableDeclaration && checkParamName(node.left.declarations[0]!.id) === key.name) {
        body = node.body;
      } else if (isFunction(node) && checkParamName(node.params[0] ?? node) === key.name && node.parent?.type === AST_NODE_TYPES.CallExpression && calleeName(node.parent) === 'forEach') {
        body = node.body;
        exit = 'return';
      } else if (isFunction(node)) {
        return undefined;
      }
      if (!body) continue;
      if (body.type !== AST_NODE_TYPES.BlockStatement || body.body.length === 0) return undefined;
      const first = body.body[0]!;
      const text = this.context.file.text;
      const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, first.range[0]))![0];
      if (lineStart === text.lastIndexOf('\n', body.range[0]) + 1) return undefined; // body on one line
      const guard = `if (${key.name} === '__proto__' || ${key.name} === 'constructor' || ${key.name} === 'prototype') ${exit};\n${indent}`;
      return { title: 'Skip the keys __proto__, constructor and prototype', edits: [{ start: first.range[0], end: first.range[0], text: guard }] };
    }
    return undefined;
  }

  /** Whether `target[key] = v` writes into an object reached through other computed keys. */
  private walkOf(left: TSESTree.MemberExpression): Walk | undefined {
    const target = unwrap(left.object);
    const text = (n: TSESTree.Node): string => this.context.file.getText(n);
    // obj[a][b] = v
    if (target.type === AST_NODE_TYPES.MemberExpression && target.computed && !this.context.dataflow.constant(target.property)) {
      return { pattern: `\`${shorten(text(left), 50)} = ...\``, keys: [target.property], audit: false };
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
    const fn = enclosingFunction(left);
    // cur = cur[key] in a loop, then cur[last] = v
    const steps = this.traversals.filter((t) => t.name === target.name && nested(enclosingFunction(t.node), fn));
    if (steps.length) return { pattern: `the path walk ending in \`${shorten(text(left), 50)} = ...\``, keys: [...steps.map((s) => s.key), left.property], audit: true };
    if (!fn) return undefined;
    // merge(target, source) { ... merge(target[key], source[key]) ... target[key] = source[key] },
    // also when the write sits in a callback inside merge (Object.keys(source).forEach(...)).
    const owner = declaringFunction(fn, target.name);
    if (owner) {
      const paramIndex = owner.params.findIndex((p) => checkParamName(p) === target.name);
      const name = functionName(owner);
      for (const call of name ? this.callsByName.get(name) ?? [] : []) {
        if (!within(call, owner)) continue;
        const step = this.stepInto(call.arguments[paramIndex], target.name, owner);
        if (step) return { pattern: `the recursive ${name}() writing \`${shorten(text(left), 50)} = ...\``, keys: [left.property, step], audit: true };
      }
    }
    // path.reduce((acc, key) => (acc[key] = acc[key] || {}), obj)
    if (checkParamName(fn.params[0] ?? fn) === target.name && isReduceCallback(fn) && returnsMemberOf(fn, target.name)) {
      return { pattern: `the reduce over a path writing \`${shorten(text(left), 50)} = ...\``, keys: [left.property], audit: true };
    }
    return undefined;
  }

  /**
   * Taint carried by a call the engine cannot see into: `keys[i]` where `keys = splitPath(path)`
   * and `path` is untrusted. Followed through single definitions and member reads only.
   */
  private throughCalls(input: TSESTree.Node, depth: number): Taint | undefined {
    if (depth > 4) return undefined;
    const node = unwrap(input);
    if (node.type === AST_NODE_TYPES.MemberExpression) return this.throughCalls(node.object, depth + 1);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const definition = this.context.dataflow.definition(node);
      return definition ? this.throughCalls(definition, depth + 1) : undefined;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    for (const arg of node.arguments) {
      const taint = this.context.dataflow.taint(arg, 'prototype') ?? this.throughCalls(arg, depth + 1);
      if (taint) return taint;
    }
    return undefined;
  }

  /** For `merge(target[key], ...)` or `inner = target[key]; merge(inner, ...)`: the key stepped through. */
  private stepInto(arg: TSESTree.Node | undefined, name: string, owner: FunctionNode): TSESTree.Node | undefined {
    if (!arg) return undefined;
    let n = unwrap(arg);
    // merge(target[key] = target[key] || {}, source[key])
    while (n.type === AST_NODE_TYPES.AssignmentExpression) n = unwrap(n.left);
    if (n.type === AST_NODE_TYPES.MemberExpression && n.computed && checkParamName(n.object) === name) return n.property;
    if (n.type !== AST_NODE_TYPES.Identifier) return undefined;
    return this.derived.find((d) => d.name === n.name && d.from === name && within(d.node, owner))?.key;
  }

  /**
   * Evidence in the function (or the functions around it) that dangerous keys are rejected: the
   * names `__proto__` and `constructor`/`prototype` compared, a pattern naming them, a helper such
   * as `isSafeKey(key)`, an own-property check on the object written to, or a null-prototype root.
   */
  private guarded(write: TSESTree.Node, root: string | undefined): boolean {
    // The write's function and the two around it (a callback inside merge, merge inside set);
    // not a module wrapper, whose size says it is not a helper.
    let levels = 0;
    for (let fn = enclosingFunction(write); fn && levels < 3; fn = enclosingFunction(fn), levels++) {
      if (fn.range[1] - fn.range[0] > MAX_GUARD_SCOPE) break;
      if (this.functionGuards(fn, root)) return true;
    }
    return /Object\.freeze\(\s*Object\.prototype\s*\)/.test(this.context.file.text);
  }

  private functionGuards(fn: FunctionNode, root: string | undefined): boolean {
    const cacheKey = `${fn.range[0]}:${root ?? ''}`;
    const cached = this.guardCache.get(cacheKey);
    if (cached !== undefined) return cached;
    let proto = false;
    let ctor = false;
    let found = false;
    const params = new Set(fn.params.map((p) => (unwrap(p).type === AST_NODE_TYPES.Identifier ? (unwrap(p) as TSESTree.Identifier).name : '')));
    forEachNode(fn.body, (node) => {
      if (found) return;
      if (node.type === AST_NODE_TYPES.Literal) {
        const value = 'regex' in node && node.regex ? node.regex.pattern : typeof node.value === 'string' ? node.value : '';
        if (value.includes('__proto__')) proto = true;
        if (value.includes('constructor') || value.includes('prototype')) ctor = true;
        if ('regex' in node && node.regex && proto) found = true;
      } else if (node.type === AST_NODE_TYPES.Identifier && !(node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node && !node.parent.computed)) {
        // const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] (or a RegExp, a Set) used here
        const definition = this.context.dataflow.definition(node);
        if (definition && !isFunction(definition) && definition.range[1] - definition.range[0] < 300) {
          const text = this.context.file.getText(definition);
          if (text.includes('__proto__') && /constructor|prototype/.test(text)) found = true;
        }
      } else if (node.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(node) ?? '';
        if (GUARD_HELPER.test(name)) found = true;
        // hasOwnProperty on the object walked into, also as Object.prototype.hasOwnProperty.call(obj, key)
        if (/\bhasOwn(?:Property)?\b/.test(this.context.file.getText(node.callee)) && root && this.context.file.getText(node).includes(root)) found = true;
        if (name === 'create' && memberChain(node.callee)?.join('.') === 'Object.create' && node.arguments[0] && unwrap(node.arguments[0]).type === AST_NODE_TYPES.Literal && (unwrap(node.arguments[0]) as TSESTree.Literal).value === null && root && !params.has(root)) found = true;
      }
      if (proto && ctor) found = true;
    });
    this.guardCache.set(cacheKey, found);
    return found;
  }
}

function checkParamName(node: TSESTree.Node): string | undefined {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.Identifier ? n.name : undefined;
}

/** Whether the key is a parameter used as it is (`grid[row][col]`), not a key derived from a path. */
function isParameter(key: TSESTree.Node): boolean {
  const name = checkParamName(key);
  if (!name) return false;
  const fn = enclosingFunction(key);
  return !!fn && fn.params.some((p) => checkParamName(p) === name);
}

/** The function, from `fn` outwards, that has a parameter called `name`. */
function declaringFunction(fn: FunctionNode, name: string): FunctionNode | undefined {
  for (let current: FunctionNode | undefined = fn; current; current = enclosingFunction(current)) {
    if (current.params.some((p) => checkParamName(p) === name)) return current;
  }
  return undefined;
}

/** Whether one of two functions contains the other (or they are the same). */
function nested(a: TSESTree.Node | undefined, b: TSESTree.Node | undefined): boolean {
  if (!a || !b) return a === b;
  return within(a, b) || within(b, a);
}

/** The outermost function around `node` (a module-level function, method or handler). */
function topFunction(node: TSESTree.Node): FunctionNode | undefined {
  let top: FunctionNode | undefined;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) top = fn;
  return top;
}

function rootName(member: TSESTree.MemberExpression): string | undefined {
  let current: TSESTree.Node = member;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}

function isReduceCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === 'reduce' && parent.arguments[0] === fn;
}

/** The callback returns `acc[...]` (possibly inside `acc[k] = acc[k] || {}`). */
function returnsMemberOf(fn: FunctionNode, name: string): boolean {
  const returned: TSESTree.Node[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(fn.body);
  else forEachNode(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
  });
  return returned.some((r) => traversalKey(r, name, 0) !== undefined);
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition) return propertyName(parent);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) return propertyName(parent.left);
  return undefined;
}

function within(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  return node.range[0] >= ancestor.range[0] && node.range[1] <= ancestor.range[1];
}
