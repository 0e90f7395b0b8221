// Server-side request forgery: request data that decides the host (or scheme) of an outgoing
// request made by the server: http/https, fetch, axios, got, request, superagent, needle, undici,
// headless browsers (`page.goto`, phantom's `page.open`), and raw sockets (`net.connect`, `tls.connect`,
// `new net.Socket().connect(port, host)`). Data only in the path or query of a
// fixed host is not SSRF. HTML rendered on the server (`page.setContent`, wkhtmltopdf) is reported
// for any request data in it: markup such as an iframe makes the renderer fetch any address.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, findProperty, isFunction, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';
import { SERVER_INPUT_SOURCES } from '../../api/dataflow';
import { hostTaint, type HostTaint } from '../../api/url-host';

type MessageId = 'ssrf' | 'ssrfRenderedHtml';

/** Where the URL sits in a call, and whether a relative URL keeps a configured host. */
interface UrlSink {
  label: string;
  /** The URL argument, or an options object holding it. */
  target: TSESTree.Node;
  /** The client has a base URL (an axios or got instance): a relative path cannot change host. */
  relative: boolean;
  /** The argument is an HTML document rendered on the server (or a URL or HTML, as wkhtmltopdf takes). */
  html?: 'document' | 'url-or-html';
  /** The argument is a bare host name (a socket's `connect(port, host)`): any untrusted part picks the host. */
  host?: boolean;
}

/** Headless-browser page methods (phantom's open/openUrl load a URL; setContent renders HTML) and wkhtmltoimage.generate. */
const HEADLESS_METHODS = new Set(['open', 'openUrl', 'setContent', 'property', 'generate']);
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'stream', 'postForm', 'putForm', 'patchForm']);
const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'make-fetch-happen', 'ky']);
const REQUEST_MODULES = new Set(['request', 'request-promise', 'request-promise-native', 'postman-request', 'superagent', 'needle', 'got', 'axios', 'phin', 'bent']);
/** Options properties that name the target: `{ url }`, `{ uri }`, `{ baseURL }`, `{ host }`... */
const URL_OPTIONS = ['url', 'uri', 'href', 'baseURL', 'baseUrl', 'prefixUrl'];
const HOST_OPTIONS = ['host', 'hostname'];
/** net/tls functions and socket methods that open a connection: `(port, host)` or `({ host, port })`. */
const SOCKET_CONNECTS = new Set(['connect', 'createConnection']);

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-ssrf',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Request data decides where the server sends a request',
      cwe: ['CWE-918'],
      owasp: ['A10:2021-Server-Side Request Forgery'],
    },
    fixable: null,
    messages: {
      ssrf: '{{source}} decides the host of the request sent by {{sink}}; an attacker can make the server call internal services or cloud metadata.',
      ssrfRenderedHtml: '{{source}} is rendered as HTML by {{sink}} on the server; markup such as `<iframe src="http://169.254.169.254/">` makes it load internal services, cloud metadata or local files.',
    },
    sources: [{ name: 'semgrep: javascript.express.security.injection.tainted-url-host', relation: 'inspired' }],
    tags: ['ssrf', 'injection'],
  },
  // Prefilter: the HTTP clients, fetch, raw sockets and headless browsers it knows.
  prefilter: ['goto', 'setContent', 'phantom', 'wkhtmlto', 'http', 'follow-redirects', 'fetch', 'ky', 'undici', 'net', 'tls', 'request', 'superagent', 'needle', 'got', 'axios', 'phin', 'bent'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        if (node.arguments.length === 0) return;
        const callee = node.callee;
        // Any identifier may be an imported client (`fetch`, `got`, `axios`, `request`); members only when named like one.
        const name = calleeName(node);
        if (callee.type === AST_NODE_TYPES.Identifier || (name && (METHODS.has(name) || name === 'goto' || name === 'fetch' || name === 'stream' || name === 'create' || name === 'extend' || HEADLESS_METHODS.has(name) || SOCKET_CONNECTS.has(name)))) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const sink = sinkOf(context, call);
  if (!sink) return;
  if (sink.html === 'document') {
    // escaped text cannot add markup, so HTML escaping (the xss kind) is what makes it safe
    const verdict = context.dataflow.verdict(sink.target, 'xss');
    if (verdict.kind !== 'tainted' || !SERVER_INPUT_SOURCES.has(verdict.taint.source.kind)) return;
    context.report({
      node: sink.target,
      messageId: 'ssrfRenderedHtml',
      data: { source: verdict.taint.source.label, sink: sink.label },
      flow: flowSteps(verdict.taint, sink.target, `${sink.label} renders it`),
    });
    return;
  }
  const found = targetTaint(context, sink);
  if (!found || !SERVER_INPUT_SOURCES.has(found.taint.source.kind)) return;
  context.report({
    node: found.at,
    messageId: 'ssrf',
    data: { source: found.taint.source.label, sink: sink.label },
    flow: flowSteps(found.taint, found.at, `${sink.label} sends a request there`),
  });
}

