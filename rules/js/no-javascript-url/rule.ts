// javascript: URLs: literal ones in JSX link attributes, and untrusted URLs reaching href/src/action
// of JSX elements or DOM elements without a scheme check, where `javascript:alert(1)` runs as code.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, memberChain, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { SinkKind } from '../../api/dataflow';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** JSX attributes holding a URL the browser follows or loads, and which elements they matter on (undefined: any). */
const JSX_URL_ATTRIBUTES = new Map<string, ReadonlySet<string> | undefined>([
  ['href', undefined],
  ['xlinkHref', undefined],
  ['xlink:href', undefined],
  ['action', undefined],
  ['formAction', undefined],
  ['src', new Set(['iframe', 'frame', 'embed', 'script'])],
  ['data', new Set(['object'])],
]);
/** DOM properties and attributes that take such a URL; `src` only on elements that run what they load. */
const DOM_URL_PROPERTIES = new Set(['href', 'action', 'formAction']);
const DOM_URL_ATTRIBUTES = new Set(['href', 'action', 'formaction', 'xlink:href']);
const SRC_ELEMENTS = new Set(['iframe', 'frame', 'embed', 'script']);
/** Objects whose `href` is navigation, reported by no-open-redirect, not a link on the page. */
const NAVIGATION_OBJECTS = new Set(['location', 'window', 'document', 'self', 'top', 'parent', 'globalThis']);

type MessageId = 'scriptUrlLiteral' | 'scriptUrl' | 'scriptSource';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-javascript-url',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'javascript: URL in a link or frame',
      cwe: ['CWE-79'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    messages: {
      scriptUrlLiteral: 'A javascript: URL in {{attribute}} is code hidden in a URL; use a <button> with an onClick handler instead (React warns about javascript: URLs and a Content-Security-Policy blocks them).',
      scriptUrl: '{{source}} sets {{attribute}} without a scheme check; a javascript: URL there runs the attacker\'s script when the link is followed or the frame loads.',
      scriptSource: '{{source}} decides where {{attribute}} loads a script from; an attacker can point it at their own script, which runs with the page\'s privileges.',
    },
    sources: [
      { name: 'eslint-plugin-react: jsx-no-script-url', relation: 'inspired' },
      { name: 'eslint: no-script-url', relation: 'inspired' },
    ],
    tags: ['xss', 'url', 'react', 'dom'],
  },
  // Prefilter: URL attributes and properties (href, action, src, data), setAttribute/attr/prop, window.open.
  prefilter: ['href', 'action', 'src', 'data', 'attr', 'prop', 'open'],
  create(context) {
    const attributes: TSESTree.JSXAttribute[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    const calls: TSESTree.CallExpression[] = [];
    return {
      JSXAttribute(node) {
        if (JSX_URL_ATTRIBUTES.has(jsxAttributeName(node))) attributes.push(node);
      },
      AssignmentExpression(node) {
        if (node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression && /^(?:href|src|action|formAction)$/.test(propertyName(node.left) ?? '')) assignments.push(node);
      },
      CallExpression(node) {
        if (/^(?:setAttribute|setAttributeNS|attr|prop|open)$/.test(calleeName(node) ?? '')) calls.push(node);
      },
      'Program:exit'() {
        for (const node of attributes) checkJsxAttribute(context, node);
        for (const node of assignments) checkAssignment(context, node);
        for (const node of calls) checkAttributeCall(context, node);
      },
    };
  },
});

function jsxAttributeName(node: TSESTree.JSXAttribute): string {
  return node.name.type === AST_NODE_TYPES.JSXNamespacedName ? `${node.name.namespace.name}:${node.name.name.name}` : node.name.name;
}

function checkJsxAttribute(context: AstRuleContext<MessageId>, node: TSESTree.JSXAttribute): void {
  const name = jsxAttributeName(node);
  const value = node.value;
  if (!value) return;
  const attribute = `the ${name} attribute`;
  const expression = value.type === AST_NODE_TYPES.JSXExpressionContainer ? value.expression : value;
  if (expression.type === AST_NODE_TYPES.JSXEmptyExpression) return;
  const constant = expression.type === AST_NODE_TYPES.Literal ? { value: expression.value } : context.dataflow.constant(expression);
  if (constant) {
    if (typeof constant.value === 'string' && isScriptUrl(constant.value)) {
      context.report({ node: value, messageId: 'scriptUrlLiteral', data: { attribute }, severity: 'medium' });
    }
    return;
  }
  const elements = JSX_URL_ATTRIBUTES.get(name);
  const element = node.parent.name.type === AST_NODE_TYPES.JSXIdentifier ? node.parent.name.name : '';
  if (elements && !elements.has(element)) return;
  checkValue(context, expression, attribute, element === 'script' ? 'redirect' : 'url');
}

/** `a.href = x`, `form.action = x`, `frame.src = x` (when the element is known to be a frame or script). */
function checkAssignment(context: AstRuleContext<MessageId>, node: TSESTree.AssignmentExpression): void {
  const left = node.left as TSESTree.MemberExpression;
  const property = propertyName(left)!;
  const receiver = unwrap(left.object);
  if (isNavigationObject(receiver)) return;
  if (property === 'src') {
    const tag = elementTag(context, receiver);
    if (!tag || !SRC_ELEMENTS.has(tag)) return;
    checkValue(context, node.right, `${tag}.src`, tag === 'script' ? 'redirect' : 'url');
    return;
  }
  if (DOM_URL_PROPERTIES.has(property)) checkValue(context, node.right, `the ${property} property`, 'url');
}

