// Secrets in logs: passwords, tokens, API keys, authorization headers, cookies, card numbers, whole
// request bodies or headers passed to console, winston, pino, bunyan, log4js or debug loggers.
// Field and variable names classify the data (a field named password holds a password); the
// logged value decides (`password.length`, a hash or a masked value is fine).
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, memberChain, propertyName, stringValue, unwrap, type TSESTree } from '../../api/ast';
import { shorten } from '../../api/text';
import type { AstRuleContext } from '../../api/types';

const LOG_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'http', 'notice', 'crit', 'critical', 'alert', 'emerg', 'dir', 'table']);
/** The last name of a receiver that is a logger: `console`, `logger`, `this.logger`, `req.log`, `fastify.log`. */
const LOGGER_NAMES = /^(?:console|log|logger|_logger|logging|winston|pino|bunyan|signale|consola|applogger|auditlogger|requestlogger)$/i;
/** Names that `debug`-style logger instances are given. */
const DEBUG_NAMES = /debug|log|dbg|trace/i;
/** Modules whose instances log: `winston.createLogger()`, `pino()`, `log4js.getLogger()`, `require('debug')('app')`. */
const LOGGER_MODULES = new Set(['winston', 'pino', 'bunyan', 'log4js', 'debug', 'loglevel', 'signale', 'consola', 'npmlog', 'roarr', 'tslog', '@nestjs/common']);

const TOKEN = 'a token';
/** Name endings that classify a value as secret, with how to call it in messages. */
const CLASSES: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /(?:password|passwd|passphrase|^pwd|^pass|^pin)$/, what: 'a password' },
  { pattern: /(?:token|jwt|^otp|otpcode|mfacode|totp)$/, what: TOKEN },
  { pattern: /(?:secret|apikey|accesskey|privatekey|secretkey|signingkey|credentials?)$/, what: 'a secret key' },
  { pattern: /authorization$/, what: 'an authorization header' },
  { pattern: /(?:cookies?|sessionid|^sid)$/, what: 'session cookies' },
  { pattern: /(?:creditcard|cardnumber|ccnumber|^pan|cvv|cvc|cvv2)$/, what: 'payment card data' },
  { pattern: /(?:ssn|socialsecuritynumber)$/, what: 'a national ID number' },
];
/** Words before the secret's name that say the value is derived from it: `hashedPassword`, `maskedToken`. */
const DERIVED_PREFIX = /(?:hash|hashed|digest|salted|mask|masked|redacted|encrypted|enc|sanitized|obfuscated|truncated|partial|last4|safe|public|csrf|xsrf)$/;
/** Prefixes of boolean or function names: `hasPassword`, `isTokenValid`, `validatePassword`. */
const PREDICATE = /^(?:is|has|should|can|needs|requires|show|hide|use|enable|disable|validate|check|verify|compare|generate|create|get|set|on)[A-Z_]/;
/** Calls whose result does not reveal the secret. */
const MASKING_CALLS = /^(?:hash|hashSync|compare|compareSync|mask|maskSecret|redact|sha\d*|md5|digest|encrypt|obfuscate|truncate|slice|substring|substr|replace|replaceAll|length|Boolean|isValid|verify|createHash|update|randomBytes|toFixed|padStart|padEnd|startsWith|endsWith|includes|test)$/;
/** Request headers that carry credentials. */
const SECRET_HEADERS = /^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token|api-key|apikey)$/i;
/** Request properties that hold everything the client sent. */
const WHOLE_REQUEST: Record<string, string> = {
  body: 'the whole request body, with any passwords and tokens in it',
  headers: 'every request header, Authorization and Cookie included',
  cookies: 'every request cookie, the session included',
  signedCookies: 'every signed cookie, the session included',
  rawHeaders: 'every request header, Authorization and Cookie included',
};

type MessageId = 'sensitiveLog';

interface Finding {
  node: TSESTree.Node;
  what: string;
}

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-sensitive-data-in-logs',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Passwords, tokens or whole requests written to logs',
      cwe: ['CWE-532'],
      owasp: ['A09:2021-Security Logging and Monitoring Failures'],
    },
    fixable: null,
    messages: {
      sensitiveLog: '{{logger}} writes `{{value}}`, which holds {{what}}, to the log; logs are kept, shipped and read far more widely than the data they copy. Log a masked or derived value instead.',
    },
    sources: [
      { name: 'OWASP Logging Cheat Sheet: data to exclude', relation: 'inspired' },
      { name: 'semgrep: javascript.lang.security.audit.sensitive-logging', relation: 'inspired' },
    ],
    tags: ['logging', 'secrets', 'privacy'],
  },
  // Prefilter: loggers: console, *log* names and the logging modules it knows.
  prefilter: ['log', 'console', 'winston', 'pino', 'bunyan', 'signale', 'consola', 'debug', 'roarr', '@nestjs/common'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        // Plain calls only when named like a debug-style logger (`debug`, `log`, `dbg`): most are not loggers.
        if (node.arguments.length > 0 && name && (LOG_METHODS.has(name) || (unwrap(node.callee).type === AST_NODE_TYPES.Identifier && DEBUG_NAMES.test(name)))) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) {
          const logger = loggerOf(context, call);
          if (!logger) continue;
          const classifier = new Classifier(context);
          for (const arg of call.arguments) {
            const found = classifier.sensitive(arg, 0);
            if (!found) continue;
            context.report({ node: found.node, messageId: 'sensitiveLog', data: { value: shorten(context.file.getText(found.node), 60), what: found.what, logger } });
            break;
          }
        }
      },
    };
  },
});

