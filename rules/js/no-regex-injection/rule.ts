// Regular-expression injection: untrusted text compiled as a pattern by `new RegExp(x)`, `RegExp(x)`,
// a string handed to `match`/`matchAll`/`search`, or MongoDB's `$regex`, without escaping it.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** String methods that compile a string argument into a regular expression. */
const COMPILING_METHODS = new Set(['match', 'matchAll', 'search']);
const ESCAPE = ".replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')";

type MessageId = 'regexInjection' | 'regexInjectionAudit';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-regex-injection',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Untrusted data compiled as a regular expression',
      cwe: ['CWE-1333', 'CWE-400'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    hasSuggestions: true,
    messages: {
      regexInjection: '{{source}} is compiled as a regular expression by {{sink}}; an attacker can send a pattern that backtracks for minutes (ReDoS) or matches far more than intended.',
      regexInjectionAudit: '{{sink}} compiles a pattern from a value Guardline could not trace; escape it unless it is meant to be a trusted pattern.',
    },
    sources: [
      { name: 'eslint-plugin-security: detect-non-literal-regexp', relation: 'inspired' },
      { name: 'semgrep: javascript.lang.security.audit.detect-non-literal-regexp', relation: 'inspired' },
    ],
    tags: ['injection', 'regex', 'redos'],
  },
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const keep = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const name = calleeName(node);
      if (name === 'RegExp' || (name && COMPILING_METHODS.has(name) && node.type === AST_NODE_TYPES.CallExpression)) calls.push(node);
    };
    const mongoRegexes: TSESTree.Property[] = [];
    return {
      NewExpression: keep,
      CallExpression: keep,
      Property(node) {
        if (propertyName(node) === '$regex') mongoRegexes.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
        for (const prop of mongoRegexes) checkPattern(context, prop.value, 'MongoDB $regex', false);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const { dataflow } = context;
  const name = calleeName(call)!;
  const pattern = call.arguments[0];
  if (!pattern || pattern.type === AST_NODE_TYPES.SpreadElement) return;
  let sink: string;
  if (name === 'RegExp') {
    const ref = dataflow.moduleRef(call.callee);
    if (ref?.module !== '#global') return;
    sink = call.type === AST_NODE_TYPES.NewExpression ? 'new RegExp()' : 'RegExp()';
  } else {
    if (unwrap(call.callee).type !== AST_NODE_TYPES.MemberExpression) return;
    sink = `${name}()`;
  }
  checkPattern(context, pattern, sink, name === 'RegExp');
}

/** Reports `pattern` when untrusted text reaches it (and, for constructors, when it cannot be traced). */
function checkPattern(context: AstRuleContext<MessageId>, pattern: TSESTree.Node, sink: string, audit: boolean): void {
  const verdict = context.dataflow.verdict(pattern, 'regex');
  if (verdict.kind === 'tainted') {
    const suggestion = escapeSuggestion(context, pattern);
    context.report({
      node: pattern,
      messageId: 'regexInjection',
      data: { source: verdict.taint.source.label, sink },
      flow: flowSteps(verdict.taint, pattern, `${sink} compiles it as a pattern`),
      ...(suggestion ? { suggestions: [suggestion] } : {}),
    });
  } else if (verdict.kind === 'unknown' && audit && !holdsRegExp(pattern)) {
    context.report({ node: pattern, messageId: 'regexInjectionAudit', data: { sink }, confidence: 'audit', severity: 'low' });
  }
}

/** `new RegExp(otherRegExp, 'g')` copies a pattern rather than compiling text. */
function holdsRegExp(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return (n.type === AST_NODE_TYPES.Literal && 'regex' in n && !!n.regex) || (n.type === AST_NODE_TYPES.MemberExpression && !n.computed && n.property.type === AST_NODE_TYPES.Identifier && n.property.name === 'source');
}

/**
 * Wraps each untrusted part of the pattern in `String(x).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`,
 * so `new RegExp('^' + name)` still anchors but `name` matches literally. A suggestion, because a
 * feature may mean to accept patterns.
 */
function escapeSuggestion(context: AstRuleContext<MessageId>, pattern: TSESTree.Node): Fix | undefined {
  const { dataflow, file } = context;
  const parts: TSESTree.Node[] = [];
  const collect = (node: TSESTree.Node): void => {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') {
      collect(n.left);
      collect(n.right);
    } else if (n.type === AST_NODE_TYPES.TemplateLiteral) {
      n.expressions.forEach(collect);
    } else if (dataflow.verdict(n, 'regex').kind === 'tainted') {
      parts.push(n);
    }
  };
  collect(pattern);
  if (parts.length === 0) return undefined;
  return {
    title: 'Escape the regular-expression special characters of the value',
    edits: parts.map((part) => ({ start: part.range[0], end: part.range[1], text: `String(${file.getText(part)})${ESCAPE}` })),
  };
}
