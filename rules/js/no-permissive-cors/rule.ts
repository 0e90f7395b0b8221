// CORS that lets any website read authenticated responses: cors/@koa/cors/@fastify/cors/socket.io/
// NestJS options that allow every origin with credentials, unanchored origin patterns, and
// handlers that copy the request's Origin header into Access-Control-Allow-Origin.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, childNodes, enclosingFunction, isFunction, propertyName, unwrap, type FunctionNode, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';

type MessageId = 'anyOriginWithCredentials' | 'wildcardWithCredentials' | 'reflectedOrigin' | 'unanchoredOriginPattern' | 'publicOrigin';

/** Middleware called as `lib(options)`, and whether it reflects the request origin when none is given. */
const CORS_MIDDLEWARE: Record<string, { reflectsByDefault: boolean }> = {
  'cors': { reflectsByDefault: false },
  '@koa/cors': { reflectsByDefault: true },
  'koa-cors': { reflectsByDefault: true },
  'koa2-cors': { reflectsByDefault: false },
};
const FASTIFY_PLUGINS = new Set(['@fastify/cors', 'fastify-cors']);
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'writeHead']);
const ALLOW_ORIGIN = 'access-control-allow-origin';
const ALLOW_CREDENTIALS = 'access-control-allow-credentials';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-permissive-cors',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'CORS lets any website make credentialed requests',
      cwe: ['CWE-942', 'CWE-346'],
      owasp: ['A05:2021-Security Misconfiguration'],
    },
    fixable: null,
    messages: {
      anyOriginWithCredentials: '{{library}} allows every origin ({{origin}}) together with credentials: any website a user visits can call this API with their cookies and read the answers. List the trusted origins instead.',
      wildcardWithCredentials: "Access-Control-Allow-Origin '*' is combined with credentials{{where}}: browsers refuse the pair, and the usual workaround, reflecting the Origin header, opens the API to every site. List the trusted origins instead.",
      reflectedOrigin: "The request's Origin header is copied into Access-Control-Allow-Origin{{credentials}}, so every website is trusted{{impact}}. Compare the origin with an allow-list before echoing it.",
      unanchoredOriginPattern: 'The origin pattern {{pattern}} is not anchored at both ends, so a host such as {{example}} also matches it and can make credentialed requests. Anchor it with ^ and $.',
      publicOrigin: '{{where}} lets every website read these responses. That is right for public data that needs no login; for anything else, list the trusted origins.',
    },
    sources: [
      { name: 'semgrep: javascript.express.security.cors-misconfiguration', relation: 'inspired' },
      { name: 'PortSwigger: exploiting CORS misconfigurations', relation: 'inspired' },
    ],
    tags: ['cors', 'configuration'],
  },
  // Prefilter: CORS middleware and the Access-Control-Allow-Origin header (a header name assembled from pieces is not seen).
  prefilter: ['cors', 'access-control-allow-origin'],
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const keep = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const name = calleeName(node) ?? '';
      if (unwrap(node.callee).type === AST_NODE_TYPES.Identifier || HEADER_SETTERS.has(name) || name === 'register' || name === 'enableCors' || name === 'Server') calls.push(node);
    };
    return {
      CallExpression: keep,
      NewExpression: keep,
      'Program:exit'() {
        const headers = collectHeaders(context, calls);
        for (const call of calls) checkMiddleware(context, call);
        checkHeaders(context, headers);
      },
    };
  },
});

// ------------------------------------------------------------------ middleware options