/** `el.setAttribute('href', x)`, `$link.attr('href', x)`, `el.setAttributeNS(XLINK, 'xlink:href', x)`. */
function checkAttributeCall(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const name = calleeName(call)!;
  if (name === 'open') {
    // window.open('javascript:...') runs the script in a window that shares this page's origin
    const ref = context.dataflow.moduleRef(call.callee);
    const url = call.arguments[0];
    if (ref?.module === '#global' && ref.path.length === 1 && ref.path[0] === 'open' && url && url.type !== AST_NODE_TYPES.SpreadElement) checkValue(context, url, 'window.open()', 'url');
    return;
  }
  const nameIndex = name === 'setAttributeNS' ? 1 : 0;
  const nameArg = call.arguments[nameIndex];
  const value = call.arguments[nameIndex + 1];
  if (!nameArg || !value || value.type === AST_NODE_TYPES.SpreadElement || call.arguments.length > nameIndex + 2) return;
  const attribute = context.dataflow.constant(nameArg)?.value;
  if (typeof attribute !== 'string') return;
  const lower = attribute.toLowerCase();
  const receiver = calleeObject(call);
  if (!receiver || isNavigationObject(receiver)) return;
  if (DOM_URL_ATTRIBUTES.has(lower)) {
    checkValue(context, value, `the ${attribute} attribute`, 'url');
  } else if (lower === 'src' && (name === 'setAttribute' || name === 'setAttributeNS')) {
    const tag = elementTag(context, receiver);
    if (tag && SRC_ELEMENTS.has(tag)) checkValue(context, value, `${tag} src`, tag === 'script' ? 'redirect' : 'url');
  }
}

/**
 * Reports a traced untrusted value. `url` checks only the scheme (a fixed `https://` or `/` start is
 * enough); a script's `src` uses `redirect`, which also wants a fixed host, since any host's script runs.
 */
function checkValue(context: AstRuleContext<MessageId>, value: TSESTree.Node, attribute: string, kind: SinkKind): void {
  const { dataflow } = context;
  const prefix = dataflow.constantPrefix(value);
  if (kind === 'url' && prefix && isSchemeSafePrefix(prefix)) return;
  if (kind === 'redirect' && prefix && (/^https?:\/\/[^/]+\//i.test(prefix) || /^\/[^/\\]/.test(prefix))) return;
  const verdict = dataflow.verdict(value, kind);
  // `${API_BASE}/items/${id}`: the scheme comes from the first part, which is the developer's.
  if (verdict.kind !== 'tainted' || (kind === 'url' && !startsTainted(context, value, kind, 0))) return;
  context.report({
    node: value,
    messageId: kind === 'redirect' ? 'scriptSource' : 'scriptUrl',
    data: { source: verdict.taint.source.label, attribute },
    flow: flowSteps(verdict.taint, value, `used as ${attribute}`),
  });
}

/** Whether untrusted data can be the start of the value (the first operand of each concatenation). */
function startsTainted(context: AstRuleContext<MessageId>, value: TSESTree.Node, kind: SinkKind, depth: number): boolean {
  const node = unwrap(value);
  if (depth > 6) return true;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const definition = context.dataflow.definition(node);
      return definition ? startsTainted(context, definition, kind, depth + 1) : context.dataflow.verdict(node, kind).kind === 'tainted';
    }
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator !== '+' || startsTainted(context, node.left, kind, depth + 1);
    case AST_NODE_TYPES.TemplateLiteral:
      return (node.quasis[0]?.value.cooked ?? '') !== '' || !node.expressions[0] || startsTainted(context, node.expressions[0], kind, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return startsTainted(context, node.consequent, kind, depth + 1) || startsTainted(context, node.alternate, kind, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return startsTainted(context, node.left, kind, depth + 1) || startsTainted(context, node.right, kind, depth + 1);
    default:
      return context.dataflow.verdict(node, kind).kind === 'tainted';
  }
}

/** Whether a URL runs script when followed: `javascript:` or `vbscript:`, as browsers read it (case, whitespace). */
function isScriptUrl(url: string): boolean {
  // Browsers drop leading spaces and control characters and ignore tabs and newlines anywhere.
  const normalised = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '').toLowerCase();
  return normalised.startsWith('javascript:') || normalised.startsWith('vbscript:');
}

/** Whether a value starting with `prefix` can no longer be a `javascript:`, `data:` or `vbscript:` URL. */
function isSchemeSafePrefix(prefix: string): boolean {
  const start = prefix.toLowerCase();
  if (/^[\u0000-\u0020]/.test(start)) return false;
  return !['javascript:', 'data:', 'vbscript:'].some((scheme) => scheme.startsWith(start) || start.startsWith(scheme));
}

function isNavigationObject(node: TSESTree.Node): boolean {
  const chain = memberChain(node);
  return !!chain && NAVIGATION_OBJECTS.has(chain[chain.length - 1]!);
}

/** The tag of an element made with `document.createElement('iframe')` (directly or through a local). */
function elementTag(context: AstRuleContext<MessageId>, node: TSESTree.Node): string | undefined {
  const value = unwrap(node).type === AST_NODE_TYPES.Identifier ? context.dataflow.definition(node) : node;
  if (!value) return undefined;
  const call = unwrap(value);
  if (call.type !== AST_NODE_TYPES.CallExpression || calleeName(call) !== 'createElement' || !call.arguments[0]) return undefined;
  const tag = context.dataflow.constant(call.arguments[0])?.value;
  return typeof tag === 'string' ? tag.toLowerCase() : undefined;
}
