// Passwords hashed with a fast or broken hash: MD5/SHA-1 (Node crypto, md5/sha1 packages,
// crypto-js) and unsalted SHA-2/SHA-3. "Password" is decided from the data: a value read from a
// password field, or a digest stored or compared as the password, also through local helpers.
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, calleeObject, enclosingFunction, functionName, isFunction, propertyName, unwrap, type TSESTree } from '../../api/ast';
import { identifierWords, shorten } from '../../api/text';
import { LocalCalls } from '../../api/values';
import type { AstRuleContext } from '../../api/types';

type MessageId = 'weakPasswordHash' | 'unsaltedPasswordHash';

/** Broken for any purpose: collisions are cheap and the hashes are in every cracking table. */
const BROKEN = /^(?:md2|md4|md5|sha-?1|rsa-md5|rsa-sha1|ripemd-?160|rmd160)$/i;
/** Sound hashes, but far too fast to protect a password without a salt and a work factor. */
const FAST = /^(?:sha-?(?:224|256|384|512)(?:-(?:224|256))?|sha3-(?:224|256|384|512)|blake2[bs](?:512|256)?|sm3)$/i;
/** Hash functions exported by packages, by module and member path. */
const PACKAGE_HASHES: Record<string, string> = {
  'md5': 'MD5', 'blueimp-md5': 'MD5', 'js-md5': 'MD5', 'md5-hex': 'MD5', 'md5.js': 'MD5', 'sha1': 'SHA-1', 'js-sha1': 'SHA-1',
  'js-sha256': 'SHA-256', 'js-sha512': 'SHA-512',
  'crypto-js/md5': 'MD5', 'crypto-js/sha1': 'SHA-1', 'crypto-js/sha256': 'SHA-256', 'crypto-js/sha512': 'SHA-512', 'crypto-js/sha3': 'SHA-3',
  'crypto-js.MD5': 'MD5', 'crypto-js.SHA1': 'SHA-1', 'crypto-js.SHA256': 'SHA-256', 'crypto-js.SHA512': 'SHA-512', 'crypto-js.SHA3': 'SHA-3', 'crypto-js.SHA224': 'SHA-224', 'crypto-js.SHA384': 'SHA-384', 'crypto-js.RIPEMD160': 'RIPEMD-160',
  'js-md5.hex': 'MD5', 'js-sha256.hex': 'SHA-256', 'js-sha1.hex': 'SHA-1',
};
const PASSWORD_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'passphrase', 'passcode', 'pass', 'pw', 'pword']);
/** A password field's neighbours that are not the password: its reset token, policy, hint... */
const NOT_PASSWORD_WORDS = new Set(['reset', 'token', 'forgot', 'hint', 'policy', 'length', 'min', 'max', 'strength', 'expires', 'expiry', 'expiration', 'changed', 'field', 'label', 'placeholder', 'regex', 'pattern', 'url', 'link', 'through', 'rule', 'rules', 'count', 'attempts', 'required', 'visible', 'visibility', 'input', 'error']);
/** String methods that keep the password inside the value. */
const SAME_VALUE_METHODS = new Set(['trim', 'toLowerCase', 'toUpperCase', 'normalize', 'toString', 'valueOf']);

interface Hash {
  call: TSESTree.Node;
  algorithm: string;
  broken: boolean;
  /** Data passed to update()/the hash function, in order. */
  inputs: TSESTree.Node[];
  /** The expression holding the digest (chain end), when known. */
  result?: TSESTree.Node;
}

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-weak-password-hash',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Password hashed with a fast or broken hash',
      cwe: ['CWE-916', 'CWE-328'],
      owasp: ['A02:2021-Cryptographic Failures'],
    },
    fixable: null,
    messages: {
      weakPasswordHash: '{{algorithm}} hashes the password ({{evidence}}): it is broken and billions of guesses per second can be tried against a leaked hash. Store passwords with bcrypt, scrypt or argon2 (crypto.scrypt with a random salt).',
      unsaltedPasswordHash: 'The password ({{evidence}}) is hashed with unsalted {{algorithm}}: equal passwords give equal hashes, precomputed tables crack common ones at once, and fast hashes allow billions of guesses per second. Use bcrypt, scrypt or argon2 (crypto.scrypt with a random salt).',
    },
    sources: [{ name: 'semgrep: javascript.lang.security.audit.md5-used-as-password', relation: 'inspired' }],
    tags: ['crypto', 'password'],
  },
  // Prefilter: createHash and the hash packages it knows.
  prefilter: ['createHash', 'create-hash', 'md5', 'sha1', 'js-sha', 'crypto-js'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) calls.push(node);
      },
      'Program:exit'() {
        const finder = new Evidence(context, calls);
        for (const call of calls) {
          const hash = hashOf(context, call, calls);
          if (hash) check(context, finder, hash);
        }
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, finder: Evidence, hash: Hash): void {
  if (hash.inputs.length === 0) return;
  let evidence: string | undefined;
  let salted = hash.inputs.length > 1;
  for (const input of hash.inputs) {
    const found = finder.passwordIn(input, 0);
    if (found) {
      evidence ??= found.evidence;
      salted ||= found.salted;
    }
  }
  if (!evidence && hash.result) evidence = finder.storedAsPassword(hash.result, 0);
  if (!evidence) return;
  if (hash.broken) context.report({ node: hash.call, messageId: 'weakPasswordHash', data: { algorithm: hash.algorithm, evidence } });
  else if (!salted) context.report({ node: hash.call, messageId: 'unsaltedPasswordHash', data: { algorithm: hash.algorithm, evidence }, severity: 'medium' });
}

