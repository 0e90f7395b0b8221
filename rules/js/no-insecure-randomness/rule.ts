// Math.random() used for values that must be unguessable: tokens, secrets, passwords, session
// ids, reset and verification codes, nonces, OTPs, API keys, salts and UUIDs. The purpose is read
// from where the value goes (the variable, property, cookie or function that receives it, and for
// helpers, what their callers do with the result), not from where it is computed.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, childNodes, enclosingFunction, functionName, isFunction, propertyName, stringValue, unwrap, type FunctionNode, type TSESTree } from '../../api/ast';
import { identifierWords } from '../../api/text';
import { LocalCalls } from '../../api/values';
import type { AstRuleContext, Fix } from '../../api/types';

type MessageId = 'insecureRandom';

/** Words that make a value a secret on their own. */
const SECRET_WORDS = new Set([
  'token', 'tokens', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'passcode', 'pass',
  'otp', 'totp', 'hotp', 'nonce', 'salt', 'session', 'sessionid', 'sid', 'csrf', 'xsrf', 'apikey', 'uuid', 'guid',
  'credential', 'credentials', 'captcha', 'signature', 'iv', 'verification', 'activation', 'invite',
  'invitation', 'reset', 'recovery', 'secretkey', 'privatekey', 'accesskey', 'authcode', 'pincode',
]);
/** `key`, `code` and `id` are secrets only with one of these next to them (apiKey, resetCode, sessionId). */
const KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'encryption', 'signing', 'license', 'activation', 'auth', 'session', 'hmac', 'crypto', 'client', 'master']);
const CODE_QUALIFIERS = new Set(['verification', 'verify', 'confirm', 'confirmation', 'reset', 'auth', 'otp', 'invite', 'activation', 'recovery', 'access', 'login', 'security', 'sms', 'email', 'one', 'unlock', 'pairing', 'pin']);
/** Words that mark test data or non-security uses even next to a secret word. */
const VETO_WORDS = new Set([
  'mock', 'fake', 'dummy', 'test', 'demo', 'example', 'sample', 'placeholder', 'color', 'colour', 'delay', 'jitter',
  'backoff', 'retry', 'timeout', 'interval', 'duration', 'animation', 'length', 'count', 'size', 'len', 'index',
  'position', 'pos', 'offset', 'x', 'y', 'z', 'angle', 'speed', 'velocity', 'opacity', 'width', 'height', 'top', 'left',
  'scale', 'rotation', 'weight', 'score', 'percent', 'ratio', 'rate', 'chance', 'probability',
]);
/** Calls that turn the random number into another value of the same purpose (a digit, a char, a string). */
const VALUE_CALLS = new Set([
  'floor', 'round', 'ceil', 'trunc', 'abs', 'min', 'max', 'String', 'Number', 'parseInt', 'parseFloat', 'charAt', 'at',
  'substr', 'substring', 'slice', 'fromCharCode', 'toString', 'padStart', 'padEnd', 'repeat', 'concat', 'join',
  'toUpperCase', 'toLowerCase', 'codePointAt', 'charCodeAt', 'toFixed', 'from', 'map',
]);
const UUID_TEMPLATE = /^x{8}-x{4}-4x{3}-[xy]x{3}-x{12}$/;
const MAX_RANDOM_INT = 2 ** 48 - 1;

interface Purpose {
  /** The name that says what the value is for, e.g. `resetToken`. */
  name: string;
}

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-insecure-randomness',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Math.random() used for a secret or token',
      cwe: ['CWE-338'],
      owasp: ['A02:2021-Cryptographic Failures'],
    },
    fixable: 'safe',
    hasSuggestions: true,
    messages: {
      insecureRandom: 'Math.random() is not a cryptographic generator: its next outputs can be computed from a few observed ones, so the {{purpose}} built from it can be predicted. Use {{replacement}}.',
    },
    sources: [
      { name: 'semgrep: javascript.lang.security.audit.crypto.insecure-random (concept)', relation: 'inspired' },
      { name: 'eslint-plugin-security-node: detect-insecure-randomness', relation: 'inspired' },
    ],
    tags: ['crypto', 'randomness'],
  },
  // Prefilter: Math.random.
  prefilter: ['random'],
  create(context) {
    const randoms: TSESTree.CallExpression[] = [];
    const calls: TSESTree.CallExpression[] = [];
    const program: { node?: TSESTree.Program } = {};
    return {
      Program(node) {
        program.node = node;
      },
      CallExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee) === 'random' && node.arguments.length === 0) randoms.push(node);
        if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) calls.push(node);
      },
      'Program:exit'() {
        if (!randoms.length) return;
        const finder = new PurposeFinder(context, calls);
        const crypto = nodeCrypto(context, program.node!, calls);
        for (const call of randoms) {
          const ref = context.dataflow.moduleRef(call.callee);
          if (ref?.module !== '#global' || ref.path.join('.') !== 'Math.random') continue;
          const uuid = uuidTemplateCall(context, call);
          const purpose = uuid ? { name: 'UUID' } : finder.purposeOf(call);
          if (!purpose) continue;
          const remedy = uuid ? uuidRemedy(uuid, crypto) : remedyFor(context, call, crypto);
          context.report({
            node: call,
            messageId: 'insecureRandom',
            data: { purpose: purpose.name, replacement: remedy.replacement },
            ...(remedy.fix ? (remedy.certain ? { fix: remedy.fix } : { suggestions: [remedy.fix] }) : {}),
          });
        }
      },
    };
  },
});

