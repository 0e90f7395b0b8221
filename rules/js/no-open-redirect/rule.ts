// Open redirect: request or page-URL data that decides where a redirect or a navigation goes
// (Express/Koa/Fastify/Hapi `redirect`, `Location` headers, Next.js redirects, `location.href = ...`).
// A constant same-site prefix (`'/profile/' + id`, `'profile?id=' + id`, `'u' + id`) is safe; `'/' + x`
// is not (`//evil.com`), nor is a start that can still become a scheme (`'h' + 'ttps://evil.com'`).
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, findProperty, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';
import { hostTaint } from '../../api/url-host';

type MessageId = 'openRedirect';

/** Sources a victim can be tricked into carrying: a link's query or path, the page URL, a message. */
const REDIRECT_SOURCES = new Set(['http', 'browser', 'message', 'socket']);
/** Response methods that set a header from a (name, value) pair or an object. */
const HEADER_SETTERS = new Set(['set', 'header', 'setHeader', 'append', 'writeHead']);
/** Redirect helpers of frameworks, by module and member path. */
const REDIRECT_FUNCTIONS: Array<{ module: string | RegExp; path: string[] }> = [
  { module: 'next/navigation', path: ['redirect'] },
  { module: 'next/navigation', path: ['permanentRedirect'] },
  { module: 'next/server', path: ['NextResponse', 'redirect'] },
  { module: '#global', path: ['Response', 'redirect'] },
  { module: /^@remix-run\/|^react-router(?:-dom)?$|^@sveltejs\/kit$/, path: ['redirect'] },
];
/** `location.href = x`, `window.location = x`, `document.location.href = x` (window is dropped by moduleRef). */
const NAVIGATION_TARGETS = [['location'], ['location', 'href'], ['document', 'location'], ['document', 'location', 'href'], ['top', 'location'], ['top', 'location', 'href'], ['parent', 'location'], ['parent', 'location', 'href']];

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-open-redirect',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Request data decides where a redirect goes',
      cwe: ['CWE-601'],
      owasp: ['A01:2021-Broken Access Control'],
    },
    fixable: null,
    messages: {
      openRedirect: '{{source}} decides where {{sink}} sends the user; a link to this site can forward victims to a phishing page.',
    },
    sources: [{ name: 'semgrep: javascript.express.security.audit.express-open-redirect', relation: 'inspired' }],
    tags: ['redirect'],
  },
  // Prefilter: redirect calls, the Location header and location (a header name assembled from pieces is not seen).
  prefilter: ['redirect', 'location'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (node.arguments.length && (name === 'redirect' || name === 'permanentRedirect' || name === 'location' || name === 'assign' || name === 'replace' || (name && HEADER_SETTERS.has(name)))) calls.push(node);
      },
      AssignmentExpression(node) {
        if (node.operator === '=' && /location|href/.test(context.file.getText(node.left))) assignments.push(node);
      },
      'Program:exit'() {
        for (const call of calls) checkCall(context, call);
        for (const assignment of assignments) checkNavigation(context, assignment);
      },
    };
  },
});

function checkCall(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  const name = calleeName(call) ?? '';
  const receiver = calleeObject(call);
  const args = call.arguments.filter((a): a is TSESTree.Expression => a.type !== AST_NODE_TYPES.SpreadElement);
  const isServerObject = !!receiver && (dataflow.isResponse(receiver) || dataflow.isRequest(receiver) || isKoaResponse(context, receiver));
  if (name === 'redirect' && isServerObject) {
    // res.redirect(url), res.redirect(301, url), reply.redirect(url, 302), ctx.redirect(url)
    const target = args.find((a) => typeof dataflow.constant(a)?.value !== 'number');
    return target && report(context, target, `${context.file.getText(receiver)}.redirect()`);
  }
  if (name === 'location' && isServerObject && args[0]) return report(context, args[0], `${context.file.getText(receiver)}.location()`);
  if (HEADER_SETTERS.has(name) && isServerObject) {
    const value = locationHeader(context, name, args);
    return value && report(context, value, 'the Location header');
  }
  const ref = dataflow.moduleRef(call.callee);
  if (!ref || !args[0]) return;
  if (ref.module === '#global' && (name === 'assign' || name === 'replace') && isNavigationTarget(ref.path.slice(0, -1))) {
    return report(context, args[0], `location.${name}()`);
  }
  if (REDIRECT_FUNCTIONS.some((f) => (typeof f.module === 'string' ? f.module === ref.module : f.module.test(ref.module)) && f.path.join('.') === ref.path.join('.'))) {
    const target = args.find((a) => typeof dataflow.constant(a)?.value !== 'number');
    return target && report(context, target, `${ref.path.join('.')}()`);
  }
}

/** `location.href = x`, `window.location = x` in browser code. */
function checkNavigation(context: AstRuleContext<MessageId>, assignment: TSESTree.AssignmentExpression): void {
  const ref = context.dataflow.moduleRef(assignment.left);
  if (!ref || ref.module !== '#global' || !isNavigationTarget(ref.path)) return;
  report(context, assignment.right, `${ref.path.join('.')} =`);
}

function isNavigationTarget(path: string[]): boolean {
  return NAVIGATION_TARGETS.some((target) => target.length === path.length && target.every((p, i) => p === path[i]));
}

/** Koa's `ctx.response` (ctx itself is the handler's request). */
function isKoaResponse(context: AstRuleContext<MessageId>, receiver: TSESTree.Node): boolean {
  const node = unwrap(receiver);
  return node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'response' && context.dataflow.isRequest(node.object);
}