/** Recognises a hash call and collects what it hashes and where the digest goes. */
function hashOf(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, calls: TSESTree.CallExpression[]): Hash | undefined {
  const { dataflow } = context;
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return undefined;
  const first = argumentAt(call, 0);
  if ((ref.module === 'crypto' && ref.path.join('.') === 'createHash') || (ref.module === 'create-hash' && ref.path.length === 0)) {
    const value = first ? dataflow.constant(first)?.value : undefined;
    if (typeof value !== 'string') return undefined;
    const broken = BROKEN.test(value);
    if (!broken && !FAST.test(value)) return undefined;
    const { inputs, result } = updatesOf(context, call, calls);
    return { call, algorithm: value.toUpperCase(), broken, inputs, result };
  }
  const key = [ref.module, ...ref.path].join('.');
  const algorithm = PACKAGE_HASHES[key];
  if (!algorithm || !first) return undefined;
  return { call, algorithm, broken: /MD5|SHA-1|RIPEMD/.test(algorithm), inputs: [first], result: chainEnd(call) };
}

/** `createHash(a).update(x).update(y).digest()`, or `const h = createHash(a); h.update(x); h.digest()`. */
function updatesOf(context: AstRuleContext<MessageId>, create: TSESTree.CallExpression, calls: TSESTree.CallExpression[]): { inputs: TSESTree.Node[]; result?: TSESTree.Node } {
  const inputs: TSESTree.Node[] = [];
  let node: TSESTree.Node = create;
  for (;;) {
    const member: TSESTree.Node | undefined = node.parent;
    const call: TSESTree.Node | undefined = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
    const name = propertyName(member);
    if (name === 'update') {
      const data = call.arguments[0];
      if (data && data.type !== AST_NODE_TYPES.SpreadElement) inputs.push(data);
      node = call;
      continue;
    }
    if (name === 'digest') return { inputs, result: chainEnd(call) };
    break;
  }
  // const hash = crypto.createHash('md5'); hash.update(password); return hash.digest('hex');
  let result: TSESTree.Node | undefined;
  const declarator = node.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === node && declarator.id.type === AST_NODE_TYPES.Identifier) {
    for (const call of calls) {
      const receiver = calleeObject(call);
      if (!receiver || receiver.type !== AST_NODE_TYPES.Identifier || receiver.name !== declarator.id.name || context.dataflow.definition(receiver) !== node) continue;
      const name = calleeName(call);
      const input = argumentAt(call, 0);
      if (name === 'update' && input) inputs.push(input);
      if (name === 'digest') result = chainEnd(call);
    }
  }
  return { inputs, result };
}

/** The end of `x.toString('hex').toUpperCase()`-style chains after a digest. */
function chainEnd(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const member = current.parent;
    const call = member?.parent;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === current && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && /^(?:toString|toUpperCase|toLowerCase|slice|substring|substr)$/.test(propertyName(member) ?? '')) {
      current = call;
      continue;
    }
    if (current.parent?.type === AST_NODE_TYPES.AwaitExpression || current.parent?.type === AST_NODE_TYPES.TSAsExpression) {
      current = current.parent;
      continue;
    }
    return current;
  }
}

function isPasswordName(name: string): boolean {
  const words = identifierWords(name);
  return words.some((w) => PASSWORD_WORDS.has(w)) && !words.some((w) => NOT_PASSWORD_WORDS.has(w));
}

/** Answers "is this data a password?" and "is this digest kept as a password?". */
class Evidence {
  private readonly local: LocalCalls;

  constructor(
    private readonly context: AstRuleContext<MessageId>,
    calls: readonly TSESTree.CallExpression[],
  ) {
    this.local = new LocalCalls(context.dataflow, calls);
  }

