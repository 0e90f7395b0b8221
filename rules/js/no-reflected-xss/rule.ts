// Reflected XSS: request data written into a response the browser renders as HTML (Express
// res.send/write/end, Node http, Koa ctx.body, Hapi h.response and handler returns, Fastify with an
// HTML content type, Next.js API routes), judged by the content type each framework really sends.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, enclosingFunction, findProperty, isFunction, propertyName, stringValue, unwrap, type FunctionNode, type TSESTree } from '../../api/ast';
import { SERVER_INPUT_SOURCES } from '../../api/dataflow';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** Response methods that return the response, so `res.status(404).send(x)` is still `res`. */
const CHAIN_METHODS = new Set(['status', 'type', 'contentType', 'set', 'header', 'headers', 'code', 'cookie', 'clearCookie', 'vary', 'append', 'links', 'location', 'charset']);
/** Calls that set the content type: `res.type('text')`, `res.set('Content-Type', ...)`, `res.writeHead(200, {...})`. */
const TYPE_SETTERS = new Set(['type', 'contentType', 'set', 'header', 'headers', 'setHeader', 'writeHead', 'append']);
/** Request properties that are parsed objects: `res.send(req.query)` is serialised as JSON. */
const REQUEST_OBJECTS = new Set(['body', 'query', 'params', 'headers', 'cookies', 'signedCookies', 'files', 'payload', 'state']);
const HTML_TYPE = /html|xml|svg/i;

/**
 * How a response decides its content type when the code does not set one:
 * - `html`: text/html (Express `res.send(string)`, Hapi).
 * - `sniff`: by the first character (Koa `ctx.body`, Next.js `res.send`): HTML when the text starts
 *   with `<`, so only a value the attacker can start, or markup, is at risk.
 * - `untyped`: no type at all (Node's `res.write/end`, also under Express). Browsers sniff the first
 *   bytes, and code that writes markup anywhere means to serve a page: the type is set elsewhere (a
 *   middleware, a proxy) or the page is broken, so markup in the constant text counts as HTML too.
 * - `plain`: text/plain (Fastify `reply.send(string)`): safe unless HTML is set explicitly.
 */
type Defaulting = 'html' | 'sniff' | 'untyped' | 'plain';

type MessageId = 'reflectedXss' | 'reflectedXssAudit';

interface Sink {
  node: TSESTree.Node;
  value: TSESTree.Node;
  label: string;
  defaulting: Defaulting;
  /** The response (or Koa context) whose content-type settings count, and calls chained before the sink. */
  base?: TSESTree.Node;
  chained: TSESTree.CallExpression[];
}

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-reflected-xss',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Request data written into an HTML response',
      cwe: ['CWE-79'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    messages: {
      reflectedXss: '{{source}} is written into an HTML response by {{sink}}; an attacker can send a link that runs script on your site for whoever opens it.',
      reflectedXssAudit: '{{sink}} writes {{source}} into an HTML response; make sure every caller passes escaped HTML.',
    },
    sources: [
      { name: 'semgrep: javascript.express.security.audit.xss.direct-response-write', relation: 'inspired' },
      { name: 'CodeQL: js/reflected-xss', relation: 'inspired' },
    ],
    tags: ['xss', 'injection', 'server'],
  },
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    const typeCalls: TSESTree.CallExpression[] = [];
    const bodyAssignments: TSESTree.AssignmentExpression[] = [];
    const typeAssignments: TSESTree.AssignmentExpression[] = [];
    const returns: TSESTree.ReturnStatement[] = [];
    const modules = new Set<string>();
    return {
      ImportDeclaration(node) {
        modules.add(String(node.source.value));
      },
      CallExpression(node) {
        const name = calleeName(node) ?? '';
        if (name === 'send' || name === 'write' || name === 'end' || name === 'response') calls.push(node);
        if (TYPE_SETTERS.has(name)) typeCalls.push(node);
        if (name === 'require' && node.arguments[0]) {
          const specifier = stringValue(unwrap(node.arguments[0]));
          if (specifier) modules.add(specifier);
        }
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = propertyName(node.left);
        if (name === 'body') bodyAssignments.push(node);
        if (name === 'type') typeAssignments.push(node);
      },
      ReturnStatement(node) {
        if (node.argument) returns.push(node);
      },
      'Program:exit'() {
        const frameworks = frameworksOf(modules, context.file.path);
        const types = { calls: typeCalls, assignments: typeAssignments };
        for (const call of calls) report(context, callSink(context, call, frameworks), types);
        for (const node of bodyAssignments) report(context, koaSink(context, node), types);
        if (frameworks.hapi) for (const node of returns) report(context, hapiReturnSink(node), types);
      },
    };
  },
});