/** How the logger reads in messages (`console.log()`, `logger.info()`, `debug()`), or undefined if the call does not log. */
function loggerOf(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  const name = calleeName(call)!;
  const ref = context.dataflow.moduleRef(callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    // const debug = require('debug')('app'); debug('...', value)
    return ref && LOGGER_MODULES.has(ref.module) && ref.path[ref.path.length - 1] === '()' ? `${name}()` : undefined;
  }
  if (!LOG_METHODS.has(name)) return undefined;
  const receiver = calleeObject(call);
  const chain = receiver && memberChain(receiver);
  const last = chain?.[chain.length - 1];
  const label = chain ? `${chain.join('.')}.${name}()` : `${name}()`;
  if (ref && LOGGER_MODULES.has(ref.module)) return label;
  return last && LOGGER_NAMES.test(last) ? label : undefined;
}

class Classifier {
  constructor(private readonly context: AstRuleContext<MessageId>) {}

  /** The first secret part of a logged expression. */
  sensitive(input: TSESTree.Node, depth: number): Finding | undefined {
    if (depth > 4) return undefined;
    const node = unwrap(input);
    switch (node.type) {
      case AST_NODE_TYPES.SpreadElement:
        return this.sensitive(node.argument, depth + 1);
      case AST_NODE_TYPES.TemplateLiteral:
        return this.first(node.expressions, depth);
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === '+' ? this.first([node.left, node.right], depth) : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        return this.first([node.left, node.right], depth);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.first([node.consequent, node.alternate], depth);
      case AST_NODE_TYPES.ArrayExpression:
        return this.first(node.elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => !!e), depth);
      case AST_NODE_TYPES.ObjectExpression:
        return this.objectLiteral(node, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(node);
      case AST_NODE_TYPES.Identifier:
        return this.identifier(node, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.call(node, depth);
      case AST_NODE_TYPES.AwaitExpression:
        return this.sensitive(node.argument, depth + 1);
      default:
        return undefined;
    }
  }

  private first(nodes: TSESTree.Node[], depth: number): Finding | undefined {
    for (const n of nodes) {
      const found = this.sensitive(n, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** `{ email, password }`: a secret-named key with a value that is not made safe, or a secret value. */
  private objectLiteral(node: TSESTree.ObjectExpression, depth: number): Finding | undefined {
    for (const prop of node.properties) {
      if (prop.type === AST_NODE_TYPES.SpreadElement) {
        const found = this.sensitive(prop.argument, depth + 1);
        if (found) return found;
        continue;
      }
      const key = propertyName(prop);
      const what = key !== undefined ? classify(key) : undefined;
      if (what && !this.harmless(prop.value)) return { node: prop, what };
      const found = this.sensitive(prop.value, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private member(node: TSESTree.MemberExpression): Finding | undefined {
    const name = propertyName(node);
    const object = unwrap(node.object);
    if (name !== undefined) {
      // req.body, req.headers, ctx.request.body, process.env
      if (Object.hasOwn(WHOLE_REQUEST, name) && this.context.dataflow.isRequest(object)) return { node, what: WHOLE_REQUEST[name]! };
      const chain = memberChain(node);
      if (chain?.join('.') === 'process.env') return { node, what: 'every environment variable, secrets included' };
      // req.headers.authorization, req.headers['x-api-key'], user.password, process.env.STRIPE_SECRET
      const what = classify(name) ?? (SECRET_HEADERS.test(name) && this.isHeaders(object) ? 'a credential header' : undefined);
      if (what) return { node, what };
      if (name === 'length' || name === 'size') return undefined;
    }
    return undefined;
  }

  private identifier(node: TSESTree.Identifier, depth: number): Finding | undefined {
    const what = classify(node.name);
    const definition = this.context.dataflow.definition(node);
    if (what === TOKEN && this.isLexerToken(node)) return undefined;
    if (what) return definition && this.harmless(definition) ? undefined : { node, what };
    if (!definition) return undefined;
    const found = this.sensitive(definition, depth + 1);
    // Report where it is logged, naming what it holds.
    return found ? { node, what: found.what } : undefined;
  }

  private call(node: TSESTree.CallExpression, depth: number): Finding | undefined {
    const name = calleeName(node) ?? '';
    const receiver = calleeObject(node);
    // req.get('authorization'), req.header('Cookie'), headers.get('x-api-key')
    if ((name === 'get' || name === 'header') && node.arguments[0]) {
      const header = stringValue(unwrap(node.arguments[0]));
      if (header && SECRET_HEADERS.test(header) && receiver && (this.context.dataflow.isRequest(receiver) || this.isHeaders(receiver))) return { node, what: 'a credential header' };
      return undefined;
    }
    if (MASKING_CALLS.test(name)) return undefined;
    // JSON.stringify(x), util.inspect(x), util.format(...), String(x), x.toString(), Object.assign({}, x)
    const text = this.context.file.getText(node.callee).replace(/\s+/g, '');
    if (/^(?:JSON\.stringify|util\.inspect|inspect|util\.format|format|String|Object\.assign|structuredClone|_\.clone|_\.cloneDeep)$/.test(text)) return this.first(node.arguments, depth);
    if ((name === 'toString' || name === 'toJSON' || name === 'trim') && receiver) return this.sensitive(receiver, depth + 1);
    return undefined;
  }

  /**
   * A parser's token, not a credential: the variable comes from `tokens`, a lexer, a tokenizer or
   * a scanner (`for (const token of tokens)`, `tokens.forEach((token) => ...)`, `lexer.next()`).
   */
  private isLexerToken(id: TSESTree.Identifier): boolean {
    const origin = declarationOrigin(id);
    return !!origin && /tokens|lex|tokeni[sz]|scan|pars|\.next\(|peek/i.test(this.context.file.getText(origin));
  }

  /** A value that does not reveal a secret: a constant, a length, a boolean, a hash or a masked form. */
  private harmless(input: TSESTree.Node): boolean {
    const node = unwrap(input);
    if (this.context.dataflow.constant(node)) return true;
    switch (node.type) {
      case AST_NODE_TYPES.UnaryExpression:
        return true;
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator !== '+';
      case AST_NODE_TYPES.ConditionalExpression:
        return this.harmless(node.consequent) && this.harmless(node.alternate);
      case AST_NODE_TYPES.MemberExpression:
        return propertyName(node) === 'length' || propertyName(node) === 'size';
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.AwaitExpression: {
        const call = node.type === AST_NODE_TYPES.AwaitExpression ? unwrap(node.argument) : node;
        return call.type === AST_NODE_TYPES.CallExpression && MASKING_CALLS.test(calleeName(call) ?? '');
      }
      default:
        return false;
    }
  }

  /** `req.headers`, `request.headers`, `res.getHeaders()`-like objects named headers. */
  private isHeaders(node: TSESTree.Node): boolean {
    const n = unwrap(node);
    return n.type === AST_NODE_TYPES.MemberExpression && propertyName(n) === 'headers';
  }
}

/**
 * The expression a variable's value comes from: its initialiser, the collection a loop walks, or
 * the receiver of the array method whose callback receives it.
 */
function declarationOrigin(id: TSESTree.Identifier): TSESTree.Node | undefined {
  for (let node: TSESTree.Node | undefined = id.parent; node; node = node.parent) {
    if ((node.type === AST_NODE_TYPES.ForOfStatement || node.type === AST_NODE_TYPES.ForInStatement) && declares(node.left, id.name)) return node.right;
    if (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      if (node.params.some((p) => declares(p, id.name))) {
        const call = node.parent;
        return call?.type === AST_NODE_TYPES.CallExpression ? calleeObject(call) : undefined;
      }
    }
    if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program) {
      for (const statement of node.body) {
        if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
        for (const declarator of statement.declarations) if (declares(declarator.id, id.name) && declarator.init) return declarator.init;
      }
    }
  }
  return undefined;
}

function declares(pattern: TSESTree.Node, name: string): boolean {
  const n = pattern.type === AST_NODE_TYPES.VariableDeclaration ? pattern.declarations[0]?.id : pattern;
  return n?.type === AST_NODE_TYPES.Identifier && n.name === name;
}

/** What a name says the value is, or undefined for ordinary and derived names. */
function classify(name: string): string | undefined {
  if (PREDICATE.test(name)) return undefined;
  const normal = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const { pattern, what } of CLASSES) {
    const match = pattern.exec(normal);
    // The secret's name ends the word (`passwordLength`, `tokenType` do not); nothing before it says "derived".
    if (match && !DERIVED_PREFIX.test(normal.slice(0, match.index))) return what;
  }
  return undefined;
}
