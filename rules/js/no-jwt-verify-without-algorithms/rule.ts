// JWT verification that lets the token's header choose the algorithm: jsonwebtoken.verify,
// express-jwt, koa-jwt and passport-jwt without an `algorithms` list (algorithm confusion,
// CVE-2015-9235, CVE-2020-15084, CVE-2022-23541). The confusion needs a key that may be public (a
// PEM file, JWKS, a key lookup); with a shared secret jsonwebtoken accepts only HS256/384/512, so
// that case is an audit finding.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, isFunction, unwrap, type TSESTree } from '../../api/ast';
import { hasUnknownSpread } from '../../api/values';
import type { AstRuleContext, Fix } from '../../api/types';

type MessageId = 'missingAlgorithms' | 'missingAlgorithmsSecret';

/** Verifiers that take an options object, keyed by `module` or `module.export`. */
const MIDDLEWARE = new Set(['express-jwt', 'express-jwt.expressjwt', 'express-jwt.expressJwt', 'koa-jwt', 'passport-jwt.Strategy']);

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-jwt-verify-without-algorithms',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'JWT verified without an explicit algorithms list',
      cwe: ['CWE-347', 'CWE-757'],
      owasp: ['A02:2021-Cryptographic Failures'],
    },
    fixable: 'safe',
    hasSuggestions: true,
    messages: {
      missingAlgorithms: "{{library}} verifies tokens without an algorithms list, so the token's own header picks the algorithm: an attacker can switch it (for example to HMAC with your public key as the secret) and forge tokens. Pass algorithms: ['{{algorithm}}'].",
      missingAlgorithmsSecret: "{{library}} verifies tokens without an algorithms list. With a shared secret the library accepts only HMAC algorithms, but pinning algorithms: ['{{algorithm}}'] keeps that true if the key ever becomes a public key or a key lookup.",
    },
    sources: [{ name: 'semgrep: javascript.jsonwebtoken.security.audit.jwt-decode-without-verify / express-jwt-not-revoked (concept)', relation: 'inspired' }],
    tags: ['jwt', 'authentication', 'crypto'],
  },
  // Prefilter: jsonwebtoken and the *jwt* middleware.
  prefilter: ['jsonwebtoken', 'jwt'],
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const keep = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const name = calleeName(node) ?? '';
      if (unwrap(node.callee).type === AST_NODE_TYPES.Identifier || /^(?:verify|sign|expressjwt|expressJwt|Strategy)$/.test(name)) calls.push(node);
    };
    return {
      CallExpression: keep,
      NewExpression: keep,
      'Program:exit'() {
        const signed = signingAlgorithm(context, calls);
        for (const call of calls) check(context, call, signed);
      },
    };
  },
});

function refKey(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const ref = context.dataflow.moduleRef(call.callee);
  return ref ? [ref.module, ...ref.path].join('.') : undefined;
}

/**
 * The one algorithm this module signs its tokens with (jsonwebtoken.sign defaults to HS256), when
 * every sign call agrees; undefined when there are none, they disagree, or the options are unknown.
 */
function signingAlgorithm(context: AstRuleContext<MessageId>, calls: Array<TSESTree.CallExpression | TSESTree.NewExpression>): string | undefined {
  const found = new Set<string>();
  for (const call of calls) {
    if (call.type !== AST_NODE_TYPES.CallExpression || refKey(context, call) !== 'jsonwebtoken.sign') continue;
    const options = argumentAt(call, 2);
    if (!options || isCallback(context, options)) {
      found.add('HS256');
      continue;
    }
    const literal = context.dataflow.objectLiteral(options);
    if (!literal || hasUnknownSpread(context.dataflow, literal)) return undefined;
    const algorithm = context.dataflow.property(options, 'algorithm');
    const value = algorithm ? context.dataflow.constant(algorithm)?.value : 'HS256';
    if (typeof value !== 'string') return undefined;
    found.add(value);
  }
  const [only] = found;
  return found.size === 1 && only && only.toLowerCase() !== 'none' ? only : undefined;
}

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression, signed: string | undefined): void {
  const { dataflow } = context;
  const key = refKey(context, call);
  if (!key) return;
  if (key === 'jsonwebtoken.verify' && call.type === AST_NODE_TYPES.CallExpression) {
    const secret = argumentAt(call, 1);
    if (!secret) return; // no key at all: no-jwt-none-algorithm reports it
    const constantSecret = dataflow.constant(secret);
    if (constantSecret && !constantSecret.value) return;
    const options = argumentAt(call, 2);
    const algorithm = signed ?? guessAlgorithm(context, secret);
    const library = 'jsonwebtoken.verify()';
    const key = keyKind(context, secret, signed);
    if (!options) {
      if (call.arguments.length !== 2) return;
      report(context, call, library, algorithm, !!signed, key, { start: secret.range[1], end: secret.range[1], text: `, { algorithms: ['${algorithm}'] }` });
    } else if (isCallback(context, options)) {
      report(context, call, library, algorithm, !!signed, key, { start: options.range[0], end: options.range[0], text: `{ algorithms: ['${algorithm}'] }, ` });
    } else {
      checkOptions(context, call, options, library, algorithm, !!signed, key);
    }
    return;
  }
  const isNew = call.type === AST_NODE_TYPES.NewExpression;
  if (MIDDLEWARE.has(key) && isNew === key.startsWith('passport-jwt')) {
    const options = argumentAt(call, 0);
    if (!options) return;
    const secret = dataflow.property(options, 'secret') ?? dataflow.property(options, 'secretOrKey') ?? dataflow.property(options, 'secretOrKeyProvider');
    const algorithm = signed ?? (secret ? guessAlgorithm(context, secret) : 'HS256');
    checkOptions(context, call, options, key.split('.')[0]!, algorithm, !!signed, secret ? keyKind(context, secret, signed) : 'secret');
  }
}

