// JWT signing secrets written in the source, short ones above all (they can be brute-forced from
// any token): jsonwebtoken sign/verify, express-jwt, koa-jwt, passport-jwt, @fastify/jwt,
// @nestjs/jwt, jwt-simple and jose, including `process.env.X || 'fallback'`.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, unwrap, type TSESTree } from '../../api/ast';
import { memberValue } from '../../api/values';
import type { AstRuleContext } from '../../api/types';

type MessageId = 'weakSecret' | 'hardcodedSecret' | 'fallbackSecret';

/** HS256 needs a key at least as long as its 256-bit output (RFC 7518, section 3.2). */
const MIN_SECRET_LENGTH = 32;
/** Values from tutorials and wordlists that cracking tools try first. */
const COMMON_SECRETS = /^(?:secret|secretkey|secret[-_]?key|mysecret|my[-_]?secret(?:[-_]?key)?|supersecret|super[-_]?secret(?:[-_]?key)?|jwt[-_]?secret|jwtsecret|changeme|change[-_]?me|password|shhhhh+|keyboard cat|your[-_]?256[-_]?bit[-_]?secret|your[-_]?secret[-_]?key|test|dev|default|token[-_]?secret|private[-_]?key|s3cr3t)$/i;

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-hardcoded-jwt-secret',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'JWT signing secret written in the source',
      cwe: ['CWE-798', 'CWE-321'],
      owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures'],
    },
    fixable: null,
    messages: {
      weakSecret: '{{library}} uses a short or well-known secret written in the source ({{length}} characters): it can be guessed or brute-forced offline from any single token, and then anyone can sign tokens for any user. Load a random secret of at least 32 bytes from the environment or a secret manager.',
      hardcodedSecret: '{{library}} uses a signing secret written in the source: anyone who can read the code (the repository, a container image, a leaked bundle) can sign tokens for any user. Load it from the environment or a secret manager.',
      fallbackSecret: '{{library}} falls back to a secret written in the source when {{setting}} is not set, so a deployment that forgets it accepts tokens anyone can sign. Fail at start-up instead of falling back.',
    },
    sources: [
      { name: 'semgrep: javascript.jsonwebtoken.security.jwt-hardcode.hardcoded-jwt-secret', relation: 'inspired' },
      { name: 'nodejsscan: hardcoded_jwt_secret', relation: 'inspired' },
    ],
    tags: ['jwt', 'secrets', 'crypto'],
  },
  // Prefilter: jsonwebtoken, jose and the *jwt* middleware and plugins.
  prefilter: ['jsonwebtoken', 'jwt', 'jose'],
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const keep = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const name = calleeName(node) ?? '';
      if (unwrap(node.callee).type === AST_NODE_TYPES.Identifier || /^(?:sign|verify|encode|decode|register|registerAsync|jwtVerify|expressjwt|expressJwt|Strategy)$/.test(name)) calls.push(node);
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

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const { dataflow } = context;
  const isNew = call.type === AST_NODE_TYPES.NewExpression;
  const first = argumentAt(call, 0);
  const second = argumentAt(call, 1);
  if (calleeName(call) === 'register' && !isNew) {
    // fastify.register(require('@fastify/jwt'), { secret: '...' })
    const pluginRef = first && dataflow.moduleRef(first);
    if (pluginRef && (pluginRef.module === '@fastify/jwt' || pluginRef.module === 'fastify-jwt')) checkOption(context, second, 'secret', pluginRef.module);
  }
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return;
  const path = ref.path.join('.');
  if (ref.module === 'jsonwebtoken' && (path === 'sign' || path === 'verify') && !isNew) {
    checkSecret(context, second, `jsonwebtoken.${path}()`);
  } else if (ref.module === 'jwt-simple' && (path === 'encode' || path === 'decode') && !isNew) {
    checkSecret(context, second, `jwt-simple ${path}()`);
  } else if (ref.module === 'express-jwt' && (path === '' || path === 'expressjwt' || path === 'expressJwt') && !isNew) {
    checkOption(context, first, 'secret', 'express-jwt');
  } else if (ref.module === 'koa-jwt' && path === '' && !isNew) {
    checkOption(context, first, 'secret', 'koa-jwt');
  } else if (ref.module === 'passport-jwt' && path === 'Strategy' && isNew) {
    checkOption(context, first, 'secretOrKey', 'passport-jwt');
  } else if (ref.module === '@nestjs/jwt' && (path === 'JwtModule.register') && !isNew) {
    checkOption(context, first, 'secret', 'JwtModule');
  } else if (ref.module === 'jose' && ref.path[0] === 'SignJWT' && ref.path[ref.path.length - 1] === 'sign' && !isNew) {
    checkSecret(context, first, 'jose SignJWT.sign()');
  } else if (ref.module === 'jose' && path === 'jwtVerify' && !isNew) {
    checkSecret(context, second, 'jose jwtVerify()');
  }
}

