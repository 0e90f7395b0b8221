// Unsafe deserialisation: untrusted data given to deserialisers that can create functions or run
// code (node-serialize, serialize-to-js, funcster, cryo, BSON with evalFunctions, js-yaml with its
// JavaScript types), and untrusted data serialised by serialize-javascript with `unsafe: true`.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, findProperty, isLiteralValue, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** Deserialisers that rebuild functions (node-serialize's IIFE trick, eval-based formats). */
const CODE_DESERIALIZERS: Record<string, string[]> = {
  'node-serialize': ['unserialize'],
  'serialize-to-js': ['deserialize'],
  funcster: ['deepDeserialize', 'deserialize'],
  cryo: ['parse'],
};
/** js-yaml 3 names that js-yaml 4 removed: a file that uses them runs js-yaml 3. */
const JS_YAML_3_NAMES = new Set(['safeLoad', 'safeLoadAll', 'safeDump', 'DEFAULT_SAFE_SCHEMA', 'DEFAULT_FULL_SCHEMA']);
const CANDIDATE_NAMES = new Set(['unserialize', 'deserialize', 'deepDeserialize', 'parse', 'load', 'loadAll', ...JS_YAML_3_NAMES]);

type MessageId = 'codeDeserializer' | 'codeDeserializerAudit' | 'yamlFullSchema' | 'bsonEvalFunctions' | 'serializeUnsafe';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-unsafe-deserialization',
    type: 'problem',
    severity: 'critical',
    docs: {
      title: 'Untrusted data given to a deserialiser that can run code',
      cwe: ['CWE-502'],
      owasp: ['A08:2021-Software and Data Integrity Failures'],
    },
    fixable: 'safe',
    messages: {
      codeDeserializer: '{{source}} reaches {{sink}}, which can rebuild functions from the data; a crafted payload runs code on the server.',
      codeDeserializerAudit: '{{sink}} can rebuild functions from its input, which Guardline could not trace; never give it data from outside.',
      yamlFullSchema: '{{source}} is parsed by {{sink}} with the JavaScript types of js-yaml (`!!js/function`), so a crafted document can create functions that run when called.',
      bsonEvalFunctions: '{{source}} is deserialised by {{sink}} with `evalFunctions: true`, which evaluates the functions stored in the document.',
      serializeUnsafe: '{{source}} is serialised by serialize-javascript with `unsafe: true`, which skips HTML escaping; inside a page a value like `</script><script>...` runs as script.',
    },
    sources: [
      { name: 'semgrep: javascript.lang.security.audit.unsafe-serialize-javascript', relation: 'inspired' },
      { name: 'nodejsscan: node_deserialize / yaml_deserialize', relation: 'inspired' },
    ],
    tags: ['deserialization', 'rce'],
  },
  // Prefilter: the deserialisers it knows.
  prefilter: ['serialize', 'funcster', 'cryo', 'js-yaml', 'bson', 'mongodb'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    const yamlNames: TSESTree.Node[] = [];
    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        const name = calleeName(node);
        if (callee.type === AST_NODE_TYPES.Identifier || (name && CANDIDATE_NAMES.has(name))) calls.push(node);
      },
      MemberExpression(node) {
        const name = propertyName(node);
        if (name && JS_YAML_3_NAMES.has(name)) yamlNames.push(node);
      },
      'Program:exit'() {
        const jsYaml3 = yamlNames.some((n) => context.dataflow.moduleRef(n)?.module === 'js-yaml') || calls.some((c) => JS_YAML_3_NAMES.has(context.dataflow.moduleRef(c.callee)?.path[0] ?? '') && context.dataflow.moduleRef(c.callee)?.module === 'js-yaml');
        for (const call of calls) check(context, call, jsYaml3);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, jsYaml3: boolean): void {
  const { dataflow } = context;
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return;
  const input = call.arguments[0];
  if (!input || input.type === AST_NODE_TYPES.SpreadElement) return;
  const fn = ref.path[ref.path.length - 1] ?? '';
  const sink = `${ref.module}${ref.path.length ? '.' : ''}${ref.path.join('.')}()`;

  if (CODE_DESERIALIZERS[ref.module]?.includes(fn) && ref.path.length === 1) {
    const verdict = dataflow.verdict(input, 'deserialization');
    if (verdict.kind === 'tainted') {
      context.report({ node: input, messageId: 'codeDeserializer', data: { source: verdict.taint.source.label, sink }, flow: flowSteps(verdict.taint, input, `${sink} rebuilds it`) });
    } else if (verdict.kind === 'unknown') {
      context.report({ node: input, messageId: 'codeDeserializerAudit', data: { sink }, confidence: 'audit', severity: 'high' });
    }
    return;
  }

  if (ref.module === 'js-yaml' && ref.path.length === 1 && (fn === 'load' || fn === 'loadAll')) {
    const unsafe = unsafeYamlSchema(context, call, fn, jsYaml3);
    if (!unsafe) return;
    const verdict = dataflow.verdict(input, 'deserialization');
    if (verdict.kind !== 'tainted') return;
    context.report({
      node: input,
      messageId: 'yamlFullSchema',
      data: { source: verdict.taint.source.label, sink },
      flow: flowSteps(verdict.taint, input, `${sink} parses it with the JavaScript types`),
      ...(unsafe.fix ? { fix: unsafe.fix } : {}),
    });
    return;
  }

  if ((ref.module === 'bson' || ref.module === 'mongodb') && fn === 'deserialize' && optionIsTrue(context, call.arguments[1], 'evalFunctions')) {
    const verdict = dataflow.verdict(input, 'deserialization');
    if (verdict.kind === 'tainted') {
      context.report({ node: input, messageId: 'bsonEvalFunctions', data: { source: verdict.taint.source.label, sink }, flow: flowSteps(verdict.taint, input, `${sink} evaluates its functions`) });
    }
    return;
  }

  if (ref.module === 'serialize-javascript' && ref.path.length === 0) {
    const options = call.arguments[1] && dataflow.objectLiteral(call.arguments[1]);
    const unsafe = options && findProperty(options, 'unsafe');
    if (!unsafe || !isLiteralValue(unwrap(unsafe.value), true)) return;
    const verdict = dataflow.verdict(input, 'xss');
    if (verdict.kind !== 'tainted') return;
    const fix: Fix | undefined = unwrap(options) === unwrap(call.arguments[1]!) ? { title: 'Turn HTML escaping back on (unsafe: false)', edits: [{ start: unsafe.value.range[0], end: unsafe.value.range[1], text: 'false' }] } : undefined;
    context.report({ node: input, messageId: 'serializeUnsafe', data: { source: verdict.taint.source.label }, flow: flowSteps(verdict.taint, input, 'serialize() with unsafe: true'), ...(fix ? { fix } : {}) });
  }
}