interface Frameworks {
  fastify: boolean;
  next: boolean;
  hapi: boolean;
}

function frameworksOf(modules: Set<string>, path: string): Frameworks {
  const has = (name: string): boolean => modules.has(name) || [...modules].some((m) => m.startsWith(`${name}/`));
  const express = has('express');
  return {
    fastify: has('fastify') && !express,
    next: !express && (has('next') || /(?:^|\/)(?:pages|src\/pages)\/api\//.test(path)),
    hapi: has('@hapi/hapi') || has('hapi'),
  };
}

function callSink(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, frameworks: Frameworks): Sink | undefined {
  const name = calleeName(call)!;
  const value = call.arguments[0];
  if (!value || value.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const { base, chained } = responseBase(call);
  if (!base || !context.dataflow.isResponse(base)) return undefined;
  const baseName = base.type === AST_NODE_TYPES.Identifier ? base.name : '';
  let defaulting: Defaulting;
  if (name === 'response') defaulting = 'html'; // Hapi: h.response(string) is text/html
  else if (name === 'send') defaulting = frameworks.fastify || baseName === 'reply' ? 'plain' : frameworks.next ? 'sniff' : 'html';
  else defaulting = 'untyped';
  const label = `${context.file.getText(base)}.${name}()`;
  return { node: call, value, label, defaulting, base, chained };
}

/** `res.status(200).type('html').send(x)`: the response at the root of the chain, and the chained calls. */
function responseBase(call: TSESTree.CallExpression): { base?: TSESTree.Node; chained: TSESTree.CallExpression[] } {
  const chained: TSESTree.CallExpression[] = [];
  let current = calleeObject(call);
  while (current && current.type === AST_NODE_TYPES.CallExpression && CHAIN_METHODS.has(calleeName(current) ?? '')) {
    chained.push(current);
    current = calleeObject(current);
  }
  return { base: current, chained };
}

/** Koa: `ctx.body = x` / `ctx.response.body = x` in a handler that takes no separate response. */
function koaSink(context: AstRuleContext<MessageId>, node: TSESTree.AssignmentExpression): Sink | undefined {
  const { dataflow } = context;
  let target = unwrap((node.left as TSESTree.MemberExpression).object);
  if (target.type === AST_NODE_TYPES.MemberExpression && propertyName(target) === 'response') target = unwrap(target.object);
  if (target.type !== AST_NODE_TYPES.Identifier || !dataflow.isRequest(target)) return undefined;
  // Express middleware also has a request as first parameter (`req.body = parsed`), but takes `res` too.
  const fn = enclosingFunction(node);
  const second = fn?.params[1];
  if (!fn || (second && dataflow.isResponse(second))) return undefined;
  const first = fn.params[0];
  if (!first || first.type !== AST_NODE_TYPES.Identifier || first.name !== target.name) return undefined;
  return { node, value: node.right, label: `${target.name}.body`, defaulting: 'sniff', base: target, chained: [] };
}

/** Hapi: a route handler returning a string sends it as text/html. */
function hapiReturnSink(node: TSESTree.ReturnStatement): Sink | undefined {
  const fn = enclosingFunction(node);
  if (!fn || !isHapiHandler(fn)) return undefined;
  const value = node.argument!;
  // `return h.response(x)` is checked as a call
  const inner = unwrap(value);
  if (inner.type === AST_NODE_TYPES.CallExpression && (calleeName(inner) === 'response' || CHAIN_METHODS.has(calleeName(inner) ?? ''))) return undefined;
  const second = fn.params[1];
  const base = second && second.type === AST_NODE_TYPES.Identifier ? second : undefined;
  return { node, value, label: 'the route handler\'s return value', defaulting: 'html', base, chained: [] };
}

function isHapiHandler(fn: FunctionNode): boolean {
  const property = fn.parent;
  if (property?.type !== AST_NODE_TYPES.Property || propertyName(property) !== 'handler') return false;
  const config = property.parent;
  return config?.type === AST_NODE_TYPES.ObjectExpression && (!!findProperty(config, 'path') || !!findProperty(config, 'method'));
}

function report(context: AstRuleContext<MessageId>, sink: Sink | undefined, types: { calls: TSESTree.CallExpression[]; assignments: TSESTree.AssignmentExpression[] }): void {
  if (!sink) return;
  const { dataflow } = context;
  if (isStructuredValue(context, sink.value, 0)) return;
  const contentType = explicitType(context, sink, types);
  if (contentType === 'other') return;
  if (contentType !== 'html') {
    if (sink.defaulting === 'plain') return;
    if (sink.defaulting === 'sniff' && !attackerControlsStart(context, sink.value)) return;
    if (sink.defaulting === 'untyped' && !attackerControlsStart(context, sink.value) && !writesMarkup(context, sink.value)) return;
  }
  const verdict = dataflow.verdict(sink.value, 'xss');
  if (verdict.kind !== 'tainted') return;
  const source = verdict.taint.source;
  if (source.kind === 'exported-param') {
    context.report({ node: sink.value, messageId: 'reflectedXssAudit', data: { source: source.label, sink: sink.label }, confidence: 'audit', severity: 'medium' });
    return;
  }
  if (!SERVER_INPUT_SOURCES.has(source.kind)) return;
  if (!victimCanBeMadeToSend(context.file.text.slice(source.start, source.end))) return;
  context.report({
    node: sink.value,
    messageId: 'reflectedXss',
    data: { source: source.label, sink: sink.label },
    flow: flowSteps(verdict.taint, sink.value, `${sink.label} sends it as HTML`),
  });
}

/**
 * Reflected XSS needs a request the attacker can make the victim's browser send: a link or an
 * auto-submitting form sets the URL, path and body, and the attacker's page sets the Referer. Other
 * headers and cookies of a cross-site request are the victim's own.
 */
function victimCanBeMadeToSend(sourceText: string): boolean {
  if (/refer+er/i.test(sourceText)) return true;
  return !/\b(?:headers|rawHeaders|cookies|signedCookies)\b|\.(?:get|header|cookie|headers)\s*\(/.test(sourceText);
}

/**
 * The content type the code sets for this response before the sink: `html`, `other` (JSON, plain
 * text, anything not rendered as a page, or a type chosen at run time), or undefined when not set.
 */
function explicitType(
  context: AstRuleContext<MessageId>,
  sink: Sink,
  types: { calls: TSESTree.CallExpression[]; assignments: TSESTree.AssignmentExpression[] },
): 'html' | 'other' | undefined {
  let found: 'html' | 'other' | undefined;
  const consider = (type: string | null | undefined): void => {
    if (type === undefined) return;
    found = type !== null && HTML_TYPE.test(type) ? 'html' : 'other';
  };
  const base = sink.base;
  const fn = enclosingFunction(sink.node);
  const sameResponse = (node: TSESTree.Node): boolean => {
    const root = unwrap(node);
    return !!base && root.type === AST_NODE_TYPES.Identifier && base.type === AST_NODE_TYPES.Identifier && root.name === base.name && enclosingFunction(root) === fn && runsBefore(root, sink.node);
  };
  for (const call of types.calls) {
    if (sink.chained.includes(call)) continue;
    const { base: callBase } = responseBase(call);
    const receiver = calleeObject(call);
    if (receiver && (sameResponse(receiver) || (callBase && sameResponse(callBase)))) consider(typeSetBy(context, call));
  }
  for (const assignment of types.assignments) {
    const object = (assignment.left as TSESTree.MemberExpression).object;
    if (sameResponse(object)) consider(typeValue(context, assignment.right));
  }
  // Calls chained right before the sink run last: res.type('text').send(x)
  for (const call of [...sink.chained].reverse()) consider(typeSetBy(context, call));
  return found;
}

/** The content type a call sets: a string, null when set to something not constant, undefined when it sets none. */
function typeSetBy(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): string | null | undefined {
  const name = calleeName(call);
  const [first, second, third] = call.arguments;
  if (!first) return undefined;
  if (name === 'type' || name === 'contentType') return typeValue(context, first);
  if (name === 'writeHead') {
    const headers = [second, third].find((a) => a && context.dataflow.objectLiteral(a));
    return headers ? headerObjectType(context, headers) : undefined;
  }
  const headerName = context.dataflow.constant(first)?.value;
  if (typeof headerName === 'string') return headerName.toLowerCase() === 'content-type' && second ? typeValue(context, second) : undefined;
  return headerObjectType(context, first);
}

function headerObjectType(context: AstRuleContext<MessageId>, node: TSESTree.Node): string | null | undefined {
  const object = context.dataflow.objectLiteral(node);
  if (!object) return undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && (propertyName(property) ?? '').toLowerCase() === 'content-type') return typeValue(context, property.value);
  }
  return undefined;
}

function typeValue(context: AstRuleContext<MessageId>, node: TSESTree.Node): string | null {
  const value = context.dataflow.constant(node)?.value;
  return typeof value === 'string' ? value : null;
}

/**
 * Without an explicit type, a body is read as HTML only when it starts with markup: the value is
 * at risk when its constant start is empty (the attacker writes the first character) or is markup.
 */
function attackerControlsStart(context: AstRuleContext<MessageId>, value: TSESTree.Node): boolean {
  const node = unwrap(value);
  // JSON.stringify output starts with `"`, `{` or `[`
  if (node.type === AST_NODE_TYPES.CallExpression && context.file.getText(node.callee) === 'JSON.stringify') return false;
  const prefix = context.dataflow.constantPrefix(node);
  return prefix === undefined || prefix === '' || prefix.trimStart().startsWith('<');
}

/** Tags such as `<br>`, `</p>` or `<!DOCTYPE html>` in the constant text before the untrusted part. */
function writesMarkup(context: AstRuleContext<MessageId>, value: TSESTree.Node): boolean {
  const prefix = context.dataflow.constantPrefix(value);
  return !!prefix && /<\/?[a-z!][^<>]*>/i.test(prefix);
}

/** Objects, arrays and whole parsed request objects are sent as JSON, not HTML. */
function isStructuredValue(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number, seen = new Set<TSESTree.Node>()): boolean {
  if (depth > 4) return false;
  const { dataflow } = context;
  const node = unwrap(input);
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.AwaitExpression:
      return isStructuredValue(context, node.argument, depth + 1, seen);
    case AST_NODE_TYPES.Identifier: {
      // every value the variable is given: `let messages = []; ... messages = messages.filter(...)`
      const definitions = dataflow.definitions(node);
      const fresh = definitions.filter((d) => !seen.has(d));
      fresh.forEach((d) => seen.add(d));
      return definitions.length > 0 && fresh.every((d) => isStructuredValue(context, d, depth + 1, seen));
    }
    case AST_NODE_TYPES.MemberExpression:
      return REQUEST_OBJECTS.has(propertyName(node) ?? '') && dataflow.isRequest(node.object);
    case AST_NODE_TYPES.CallExpression: {
      // await request.json(), await req.formData(), AdonisJS request.all() / request.only([...]) / request.qs()
      const receiver = calleeObject(node);
      const name = calleeName(node) ?? '';
      // list.filter(...), list.slice(1): an array method on an array gives an array
      if (receiver && /^(?:filter|map|slice|concat|sort|reverse|flat|flatMap|toSorted|toReversed)$/.test(name) && unwrap(receiver).type === AST_NODE_TYPES.Identifier && isStructuredValue(context, receiver, depth + 1, seen)) return true;
      const whole = /^(?:json|formData|all|allParams|only|except|qs)$/.test(name) || (!node.arguments.length && /^(?:body|params|query|cookies|headers)$/.test(name));
      return !!receiver && whole && dataflow.isRequest(receiver);
    }
    default:
      return false;
  }
}

/** Whether `setter` runs on every path to `sink`: it comes first, in a block that also holds the sink. */
function runsBefore(setter: TSESTree.Node, sink: TSESTree.Node): boolean {
  if (setter.range[0] >= sink.range[0]) return false;
  let block: TSESTree.Node | undefined = setter.parent;
  while (block && block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program && block.type !== AST_NODE_TYPES.SwitchCase && !isFunction(block)) {
    // a setter inside a condition (`if (x) res.type('json')`) does not always run
    if (block.type === AST_NODE_TYPES.IfStatement || block.type === AST_NODE_TYPES.ConditionalExpression || block.type === AST_NODE_TYPES.LogicalExpression) return false;
    block = block.parent;
  }
  return !!block && block.range[0] <= sink.range[0] && sink.range[1] <= block.range[1];
}
