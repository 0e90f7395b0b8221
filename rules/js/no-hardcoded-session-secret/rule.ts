// Session and cookie signing secrets written in the source: express-session `secret`,
// cookie-parser, cookie-session `keys`, Koa `app.keys`, Fastify session/cookie plugins,
// iron-session `password` and NextAuth `secret`, including `process.env.X || 'fallback'`.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, propertyName, unwrap, type TSESTree } from '../../api/ast';
import { memberValue } from '../../api/values';
import type { AstRuleContext } from '../../api/types';

type MessageId = 'hardcodedSecret' | 'fallbackSecret';

/** Middleware called as `lib(options)` and the option names that hold signing secrets. */
const OPTION_SECRETS: Record<string, string[]> = {
  'express-session': ['secret'],
  'cookie-session': ['keys', 'secret'],
  'next-auth': ['secret'],
};
/** Fastify plugins registered as `fastify.register(plugin, options)`. */
const FASTIFY_PLUGINS: Record<string, string[]> = {
  '@fastify/session': ['secret'],
  'fastify-session': ['secret'],
  '@fastify/cookie': ['secret'],
  'fastify-cookie': ['secret'],
  '@fastify/secure-session': ['secret', 'key'],
  'fastify-secure-session': ['secret', 'key'],
};
/** iron-session functions whose options carry `password`. */
const IRON_FUNCTIONS = new Set(['getIronSession', 'withIronSessionApiRoute', 'withIronSessionSsr', 'sealData', 'unsealData', 'ironSession']);

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-hardcoded-session-secret',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Session or cookie signing secret written in the source',
      cwe: ['CWE-798'],
      owasp: ['A07:2021-Identification and Authentication Failures'],
    },
    fixable: null,
    messages: {
      hardcodedSecret: '{{library}} signs session cookies with a secret written in the source: anyone who can read the code (the repository, a container image, a leaked backup) can forge a session for any user. Load it from the environment or a secret manager.',
      fallbackSecret: '{{library}} falls back to a signing secret written in the source when {{setting}} is not set, so a deployment that forgets it runs with a public secret anyone can forge sessions with. Fail at start-up instead of falling back.',
    },
    sources: [{ name: 'semgrep: javascript.express.security.audit.express-session-hardcoded-secret', relation: 'inspired' }],
    tags: ['session', 'secrets'],
  },
  // Prefilter: the session and cookie middleware it knows, next-auth and Koa.
  prefilter: ['session', 'cookie', 'next-auth', 'koa'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    const newKoa: TSESTree.NewExpression[] = [];
    const keyAssignments: TSESTree.AssignmentExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (unwrap(node.callee).type === AST_NODE_TYPES.Identifier || name === 'register' || (name && IRON_FUNCTIONS.has(name))) calls.push(node);
      },
      NewExpression(node) {
        if (node.arguments.length) newKoa.push(node);
      },
      AssignmentExpression(node) {
        const left = unwrap(node.left);
        if (node.operator === '=' && left.type === AST_NODE_TYPES.MemberExpression && propertyName(left) === 'keys') keyAssignments.push(node);
      },
      'Program:exit'() {
        for (const call of calls) checkCall(context, call);
        for (const node of newKoa) {
          const ref = context.dataflow.moduleRef(node.callee);
          const options = node.arguments[0];
          if (ref?.module === 'koa' && ref.path.length === 0 && options && options.type !== AST_NODE_TYPES.SpreadElement) checkOptions(context, options, ['keys'], 'Koa');
        }
        for (const assignment of keyAssignments) {
          // app.keys = ['...'] on a Koa application
          const ref = context.dataflow.moduleRef((unwrap(assignment.left) as TSESTree.MemberExpression).object);
          if (ref?.module === 'koa' && ref.path.join('.') === 'new') checkSecret(context, assignment.right, 'Koa (app.keys)');
        }
      },
    };
  },
});

