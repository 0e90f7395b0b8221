// Secrets compared with === / !==: HMAC signatures and digests, API keys, tokens and password
// hashes checked against request data with an early-exit string comparison (a timing side channel).
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, propertyName, unwrap, type TSESTree } from '../../api/ast';
import { SERVER_INPUT_SOURCES } from '../../api/dataflow';
import { identifierWords, shorten } from '../../api/text';
import type { AstRuleContext, Fix } from '../../api/types';

type MessageId = 'timingUnsafeCompare';

const SECRET_WORDS = new Set(['token', 'secret', 'password', 'passwd', 'pwd', 'signature', 'sig', 'hmac', 'apikey', 'csrf', 'xsrf', 'otp', 'totp', 'digest', 'passcode', 'authorization']);
const KEY_QUALIFIERS = new Set(['api', 'secret', 'access', 'private', 'signing', 'webhook', 'auth', 'master', 'client', 'admin', 'hmac']);
const CODE_QUALIFIERS = new Set(['verification', 'verify', 'reset', 'otp', 'auth', 'confirm', 'confirmation', 'recovery', 'invite']);
/** Properties of a secret that are not the secret: its type, length, expiry... */
const VETO_WORDS = new Set(['type', 'length', 'name', 'id', 'expires', 'expiry', 'expiration', 'count', 'status', 'kind', 'prefix', 'format', 'version', 'scope', 'scopes', 'algorithm', 'alg', 'header', 'enabled', 'required', 'used', 'exists', 'url', 'method']);

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-timing-unsafe-compare',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Secret compared with a timing-unsafe equality check',
      cwe: ['CWE-208'],
      owasp: ['A02:2021-Cryptographic Failures'],
    },
    fixable: null,
    hasSuggestions: true,
    messages: {
      timingUnsafeCompare: '{{secret}} is compared with {{operator}}, which stops at the first differing character: by timing many requests an attacker can recover the expected value byte by byte. Compare with crypto.timingSafeEqual.',
    },
    sources: [
      { name: 'eslint-plugin-security: detect-possible-timing-attacks', relation: 'inspired' },
      { name: 'semgrep: javascript.lang.security.audit.possible-timing-attacks (concept)', relation: 'inspired' },
    ],
    tags: ['crypto', 'timing'],
  },
  create(context) {
    const comparisons: TSESTree.BinaryExpression[] = [];
    const program: { node?: TSESTree.Program } = {};
    return {
      Program(node) {
        program.node = node;
      },
      BinaryExpression(node) {
        if (/^[!=]==?$/.test(node.operator) && !isTrivial(node.left) && !isTrivial(node.right)) comparisons.push(node);
      },
      'Program:exit'() {
        if (!comparisons.length) return;
        const crypto = cryptoAccess(context, program.node!);
        for (const comparison of comparisons) check(context, comparison, crypto);
      },
    };
  },
});

/** Literals other than strings, typeof, lengths: nothing secret is compared there. */
function isTrivial(input: TSESTree.Node): boolean {
  const node = unwrap(input);
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value !== 'string' || node.value === '';
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'undefined';
  if (node.type === AST_NODE_TYPES.UnaryExpression) return true;
  if (node.type === AST_NODE_TYPES.MemberExpression) return propertyName(node) === 'length';
  return false;
}

function isSecretName(name: string): boolean {
  const words = identifierWords(name);
  if (words.length === 0 || VETO_WORDS.has(words[words.length - 1]!)) return false;
  if (SECRET_WORDS.has(words.join(''))) return true;
  return words.some((word, i) => {
    if (SECRET_WORDS.has(word)) return true;
    const before = words[i - 1];
    if (word === 'key') return !!before && KEY_QUALIFIERS.has(before);
    if (word === 'code') return !!before && CODE_QUALIFIERS.has(before);
    if (word === 'hash') return true;
    return false;
  });
}

