// Encryption with an IV (nonce) that is the same for every message: a literal, zero bytes, a value
// from configuration, the key itself, or random bytes drawn once at module load and reused.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, calleeObject, enclosingFunction, isFunction, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';

type MessageId = 'staticIv' | 'reusedIv';

/** Calls that produce fresh random bytes each time they run. */
const RANDOM_CALLS = /^(?:randomBytes|randomFillSync|randomFill|getRandomValues|randomUUID|pseudoRandomBytes)$/;
/** Methods that return part or another encoding of their receiver (still the same bytes). */
const SAME_BYTES_METHODS = new Set(['slice', 'subarray', 'substring', 'substr', 'toString', 'fill', 'padEnd', 'padStart', 'repeat']);
/** Modes in which reusing a nonce with the same key leaks the XOR of plaintexts and enables forgery. */
const STREAM_MODES = /(?:gcm|ctr|ccm|ocb|ofb|cfb|chacha20)/i;

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-static-iv',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Encryption with a constant or reused IV',
      cwe: ['CWE-329', 'CWE-1204'],
      owasp: ['A02:2021-Cryptographic Failures'],
    },
    fixable: null,
    messages: {
      staticIv: 'The IV passed to {{fn}} is {{what}}, so it is the same for every message encrypted with this key: {{consequence}} Generate a fresh IV with crypto.randomBytes for each message and store it with the ciphertext.',
      reusedIv: 'The IV passed to {{fn}} is random bytes drawn once when the module loads, then reused for every message: {{consequence}} Generate a fresh IV with crypto.randomBytes inside the function, for each message.',
    },
    sources: [{ name: 'semgrep: javascript.lang.security.audit.crypto.static-iv (concept)', relation: 'inspired' }],
    tags: ['crypto'],
  },
  // Prefilter: node:crypto, crypto-js and WebCrypto's subtle.
  prefilter: ['crypto', 'subtle'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (name === 'createCipheriv' || name === 'createDecipheriv' || name === 'encrypt' || name === 'decrypt' || unwrap(node.callee).type === AST_NODE_TYPES.Identifier) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

type Finding = { kind: 'static'; what: string } | { kind: 'reused' };

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return;
  const fn = ref.path[ref.path.length - 1] ?? '';
  let iv: TSESTree.Node | undefined;
  let key: TSESTree.Node | undefined;
  let mode = '';
  let label = '';
  if (ref.module === 'crypto' && ref.path.length === 1 && (fn === 'createCipheriv' || fn === 'createDecipheriv')) {
    iv = argumentAt(call, 2);
    key = argumentAt(call, 1);
    const first = argumentAt(call, 0);
    const algorithm = first && dataflow.constant(first)?.value;
    mode = typeof algorithm === 'string' ? algorithm : '';
    if (/(?:^|-)ecb$/i.test(mode)) return; // ECB takes no IV: no-weak-cipher reports it
    label = `crypto.${fn}()`;
  } else if ((fn === 'encrypt' || fn === 'decrypt') && ref.path.includes('subtle')) {
    // Web Crypto: crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data)
    const algorithm = argumentAt(call, 0);
    if (!algorithm) return;
    iv = dataflow.property(algorithm, 'iv') ?? dataflow.property(algorithm, 'counter');
    const name = dataflow.property(algorithm, 'name');
    const value = name && dataflow.constant(name)?.value;
    mode = typeof value === 'string' ? value : '';
    label = `crypto.subtle.${fn}()`;
  } else if ((fn === 'encrypt' || fn === 'decrypt') && (ref.module === 'crypto-js' || ref.module.startsWith('crypto-js/'))) {
    // crypto-js: CryptoJS.AES.encrypt(data, key, { iv })
    const options = argumentAt(call, 2);
    iv = options && dataflow.property(options, 'iv');
    key = argumentAt(call, 1);
    const modeNode = options && dataflow.property(options, 'mode');
    mode = modeNode ? (dataflow.moduleRef(modeNode)?.path.join('.') ?? '') : 'cbc';
    label = `CryptoJS.${ref.path.join('.')}()`;
  }
  if (!iv) return;
  const finding = describe(context, iv, call, 0) ?? (key && derivedFromKey(context, iv, key) ? { kind: 'static' as const, what: 'derived from the key' } : undefined);
  if (!finding) return;
  const consequence = STREAM_MODES.test(mode)
    ? `with ${mode.toUpperCase()} a repeated nonce reveals the XOR of the plaintexts and lets an attacker forge messages.`
    : 'equal plaintexts encrypt to equal ciphertexts, and so do equal first blocks.';
  if (finding.kind === 'reused') context.report({ node: iv, messageId: 'reusedIv', data: { fn: label, consequence } });
  else context.report({ node: iv, messageId: 'staticIv', data: { fn: label, what: finding.what, consequence } });
}

