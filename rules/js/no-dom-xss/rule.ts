// DOM-based XSS: untrusted data parsed as HTML by innerHTML, outerHTML, insertAdjacentHTML,
// document.write, createContextualFragment, srcdoc, jQuery's HTML methods or Angular's trust bypass.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, calleeObject, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** Properties whose assigned string is parsed as HTML. */
const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML', 'srcdoc']);
/** jQuery (and cheerio) methods that parse a string argument as HTML. */
const JQUERY_HTML_METHODS = new Set(['html', 'append', 'prepend', 'after', 'before', 'replaceWith', 'wrap', 'wrapAll', 'wrapInner']);
/** jQuery methods that return the same kind of jQuery object, so a chain stays jQuery. */
const JQUERY_CHAIN_METHODS = new Set([
  'find', 'children', 'parent', 'parents', 'closest', 'eq', 'first', 'last', 'filter', 'not', 'next', 'prev', 'siblings',
  'addClass', 'removeClass', 'toggleClass', 'show', 'hide', 'empty', 'end', 'add', 'clone', 'contents', 'css', 'attr', 'removeAttr',
]);
/** Other calls that parse their argument as HTML (or trust it as such), by method name. */
const HTML_CALLS = new Map<string, { arg: number; label: string }>([
  ['insertAdjacentHTML', { arg: 1, label: 'insertAdjacentHTML()' }],
  ['createContextualFragment', { arg: 0, label: 'createContextualFragment()' }],
  ['setHTMLUnsafe', { arg: 0, label: 'setHTMLUnsafe()' }],
  ['bypassSecurityTrustHtml', { arg: 0, label: 'DomSanitizer.bypassSecurityTrustHtml()' }],
  ['bypassSecurityTrustScript', { arg: 0, label: 'DomSanitizer.bypassSecurityTrustScript()' }],
]);
const CANDIDATE_CALLS = new Set([...HTML_CALLS.keys(), ...JQUERY_HTML_METHODS, 'write', 'writeln', 'setAttribute', '$', 'jQuery']);
/** Methods that turn text into text: keep a value "plain text" for the textContent fix. */
const TEXT_METHODS = new Set(['slice', 'substring', 'substr', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'get', 'toString', 'padStart', 'padEnd']);
const TEXT_FUNCTIONS = new Set(['decodeURIComponent', 'decodeURI', 'String']);

type MessageId = 'domXss' | 'domXssAudit';

interface Sink {
  value: TSESTree.Node;
  label: string;
  /** Whether an untraced value is worth an audit finding (not for jQuery's append family, which mostly gets elements). */
  audit: boolean;
  /** `el.innerHTML = value`, which the fix may turn into `el.textContent = value`. */
  assignment?: TSESTree.AssignmentExpression;
  /** `$(value)` parses HTML only when the string starts with `<`. */
  selector?: boolean;
}

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-dom-xss',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Untrusted data written into the page as HTML',
      cwe: ['CWE-79'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: 'safe',
    messages: {
      domXss: '{{source}} is parsed as HTML by {{sink}}; an attacker can inject markup and script that runs as the user.',
      domXssAudit: '{{sink}} parses a value Guardline could not trace as HTML; sanitise it (DOMPurify) or write it as text (textContent).',
    },
    sources: [
      { name: 'semgrep: javascript.browser.security.insecure-document-method', relation: 'inspired' },
      { name: 'eslint-plugin-no-unsanitized: property / method', relation: 'inspired' },
    ],
    tags: ['xss', 'dom', 'injection'],
  },
  // Prefilter: HTML properties and methods, document.write, setAttribute, jQuery ($, jQuery).
  prefilter: ['innerHTML', 'outerHTML', 'srcdoc', 'insertAdjacentHTML', 'createContextualFragment', 'setHTMLUnsafe', 'bypassSecurityTrust', 'document', 'setAttribute', '$', 'jQuery'],
  create(context) {
    const assignments: TSESTree.AssignmentExpression[] = [];
    const calls: TSESTree.CallExpression[] = [];
    const others: Sink[] = [];
    return {
      // Vue/Preact render props and Object.assign(el, {...}): { innerHTML: html }
      Property(node) {
        if (node.parent?.type === AST_NODE_TYPES.ObjectExpression && !node.computed && propertyName(node) === 'innerHTML' && !isFunctionValue(node.value)) others.push({ value: node.value, label: 'innerHTML', audit: true });
      },
      // <iframe srcDoc={html} />
      JSXAttribute(node) {
        if (node.name.type === AST_NODE_TYPES.JSXIdentifier && node.name.name === 'srcDoc' && node.value?.type === AST_NODE_TYPES.JSXExpressionContainer && node.value.expression.type !== AST_NODE_TYPES.JSXEmptyExpression && !sandboxedWithoutScripts(node.parent)) {
          others.push({ value: node.value.expression, label: 'srcDoc', audit: true });
        }
      },
      AssignmentExpression(node) {
        if ((node.operator === '=' || node.operator === '+=') && node.left.type === AST_NODE_TYPES.MemberExpression && HTML_PROPERTIES.has(propertyName(node.left) ?? '')) assignments.push(node);
      },
      CallExpression(node) {
        if (CANDIDATE_CALLS.has(calleeName(node) ?? '')) calls.push(node);
      },
      'Program:exit'() {
        for (const node of assignments) check(context, assignmentSink(node));
        for (const node of calls) check(context, callSink(context, node));
        for (const sink of others) check(context, sink);
      },
    };
  },
});