/** The secret in option `name` of an options object, when the call has one. */
function checkOption(context: AstRuleContext<MessageId>, options: TSESTree.Node | undefined, name: string, library: string): void {
  if (options) checkSecret(context, context.dataflow.property(options, name), library);
}

type Verdict = { kind: 'literal'; text: string } | { kind: 'fallback'; setting: string };

/** Reports a key written in the source (or a fallback to one); `value` is undefined when the call has no key. */
function checkSecret(context: AstRuleContext<MessageId>, value: TSESTree.Node | undefined, library: string): void {
  if (!value) return;
  const verdict = classify(context, value, 0);
  if (!verdict) return;
  if (verdict.kind === 'fallback') {
    context.report({ node: value, messageId: 'fallbackSecret', data: { library, setting: verdict.setting }, severity: 'medium', confidence: 'audit' });
    return;
  }
  // The message gives the length only: a finding never prints the secret.
  const weak = verdict.text.length < MIN_SECRET_LENGTH || COMMON_SECRETS.test(verdict.text.trim());
  context.report({ node: value, messageId: weak ? 'weakSecret' : 'hardcodedSecret', data: { library, length: verdict.text.length } });
}

/** Whether a key is (or falls back to) text written in this file. PEM keys are left to secret detection. */
function classify(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): Verdict | undefined {
  if (depth > 5) return undefined;
  const { dataflow } = context;
  const node = unwrap(input);
  const constant = dataflow.constant(node);
  if (constant) {
    const text = constant.value;
    return typeof text === 'string' && text !== '' && !text.includes('-----BEGIN') ? { kind: 'literal', text } : undefined;
  }
  switch (node.type) {
    case AST_NODE_TYPES.LogicalExpression: {
      if (node.operator === '&&' || dataflow.constant(node.left)) return undefined;
      const fallback = classify(context, node.right, depth + 1);
      return fallback?.kind === 'literal' ? { kind: 'fallback', setting: settingName(context, node.left) } : undefined;
    }
    case AST_NODE_TYPES.ConditionalExpression: {
      for (const [branch, other] of [[node.consequent, node.alternate], [node.alternate, node.consequent]] as const) {
        if (classify(context, branch, depth + 1)?.kind === 'literal' && !dataflow.constant(other)) return { kind: 'fallback', setting: settingName(context, other) };
      }
      return undefined;
    }
    case AST_NODE_TYPES.Identifier: {
      const def = dataflow.definition(node);
      return def ? classify(context, def, depth + 1) : undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const value = memberValue(context.dataflow, node);
      return value ? classify(context, value, depth + 1) : undefined;
    }
    case AST_NODE_TYPES.CallExpression: {
      // Buffer.from('...'), new TextEncoder().encode('...'), createSecretKey(Buffer.from('...'))
      const name = calleeName(node);
      const first = node.arguments[0];
      if ((name === 'from' || name === 'encode' || name === 'createSecretKey') && first && first.type !== AST_NODE_TYPES.SpreadElement) return classify(context, first, depth + 1);
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
