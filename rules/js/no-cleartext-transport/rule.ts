// Requests and WebSockets sent in clear text: `http://` and `ws://` URLs to hosts outside the local
// machine and private network, passed to fetch, axios, got, request, superagent, needle, ky, the
// http module, XMLHttpRequest, jQuery, EventSource, WebSocket and socket.io.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, calleeObject, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { ModuleRef } from '../../api/dataflow';
import type { AstRuleContext, Fix } from '../../api/types';

type MessageId = 'cleartextRequest' | 'cleartextSocket' | 'plainHttpModule';

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'stream', 'json', 'text']);
/** Where the URL is for each client: first argument, or a property of the options object. */
const URL_PROPS = ['url', 'uri', 'baseURL', 'baseUrl', 'prefixUrl'];
const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'make-fetch-happen']);
const METHOD_CLIENTS = new Set(['axios', 'got', 'request', 'request-promise', 'request-promise-native', 'superagent', 'needle', 'ky', 'undici', 'phin', 'redaxios']);

const PRIVATE_HOST = [
  /^localhost$/i,
  /^127(?:\.\d{1,3}){3}$/,
  /^0\.0\.0\.0$/,
  /^\[?::1?\]?$/,
  /^10(?:\.\d{1,3}){3}$/,
  /^192\.168(?:\.\d{1,3}){2}$/,
  /^172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}$/,
  /^169\.254(?:\.\d{1,3}){2}$/,
  /^[^.]+$/, // a single-label name: a container, a service in the same network, an intranet host
  /\.(?:local|localhost|internal|lan|intranet|corp|home\.arpa|test|example|invalid|svc)$/i,
  /(?:^|\.)example\.(?:com|net|org)$/i,
];

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-cleartext-transport',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Request or WebSocket sent over an unencrypted connection',
      cwe: ['CWE-319'],
      owasp: ['A02:2021-Cryptographic Failures'],
    },
    fixable: 'safe',
    messages: {
      cleartextRequest: '{{sink}} sends this request to {{host}} over plain http://: anyone on the network path can read it, including credentials and tokens, and change the response. Use https://.',
      cleartextSocket: '{{sink}} opens an unencrypted ws:// connection to {{host}}: anyone on the network path can read and inject messages. Use wss://.',
      plainHttpModule: 'http.{{fn}}() talks to {{host}} without TLS: anyone on the network path can read and change the traffic. Use the https module.',
    },
    sources: [{ name: 'semgrep: problem-based-packs.insecure-transport.js-node (concept)', relation: 'inspired' }],
    tags: ['transport'],
  },
  // Prefilter: every finding is a URL starting http:// or ws://, or the http module (a scheme assembled from pieces is not seen).
  prefilter: ['http', 'ws:'],
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const keep = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const callee = unwrap(node.callee);
      const name = calleeName(node) ?? '';
      if (callee.type === AST_NODE_TYPES.Identifier || HTTP_METHODS.has(name) || /^(?:ajax|getJSON|create|extend|open|sendBeacon|connect|fetch|WebSocket|EventSource)$/.test(name)) calls.push(node);
    };
    return {
      CallExpression: keep,
      NewExpression: keep,
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

interface Sink {
  label: string;
  url?: TSESTree.Node;
  /** http.request(options): the host is in the options, not in a URL. */
  options?: TSESTree.Node;
}

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const sink = sinkOf(context, call);
  if (!sink) return;
  if (sink.url) {
    const target = cleartextTarget(context, sink.url);
    if (!target) return;
    const socket = target.scheme === 'ws';
    context.report({
      node: sink.url,
      messageId: socket ? 'cleartextSocket' : 'cleartextRequest',
      data: { sink: sink.label, host: target.host },
      // http.get() refuses https:// URLs, and an explicit port serves one protocol: no automatic fix there
      ...(target.port || sink.label.startsWith('http.') ? {} : schemeFix(context, sink.url, target.scheme)),
    });
  } else if (sink.options) {
    const hostNode = context.dataflow.property(sink.options, 'hostname') ?? context.dataflow.property(sink.options, 'host');
    const host = hostNode && context.dataflow.constant(hostNode)?.value;
    if (typeof host !== 'string' || isPrivateHost(host.replace(/:\d+$/, ''))) return;
    context.report({ node: sink.options, messageId: 'plainHttpModule', data: { fn: sink.label, host } });
  }
}