// ------------------------------------------------------------------ purpose: where the value goes

/** Whether a name says "this value must be unguessable". */
function isSecretName(name: string): boolean {
  const words = identifierWords(name);
  if (words.some((w) => VETO_WORDS.has(w))) return false;
  const joined = words.join('');
  if (SECRET_WORDS.has(joined)) return true;
  return words.some((word, i) => {
    if (SECRET_WORDS.has(word)) return true;
    const before = words[i - 1];
    if (word === 'key' || word === 'keys') return !!before && KEY_QUALIFIERS.has(before);
    if (word === 'code' || word === 'codes') return !!before && CODE_QUALIFIERS.has(before);
    if (word === 'id') return before === 'session';
    if (word === 'state') return before === 'oauth';
    if (word === 'pin') return words.length === 1;
    if (word === 'link') return before === 'magic';
    return false;
  });
}

class PurposeFinder {
  private readonly local: LocalCalls;

  constructor(context: AstRuleContext<MessageId>, calls: readonly TSESTree.CallExpression[]) {
    this.local = new LocalCalls(context.dataflow, calls);
  }

  purposeOf(random: TSESTree.Node): Purpose | undefined {
    return this.destination(random, 0);
  }

  /** Follows the value up through the expressions that transform it, to what receives it. */
  private destination(start: TSESTree.Node, depth: number): Purpose | undefined {
    if (depth > 3) return undefined;
    let node: TSESTree.Node = start;
    for (;;) {
      const parent = node.parent;
      if (!parent) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.BinaryExpression:
          if (/^(?:[<>]=?|[!=]==?|instanceof|in)$/.test(parent.operator)) return undefined; // a comparison: a coin toss, not a value
          node = parent;
          continue;
        case AST_NODE_TYPES.UnaryExpression:
        case AST_NODE_TYPES.LogicalExpression:
        case AST_NODE_TYPES.TemplateLiteral:
        case AST_NODE_TYPES.ArrayExpression:
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.ChainExpression:
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.SpreadElement:
          node = parent;
          continue;
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.test === node) return undefined;
          node = parent;
          continue;
        case AST_NODE_TYPES.SequenceExpression:
          if (parent.expressions[parent.expressions.length - 1] !== node) return undefined;
          node = parent;
          continue;
        case AST_NODE_TYPES.MemberExpression:
          node = parent; // Math.random().toString, chars[Math.floor(...)]
          continue;
        case AST_NODE_TYPES.CallExpression: {
          if (parent.callee === node) {
            node = parent;
            continue;
          }
          const name = calleeName(parent) ?? '';
          if (VALUE_CALLS.has(name)) {
            node = parent;
            continue;
          }
          return this.argumentPurpose(parent, node, depth);
        }
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier ? this.variablePurpose(parent.id, depth) : undefined;
        case AST_NODE_TYPES.AssignmentExpression: {
          if (parent.right !== node) return undefined;
          const left = unwrap(parent.left);
          if (left.type === AST_NODE_TYPES.Identifier) return this.variablePurpose(left, depth);
          if (left.type === AST_NODE_TYPES.MemberExpression) return this.memberPurpose(left);
          return undefined;
        }
        case AST_NODE_TYPES.Property: {
          if (parent.value !== node) return undefined;
          const key = propertyName(parent);
          if (key && isSecretName(key)) return { name: key };
          const object = parent.parent;
          return object ? this.destination(object, depth + 1) : undefined;
        }
        case AST_NODE_TYPES.ReturnStatement:
          return this.functionPurpose(enclosingFunction(parent), depth);
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return parent.body === node ? this.functionPurpose(parent, depth) : undefined;
        default:
          return undefined;
      }
    }
  }

  private memberPurpose(member: TSESTree.MemberExpression): Purpose | undefined {
    const name = propertyName(member);
    if (name && isSecretName(name)) return { name };
    const objectName = unwrap(member.object).type === AST_NODE_TYPES.MemberExpression ? propertyName(unwrap(member.object)) : undefined;
    if (objectName && name && isSecretName(`${objectName} ${name}`)) return { name: `${objectName}.${name}` };
    return undefined;
  }

  /** A local variable: its own name, else what the function around it returns it as. */
  private variablePurpose(id: TSESTree.Identifier, depth: number): Purpose | undefined {
    if (isSecretName(id.name)) return { name: id.name };
    const fn = enclosingFunction(id);
    if (!fn || !returnsIdentifier(fn, id.name)) return undefined;
    return this.functionPurpose(fn, depth);
  }

  /** A value used as an argument: res.cookie('sid', value), setHeader('X-CSRF-Token', value), save(token). */
  private argumentPurpose(call: TSESTree.CallExpression, arg: TSESTree.Node, depth: number): Purpose | undefined {
    const name = calleeName(call) ?? '';
    const index = call.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
    const first = call.arguments[0] ? stringValue(unwrap(call.arguments[0])) : undefined;
    if ((name === 'cookie' || name === 'setCookie' || name === 'setHeader' || name === 'header' || name === 'set') && index === 1 && first) {
      return isSecretName(first) || /^(?:set-cookie)$/i.test(first) ? { name: `${first} ${name === 'setHeader' || name === 'header' ? 'header' : 'cookie'}` } : undefined;
    }
    if ((name === 'push' || name === 'unshift' || name === 'add') && index === 0) {
      const receiver = calleeObject(call);
      if (receiver?.type === AST_NODE_TYPES.Identifier) return this.variablePurpose(receiver, depth);
      return undefined;
    }
    if (name === 'createCipheriv' && index === 2) return { name: 'IV' };
    // A local function: the parameter it lands in says what it is.
    const fn = this.local.callee(call);
    const param = fn?.params[index];
    const paramId = param && unwrap(param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param);
    if (paramId?.type === AST_NODE_TYPES.Identifier && isSecretName(paramId.name)) return { name: paramId.name };
    return undefined;
  }

  /** A helper's purpose: its name, or what its callers store its result as. */
  private functionPurpose(fn: FunctionNode | undefined, depth: number): Purpose | undefined {
    if (!fn) return undefined;
    const name = functionName(fn);
    if (name && isSecretName(name)) return { name: `${name}()` };
    if (depth >= 3) return undefined;
    for (const call of this.local.callsOf(fn)) {
      const purpose = this.destination(call, depth + 1);
      if (purpose) return purpose;
    }
    return undefined;
  }
}