/** The Location value of `res.set('Location', v)`, `res.set({ Location: v })`, `res.writeHead(302, { Location: v })`. */
function locationHeader(context: AstRuleContext<MessageId>, method: string, args: TSESTree.Expression[]): TSESTree.Node | undefined {
  const { dataflow } = context;
  if (method !== 'writeHead' && args.length >= 2) {
    const header = dataflow.constant(args[0]!)?.value;
    return typeof header === 'string' && header.toLowerCase() === 'location' ? args[1] : undefined;
  }
  const headers = method === 'writeHead' ? args.slice(1) : args.slice(0, 1);
  for (const candidate of headers) {
    const object = dataflow.objectLiteral(candidate);
    const value = object && (findProperty(object, 'Location') ?? findProperty(object, 'location'));
    if (value) return value.value;
  }
  return undefined;
}

function report(context: AstRuleContext<MessageId>, target: TSESTree.Node, sink: string): void {
  const found = hostTaint(context.dataflow, target, 'redirect', { relative: true });
  if (!found || !REDIRECT_SOURCES.has(found.taint.source.kind) || ownPageUrl(context, found.part)) return;
  if (relativePathStart(context.dataflow.constantPrefix(target))) return;
  if (startsWithConfiguredBase(context, target, 0)) return;
  context.report({
    node: target,
    messageId: 'openRedirect',
    data: { source: found.taint.source.label, sink },
    flow: flowSteps(found.taint, target, `${sink} redirects there`),
  });
}

/** Schemes a redirect could be completed into that leave the site (or run script). */
const LEAVING_SCHEMES = ['http:', 'https:', 'javascript:', 'vbscript:', 'data:', 'ftp:', 'ws:', 'wss:', 'blob:'];

/**
 * Whether a URL that starts with `prefix` is a path relative to the current page whatever follows:
 * it does not start with `/` or `\` (which can become `//host`), and it can no longer turn into a
 * scheme, either because it holds a character no scheme has (`page?id=`, `my_page`) or because no
 * scheme that leaves the site starts with it (`u`, `Fan999`, unlike `h` or `java`). Browsers drop
 * tabs and newlines anywhere and control characters and spaces in front, so those do not count.
 */
function relativePathStart(prefix: string | undefined): boolean {
  const text = (prefix ?? '').replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, '');
  if (!text || text[0] === '/' || text[0] === '\\') return false;
  const schemeLike = /^[a-z0-9+.-]*/i.exec(text)![0];
  if (schemeLike.length < text.length) return text[schemeLike.length] !== ':';
  if (!/^[a-z]/i.test(schemeLike)) return true;
  const start = schemeLike.toLowerCase();
  return !LEAVING_SCHEMES.some((scheme) => scheme.startsWith(start));
}

/**
 * `config.baseUrl + req.query.path`, `${APP_URL}${next}`: the URL starts with a value the code
 * configures (a setting, an environment variable, an imported constant) that Guardline cannot
 * read. That base names the site the redirect stays on, so the request data only adds a path.
 * A base that is a known constant is judged by its text instead (`'/' + x` is reported).
 */
function startsWithConfiguredBase(context: AstRuleContext<MessageId>, target: TSESTree.Node, depth: number): boolean {
  const { dataflow } = context;
  let node = unwrap(target);
  while (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') node = unwrap(node.left);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const first = node.expressions[0];
    if (node.quasis[0]?.value.cooked !== '' || !first) return false;
    node = unwrap(first);
  }
  if (node === unwrap(target)) {
    // a variable holding the whole URL: look at how it was built
    const definition = node.type === AST_NODE_TYPES.Identifier && depth < 3 ? dataflow.definition(node) : undefined;
    return !!definition && startsWithConfiguredBase(context, definition, depth + 1);
  }
  if (dataflow.constant(node) !== undefined) return false;
  if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
    const definition = dataflow.definition(node);
    if (definition) return dataflow.constant(definition) === undefined && dataflow.verdict(definition, 'redirect').kind === 'unknown';
  }
  return dataflow.verdict(node, 'redirect').kind === 'unknown';
}

/**
 * `location.href`, `location.pathname`, `document.URL` or a leading slice of them
 * (`location.href.split('#')[0]`): the page's own address, on this site. (A path such as
 * `//evil.com/x` is possible in theory, but reloading the current page is what this code does.)
 */
function ownPageUrl(context: AstRuleContext<MessageId>, part: TSESTree.Node): boolean {
  let node = unwrap(part);
  for (let i = 0; i < 4; i++) {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && unwrap(node.property).type === AST_NODE_TYPES.Literal && (unwrap(node.property) as TSESTree.Literal).value === 0) {
      node = unwrap(node.object); // .split('?')[0]
      continue;
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(node);
      const receiver = calleeObject(node);
      const start = node.arguments[0] ? context.dataflow.constant(node.arguments[0])?.value : undefined;
      if (receiver && (name === 'split' || name === 'toString' || ((name === 'slice' || name === 'substring') && start === 0))) {
        node = unwrap(receiver);
        continue;
      }
    }
    break;
  }
  const ref = context.dataflow.moduleRef(node);
  if (!ref || ref.module !== '#global') return false;
  const path = ref.path.join('.');
  return /^(?:document\.)?location(?:\.href|\.pathname)?$|^document\.(?:URL|documentURI)$/.test(path);
}