function checkMiddleware(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const { dataflow } = context;
  const isNew = call.type === AST_NODE_TYPES.NewExpression;
  let library: string | undefined;
  let options: TSESTree.Node | undefined;
  let reflectsByDefault = false;
  if (!isNew && calleeName(call) === 'register') {
    const plugin = argumentAt(call, 0);
    const ref = plugin && dataflow.moduleRef(plugin);
    if (ref && FASTIFY_PLUGINS.has(ref.module) && ref.path.length <= 1) {
      library = ref.module;
      options = argumentAt(call, 1);
    }
  } else {
    const ref = dataflow.moduleRef(call.callee);
    if (!ref) return;
    if (!isNew && ref.path.length === 0 && ref.module in CORS_MIDDLEWARE) {
      library = ref.module;
      options = argumentAt(call, 0);
      reflectsByDefault = CORS_MIDDLEWARE[ref.module]!.reflectsByDefault;
      if (!options && !reflectsByDefault) {
        // cors() with no options answers `Access-Control-Allow-Origin: *`
        context.report({ node: call, messageId: 'publicOrigin', data: { where: `${library}()` }, severity: 'low', confidence: 'audit' });
        return;
      }
    } else if (ref.module === 'socket.io' && ((isNew && ref.path.join('.') === 'Server') || (!isNew && ref.path.length === 0))) {
      library = 'socket.io';
      const serverOptions = argumentAt(call, 1) ?? argumentAt(call, 0);
      options = serverOptions && dataflow.property(serverOptions, 'cors');
    } else if (!isNew && ref.module === '@nestjs/core' && ref.path[ref.path.length - 1] === 'enableCors') {
      library = 'enableCors()';
      options = argumentAt(call, 0);
    }
  }
  if (!library) return;
  if (options && !dataflow.objectLiteral(options)) return; // options built elsewhere: cannot tell
  const credentials = options ? dataflow.property(options, 'credentials') : undefined;
  const origin = options ? dataflow.property(options, 'origin') : undefined;
  if (!credentials || dataflow.constant(credentials)?.value !== true) {
    // Without credentials any origin is the same as '*': public by design, or an oversight.
    const kind = origin ? originKind(context, origin) : undefined;
    if (kind && (kind.kind === 'wildcard' || kind.kind === 'any')) context.report({ node: origin!, messageId: 'publicOrigin', data: { where: library }, severity: 'low', confidence: 'audit' });
    return;
  }
  const node = origin ?? call;
  if (!origin) {
    if (reflectsByDefault) context.report({ node, messageId: 'anyOriginWithCredentials', data: { library, origin: 'no origin option: the request Origin is echoed' } });
    return;
  }
  const kind = originKind(context, origin);
  if (kind.kind === 'any') context.report({ node, messageId: 'anyOriginWithCredentials', data: { library, origin: kind.label } });
  else if (kind.kind === 'wildcard') context.report({ node, messageId: 'wildcardWithCredentials', data: { where: ` in ${library}` }, severity: 'medium' });
  else if (kind.kind === 'unanchored') context.report({ node: kind.node, messageId: 'unanchoredOriginPattern', data: { pattern: kind.pattern, example: kind.example }, severity: 'medium' });
}

type OriginKind =
  | { kind: 'any'; label: string }
  | { kind: 'wildcard' }
  | { kind: 'unanchored'; node: TSESTree.Node; pattern: string; example: string }
  | { kind: 'restricted' };

/** What an `origin` option allows. */
function originKind(context: AstRuleContext<MessageId>, origin: TSESTree.Node): OriginKind {
  const { dataflow } = context;
  const value = dataflow.constant(origin)?.value;
  if (value === '*') return { kind: 'wildcard' };
  if (value === true) return { kind: 'any', label: 'origin: true' };
  if (value instanceof RegExp) return regexKind(origin, value);
  const node = unwrap(origin);
  const list = node.type === AST_NODE_TYPES.ArrayExpression ? node : node.type === AST_NODE_TYPES.Identifier ? dataflow.definition(node) : undefined;
  if (list && unwrap(list).type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of (unwrap(list) as TSESTree.ArrayExpression).elements) {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
      const inner = dataflow.constant(element)?.value;
      if (inner instanceof RegExp) {
        const kind = regexKind(element, inner);
        if (kind.kind !== 'restricted') return kind;
      }
    }
    return { kind: 'restricted' };
  }
  const fn = isFunction(node) ? node : node.type === AST_NODE_TYPES.Identifier ? dataflow.definition(node) : undefined;
  if (fn && isFunction(unwrap(fn)) && allowsEverything(context, unwrap(fn) as FunctionNode)) return { kind: 'any', label: 'an origin callback that accepts every origin' };
  return { kind: 'restricted' };
}

/** A pattern that matches any host, or one an attacker can satisfy with a host of their own. */
function regexKind(node: TSESTree.Node, regex: RegExp): OriginKind {
  const probe = (origin: string): boolean => new RegExp(regex.source, regex.flags.replace('g', '')).test(origin);
  if (probe('https://attacker.invalid')) return { kind: 'any', label: `the pattern /${regex.source}/` };
  // Find a host the pattern accepts by reading its literal text, then try it inside attacker hosts.
  const sample = regex.source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\./g, '.').replace(/\(\?:?[^)]*\)\??|\[[^\]]*\][*+?]?|[*+?]/g, '').replace(/\\\//g, '/').replace(/\\/g, '');
  const host = sample.replace(/^https?:\/\//, '');
  if (!host) return { kind: 'restricted' };
  // `.acme.com$` admits subdomains only, which an attacker does not own; `acme.com$` admits attackeracme.com.
  // An Origin header has no path, so only host tricks count.
  const candidates = [`https://${host}.attacker.invalid`, ...(host.startsWith('.') ? [] : [`https://attacker${host}`])];
  for (const candidate of candidates) {
    if (probe(candidate)) return { kind: 'unanchored', node, pattern: `/${regex.source}/`, example: candidate.replace(/^https:\/\//, '') };
  }
  return { kind: 'restricted' };
}

/** `(origin, callback) => callback(null, true)`: every call of the callback allows, none refuses. */
function allowsEverything(context: AstRuleContext<MessageId>, fn: FunctionNode): boolean {
  const callbackParam = fn.params[1];
  const originParam = fn.params[0];
  const callbackName = callbackParam?.type === AST_NODE_TYPES.Identifier ? callbackParam.name : undefined;
  const originName = originParam?.type === AST_NODE_TYPES.Identifier ? originParam.name : undefined;
  if (!callbackName) return false;
  let allows = 0;
  let refuses = 0;
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression || node.type === AST_NODE_TYPES.SwitchStatement) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === callbackName) {
        const decision = node.arguments[1];
        const allowed = decision && (context.dataflow.constant(decision)?.value === true || (decision.type === AST_NODE_TYPES.Identifier && decision.name === originName));
        if (allowed && isNothing(node.arguments[0])) allows++;
        else refuses++;
      }
    }
    for (const child of childNodes(node)) stack.push(child);
  }
  return allows > 0 && refuses === 0;
}