/**
 * Whether this js-yaml call parses with the JavaScript types: an explicit `DEFAULT_FULL_SCHEMA`, a
 * schema extended with `js-yaml-js-types`, or js-yaml 3's `load` without a schema (its default is
 * the full schema). The fix names the safe schema (or `safeLoad`) of js-yaml 3.
 */
function unsafeYamlSchema(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, fn: string, jsYaml3: boolean): { fix?: Fix } | undefined {
  const { dataflow } = context;
  // load(str, options); loadAll(str, iterator, options) or, in js-yaml 4, loadAll(str, options)
  const optionArgs = call.arguments.slice(1, fn === 'loadAll' ? 3 : 2).filter((a) => a.type !== AST_NODE_TYPES.SpreadElement && !isFunctionLike(context, a));
  const optionsArg = optionArgs[0];
  const options = optionsArg ? dataflow.objectLiteral(optionsArg) : undefined;
  const schemaProp = options && findProperty(options, 'schema');
  if (schemaProp) {
    const schema = unwrap(schemaProp.value);
    const ref = dataflow.moduleRef(schema);
    if (ref?.module === 'js-yaml' && ref.path.join('.') === 'DEFAULT_FULL_SCHEMA') {
      const fix: Fix | undefined = schema.type === AST_NODE_TYPES.MemberExpression && !schema.computed
        ? { title: 'Use js-yaml 3\'s safe schema', edits: [{ start: schema.property.range[0], end: schema.property.range[1], text: 'DEFAULT_SAFE_SCHEMA' }] }
        : undefined;
      return fix ? { fix } : {};
    }
    return usesJsTypes(context, schema, 0) ? {} : undefined;
  }
  if (!jsYaml3 || optionsArg) return undefined;
  // js-yaml 3: load(x) is load(x, { schema: DEFAULT_FULL_SCHEMA }); safeLoad(x) is the same minus the JS types.
  const callee = unwrap(call.callee);
  const name = fn === 'load' ? 'safeLoad' : 'safeLoadAll';
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
    return { fix: { title: `Use ${name}, which leaves out the JavaScript types`, edits: [{ start: callee.property.range[0], end: callee.property.range[1], text: name }] } };
  }
  return {};
}

/** A schema built with `js-yaml-js-types` (the JavaScript types moved out of js-yaml 4). */
function usesJsTypes(context: AstRuleContext<MessageId>, node: TSESTree.Node, depth: number): boolean {
  if (depth > 4) return false;
  const n = unwrap(node);
  const ref = context.dataflow.moduleRef(n);
  if (ref?.module === 'js-yaml-js-types') return true;
  if (n.type === AST_NODE_TYPES.Identifier) {
    const definition = context.dataflow.definition(n);
    return !!definition && usesJsTypes(context, definition, depth + 1);
  }
  if (n.type === AST_NODE_TYPES.CallExpression) return n.arguments.some((a) => usesJsTypes(context, a, depth + 1));
  if (n.type === AST_NODE_TYPES.ArrayExpression) return n.elements.some((e) => !!e && usesJsTypes(context, e, depth + 1));
  if (n.type === AST_NODE_TYPES.SpreadElement) return usesJsTypes(context, n.argument, depth + 1);
  return false;
}

/** An inline function or a local function's name (the `iterator` of `loadAll`). */
function isFunctionLike(context: AstRuleContext<MessageId>, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.FunctionExpression || n.type === AST_NODE_TYPES.ArrowFunctionExpression) return true;
  const definition = n.type === AST_NODE_TYPES.Identifier ? context.dataflow.definition(n) : undefined;
  return !!definition && (definition.type === AST_NODE_TYPES.FunctionDeclaration || definition.type === AST_NODE_TYPES.FunctionExpression || definition.type === AST_NODE_TYPES.ArrowFunctionExpression);
}

function optionIsTrue(context: AstRuleContext<MessageId>, node: TSESTree.Node | undefined, name: string): boolean {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return false;
  const options = context.dataflow.objectLiteral(node);
  const prop = options && findProperty(options, name);
  return !!prop && isLiteralValue(unwrap(prop.value), true);
}