/** Why `node` is the same value on every call, or undefined when it may be fresh. */
function describe(context: AstRuleContext<MessageId>, input: TSESTree.Node, use: TSESTree.Node, depth: number): Finding | undefined {
  if (depth > 6) return undefined;
  const { dataflow } = context;
  const node = unwrap(input);
  const constant = dataflow.constant(node);
  if (constant) return typeof constant.value === 'string' || typeof constant.value === 'number' ? { kind: 'static', what: 'a constant' } : undefined;
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.length > 0 && node.elements.every((e) => e && e.type !== AST_NODE_TYPES.SpreadElement && dataflow.constant(e)) ? { kind: 'static', what: 'constant bytes' } : undefined;
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression:
      return describeCall(context, node, use, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const chain = context.file.getText(node);
      if (/^process\.env\b/.test(chain)) return { kind: 'static', what: `read from configuration (${chain.length > 40 ? 'process.env' : chain})` };
      return undefined;
    }
    case AST_NODE_TYPES.Identifier: {
      const def = dataflow.definition(node);
      if (!def || isFunction(def)) return undefined;
      const inner = describe(context, def, use, depth + 1);
      if (inner) return inner;
      // `const IV = crypto.randomBytes(16)` at module level, used inside a function: one IV for all calls.
      if (isRandomCall(context, def) && !enclosingFunction(def) && enclosingFunction(use)) return { kind: 'reused' };
      return undefined;
    }
    default:
      return undefined;
  }
}

function describeCall(context: AstRuleContext<MessageId>, node: TSESTree.CallExpression | TSESTree.NewExpression, use: TSESTree.Node, depth: number): Finding | undefined {
  const { dataflow } = context;
  const callee = unwrap(node.callee);
  const name = calleeName(node) ?? '';
  const first = node.arguments[0] && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? node.arguments[0] : undefined;
  const calleeText = callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression ? context.file.getText(callee) : '';
  // Buffer.alloc(16), new Buffer(16), new Uint8Array(12): zero-filled
  if (/^(?:Buffer\.alloc|Buffer|Uint8Array|Int8Array|Uint16Array|Uint32Array)$/.test(calleeText) && first && typeof dataflow.constant(first)?.value === 'number') {
    const fill = node.arguments[1];
    if (!fill) return { kind: 'static', what: 'all zero bytes' };
    const fillValue = fill.type === AST_NODE_TYPES.SpreadElement ? undefined : dataflow.constant(fill);
    if (!fillValue) return undefined;
    return { kind: 'static', what: fillValue.value === 0 ? 'all zero bytes' : 'one repeated byte' };
  }
  // Buffer.from('...'), Buffer.from([0, 1, ...]), new Uint8Array([...]), CryptoJS.enc.Hex.parse('...')
  if (/^(?:Buffer\.from|Buffer|Uint8Array|(?:\w+\.)*enc\.\w+\.parse)$/.test(calleeText) || (name === 'encode' && calleeObject(node)?.type === AST_NODE_TYPES.NewExpression)) {
    return first ? describe(context, first, use, depth + 1) : undefined;
  }
  if (name === 'from' && /^(?:Uint8Array|Buffer)$/.test(calleeObject(node) ? context.file.getText(calleeObject(node)!) : '')) {
    return first ? describe(context, first, use, depth + 1) : undefined;
  }
  const receiver = calleeObject(node);
  if (receiver && SAME_BYTES_METHODS.has(name)) return describe(context, receiver, use, depth + 1);
  return undefined;
}

function isRandomCall(context: AstRuleContext<MessageId>, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(n) ?? '';
  if (RANDOM_CALLS.test(name)) return true;
  const receiver = calleeObject(n);
  return !!receiver && SAME_BYTES_METHODS.has(name) && isRandomCall(context, receiver);
}

/** `createCipheriv(alg, key, key.slice(0, 16))`: the IV is (part of) the key. */
function derivedFromKey(context: AstRuleContext<MessageId>, iv: TSESTree.Node, key: TSESTree.Node): boolean {
  const ivRoot = rootName(context, iv, 0);
  return !!ivRoot && ivRoot === rootName(context, key, 0);
}

function rootName(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): string | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(input);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const def = context.dataflow.definition(node);
    const inner = def && !isFunction(def) ? rootName(context, def, depth + 1) : undefined;
    return inner ?? node.name;
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(node) ?? '';
    const receiver = calleeObject(node);
    if (receiver && SAME_BYTES_METHODS.has(name)) return rootName(context, receiver, depth + 1);
    const callee = context.file.getText(node.callee);
    if (callee === 'Buffer.from' && node.arguments[0]) return rootName(context, node.arguments[0], depth + 1);
  }
  return undefined;
}
