// JWTs accepted or issued without a signature: the `none` algorithm in jsonwebtoken, express-jwt,
// koa-jwt and passport-jwt options, jsonwebtoken.verify without a key, and jose's UnsecuredJWT.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';

type MessageId = 'acceptsNone' | 'signsNone' | 'verifyWithoutKey' | 'unsecuredDecode';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-jwt-none-algorithm',
    type: 'problem',
    severity: 'critical',
    docs: {
      title: "JWT accepted or issued with the 'none' algorithm",
      cwe: ['CWE-347', 'CWE-327'],
      owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures'],
    },
    fixable: 'safe',
    messages: {
      acceptsNone: "{{library}} accepts tokens with alg 'none': they carry no signature, so anyone can write a token with any user id or role and it will be accepted. Remove 'none' from the algorithms.",
      signsNone: "{{library}} issues unsigned tokens (alg 'none'); any client can change their claims. Sign with HS256 and a secret, or RS256/ES256 and a private key.",
      verifyWithoutKey: "jsonwebtoken.verify() is called without a key: older versions then accept unsigned tokens (alg 'none'). Pass the secret or public key and an algorithms list.",
      unsecuredDecode: "jose UnsecuredJWT.decode() accepts tokens that carry no signature; anyone can forge them. Use jwtVerify with a key.",
    },
    sources: [{ name: 'semgrep: javascript.jsonwebtoken.security.jwt-none-alg', relation: 'inspired' }],
    tags: ['jwt', 'authentication', 'crypto'],
  },
  // Prefilter: jsonwebtoken, jose and the *jwt* middleware.
  prefilter: ['jsonwebtoken', 'jwt', 'jose'],
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const keep = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const name = calleeName(node) ?? '';
      if (unwrap(node.callee).type === AST_NODE_TYPES.Identifier || /^(?:verify|sign|decode|expressjwt|expressJwt|Strategy|UnsecuredJWT)$/.test(name)) calls.push(node);
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
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return;
  const path = ref.path.join('.');
  const isNew = call.type === AST_NODE_TYPES.NewExpression;
  if (ref.module === 'jsonwebtoken' && path === 'verify' && !isNew) {
    const third = argumentAt(call, 2);
    const options = third && dataflow.objectLiteral(third) ? third : undefined;
    if (options && checkAlgorithms(context, options, 'jsonwebtoken.verify()')) return;
    const key = argumentAt(call, 1);
    const keyValue = key ? dataflow.constant(key) : { value: undefined };
    if (keyValue && !keyValue.value && !(options && dataflow.property(options, 'algorithms'))) {
      context.report({ node: key ?? call, messageId: 'verifyWithoutKey' });
    }
  } else if (ref.module === 'jsonwebtoken' && path === 'sign' && !isNew) {
    const options = argumentAt(call, 2);
    const algorithm = options && dataflow.property(options, 'algorithm');
    if (algorithm && isNone(dataflow.constant(algorithm)?.value)) context.report({ node: algorithm, messageId: 'signsNone', data: { library: 'jsonwebtoken.sign()' } });
  } else if (ref.module === 'express-jwt' && (path === '' || path === 'expressjwt' || path === 'expressJwt') && !isNew) {
    const options = argumentAt(call, 0);
    if (options) checkAlgorithms(context, options, 'express-jwt');
  } else if (ref.module === 'koa-jwt' && path === '' && !isNew) {
    const options = argumentAt(call, 0);
    if (options) checkAlgorithms(context, options, 'koa-jwt');
  } else if (ref.module === 'passport-jwt' && path === 'Strategy' && isNew) {
    const options = argumentAt(call, 0);
    if (options) checkAlgorithms(context, options, 'passport-jwt');
  } else if (ref.module === 'jose' && (path === 'JWT.verify' || path === 'JWT.sign' || path === 'JWS.verify' || path === 'JWS.sign') && !isNew) {
    // jose 1.x/2.x: JWK.None is the "no key" key of unsecured tokens
    const key = argumentAt(call, 1);
    const keyRef = key && dataflow.moduleRef(key);
    if (keyRef?.module === 'jose' && keyRef.path.join('.') === 'JWK.None') {
      context.report({ node: key!, messageId: path.endsWith('verify') ? 'acceptsNone' : 'signsNone', data: { library: `jose ${path}()` } });
    }
  } else if (ref.module === 'jose' && path === 'UnsecuredJWT' && isNew) {
    context.report({ node: call, messageId: 'signsNone', data: { library: 'jose UnsecuredJWT' } });
  } else if (ref.module === 'jose' && path === 'UnsecuredJWT.decode' && !isNew) {
    context.report({ node: call, messageId: 'unsecuredDecode' });
  }
}

function isNone(value: unknown): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === 'none';
}

/** Reports `'none'` in the options' `algorithms` list; true when it did. */
function checkAlgorithms(context: AstRuleContext<MessageId>, options: TSESTree.Node, library: string): boolean {
  const { dataflow } = context;
  const algorithms = dataflow.property(options, 'algorithms');
  if (!algorithms) return false;
  const list = unwrap(algorithms).type === AST_NODE_TYPES.ArrayExpression ? unwrap(algorithms) : dataflow.definition(algorithms);
  if (!list || unwrap(list).type !== AST_NODE_TYPES.ArrayExpression) return false;
  const elements = (unwrap(list) as TSESTree.ArrayExpression).elements;
  const none = elements.find((e) => e && e.type !== AST_NODE_TYPES.SpreadElement && isNone(dataflow.constant(e)?.value));
  if (!none) return false;
  // A list defined elsewhere is reported where it is used, and fixed where it is written.
  const inline = unwrap(algorithms).type === AST_NODE_TYPES.ArrayExpression;
  context.report({ node: inline ? none : algorithms, messageId: 'acceptsNone', data: { library }, ...removeElementFix(context, elements, none) });
  return true;
}

/**
 * Removing 'none' from a list that also names real algorithms keeps every signed token working
 * and rejects only the unsigned ones.
 */
function removeElementFix(context: AstRuleContext<MessageId>, elements: TSESTree.ArrayExpression['elements'], none: TSESTree.Node): { fix?: Fix } {
  const others = elements.filter((e) => e && e !== none);
  if (others.length === 0 || others.length !== elements.length - 1) return {};
  const text = context.file.text;
  let start = none.range[0];
  let end = none.range[1];
  const after = /^\s*,\s*/.exec(text.slice(end));
  const before = /,\s*$/.exec(text.slice(0, start));
  if (elements[elements.length - 1] === none && before) start -= before[0].length;
  else if (after) end += after[0].length;
  else return {};
  return { fix: { title: "Remove 'none' from the accepted algorithms", edits: [{ start, end, text: '' }] } };
}