/**
 * The untrusted part that picks the host, from a URL argument or an options object, and the
 * argument (or option value) to report it at.
 */
function targetTaint(context: AstRuleContext<MessageId>, sink: UrlSink): (HostTaint & { at: TSESTree.Node }) | undefined {
  const { dataflow } = context;
  if (sink.host) {
    const verdict = dataflow.verdict(sink.target, 'ssrf');
    return verdict.kind === 'tainted' ? { taint: verdict.taint, part: sink.target, at: sink.target } : undefined;
  }
  const options = dataflow.objectLiteral(sink.target);
  if (!options) {
    const found = hostTaint(dataflow, sink.target, 'ssrf', { relative: sink.relative });
    return found && { ...found, at: sink.target };
  }
  const hasBase = ['baseURL', 'baseUrl', 'prefixUrl'].some((name) => !!findProperty(options, name));
  for (const name of URL_OPTIONS) {
    const value = findProperty(options, name)?.value;
    if (!value) continue;
    // `{ baseURL, url }`: a relative url keeps the base's host; an absolute one replaces it.
    const isBase = name === 'baseURL' || name === 'baseUrl' || name === 'prefixUrl';
    const found = hostTaint(dataflow, value, 'ssrf', { relative: sink.relative || (hasBase && !isBase) });
    if (found) return { ...found, at: options === sink.target ? value : sink.target };
  }
  for (const name of HOST_OPTIONS) {
    const value = findProperty(options, name)?.value;
    if (!value) continue;
    const verdict = dataflow.verdict(value, 'ssrf');
    if (verdict.kind === 'tainted') return { taint: verdict.taint, part: value, at: options === sink.target ? value : sink.target };
  }
  return undefined;
}

/** What the call is, by the module member it resolves to; undefined when it sends no request. */
function sinkOf(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): UrlSink | undefined {
  const args = call.arguments.filter((a): a is TSESTree.Expression => a.type !== AST_NODE_TYPES.SpreadElement);
  const ref = context.dataflow.moduleRef(call.callee);
  const name = calleeName(call);
  // page.goto(url) in puppeteer and playwright, however `page` was obtained
  if (name === 'goto' && args[0] && call.callee.type === AST_NODE_TYPES.MemberExpression) return { label: 'page.goto()', target: args[0], relative: false };
  // page.setContent(html) in puppeteer and playwright: the page loads whatever the markup points at
  if (name === 'setContent' && args[0] && call.callee.type === AST_NODE_TYPES.MemberExpression) return { label: 'page.setContent()', target: args[0], relative: false, html: 'document' };
  if (!ref || !args[0]) return undefined;
  // phantom: page.open(url), page.openUrl(url), page.property('content', html)
  if (ref.module === 'phantom' && ref.path.includes('createPage')) {
    const last = ref.path[ref.path.length - 1];
    if (last === 'open' || last === 'openUrl') return { label: `page.${last}()`, target: args[0], relative: false };
    if (last === 'property' && args[1] && context.dataflow.constant(args[0])?.value === 'content') return { label: "page.property('content')", target: args[1], relative: false, html: 'document' };
    return undefined;
  }
  // wkhtmltopdf(urlOrHtml), wkhtmltoimage.generate(urlOrHtml)
  if ((ref.module === 'wkhtmltopdf' && ref.path.length === 0) || (ref.module === 'wkhtmltoimage' && ref.path.join('.') === 'generate')) {
    return { label: ref.module === 'wkhtmltopdf' ? 'wkhtmltopdf()' : 'wkhtmltoimage.generate()', target: args[0], relative: false, html: 'url-or-html' };
  }
  const { module, path } = ref;
  const last = path[path.length - 1] ?? '';
  const label = describeCall(module, path);
  const first = args[0];
  // http.get(url | options), https.request(...), follow-redirects' http/https
  if ((module === 'http' || module === 'https') && path.length === 1 && (last === 'get' || last === 'request')) return { label, target: first, relative: false };
  if (module === 'follow-redirects' && path.length === 2 && (last === 'get' || last === 'request')) return { label, target: first, relative: false };
  // fetch(url), node-fetch, undici
  if (module === '#global' && path.length === 1 && last === 'fetch') return { label: 'fetch()', target: first, relative: false };
  if (FETCH_MODULES.has(module) && (path.length === 0 || (path.length === 1 && (last === 'default' || METHODS.has(last))))) return { label, target: first, relative: false };
  if (module === 'undici' && path.length === 1 && /^(?:fetch|request|stream|pipeline)$/.test(last)) return { label, target: first, relative: false };
  if (module === 'net' || module === 'tls') return socketSink(context, module, path, args);
  if (!REQUEST_MODULES.has(module)) return undefined;
  return clientSink(module, path, args, label);
}