/** Whether `fn` returns the variable `name` (possibly transformed: `result.join('')`, `prefix + result`). */
function returnsIdentifier(fn: FunctionNode, name: string): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return mentions(fn.body, name);
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument && mentions(node.argument, name)) return true;
      continue;
    }
    if (isFunction(node)) continue;
    for (const child of childNodes(node)) stack.push(child);
  }
  return false;
}

function mentions(node: TSESTree.Node, name: string): boolean {
  const stack: TSESTree.Node[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === AST_NODE_TYPES.Identifier && current.name === name) return true;
    if (isFunction(current)) continue;
    for (const child of childNodes(current)) stack.push(child);
  }
  return false;
}

// ------------------------------------------------------------------ remedies

/** How this file can reach Node's crypto module: a namespace, destructured functions, or `require`. */
interface NodeCrypto {
  namespace?: string;
  named: Map<string, string>;
  /** Whether `require('crypto')` works here (CommonJS) when nothing is imported yet. */
  canRequire: boolean;
  /** Whether the identifier `crypto` is declared in this file as something other than Node's crypto. */
  shadowsGlobal: boolean;
}

function nodeCrypto(context: AstRuleContext<MessageId>, program: TSESTree.Program, calls: TSESTree.CallExpression[]): NodeCrypto {
  const result: NodeCrypto = { named: new Map(), canRequire: false, shadowsGlobal: false };
  let esm = false;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      esm = true;
      const source = String(statement.source.value).replace(/^node:/, '');
      for (const spec of statement.specifiers) {
        if (spec.local.name === 'crypto' && source !== 'crypto') result.shadowsGlobal = true;
        if (source !== 'crypto') continue;
        if (spec.type === AST_NODE_TYPES.ImportSpecifier) result.named.set(spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value), spec.local.name);
        else result.namespace = spec.local.name;
      }
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      esm = true;
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (!declarator.init) continue;
        const ref = context.dataflow.moduleRef(declarator.init);
        const isCrypto = ref?.module === 'crypto' && ref.path.length === 0;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          if (isCrypto) result.namespace = declarator.id.name;
          else if (declarator.id.name === 'crypto') result.shadowsGlobal = true;
        } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && isCrypto) {
          for (const prop of declarator.id.properties) {
            if (prop.type === AST_NODE_TYPES.Property && prop.value.type === AST_NODE_TYPES.Identifier) result.named.set(propertyName(prop) ?? '', prop.value.name);
          }
        }
      }
    }
  }
  const usesRequire = calls.some((call) => {
    const callee = unwrap(call.callee);
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require';
  });
  result.canRequire = !esm && usesRequire;
  return result;
}