function checkCall(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  if (calleeName(call) === 'register') {
    const plugin = argumentAt(call, 0);
    const ref = plugin && dataflow.moduleRef(plugin);
    const names = ref && ref.path.length <= 1 ? FASTIFY_PLUGINS[ref.module] : undefined;
    const options = argumentAt(call, 1);
    if (names && options) checkOptions(context, options, names, ref!.module);
    return;
  }
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return;
  if (ref.path.length === 0 && ref.module in OPTION_SECRETS) {
    const options = argumentAt(call, 0);
    if (options) checkOptions(context, options, OPTION_SECRETS[ref.module]!, ref.module);
  } else if (ref.module === 'cookie-parser' && ref.path.length === 0) {
    const secret = argumentAt(call, 0);
    if (secret) checkSecret(context, secret, 'cookie-parser');
  } else if (ref.module.startsWith('iron-session') && IRON_FUNCTIONS.has(ref.path[0] ?? '')) {
    // the options are the last object argument
    for (let i = call.arguments.length - 1; i >= 0; i--) {
      const options = argumentAt(call, i);
      if (options && dataflow.objectLiteral(options)) {
        checkOptions(context, options, ['password'], 'iron-session');
        break;
      }
    }
  }
}

function checkOptions(context: AstRuleContext<MessageId>, options: TSESTree.Node, names: string[], library: string): void {
  for (const name of names) {
    const value = context.dataflow.property(options, name);
    if (value) checkSecret(context, value, library);
  }
}

type Verdict = { kind: 'hardcoded'; node: TSESTree.Node } | { kind: 'fallback'; node: TSESTree.Node; setting: string };

function checkSecret(context: AstRuleContext<MessageId>, value: TSESTree.Node, library: string): void {
  const verdict = classify(context, value, 0);
  if (!verdict) return;
  if (verdict.kind === 'hardcoded') context.report({ node: verdict.node, messageId: 'hardcodedSecret', data: { library } });
  else context.report({ node: verdict.node, messageId: 'fallbackSecret', data: { library, setting: verdict.setting }, severity: 'medium', confidence: 'audit' });
}

/** Whether a secret value is (or falls back to) text written in this file. */
function classify(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): Verdict | undefined {
  if (depth > 5) return undefined;
  const { dataflow } = context;
  const node = unwrap(input);
  const constant = dataflow.constant(node);
  if (constant) return typeof constant.value === 'string' ? { kind: 'hardcoded', node } : undefined;
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression: {
      for (const element of node.elements) {
        if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
        const inner = classify(context, element, depth + 1);
        if (inner) return inner;
      }
      return undefined;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      // process.env.SESSION_SECRET || 'keyboard cat'
      if (node.operator === '&&') return undefined;
      const fallback = dataflow.constant(node.right);
      if (fallback && typeof fallback.value === 'string' && fallback.value !== '' && !dataflow.constant(node.left)) {
        return { kind: 'fallback', node: node.right, setting: settingName(context, node.left) };
      }
      return undefined;
    }
    case AST_NODE_TYPES.ConditionalExpression: {
      for (const branch of [node.consequent, node.alternate]) {
        const value = dataflow.constant(branch);
        if (value && typeof value.value === 'string' && value.value !== '') return { kind: 'fallback', node: branch, setting: settingName(context, branch === node.consequent ? node.alternate : node.consequent) };
      }
      return undefined;
    }
    case AST_NODE_TYPES.Identifier: {
      const def = dataflow.definition(node);
      const inner = def ? classify(context, def, depth + 1) : undefined;
      // report where the reader looks: at the use, naming the constant
      return inner ? { ...inner, node } : undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const value = memberValue(context.dataflow, node);
      const inner = value ? classify(context, value, depth + 1) : undefined;
      return inner ? { ...inner, node } : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      // Buffer.from('...'), new TextEncoder().encode('...')
      const name = calleeName(node);
      const first = node.arguments[0];
      if ((name === 'from' || name === 'encode') && first && first.type !== AST_NODE_TYPES.SpreadElement) {
        const inner = classify(context, first, depth + 1);
        return inner ? { ...inner, node } : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function settingName(context: AstRuleContext<MessageId>, node: TSESTree.Node): string {
  const text = context.file.getText(unwrap(node)).replace(/\s+/g, ' ');
  return text.length > 40 ? 'the setting' : text;
}