function check(context: AstRuleContext<MessageId>, comparison: TSESTree.BinaryExpression, crypto: string | undefined): void {
  const { dataflow } = context;
  const sides = [comparison.left, comparison.right] as const;
  for (let i = 0; i < 2; i++) {
    const secretSide = sides[i]!;
    const otherSide = sides[1 - i]!;
    const secret = secretOf(context, secretSide, 0);
    if (!secret) continue;
    if (dataflow.verdict(secretSide, 'header').kind === 'tainted') continue; // both sides from the request: nothing secret to leak
    const other = secretOf(context, otherSide, 0);
    let leaks: boolean;
    if (secret.kind === 'hmac') {
      // An HMAC the server computed, checked against anything it did not compute itself.
      leaks = !dataflow.constant(otherSide) && other?.kind !== 'hmac' && other?.kind !== 'hash';
    } else if (secret.kind === 'hash') {
      // A hash the server computed (of a submitted password, say) against a stored hash.
      leaks = other?.kind === 'named';
    } else if (secret.kind === 'named') {
      leaks = fromAttacker(context, otherSide, true);
    } else {
      // A constant is a secret only when it is declared as one (`const ADMIN_KEY = '...'`) and
      // compared with a credential from the request. A literal written at the comparison
      // (`req.body.password === 'admin123'`) is a known value, a demo account or a fixed
      // credential, which the hard-coded secret rules are about: timing reveals nothing new.
      const verdict = dataflow.verdict(otherSide, 'header');
      leaks = !writtenInline(secretSide) && fromAttacker(context, otherSide, false) && verdict.kind === 'tainted' && isSecretName(`${verdict.taint.source.label} ${context.file.getText(otherSide)}`);
    }
    if (!leaks) continue;
    context.report({
      node: comparison,
      messageId: 'timingUnsafeCompare',
      data: { secret: secret.label, operator: comparison.operator },
      ...suggestion(context, comparison, crypto),
    });
    return;
  }
}

/** A string written out at the comparison itself, as a literal or a template without placeholders. */
function writtenInline(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
}

/** Request data, or (for library code) a parameter of an exported function. */
function fromAttacker(context: AstRuleContext<MessageId>, node: TSESTree.Node, libraryCallers: boolean): boolean {
  const request = context.dataflow.verdict(node, 'header');
  if (request.kind === 'tainted' && SERVER_INPUT_SOURCES.has(request.taint.source.kind)) return true;
  if (!libraryCallers) return false;
  const exported = context.dataflow.verdict(node, 'code');
  return exported.kind === 'tainted' && exported.taint.source.kind === 'exported-param';
}

type Secret = { kind: 'hmac' | 'hash' | 'named' | 'constant'; label: string };