/** An expression for `crypto.<fn>` in this file, or undefined when Node's crypto is not reachable. */
function cryptoFunction(crypto: NodeCrypto, fn: string): string | undefined {
  const named = crypto.named.get(fn);
  if (named) return named;
  if (crypto.namespace) return `${crypto.namespace}.${fn}`;
  if (crypto.canRequire) return `require('crypto').${fn}`;
  return undefined;
}

/** Where Node's crypto is not imported (browser code, ES modules), both options are named. */
const WEB_OR_NODE = 'crypto.getRandomValues() in the browser, or crypto.randomBytes()/randomInt() from node:crypto';

interface Remedy {
  replacement: string;
  fix?: Fix;
  /** A fix that keeps behaviour (same range of values); otherwise the edit is only a suggestion. */
  certain: boolean;
}

/** `'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, c => ...Math.random()...)`: the whole call. */
function uuidTemplateCall(context: AstRuleContext<MessageId>, random: TSESTree.Node): TSESTree.CallExpression | undefined {
  const fn = enclosingFunction(random);
  const call = fn?.parent;
  if (!fn || call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== fn || calleeName(call) !== 'replace') return undefined;
  const receiver = calleeObject(call);
  const template = receiver ? context.dataflow.constant(receiver)?.value : undefined;
  return typeof template === 'string' && UUID_TEMPLATE.test(template) ? call : undefined;
}

function uuidRemedy(call: TSESTree.CallExpression, crypto: NodeCrypto): Remedy {
  // crypto.randomUUID() exists on Node's module and on the Web Crypto global (browsers, Node 19+).
  const expression = cryptoFunction({ ...crypto, canRequire: false }, 'randomUUID') ?? (crypto.shadowsGlobal ? undefined : 'crypto.randomUUID');
  if (!expression) return { replacement: 'crypto.randomUUID()', certain: false };
  return { replacement: `${expression}()`, certain: true, fix: { title: `Use ${expression}()`, edits: [{ start: call.range[0], end: call.range[1], text: `${expression}()` }] } };
}

function remedyFor(context: AstRuleContext<MessageId>, random: TSESTree.CallExpression, crypto: NodeCrypto): Remedy {
  const fallback = cryptoFunction(crypto, 'randomBytes') ? 'crypto.randomBytes() or crypto.randomInt()' : WEB_OR_NODE;
  return integerRemedy(context, random, crypto) ?? stringRemedy(context, random, crypto) ?? { replacement: fallback, certain: false };
}

/**
 * Math.floor(Math.random() * N), (Math.random() * N) | 0, ~~(Math.random() * N) and
 * Math.floor(A + Math.random() * N) become crypto.randomInt(N) / crypto.randomInt(A, A + N):
 * the same uniform integers. Certain only when N is a constant integer or a `.length`.
 */