function sinkOf(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): Sink | undefined {
  const { dataflow } = context;
  const name = calleeName(call) ?? '';
  // xhr.open('GET', url) on `new XMLHttpRequest()`
  if (name === 'open' && call.type === AST_NODE_TYPES.CallExpression) {
    const receiver = calleeObject(call);
    const made = receiver && (unwrap(receiver).type === AST_NODE_TYPES.NewExpression ? unwrap(receiver) : dataflow.definition(receiver));
    const isXhr = made && unwrap(made).type === AST_NODE_TYPES.NewExpression && /XMLHttpRequest$/.test(context.file.getText((unwrap(made) as TSESTree.NewExpression).callee));
    return isXhr ? { label: 'XMLHttpRequest.open()', url: argumentAt(call, 1) } : undefined;
  }
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return undefined;
  const path = ref.path.filter((p) => p !== '()' && p !== 'new');
  const fn = path[path.length - 1] ?? '';
  const label = `${ref.module === '#global' ? '' : `${ref.module}`}${path.length && ref.module !== '#global' ? '.' : ''}${path.join('.')}()`;
  const urlOrOptions = (i: number): Sink | undefined => {
    const first = argumentAt(call, i);
    if (!first) return undefined;
    const options = dataflow.objectLiteral(first);
    if (!options) return { label, url: first };
    for (const prop of URL_PROPS) {
      const value = dataflow.property(options, prop);
      if (value) return { label, url: value };
    }
    return undefined;
  };
  if (ref.module === '#global') {
    if (path.length === 1 && (fn === 'fetch' || fn === 'WebSocket' || fn === 'EventSource')) return { label: fn === 'fetch' ? 'fetch()' : `new ${fn}()`, url: argumentAt(call, 0) };
    if (path.join('.') === 'navigator.sendBeacon') return { label: 'navigator.sendBeacon()', url: argumentAt(call, 0) };
    if (path.length === 2 && (path[0] === '$' || path[0] === 'jQuery') && /^(?:ajax|get|post|getJSON)$/.test(fn)) return urlOrOptions(0);
    return undefined;
  }
  if (FETCH_MODULES.has(ref.module)) return path.length <= 1 ? { label: 'fetch()', url: argumentAt(call, 0) } : undefined;
  if (ref.module === 'http' && (fn === 'request' || fn === 'get') && path.length === 1) {
    const first = argumentAt(call, 0);
    if (!first) return undefined;
    const options = dataflow.objectLiteral(first);
    return options ? { label: fn, options } : { label: `http.${fn}()`, url: first };
  }
  if (ref.module === 'ws' && (path.length === 0 || fn === 'WebSocket')) return { label: 'new WebSocket()', url: argumentAt(call, 0) };
  if (ref.module === 'socket.io-client' && (path.length === 0 || fn === 'io' || fn === 'connect')) return { label: 'io()', url: argumentAt(call, 0) };
  if (METHOD_CLIENTS.has(ref.module)) return clientSink(call, ref, path, fn, urlOrOptions);
  return undefined;
}

function clientSink(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  ref: ModuleRef,
  path: string[],
  fn: string,
  urlOrOptions: (i: number) => Sink | undefined,
): Sink | undefined {
  // axios.create({ baseURL }), got.extend({ prefixUrl }), ky.create({ prefixUrl })
  if (fn === 'create' || fn === 'extend') return urlOrOptions(0);
  // needle('get', url), needle.request('get', url)
  if (ref.module === 'needle' && (path.length === 0 || fn === 'request')) {
    const url = argumentAt(call, 1);
    return url ? { label: 'needle()', url } : undefined;
  }
  // axios(url), axios.get(url), api.get(url) on an axios.create() instance, got.post(url), request(options)
  if (path.length === 0 || HTTP_METHODS.has(fn) || (fn === 'fetch' && ref.module === 'undici')) return urlOrOptions(0);
  return undefined;
}

interface Target {
  scheme: 'http' | 'ws';
  host: string;
  port: boolean;
}

/** The remote host a URL value sends to in clear text, when the URL is known that far. */
function cleartextTarget(context: AstRuleContext<MessageId>, url: TSESTree.Node): Target | undefined {
  const prefix = context.dataflow.constantPrefix(url);
  if (!prefix) return undefined;
  const whole = context.dataflow.constant(url) !== undefined;
  const match = /^(http|ws):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(:\d*)?([/?#]|$)/i.exec(prefix);
  if (!match) return undefined;
  // 'http://' + host or `http://${host}`: the host is not known, so neither is the risk
  if (!match[4] && !whole && !match[3]) return undefined;
  const host = match[2]!;
  if (!host || isPrivateHost(host)) return undefined;
  return { scheme: match[1]!.toLowerCase() as 'http' | 'ws', host, port: !!match[3] };
}

function isPrivateHost(host: string): boolean {
  return PRIVATE_HOST.some((pattern) => pattern.test(host));
}

/** Rewrites the scheme where the URL text is written (in place or in the constant it comes from). */
function schemeFix(context: AstRuleContext<MessageId>, url: TSESTree.Node, scheme: 'http' | 'ws'): { fix?: Fix } {
  const offset = schemeOffset(context, url, 0);
  if (offset === undefined) return {};
  const secure = scheme === 'http' ? 'https' : 'wss';
  return { fix: { title: `Use ${secure}://`, edits: [{ start: offset, end: offset + scheme.length, text: secure }] } };
}

function schemeOffset(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): number | undefined {
  if (depth > 6) return undefined;
  const { dataflow, file } = context;
  const node = unwrap(input);
  let offset: number | undefined;
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      offset = typeof node.value === 'string' ? node.range[0] + 1 : undefined;
      break;
    case AST_NODE_TYPES.TemplateLiteral:
      // `${API}/users`: the scheme is in the constant the template starts with
      if (node.quasis[0]?.value.cooked === '' && node.expressions[0]) return schemeOffset(context, node.expressions[0], depth + 1);
      offset = node.range[0] + 1;
      break;
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' ? schemeOffset(context, node.left, depth + 1) : undefined;
    case AST_NODE_TYPES.Identifier: {
      const def = dataflow.definition(node);
      return def ? schemeOffset(context, def, depth + 1) : undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(node);
      const value = name ? dataflow.property(node.object, name) : undefined;
      return value ? schemeOffset(context, value, depth + 1) : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      const receiver = calleeObject(node);
      return receiver && calleeName(node) === 'concat' ? schemeOffset(context, receiver, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
  if (offset === undefined) return undefined;
  return /^(?:http|ws):\/\//i.test(file.text.slice(offset, offset + 7)) ? offset : undefined;
}
