// Broken or misused symmetric ciphers: crypto.createCipher/createDecipher (MD5 key derivation, no
// IV), DES/3DES/RC4/RC2/Blowfish, and ECB mode, in Node's crypto, crypto-js and node-forge.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';
import type { ModuleRef } from '../../api/dataflow';

type MessageId = 'deprecatedCipher' | 'weakAlgorithm' | 'ecbMode';

/** Cipher names (OpenSSL and forge spellings) whose algorithm is broken or has a 64-bit block. */
const WEAK_ALGORITHM = /^(?:des(?:$|[-_]|3|x)|3des|tripledes|rc2|rc4|arc4|arcfour|bf(?:$|-)|blowfish|cast|idea|seed)/i;
const ECB = /(?:^|-)ecb$/i;
/** crypto-js ciphers that are broken (DES, 3DES, RC4). */
const CRYPTO_JS_WEAK = new Set(['DES', 'TripleDES', 'RC4', 'RC4Drop']);

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-weak-cipher',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Broken cipher, ECB mode or password-derived cipher key',
      cwe: ['CWE-327'],
      owasp: ['A02:2021-Cryptographic Failures'],
    },
    fixable: null,
    messages: {
      deprecatedCipher: 'crypto.{{fn}}() derives its key from a password with one unsalted MD5 round and uses a fixed IV; it was removed in Node 22. Use {{replacement}} with a key from scrypt and a random IV.',
      weakAlgorithm: '{{algorithm}} is a broken cipher: {{reason}}. Use AES-256-GCM or ChaCha20-Poly1305.',
      ecbMode: '{{algorithm}} uses ECB mode, which encrypts equal blocks to equal ciphertext and so leaks the structure of the data. Use AES-256-GCM with a random IV.',
    },
    sources: [
      { name: 'semgrep: javascript.node-crypto.security.create-de-cipher-no-iv', relation: 'inspired' },
      { name: 'nodejsscan: node_weak_crypto', relation: 'inspired' },
    ],
    tags: ['crypto'],
  },
  // Prefilter: node:crypto, crypto-js and node-forge.
  prefilter: ['crypto', 'node-forge'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (name && (/^create(?:De)?[cC]ipher(?:iv)?$/.test(name) || name === 'encrypt' || name === 'decrypt' || unwrap(node.callee).type === AST_NODE_TYPES.Identifier)) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const ref = context.dataflow.moduleRef(call.callee);
  if (!ref) return;
  const fn = ref.path[ref.path.length - 1] ?? '';
  if (ref.module === 'crypto' && ref.path.length === 1) {
    if (fn === 'createCipher' || fn === 'createDecipher') {
      const replacement = fn === 'createCipher' ? 'createCipheriv' : 'createDecipheriv';
      context.report({ node: call.callee, messageId: 'deprecatedCipher', data: { fn, replacement } });
      return;
    }
    if (fn === 'createCipheriv' || fn === 'createDecipheriv') checkAlgorithm(context, call.arguments[0]);
    return;
  }
  if (ref.module === 'node-forge' && (fn === 'createCipher' || fn === 'createDecipher')) {
    checkAlgorithm(context, call.arguments[0]);
    return;
  }
  checkCryptoJs(context, call, ref, fn);
}

function checkAlgorithm(context: AstRuleContext<MessageId>, arg: TSESTree.CallExpressionArgument | undefined): void {
  if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return;
  const value = context.dataflow.constant(arg)?.value;
  if (typeof value !== 'string') return;
  const algorithm = value.trim();
  if (WEAK_ALGORITHM.test(algorithm)) {
    context.report({ node: arg, messageId: 'weakAlgorithm', data: { algorithm, reason: reasonFor(algorithm) } });
  } else if (ECB.test(algorithm)) {
    context.report({ node: arg, messageId: 'ecbMode', data: { algorithm } });
  }
}

function reasonFor(algorithm: string): string {
  if (/^(?:rc4|arc4|arcfour)/i.test(algorithm)) return 'its key stream is biased and has been broken in practice (RFC 7465 bans it from TLS)';
  if (/^(?:des(?:$|[-_]|x)|rc2)/i.test(algorithm) && !/ede|3/i.test(algorithm)) return 'its key is short enough to brute-force';
  return 'its 64-bit block makes collisions practical after a few gigabytes (Sweet32)';
}

/** crypto-js: CryptoJS.DES.encrypt(...), CryptoJS.AES.encrypt(data, key, { mode: CryptoJS.mode.ECB }). */
function checkCryptoJs(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, ref: ModuleRef, fn: string): void {
  if (fn !== 'encrypt' && fn !== 'decrypt') return;
  let cipher: string | undefined;
  if (ref.module === 'crypto-js' && ref.path.length === 2) cipher = ref.path[0];
  else if (ref.module.startsWith('crypto-js/') && ref.path.length === 1) cipher = cryptoJsModuleCipher(ref.module.slice('crypto-js/'.length));
  if (!cipher) return;
  if (CRYPTO_JS_WEAK.has(cipher)) {
    const algorithm = cipher === 'TripleDES' ? '3DES' : cipher;
    context.report({ node: call.callee, messageId: 'weakAlgorithm', data: { algorithm: `CryptoJS.${cipher} (${algorithm})`, reason: reasonFor(algorithm) } });
    return;
  }
  const options = call.arguments[2];
  if (!options || options.type === AST_NODE_TYPES.SpreadElement) return;
  const mode = context.dataflow.property(options, 'mode');
  if (!mode) return;
  const modeRef = context.dataflow.moduleRef(mode);
  const isEcb = modeRef && ((modeRef.module === 'crypto-js' && modeRef.path.join('.') === 'mode.ECB') || modeRef.module === 'crypto-js/mode-ecb');
  if (isEcb) context.report({ node: call.callee, messageId: 'ecbMode', data: { algorithm: `CryptoJS.${cipher}` } });
}

/** `require('crypto-js/tripledes')` is CryptoJS.TripleDES, and so on. */
function cryptoJsModuleCipher(file: string): string | undefined {
  switch (file) {
    case 'aes': return 'AES';
    case 'tripledes': return 'TripleDES';
    case 'rc4': return 'RC4';
    case 'rabbit': return 'Rabbit';
    default: return undefined;
  }
}
