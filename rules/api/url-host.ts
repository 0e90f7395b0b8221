// Whether untrusted data can choose where a URL points: its scheme and host, as opposed to its path,
// query or fragment. Shared by the SSRF and open-redirect rules, which only care about the host.
import { AST_NODE_TYPES, calleeName, calleeObject, unwrap, type TSESTree } from './ast';
import type { Dataflow, SinkKind, Taint } from './dataflow';

/** The part of a URL that lets untrusted data pick the host, and where that data came from. */
export interface HostTaint {
  taint: Taint;
  part: TSESTree.Node;
}

export interface HostOptions {
  /**
   * A relative URL (`'/users/' + id`, `'?page=' + n`) keeps the current host: true for redirects,
   * browsers and HTTP clients with a base URL.
   */
  relative: boolean;
}

type Part = { text: string } | { opaque: true } | { tainted: TSESTree.Node; taint: Taint };

/** Marks a trusted but unknown piece (a configured base URL) inside the text of a URL. */
const OPAQUE = '\u0001';
const MAX_DEPTH = 6;
/** `scheme://host` followed by the start of a path, query or fragment: the host is complete. */
const ABSOLUTE_HOST_FIXED = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]+[/?#\\]/i;
/** `scheme://host` with nothing after it yet. */
const HOST_WITHOUT_PATH = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]+$/i;
/** A trusted base (`${API_URL}/users/`) followed by a separator. */
const BASE_THEN_PATH = /^\u0001+[/?#]/;
/** `/path`, `?query`, `#hash`, `./x`, `name/`: relative references that keep the current host. */
const RELATIVE_FIXED = /^(?:\/[^/\\]|[?#]|\.{1,2}\/|[^/?#\\:\u0001]+[/?#])/;

/**
 * The first untrusted part of the URL `node` that comes before its host is fixed, or undefined
 * when untrusted data reaches only the path, query or fragment (or nothing at all).
 */
export function hostTaint(dataflow: Dataflow, node: TSESTree.Node, kind: SinkKind, options: HostOptions): HostTaint | undefined {
  const verdict = dataflow.verdict(node, kind);
  if (verdict.kind !== 'tainted') return undefined;
  const parts: Part[] = [];
  const ok = flatten(dataflow, node, kind, parts, 0);
  if (!ok) return { taint: verdict.taint, part: node };
  let prefix = '';
  for (const part of parts) {
    if ('text' in part) prefix += part.text;
    else if ('opaque' in part) prefix += OPAQUE;
    else if (HOST_WITHOUT_PATH.test(prefix) && isRequestPath(dataflow, part.tainted)) prefix += '/';
    else return hostFixed(prefix, options) ? undefined : { taint: part.taint, part: part.tainted };
  }
  return undefined;
}

/**
 * `req.url`, `req.originalUrl`, `ctx.path`: the path of a request, which begins with `/`, so after
 * `https://host` it cannot change the host (alone it can: `//evil.com` is a valid request path).
 */
function isRequestPath(dataflow: Dataflow, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.MemberExpression && /^(?:url|originalUrl|path)$/.test(memberName(n) ?? '') && dataflow.isRequest(n.object);
}

function hostFixed(prefix: string, options: HostOptions): boolean {
  if (ABSOLUTE_HOST_FIXED.test(prefix) || BASE_THEN_PATH.test(prefix)) return true;
  return options.relative && RELATIVE_FIXED.test(prefix);
}

/**
 * Splits a URL expression into constant text, trusted opaque pieces and tainted pieces, in order.
 * Only tainted expressions are taken apart, so a checked variable stays a single trusted piece.
 * Returns false when a tainted expression cannot be taken apart further than "all of it".
 */
function flatten(dataflow: Dataflow, input: TSESTree.Node, kind: SinkKind, parts: Part[], depth: number): boolean {
  const node = unwrap(input);
  const constant = dataflow.constant(node);
  if (constant && (typeof constant.value === 'string' || typeof constant.value === 'number')) {
    parts.push({ text: String(constant.value) });
    return true;
  }
  // Text built by `+` or a template keeps its constant pieces, tainted or not.
  if (depth < MAX_DEPTH && node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    return flatten(dataflow, node.left, kind, parts, depth + 1) && flatten(dataflow, node.right, kind, parts, depth + 1);
  }
  if (depth < MAX_DEPTH && node.type === AST_NODE_TYPES.TemplateLiteral) {
    for (let i = 0; i < node.quasis.length; i++) {
      parts.push({ text: node.quasis[i]!.value.cooked ?? '' });
      const expression = node.expressions[i];
      if (expression && !flatten(dataflow, expression, kind, parts, depth + 1)) return false;
    }
    return true;
  }
  const verdict = dataflow.verdict(node, kind);
  const encoded = encodedArgument(node);
  if (verdict.kind !== 'tainted' && !(encoded && dataflow.verdict(encoded, kind).kind === 'tainted')) {
    parts.push({ opaque: true });
    return true;
  }
  if (depth < MAX_DEPTH) {
    if (encoded) return flatten(dataflow, encoded, kind, parts, depth + 1);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const definition = dataflow.definition(node);
      if (definition && definition.type !== AST_NODE_TYPES.FunctionDeclaration) return flatten(dataflow, definition, kind, parts, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'concat') {
      const receiver = calleeObject(node);
      if (receiver && !flatten(dataflow, receiver, kind, parts, depth + 1)) return false;
      for (const arg of node.arguments) if (!flatten(dataflow, arg, kind, parts, depth + 1)) return false;
      return true;
    }
    if (node.type === AST_NODE_TYPES.NewExpression && calleeName(node) === 'URL' && node.arguments[0]) {
      return flattenUrlConstructor(dataflow, node, kind, parts, depth);
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && unwrap(node.object).type === AST_NODE_TYPES.NewExpression) {
      // new URL(x, base).href / .toString(): the same URL
      const inner = unwrap(node.object) as TSESTree.NewExpression;
      if (calleeName(inner) === 'URL' && /^(?:href)$/.test(memberName(node) ?? '')) return flatten(dataflow, inner, kind, parts, depth + 1);
    }
  }
  parts.push({ tainted: node, taint: verdict.kind === 'tainted' ? verdict.taint : (dataflow.verdict(encoded!, kind) as { kind: 'tainted'; taint: Taint }).taint });
  return true;
}

/** `new URL(path, base)`: the base decides the host unless the path is itself absolute. */
function flattenUrlConstructor(dataflow: Dataflow, node: TSESTree.NewExpression, kind: SinkKind, parts: Part[], depth: number): boolean {
  const [first, base] = node.arguments;
  if (!base || base.type === AST_NODE_TYPES.SpreadElement) return flatten(dataflow, first!, kind, parts, depth + 1);
  // new URL('/login', req.url): the request's own URL only lends its origin, the site itself
  const ownOrigin = isRequestUrl(dataflow, base);
  const own: Part[] = [];
  if (!flatten(dataflow, first!, kind, own, depth + 1)) return false;
  const start = leadingText(own);
  const firstTaint = own.find((p) => 'tainted' in p);
  // A path that starts like `/x`, `?` or `#` before any untrusted part keeps the base's host.
  if (firstTaint && !(start !== undefined && /^(?:\/[^/\\]|[?#])/.test(start))) {
    parts.push(...own);
    return true;
  }
  if (ABSOLUTE_HOST_FIXED.test(start ?? '')) {
    parts.push(...own);
    return true;
  }
  if (ownOrigin) parts.push({ opaque: true });
  else if (!flatten(dataflow, base, kind, parts, depth + 1)) return false;
  // what the path adds comes after the base's host: keep it only as trusted text
  parts.push({ text: '/' });
  return true;
}

/** `req.url`, `request.nextUrl`, `req.href`: the URL the request was made to, on this site's origin. */
function isRequestUrl(dataflow: Dataflow, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.MemberExpression && /^(?:url|nextUrl|href)$/.test(memberName(n) ?? '') && dataflow.isRequest(n.object);
}

/** The constant text before the first non-constant part. */
function leadingText(parts: Part[]): string | undefined {
  let text = '';
  for (const part of parts) {
    if (!('text' in part)) return text;
    text += part.text;
  }
  return text;
}

/** `encodeURIComponent(x)`: it escapes `/` and `?`, but not `.`: in a host it is no protection. */
function encodedArgument(node: TSESTree.Node): TSESTree.Node | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (!/^(?:encodeURIComponent|encodeURI|escape)$/.test(node.callee.name)) return undefined;
  const arg = node.arguments[0];
  return arg && arg.type !== AST_NODE_TYPES.SpreadElement ? arg : undefined;
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  return !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}