/** `<iframe sandbox="allow-forms">`: a sandbox without allow-scripts runs no script in the frame. */
function sandboxedWithoutScripts(element: TSESTree.JSXOpeningElement): boolean {
  for (const attribute of element.attributes) {
    if (attribute.type !== AST_NODE_TYPES.JSXAttribute || attribute.name.type !== AST_NODE_TYPES.JSXIdentifier || attribute.name.name !== 'sandbox') continue;
    const value = attribute.value;
    if (!value) return true;
    if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return !/\ballow-scripts\b/.test(value.value);
  }
  return false;
}

function isFunctionValue(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

function assignmentSink(node: TSESTree.AssignmentExpression): Sink {
  const property = propertyName(node.left)!;
  return { value: node.right, label: property, audit: true, assignment: node };
}

function callSink(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): Sink | undefined {
  const name = calleeName(call)!;
  const receiver = calleeObject(call);
  const known = HTML_CALLS.get(name);
  if (known) {
    const value = argumentAt(call, known.arg);
    return value && receiver ? { value, label: known.label, audit: true } : undefined;
  }
  if (name === 'write' || name === 'writeln') {
    const value = argumentAt(call, 0);
    return value && receiver && isDocument(context, receiver, 0) ? { value, label: `document.${name}()`, audit: true } : undefined;
  }
  if (name === 'setAttribute') {
    // el.setAttribute('srcdoc', html), el.setAttribute('onclick', code)
    const attributeName = argumentAt(call, 0);
    const attribute = attributeName && context.dataflow.constant(attributeName)?.value;
    const value = argumentAt(call, 1);
    if (!value || typeof attribute !== 'string') return undefined;
    if (attribute.toLowerCase() === 'srcdoc') return { value, label: "setAttribute('srcdoc')", audit: true };
    if (/^on[a-z]+$/i.test(attribute)) return { value, label: `setAttribute('${attribute}')`, audit: true };
    return undefined;
  }
  if (JQUERY_HTML_METHODS.has(name)) {
    const value = argumentAt(call, 0);
    return value && receiver && isJQuery(context, receiver, 0) ? { value, label: `jQuery .${name}()`, audit: name === 'html' } : undefined;
  }
  if ((name === '$' || name === 'jQuery') && unwrap(call.callee).type === AST_NODE_TYPES.Identifier) {
    const value = argumentAt(call, 0);
    return value ? { value, label: `${name}()`, audit: false, selector: true } : undefined;
  }
  return undefined;
}

function check(context: AstRuleContext<MessageId>, sink: Sink | undefined): void {
  if (!sink) return;
  const { dataflow } = context;
  if (sink.selector) {
    // jQuery reads a string as HTML only when it starts with '<': `$('#' + id)` is a selector.
    const prefix = dataflow.constantPrefix(sink.value);
    if (prefix === undefined || (prefix !== '' && !prefix.trimStart().startsWith('<'))) return;
  }
  const verdict = dataflow.verdict(sink.value, 'xss');
  if (verdict.kind === 'tainted') {
    context.report({
      node: sink.value,
      messageId: 'domXss',
      data: { source: verdict.taint.source.label, sink: sink.label },
      flow: flowSteps(verdict.taint, sink.value, `${sink.label} parses it as HTML`),
      ...textContentFix(context, sink, verdict.taint.source.kind),
    });
  } else if (verdict.kind === 'unknown' && sink.audit) {
    context.report({ node: sink.value, messageId: 'domXssAudit', data: { sink: sink.label }, confidence: 'audit', severity: 'medium' });
  }
}

/**
 * `el.innerHTML = text` becomes `el.textContent = text` when the value is provably plain text: URL or
 * request data, text methods, and constants without markup or entities. Legitimate input (text)
 * then shows exactly as before, and markup shows as characters instead of running.
 */
function textContentFix(context: AstRuleContext<MessageId>, sink: Sink, sourceKind: string): { fix?: Fix } {
  const node = sink.assignment;
  if (!node || node.operator !== '=' || propertyName(node.left) !== 'innerHTML') return {};
  if (sourceKind !== 'browser' && sourceKind !== 'http') return {};
  const left = node.left as TSESTree.MemberExpression;
  if (left.computed || node.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return {};
  if (!isPlainText(context, node.right, 0)) return {};
  return {
    fix: {
      title: 'Write the value as text with textContent',
      edits: [{ start: left.property.range[0], end: left.property.range[1], text: 'textContent' }],
    },
  };
}

/** Whether a value is built only from text: markup-free constants and reads of URL or request data. */
function isPlainText(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): boolean {
  if (depth > 6) return false;
  const { dataflow } = context;
  const node = unwrap(input);
  const constant = dataflow.constant(node);
  if (constant) return typeof constant.value === 'number' || (typeof constant.value === 'string' && !/[<&]/.test(constant.value));
  switch (node.type) {
    case AST_NODE_TYPES.TemplateLiteral:
      return node.quasis.every((q) => !/[<&]/.test(q.value.cooked ?? '<')) && node.expressions.every((e) => isPlainText(context, e, depth + 1));
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' && isPlainText(context, node.left as TSESTree.Node, depth + 1) && isPlainText(context, node.right, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const definition = dataflow.definition(node);
      return !!definition && isPlainText(context, definition, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression: {
      // The source read itself: location.hash, req.query.name, location.search.split('=')[1]
      const verdict = dataflow.verdict(node, 'xss');
      if (verdict.kind !== 'tainted') return false;
      const { start, end, kind } = verdict.taint.source;
      return (kind === 'browser' || kind === 'http') && start >= node.range[0] && end <= node.range[1];
    }
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(node) ?? '';
      const receiver = calleeObject(node);
      const args = node.arguments.filter((a): a is TSESTree.Expression => a.type !== AST_NODE_TYPES.SpreadElement);
      // Arguments only have to carry no markup: `s.substring(start, end)` takes numbers.
      const plainArgs = args.every((a) => dataflow.verdict(a, 'xss').kind === 'safe' || isPlainText(context, a, depth + 1));
      if (receiver && TEXT_METHODS.has(name)) return isPlainText(context, receiver, depth + 1) && plainArgs;
      if (receiver && name === 'split') return isPlainText(context, receiver, depth + 1);
      if (!receiver && TEXT_FUNCTIONS.has(name)) return plainArgs;
      return false;
    }
    case AST_NODE_TYPES.NewExpression: {
      // new URLSearchParams(location.search): a container of text
      const name = unwrap(node.callee).type === AST_NODE_TYPES.Identifier ? (unwrap(node.callee) as TSESTree.Identifier).name : '';
      return (name === 'URLSearchParams' || name === 'URL') && node.arguments.every((a) => a.type !== AST_NODE_TYPES.SpreadElement && isPlainText(context, a, depth + 1));
    }
    default:
      return false;
  }
}

/** `document`, `win.document`, `iframe.contentDocument`, or a local holding one of them. */
function isDocument(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): boolean {
  if (depth > 3) return false;
  const node = unwrap(input);
  if (node.type === AST_NODE_TYPES.MemberExpression) return /^(?:document|contentDocument|ownerDocument)$/.test(propertyName(node) ?? '');
  if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'open' && calleeObject(node)) return isDocument(context, calleeObject(node)!, depth + 1);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const ref = context.dataflow.moduleRef(node);
  if (ref?.module === '#global' && ref.path.length === 1 && ref.path[0] === 'document') return true;
  const definition = context.dataflow.definition(node);
  return !!definition && isDocument(context, definition, depth + 1);
}

/** A jQuery (or cheerio) object: `$(...)`, `jQuery(...)`, `this.$(...)`, a chain on one, or a `$name` variable. */
function isJQuery(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): boolean {
  if (depth > 6) return false;
  const node = unwrap(input);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(node) ?? '';
    const callee = unwrap(node.callee);
    if ((name === '$' || name === 'jQuery') && (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression)) return true;
    const receiver = calleeObject(node);
    return !!receiver && JQUERY_CHAIN_METHODS.has(name) && isJQuery(context, receiver, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const definition = context.dataflow.definition(node);
    if (definition) return isJQuery(context, definition, depth + 1);
    // By long-standing convention a `$list` variable or parameter holds a jQuery object.
    return /^\$[A-Za-z_]/.test(node.name);
  }
  return false;
}
