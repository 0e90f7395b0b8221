// window.postMessage(data, '*'): the message goes to whatever page the target window shows now,
// so data that is not a constant can leak to another site.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, findProperty, stringValue, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';

type MessageId = 'wildcardTarget';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-postmessage-wildcard',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'postMessage to any origin',
      cwe: ['CWE-345'],
      owasp: ['A08:2021-Software and Data Integrity Failures'],
    },
    fixable: null,
    hasSuggestions: true,
    messages: {
      wildcardTarget: "postMessage(..., '*') sends this data to whatever page the target window shows, which another site can navigate it to; name the receiver's origin instead.",
    },
    sources: [
      { name: 'semgrep: javascript.browser.security.wildcard-postmessage-configuration', relation: 'inspired' },
      { name: '@microsoft/eslint-plugin-sdl: no-postmessage-star-origin', relation: 'same' },
    ],
    tags: ['postmessage', 'browser'],
  },
  // Prefilter: postMessage calls.
  prefilter: ['postMessage'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        if (calleeName(node) === 'postMessage' && node.arguments.length >= 2) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  const [data, target] = call.arguments;
  if (!data || !target || data.type === AST_NODE_TYPES.SpreadElement || target.type === AST_NODE_TYPES.SpreadElement) return;
  // postMessage(data, '*') or postMessage(data, { targetOrigin: '*' }); a Worker's second argument is a transfer list.
  let wildcard: TSESTree.Node | undefined;
  if (dataflow.constant(target)?.value === '*') wildcard = target;
  else {
    const options = dataflow.objectLiteral(target);
    const origin = options && findProperty(options, 'targetOrigin');
    if (origin && dataflow.constant(origin.value)?.value === '*') wildcard = origin.value;
  }
  if (!wildcard || isConstantData(context, data, 0)) return;
  // Replacing '*' needs the receiver's origin, which only the author knows; this page's own origin
  // is right when both frames belong to the same site.
  const literal = unwrap(wildcard);
  const suggestions = stringValue(literal) === '*' && literal.type === AST_NODE_TYPES.Literal
    ? [{ title: "Send only to this page's own origin (use the receiver's origin if it is another site)", edits: [{ start: literal.range[0], end: literal.range[1], text: 'window.location.origin' }] }]
    : [];
  context.report({ node: call, messageId: 'wildcardTarget', suggestions });
}

/** A constant, or an object or array literal made only of constants: `{ type: 'ready' }`. */
function isConstantData(context: AstRuleContext<MessageId>, node: TSESTree.Node, depth: number): boolean {
  if (depth > 6) return false;
  if (context.dataflow.constant(node)) return true;
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.ArrayExpression) return n.elements.every((e) => !e || (e.type !== AST_NODE_TYPES.SpreadElement && isConstantData(context, e, depth + 1)));
  const object = context.dataflow.objectLiteral(n);
  if (!object) return false;
  return object.properties.every((p) => p.type === AST_NODE_TYPES.Property && !p.computed && isConstantData(context, p.value, depth + 1));
}
