// React's dangerouslySetInnerHTML given untrusted or unsanitised HTML: the one place React stops
// escaping, in JSX (`dangerouslySetInnerHTML={{ __html: x }}`) and in createElement props.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, findProperty, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';

const PROP = 'dangerouslySetInnerHTML';

type MessageId = 'dangerousHtml' | 'dangerousHtmlProp' | 'dangerousHtmlAudit';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-react-dangerous-html',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Untrusted HTML in dangerouslySetInnerHTML',
      cwe: ['CWE-79'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    messages: {
      dangerousHtml: '{{source}} is rendered as HTML through dangerouslySetInnerHTML; an attacker can inject script that runs as the user. Sanitise it with DOMPurify.sanitize() or render it as text.',
      dangerousHtmlProp: 'This exported component renders {{source}} as HTML without sanitising it, so every caller that passes user content creates XSS; sanitise it here with DOMPurify.sanitize().',
      dangerousHtmlAudit: 'dangerouslySetInnerHTML renders a value Guardline could not trace and that is not sanitised; make sure it is DOMPurify-sanitised or trusted HTML.',
    },
    sources: [
      { name: 'eslint-plugin-react: no-danger', relation: 'inspired' },
      { name: 'semgrep: typescript.react.security.audit.react-dangerouslysetinnerhtml', relation: 'inspired' },
    ],
    tags: ['xss', 'react', 'injection'],
  },
  // Prefilter: the one prop it reads.
  prefilter: ['dangerouslySetInnerHTML'],
  create(context) {
    const values: TSESTree.Node[] = [];
    return {
      JSXAttribute(node) {
        if (node.name.type !== AST_NODE_TYPES.JSXIdentifier || node.name.name !== PROP) return;
        if (node.value?.type === AST_NODE_TYPES.JSXExpressionContainer && node.value.expression.type !== AST_NODE_TYPES.JSXEmptyExpression) values.push(node.value.expression);
      },
      // React.createElement('div', { dangerouslySetInnerHTML: { __html: x } }) and props objects spread into JSX
      Property(node) {
        if (propertyName(node) === PROP && node.parent?.type === AST_NODE_TYPES.ObjectExpression) values.push(node.value);
      },
      'Program:exit'() {
        for (const value of values) check(context, value);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, value: TSESTree.Node): void {
  const html = htmlOf(context, value);
  const verdict = context.dataflow.verdict(html, 'xss');
  if (verdict.kind === 'tainted') {
    // A component's own prop is its callers' contract (often rendered Markdown): a weaker finding.
    const fromCaller = verdict.taint.source.kind === 'exported-param';
    context.report({
      node: html,
      messageId: fromCaller ? 'dangerousHtmlProp' : 'dangerousHtml',
      data: { source: verdict.taint.source.label },
      flow: flowSteps(verdict.taint, html, 'rendered as HTML by dangerouslySetInnerHTML'),
      ...(fromCaller ? { severity: 'medium' as const } : {}),
    });
  } else if (verdict.kind === 'unknown') {
    context.report({ node: html, messageId: 'dangerousHtmlAudit', confidence: 'audit', severity: 'medium' });
  }
}

/** The `__html` value of `{ __html: x }` (inline or through a local object); else the whole value. */
function htmlOf(context: AstRuleContext<MessageId>, value: TSESTree.Node): TSESTree.Node {
  const node = unwrap(value);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    const html = findProperty(node, '__html');
    return html ? html.value : node;
  }
  return context.dataflow.property(node, '__html') ?? node;
}