/** Options written as an object whose every property is known, but without `algorithms`. */
function checkOptions(context: AstRuleContext<MessageId>, call: TSESTree.Node, options: TSESTree.Node, library: string, algorithm: string, certain: boolean, key: KeyKind): void {
  const literal = context.dataflow.objectLiteral(options);
  if (!literal || hasUnknownSpread(context.dataflow, literal) || context.dataflow.property(options, 'algorithms')) return;
  const inline = unwrap(options);
  let edit: { start: number; end: number; text: string } | undefined;
  if (inline.type === AST_NODE_TYPES.ObjectExpression) {
    const first = inline.properties[0];
    edit = first
      ? { start: first.range[0], end: first.range[0], text: `algorithms: ['${algorithm}'], ` }
      : { start: inline.range[0], end: inline.range[1], text: `{ algorithms: ['${algorithm}'] }` };
  }
  report(context, call, library, algorithm, certain, key, edit);
}

/**
 * A fix when the module signs its own tokens with one known algorithm (listing it cannot reject a
 * token this code issued); otherwise the same edit as a suggestion, since tokens may come from an
 * issuer using another algorithm.
 */
function report(context: AstRuleContext<MessageId>, node: TSESTree.Node, library: string, algorithm: string, certain: boolean, key: KeyKind, edit: { start: number; end: number; text: string } | undefined): void {
  const change: Fix | undefined = edit && { title: `Accept only ${algorithm} tokens`, edits: [edit] };
  // With a shared secret the verifier accepts only HMAC algorithms: pinning one is hardening.
  const severity = key === 'secret' ? ({ severity: 'low', confidence: 'audit' } as const) : library === 'express-jwt' ? ({ severity: 'high' } as const) : {};
  context.report({
    node,
    messageId: key === 'secret' ? 'missingAlgorithmsSecret' : 'missingAlgorithms',
    data: { library, algorithm },
    ...severity,
    ...(change ? (certain ? { fix: change } : { suggestions: [change] }) : {}),
  });
}

/**
 * `public`: the key may be a public key (a PEM or key file, JWKS, a key-lookup callback, or this
 * file signs with an asymmetric algorithm), so a token marked HS256 could be checked with it as an
 * HMAC secret. `secret`: anything else, such as `process.env.JWT_SECRET` or a configured string, for
 * which jsonwebtoken already accepts only HS256/384/512.
 */
type KeyKind = 'public' | 'secret';

function keyKind(context: AstRuleContext<MessageId>, key: TSESTree.Node, signed: string | undefined): KeyKind {
  if (signed && /^(?:RS|ES|PS|EdDSA)/i.test(signed)) return 'public';
  if (guessAlgorithm(context, key) === 'RS256') return 'public';
  let node: TSESTree.Node | undefined = unwrap(key);
  for (let depth = 0; node && depth < 4; depth++) {
    // fs.readFileSync('keys/issuer.pem'), a key loaded from a file or a key store
    if (node.type === AST_NODE_TYPES.CallExpression && /^(?:readFileSync|readFile|createPublicKey|importSPKI|importX509|importJWK|getSigningKey|getPublicKey)$/.test(calleeName(node) ?? '')) return 'public';
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
    else node = node.type === AST_NODE_TYPES.Identifier ? context.dataflow.definition(node) : undefined;
  }
  return 'secret';
}

/** RS256 for public keys, key files and key-lookup callbacks (JWKS); HS256 for shared secrets. */
function guessAlgorithm(context: AstRuleContext<MessageId>, key: TSESTree.Node): string {
  let node: TSESTree.Node | undefined = unwrap(key);
  for (let depth = 0; node && depth < 4; depth++) {
    if (isFunction(node)) return 'RS256';
    const text = context.file.getText(node);
    if (/BEGIN (?:RSA )?PUBLIC KEY|BEGIN CERTIFICATE|publicKey|PUBLIC_KEY|\.pem\b|\.pub\b|\.crt\b|jwks|getKey|secretOrKeyProvider/i.test(text)) return 'RS256';
    node = node.type === AST_NODE_TYPES.Identifier ? context.dataflow.definition(node) : undefined;
  }
  return 'HS256';
}

function isCallback(context: AstRuleContext<MessageId>, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (isFunction(n)) return true;
  const def = n.type === AST_NODE_TYPES.Identifier ? context.dataflow.definition(n) : undefined;
  return !!def && isFunction(unwrap(def));
}