function isNothing(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return (n.type === AST_NODE_TYPES.Literal && n.value === null) || (n.type === AST_NODE_TYPES.Identifier && n.name === 'undefined');
}

// ------------------------------------------------------------------ headers set by hand

interface HeaderWrite {
  name: string;
  value: TSESTree.Node;
  scope: TSESTree.Node | undefined;
}

/** Every `res.setHeader(name, value)`-style write with a constant header name, grouped later by function. */
function collectHeaders(context: AstRuleContext<MessageId>, calls: Array<TSESTree.CallExpression | TSESTree.NewExpression>): HeaderWrite[] {
  const { dataflow } = context;
  const writes: HeaderWrite[] = [];
  for (const call of calls) {
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const method = calleeName(call) ?? '';
    if (!HEADER_SETTERS.has(method) || unwrap(call.callee).type !== AST_NODE_TYPES.MemberExpression) continue;
    const scope = enclosingFunction(call);
    const objectArg = method === 'writeHead' ? argumentAt(call, call.arguments.length - 1) : argumentAt(call, 0);
    const object = objectArg && dataflow.objectLiteral(objectArg);
    if (object) {
      for (const prop of object.properties) {
        if (prop.type !== AST_NODE_TYPES.Property) continue;
        const name = propertyName(prop);
        if (name) writes.push({ name: name.toLowerCase(), value: prop.value, scope });
      }
      continue;
    }
    const nameNode = argumentAt(call, 0);
    const value = argumentAt(call, 1);
    const name = nameNode && dataflow.constant(nameNode)?.value;
    if (typeof name === 'string' && value && method !== 'writeHead') writes.push({ name: name.toLowerCase(), value, scope });
  }
  return writes;
}

function checkHeaders(context: AstRuleContext<MessageId>, writes: HeaderWrite[]): void {
  const { dataflow } = context;
  for (const write of writes) {
    if (write.name !== ALLOW_ORIGIN) continue;
    const credentials = writes.some((w) => w.scope === write.scope && w.name === ALLOW_CREDENTIALS && String(dataflow.constant(w.value)?.value) === 'true');
    const value = dataflow.constant(write.value)?.value;
    if (value === '*') {
      if (credentials) context.report({ node: write.value, messageId: 'wildcardWithCredentials', data: { where: '' }, severity: 'medium' });
      else context.report({ node: write.value, messageId: 'publicOrigin', data: { where: "Access-Control-Allow-Origin '*'" }, severity: 'low', confidence: 'audit' });
      continue;
    }
    if (!reflectsOrigin(context, write.value)) continue;
    context.report({
      node: write.value,
      messageId: 'reflectedOrigin',
      data: credentials
        ? { credentials: ' with Access-Control-Allow-Credentials: true', impact: ': any site the user visits can call this API with their cookies and read the answers' }
        : { credentials: '', impact: ' to read these responses, and adding credentials later makes it an account takeover' },
      ...(credentials ? {} : { severity: 'medium' as const }),
    });
  }
}

/** Whether the value is the request's own Origin header (not checked against an allow-list). */
function reflectsOrigin(context: AstRuleContext<MessageId>, value: TSESTree.Node): boolean {
  const verdict = context.dataflow.verdict(value, 'header');
  if (verdict.kind !== 'tainted') return false;
  const node = unwrap(value);
  const definition = node.type === AST_NODE_TYPES.Identifier ? context.dataflow.definition(node) : undefined;
  const text = [verdict.taint.source.label, context.file.getText(node), definition ? context.file.getText(definition) : ''].join(' ');
  return /origin/i.test(text) && !/referr?er/i.test(text);
}