function integerRemedy(context: AstRuleContext<MessageId>, random: TSESTree.CallExpression, crypto: NodeCrypto): Remedy | undefined {
  const { dataflow, file } = context;
  const product = random.parent;
  if (product?.type !== AST_NODE_TYPES.BinaryExpression || product.operator !== '*') return undefined;
  const factor = product.left === random ? product.right : product.left;
  let offset: TSESTree.Node | undefined;
  let scaled: TSESTree.Node = product;
  const sum = product.parent;
  if (sum?.type === AST_NODE_TYPES.BinaryExpression && sum.operator === '+') {
    offset = sum.left === product ? sum.right : sum.left;
    scaled = sum;
  }
  const outer = scaled.parent;
  let whole: TSESTree.Node | undefined;
  if (outer?.type === AST_NODE_TYPES.CallExpression && outer.arguments.length === 1 && outer.arguments[0] === scaled && dataflow.moduleRef(outer.callee)?.path.join('.') === 'Math.floor') whole = outer;
  else if (outer?.type === AST_NODE_TYPES.BinaryExpression && outer.operator === '|' && outer.left === scaled && dataflow.constant(outer.right)?.value === 0) whole = outer;
  else if (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === '~' && outer.parent?.type === AST_NODE_TYPES.UnaryExpression && outer.parent.operator === '~') whole = outer.parent;
  if (!whole) return undefined;
  const randomInt = cryptoFunction(crypto, 'randomInt');
  const bound = integerBound(context, factor);
  const start = offset ? dataflow.constant(offset)?.value : 0;
  if (offset && !(typeof start === 'number' && Number.isSafeInteger(start))) return undefined;
  const args = offset && typeof start === 'number' && typeof bound === 'number' ? `${start}, ${start + bound}` : offset ? undefined : file.getText(factor);
  if (!randomInt) return { replacement: WEB_OR_NODE, certain: false };
  if (args === undefined) return { replacement: `${randomInt}()`, certain: false };
  const text = `${randomInt}(${args})`;
  return { replacement: `${randomInt}()`, certain: bound !== undefined, fix: { title: `Use ${randomInt}()`, edits: [{ start: whole.range[0], end: whole.range[1], text }] } };
}

/** A constant safe integer within randomInt's range, 'length' for `x.length`, else undefined. */
function integerBound(context: AstRuleContext<MessageId>, factor: TSESTree.Node): number | 'length' | undefined {
  const value = context.dataflow.constant(factor)?.value;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 && value <= MAX_RANDOM_INT ? value : undefined;
  const node = unwrap(factor);
  return node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'length' ? 'length' : undefined;
}

/**
 * Math.random().toString(36).substring(2, 2 + L) (also .slice, .substr, .slice(-L)) becomes
 * crypto.randomBytes(⌈L/2⌉).toString('hex'), L hex characters; open-ended forms are suggestions.
 */
function stringRemedy(context: AstRuleContext<MessageId>, random: TSESTree.CallExpression, crypto: NodeCrypto): Remedy | undefined {
  const { dataflow } = context;
  const toStringMember = random.parent;
  if (toStringMember?.type !== AST_NODE_TYPES.MemberExpression || propertyName(toStringMember) !== 'toString') return undefined;
  const toStringCall = toStringMember.parent;
  if (toStringCall?.type !== AST_NODE_TYPES.CallExpression || toStringCall.callee !== toStringMember) return undefined;
  const radix = toStringCall.arguments[0] ? dataflow.constant(toStringCall.arguments[0])?.value : undefined;
  if (radix !== 36 && radix !== 16 && radix !== 32) return undefined;
  const randomBytes = cryptoFunction(crypto, 'randomBytes');
  const cutMember = toStringCall.parent;
  const cut = cutMember?.type === AST_NODE_TYPES.MemberExpression && cutMember.parent?.type === AST_NODE_TYPES.CallExpression && cutMember.parent.callee === cutMember ? cutMember.parent : undefined;
  const method = cutMember && cut ? propertyName(cutMember) : undefined;
  const numbers = cut?.arguments.map((a) => dataflow.constant(a)?.value);
  let length: number | undefined;
  if (method && numbers && numbers.every((n) => typeof n === 'number')) {
    const [a, b] = numbers as number[];
    if ((method === 'substring' || method === 'slice') && a === 2 && b !== undefined && b > 2) length = b - 2;
    else if (method === 'substr' && a === 2 && b !== undefined && b > 0) length = b;
    else if (method === 'slice' && a !== undefined && a < 0 && b === undefined) length = -a;
  }
  if (!randomBytes) return { replacement: WEB_OR_NODE, certain: false };
  const whole = length !== undefined ? cut! : (cut ?? toStringCall);
  const bytes = length !== undefined ? Math.ceil(length / 2) : 16;
  const text = `${randomBytes}(${bytes}).toString('hex')${length !== undefined && length % 2 === 1 ? `.slice(0, ${length})` : ''}`;
  return { replacement: `${randomBytes}(${bytes}).toString('hex')`, certain: length !== undefined, fix: { title: `Use ${randomBytes}(${bytes}).toString('hex')`, edits: [{ start: whole.range[0], end: whole.range[1], text }] } };
}
