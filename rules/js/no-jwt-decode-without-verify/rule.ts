// Claims of a request's JWT read without checking its signature: jsonwebtoken.decode, jwt-decode,
// jose.decodeJwt on request data in server code that never verifies the token, and jwt-simple's
// decode with verification switched off.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, childNodes, isFunction, propertyName, unwrap, type TSESTree } from '../../api/ast';
import { SERVER_INPUT_SOURCES } from '../../api/dataflow';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';

type MessageId = 'decodeWithoutVerify' | 'noVerifyFlag';

/** Calls that check a signature; their presence next to a decode means the decode is for routing (kid, exp). */
const VERIFY_NAMES = /^(?:verify|jwtVerify|verifyToken|verifyJwt|verifyJWT|verifyIdToken|verifyAccessToken|compactVerify|flattenedVerify)$/;

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-jwt-decode-without-verify',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'JWT claims from a request used without verifying the signature',
      cwe: ['CWE-347', 'CWE-345'],
      owasp: ['A07:2021-Identification and Authentication Failures'],
    },
    fixable: null,
    messages: {
      decodeWithoutVerify: '{{fn}} reads the claims of {{source}} without checking its signature, and this code never verifies it: anyone can write a token with any user id or role. Use a verify call with the key and an algorithms list.',
      noVerifyFlag: 'jwt-simple decode() is told not to verify the signature (noVerify = true): anyone can write a token with any claims. Remove the flag and pass the key.',
    },
    sources: [{ name: 'semgrep: javascript.jsonwebtoken.security.audit.jwt-decode-without-verify', relation: 'inspired' }],
    tags: ['jwt', 'authentication'],
  },
  // Prefilter: jsonwebtoken, jose, jwt-decode and jwt-simple.
  prefilter: ['jsonwebtoken', 'jwt', 'jose'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node) ?? '';
        if (unwrap(node.callee).type === AST_NODE_TYPES.Identifier || name === 'decode' || name === 'decodeJwt' || name === 'jwtDecode') calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return;
  const path = ref.path.join('.');
  const token = call.arguments[0];
  if (!token || token.type === AST_NODE_TYPES.SpreadElement) return;
  if (ref.module === 'jwt-simple' && path === 'decode') {
    const noVerify = call.arguments[2];
    if (noVerify && noVerify.type !== AST_NODE_TYPES.SpreadElement && dataflow.constant(noVerify)?.value === true) context.report({ node: noVerify, messageId: 'noVerifyFlag' });
    return;
  }
  let fn: string | undefined;
  if (ref.module === 'jsonwebtoken' && path === 'decode') fn = 'jwt.decode()';
  else if (ref.module === 'jwt-decode' && (path === '' || path === 'jwtDecode' || path === 'default')) fn = 'jwtDecode()';
  else if (ref.module === 'jose' && path === 'decodeJwt') fn = 'jose.decodeJwt()';
  if (!fn) return;
  // decode(token).header (or .exp) picks a key or schedules a refresh; it does not trust the claims
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === call && /^(?:header|exp|iat)$/.test(propertyName(parent) ?? '')) return;
  const verdict = dataflow.verdict(token, 'header');
  if (verdict.kind !== 'tainted' || !SERVER_INPUT_SOURCES.has(verdict.taint.source.kind)) return;
  if (verifiesNearby(call)) return;
  context.report({
    node: call,
    messageId: 'decodeWithoutVerify',
    data: { fn, source: `the token from ${verdict.taint.source.label}` },
    flow: flowSteps(verdict.taint, call, `${fn} trusts it unverified`),
  });
}

/** Whether the function around the decode (or the module, at top level) also verifies a token. */
function verifiesNearby(call: TSESTree.Node): boolean {
  let scope: TSESTree.Node | undefined = call.parent;
  while (scope && !isFunction(scope) && scope.type !== AST_NODE_TYPES.Program) scope = scope.parent;
  if (!scope) return false;
  const stack: TSESTree.Node[] = [isFunction(scope) ? scope.body : scope];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.CallExpression && VERIFY_NAMES.test(calleeName(node) ?? '')) return true;
    for (const child of childNodes(node)) stack.push(child);
  }
  return false;
}
