// Dynamic module loading from untrusted data: request or page data in require(), import(),
// module.require() or a createRequire() function, which loads and runs whatever file it names.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, unwrap, type TSESTree } from '../../api/ast';
import { ATTACKER_SOURCES } from '../../api/dataflow';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';

/**
 * Only data a remote attacker sends counts. Plugin loaders in libraries and CLIs load the module
 * their caller or user names on purpose, so exported parameters and argv are not sources here.
 */

type MessageId = 'dynamicRequire' | 'dynamicImportInPage';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-dynamic-require',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Module path from untrusted data',
      cwe: ['CWE-706', 'CWE-829'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    messages: {
      dynamicRequire: '{{source}} decides which module {{sink}} loads; an attacker can load and run any JavaScript file on the server (an upload, a file in node_modules).',
      dynamicImportInPage: '{{source}} decides which script module {{sink}} loads into the page; an attacker can run a script of their choosing as the user.',
    },
    sources: [{ name: 'eslint-plugin-security: detect-non-literal-require', relation: 'inspired' }],
    tags: ['injection', 'code', 'require'],
  },
  // Prefilter: require(), module.require(), createRequire() and import().
  prefilter: ['require', 'import'],
  create(context) {
    const loads: Array<{ node: TSESTree.Node; specifier: TSESTree.Node }> = [];
    return {
      CallExpression(node) {
        const first = node.arguments[0];
        if (!first || first.type === AST_NODE_TYPES.SpreadElement) return;
        const callee = unwrap(node.callee);
        // require(x), module.require(x), req(x) where req = createRequire(...): keep identifiers and `require` members.
        if (callee.type === AST_NODE_TYPES.Identifier || calleeName(node) === 'require' || callee.type === AST_NODE_TYPES.CallExpression) loads.push({ node, specifier: first });
      },
      ImportExpression(node) {
        loads.push({ node, specifier: node.source });
      },
      'Program:exit'() {
        for (const load of loads) check(context, load.node, load.specifier);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, node: TSESTree.Node, specifier: TSESTree.Node): void {
  const sink = loaderName(context, node);
  if (!sink) return;
  const verdict = context.dataflow.verdict(specifier, 'path');
  if (verdict.kind !== 'tainted' || !ATTACKER_SOURCES.has(verdict.taint.source.kind)) return;
  const inPage = verdict.taint.source.kind === 'browser' || verdict.taint.source.kind === 'message';
  context.report({
    node: specifier,
    messageId: inPage ? 'dynamicImportInPage' : 'dynamicRequire',
    data: { source: verdict.taint.source.label, sink },
    flow: flowSteps(verdict.taint, specifier, `${sink} loads and runs the module`),
  });
}

/** `require()`, `import()`, `module.require()` or `createRequire()()`, or undefined for other calls. */
function loaderName(context: AstRuleContext<MessageId>, node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.ImportExpression) return 'import()';
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && calleeName(node) === 'require') {
    const object = unwrap(callee.object);
    return object.type === AST_NODE_TYPES.Identifier && object.name === 'module' ? 'module.require()' : undefined;
  }
  const ref = context.dataflow.moduleRef(callee);
  if (ref?.module === '#global' && ref.path.length === 1 && ref.path[0] === 'require') return 'require()';
  // const load = createRequire(import.meta.url); load(x)  /  createRequire(__filename)(x)
  if (ref?.module === 'module' && ref.path.length === 2 && ref.path[0] === 'createRequire' && ref.path[1] === '()') return 'createRequire()()';
  return undefined;
}