  /** Whether the value comes from a password field; `salted` when other data is mixed in. */
  passwordIn(input: TSESTree.Node, depth: number): { evidence: string; salted: boolean } | undefined {
    if (depth > 5) return undefined;
    const { dataflow, file } = this.context;
    const node = unwrap(input);
    switch (node.type) {
      case AST_NODE_TYPES.MemberExpression: {
        const name = propertyName(node);
        return name && isPasswordName(name) ? { evidence: shorten(file.getText(node), 40), salted: false } : undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        if (isPasswordName(node.name)) return { evidence: node.name, salted: false };
        const def = dataflow.definition(node);
        if (def && !isFunction(def)) return this.passwordIn(def, depth + 1);
        return this.parameterFromCallers(node, depth);
      }
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.TemplateLiteral: {
        const parts = node.type === AST_NODE_TYPES.BinaryExpression ? (node.operator === '+' ? [node.left, node.right] : []) : node.expressions;
        let found: { evidence: string; salted: boolean } | undefined;
        let others = 0;
        for (const part of parts) {
          const inner = this.passwordIn(part, depth + 1);
          if (inner && !found) found = inner;
          else if (!dataflow.constant(part)) others++;
        }
        return found ? { evidence: found.evidence, salted: found.salted || others > 0 } : undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(node) ?? '';
        const receiver = calleeObject(node);
        if (receiver && SAME_VALUE_METHODS.has(name)) return this.passwordIn(receiver, depth + 1);
        const first = node.arguments[0];
        if (/^(?:String|from)$/.test(name) && first && first.type !== AST_NODE_TYPES.SpreadElement) return this.passwordIn(first, depth + 1);
        return undefined;
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.passwordIn(node.argument, depth + 1);
      default:
        return undefined;
    }
  }

  /** A parameter of a local helper (`function hash(data)`): what its callers pass, or the helper's name. */
  private parameterFromCallers(id: TSESTree.Identifier, depth: number): { evidence: string; salted: boolean } | undefined {
    const fn = enclosingFunction(id);
    if (!fn) return undefined;
    const index = fn.params.findIndex((p) => {
      const param = unwrap(p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p);
      return param.type === AST_NODE_TYPES.Identifier && param.name === id.name;
    });
    if (index < 0) return undefined;
    const name = functionName(fn);
    if (name && isPasswordName(name)) return { evidence: `${name}()`, salted: false };
    if (depth > 3) return undefined;
    for (const call of this.local.callsOf(fn)) {
      const arg = argumentAt(call, index);
      const found = arg ? this.passwordIn(arg, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** Whether the digest is stored, compared or returned as a password. */
  storedAsPassword(result: TSESTree.Node, depth: number): string | undefined {
    const { file } = this.context;
    let node: TSESTree.Node = result;
    while (node.parent?.type === AST_NODE_TYPES.ArrayExpression || node.parent?.type === AST_NODE_TYPES.ConditionalExpression || node.parent?.type === AST_NODE_TYPES.LogicalExpression) node = node.parent;
    const parent = node.parent;
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.Property: {
        const key = propertyName(parent);
        return parent.value === node && key && isPasswordName(key) ? `stored as ${key}` : undefined;
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        const left = unwrap(parent.left);
        const name = left.type === AST_NODE_TYPES.Identifier ? left.name : left.type === AST_NODE_TYPES.MemberExpression ? propertyName(left) : undefined;
        return name && isPasswordName(name) ? `stored as ${shorten(file.getText(left), 40)}` : undefined;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.id.type === AST_NODE_TYPES.Identifier && isPasswordName(parent.id.name) ? `stored as ${parent.id.name}` : undefined;
      case AST_NODE_TYPES.BinaryExpression: {
        if (!/^[!=]==?$/.test(parent.operator)) return undefined;
        const other = parent.left === node ? parent.right : parent.left;
        const found = this.passwordIn(other, 4);
        return found ? `compared with ${found.evidence}` : undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        // db.query('SELECT ... WHERE password = ?', [md5(pw)]): the statement names the column
        const sql = parent.arguments.find((a) => a !== node && a.type !== AST_NODE_TYPES.SpreadElement && typeof this.context.dataflow.constant(a)?.value === 'string');
        const text = sql ? String(this.context.dataflow.constant(sql)!.value) : '';
        return /\bpass(?:word|wd)?\b\s*(?:=|,|\))/i.test(text) ? 'used as the password column' : undefined;
      }
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        const fn = parent.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(parent) : parent;
        if (!fn || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body !== node)) return undefined;
        const name = functionName(fn);
        if (name && isPasswordName(name)) return `returned by ${name}()`;
        if (depth > 1) return undefined;
        for (const call of this.local.callsOf(fn)) {
          const found = this.storedAsPassword(chainEnd(call), depth + 1);
          if (found) return found;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }
}