/** Whether an expression holds a secret: a computed digest, a secret-named value, a constant key. */
function secretOf(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): Secret | undefined {
  if (depth > 4) return undefined;
  const { dataflow, file } = context;
  const node = unwrap(input);
  const constant = dataflow.constant(node);
  if (constant) return typeof constant.value === 'string' && constant.value.length >= 6 ? { kind: 'constant', label: 'A constant secret' } : undefined;
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression: {
      const digest = digestKind(context, node);
      if (digest === 'hmac') return { kind: 'hmac', label: 'A computed HMAC' };
      if (digest === 'hash') return { kind: 'hash', label: 'A computed hash' };
      return undefined;
    }
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.TemplateLiteral: {
      // 'sha256=' + hmac.digest('hex'), `Bearer ${process.env.CRON_SECRET}`
      const parts = node.type === AST_NODE_TYPES.BinaryExpression ? (node.operator === '+' ? [node.left, node.right] : []) : node.expressions;
      for (const part of parts) {
        const inner = secretOf(context, part, depth + 1);
        if (inner && inner.kind !== 'constant') return inner;
      }
      return undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(node);
      const text = file.getText(node);
      if (/^process\.env\b/.test(text)) return name && isSecretName(name) ? { kind: 'named', label: `The secret ${name}` } : undefined;
      return name && isSecretName(name) ? { kind: 'named', label: `The secret ${shorten(text, 40)}` } : undefined;
    }
    case AST_NODE_TYPES.Identifier: {
      const def = dataflow.definition(node);
      const fromDef = def ? secretOf(context, def, depth + 1) : undefined;
      if (fromDef) return fromDef;
      return isSecretName(node.name) && !def ? { kind: 'named', label: `The secret ${node.name}` } : def && isSecretName(node.name) && !dataflow.constant(def) ? { kind: 'named', label: `The secret ${node.name}` } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `crypto.createHmac(...).update(...).digest('hex')` and `CryptoJS.HmacSHA256(...).toString()` are
 * HMACs; `createHash(...).digest()`, `pbkdf2Sync(...)` and `scryptSync(...)` are hashes.
 */
function digestKind(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): 'hmac' | 'hash' | undefined {
  const name = calleeName(call) ?? '';
  const receiver = calleeObject(call);
  if (name === 'toString' && receiver && unwrap(receiver).type === AST_NODE_TYPES.CallExpression) {
    const ref = context.dataflow.moduleRef((unwrap(receiver) as TSESTree.CallExpression).callee);
    if (ref && (ref.module === 'crypto-js' || ref.module.startsWith('crypto-js/')) && /^Hmac/.test(ref.path[0] ?? '')) return 'hmac';
    return digestKind(context, unwrap(receiver) as TSESTree.CallExpression);
  }
  const ref = context.dataflow.moduleRef(call.callee);
  if (!ref || ref.module !== 'crypto') return undefined;
  if (name === 'digest' && ref.path[0] === 'createHmac') return 'hmac';
  if (name === 'digest' && ref.path[0] === 'createHash') return 'hash';
  if (ref.path.length === 1 && (name === 'pbkdf2Sync' || name === 'scryptSync')) return 'hash';
  return undefined;
}

/** How to reach Node's crypto here: an imported namespace, or `require('crypto')` in CommonJS. */
function cryptoAccess(context: AstRuleContext<MessageId>, program: TSESTree.Program): string | undefined {
  let esm = false;
  let usesRequire = false;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      esm = true;
      if (String(statement.source.value).replace(/^node:/, '') !== 'crypto') continue;
      const namespace = statement.specifiers.find((s) => s.type !== AST_NODE_TYPES.ImportSpecifier);
      if (namespace) return namespace.local.name;
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (!declarator.init) continue;
        const ref = context.dataflow.moduleRef(declarator.init);
        if (isRequireCall(declarator.init)) usesRequire = true;
        if (ref?.module === 'crypto' && ref.path.length === 0 && declarator.id.type === AST_NODE_TYPES.Identifier) return declarator.id.name;
      }
    }
  }
  return !esm && usesRequire ? "require('crypto')" : undefined;
}

/** `require('x')` or `require('x').member`. */
function isRequireCall(input: TSESTree.Node): boolean {
  let node = unwrap(input);
  while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require';
}

/**
 * Hash both sides to equal-length digests and compare those in constant time. A suggestion, not a
 * fix: String() makes `undefined === undefined` and `1 === '1'` compare differently than before.
 */
function suggestion(context: AstRuleContext<MessageId>, comparison: TSESTree.BinaryExpression, crypto: string | undefined): { suggestions?: Fix[] } {
  if (!crypto) return {};
  const side = (node: TSESTree.Node): string => `${crypto}.createHash('sha256').update(String(${context.file.getText(node)})).digest()`;
  const negate = comparison.operator.startsWith('!');
  const text = `${negate ? '!' : ''}${crypto}.timingSafeEqual(${side(comparison.left)}, ${side(comparison.right)})`;
  return { suggestions: [{ title: 'Compare in constant time with crypto.timingSafeEqual', edits: [{ start: comparison.range[0], end: comparison.range[1], text }] }] };
}