/**
 * `net.connect(port, host)`, `net.createConnection({ host, port })`, `tls.connect(port, host, options)`,
 * `new net.Socket().connect(port, host)`: the host a raw TCP or TLS connection goes to. A string as
 * the only argument is a local IPC path, not a host.
 */
function socketSink(context: AstRuleContext<MessageId>, module: string, path: string[], args: TSESTree.Expression[]): UrlSink | undefined {
  const last = path[path.length - 1] ?? '';
  const direct = path.length === 1 && SOCKET_CONNECTS.has(last);
  const socket = path.length === 3 && path[0] === 'Socket' && path[1] === 'new' && last === 'connect';
  if (!direct && !socket) return undefined;
  const label = direct ? `${module}.${last}()` : `new ${module}.Socket().connect()`;
  const [first, second] = args;
  if (!first) return undefined;
  if (context.dataflow.objectLiteral(first)) return { label, target: first, relative: false };
  // (port, host): a port given as a number or a numeric string, then the host
  return second && !isFunction(unwrap(second)) ? { label, target: second, relative: false, host: true } : undefined;
}

/** `http.get()`, `got()`, `axios instance .get()`: how the call reads in a message. */
function describeCall(module: string, path: string[]): string {
  const instance = path.indexOf('()');
  if (instance >= 0) return `${module} instance.${path.slice(instance + 1).join('.') || ''}()`.replace('.()', '()');
  return `${[module, ...path].join('.')}()`;
}

/** axios, got, request, superagent, needle and their instances. */
function clientSink(module: string, path: string[], args: TSESTree.Expression[], label: string): UrlSink | undefined {
  const last = path[path.length - 1] ?? '';
  const first = args[0]!;
  // axios.create({ baseURL }), got.extend({ prefixUrl }): the base itself
  if (path.length === 1 && (last === 'create' || last === 'extend' || last === 'defaults')) return { label, target: first, relative: false };
  // an instance: axios.create(...).get('/users/' + id) resolves against its base
  const instance = path.includes('()') && (path[0] === 'create' || path[0] === 'extend' || path[0] === 'defaults');
  const method = instance ? path[path.length - 1] ?? '' : path.length === 1 ? last : path.length === 0 ? '' : undefined;
  if (method === undefined) return undefined;
  if (instance && !(method === '()' || METHODS.has(method))) return undefined;
  // superagent('GET', url), needle('get', url), needle.request('get', url)
  if ((module === 'superagent' && method === '' && args.length >= 2) || (module === 'needle' && (method === '' || method === 'request'))) {
    return args[1] ? { label, target: args[1], relative: instance } : undefined;
  }
  if (method !== '' && method !== '()' && !METHODS.has(method)) return undefined;
  return { label, target: first, relative: instance };
}
