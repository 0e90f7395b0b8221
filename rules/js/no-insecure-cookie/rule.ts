// Session and authentication cookies without Secure or HttpOnly: Express `res.cookie`, Fastify
// `reply.setCookie`, Next.js `cookies().set`, `cookie.serialize`, and session middleware options
// that switch the flags off (express-session, cookie-session, koa-session, @fastify/session).
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, calleeObject, unwrap, type TSESTree } from '../../api/ast';
import { hasUnknownSpread } from '../../api/values';
import type { AstRuleContext, Fix } from '../../api/types';

type MessageId = 'missingFlags' | 'flagDisabled' | 'sameSiteNone' | 'sessionFlagDisabled';

/** Words in a cookie name that mean it authenticates its holder. */
const AUTH_WORDS = new Set(['session', 'sess', 'sid', 'ssid', 'sessionid', 'token', 'auth', 'jwt', 'login', 'remember', 'rememberme', 'access', 'refresh', 'credential', 'credentials', 'identity', 'idtoken', 'jsessionid', 'phpsessid', 'bearer', 'apikey', 'uid', 'userid']);
/** CSRF cookies are read by the page's script on purpose (double submit), so only Secure applies. */
const CSRF_WORDS = new Set(['csrf', 'xsrf', 'csrftoken', 'xsrftoken']);
/** Session middleware and where its cookie options live. */
const SESSION_MIDDLEWARE: Record<string, 'cookie' | 'top'> = {
  'express-session': 'cookie',
  'cookie-session': 'top',
  'koa-session': 'top',
  '@fastify/session': 'cookie',
  'fastify-session': 'cookie',
  '@fastify/secure-session': 'cookie',
};

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-insecure-cookie',
    type: 'hardening',
    severity: 'medium',
    docs: {
      title: 'Session or authentication cookie without Secure or HttpOnly',
      cwe: ['CWE-614', 'CWE-1004'],
      owasp: ['A05:2021-Security Misconfiguration'],
    },
    fixable: 'safe',
    hasSuggestions: true,
    messages: {
      missingFlags: 'The {{name}} cookie is set without {{flags}}: {{why}}',
      flagDisabled: 'The {{name}} cookie is set with {{flag}}: false: {{why}}',
      sameSiteNone: "The {{name}} cookie uses sameSite: 'none' without secure: browsers drop it, and over plain HTTP it would travel in clear text. Add secure: true.",
      sessionFlagDisabled: '{{library}} sets its session cookie with {{flag}}: false: {{why}}',
    },
    sources: [
      { name: 'semgrep: javascript.express.security.audit.express-cookie-settings (concept)', relation: 'inspired' },
      { name: 'eslint-plugin-security-node: detect-insecure-cookie', relation: 'inspired' },
    ],
    tags: ['session', 'cookie'],
  },
  // Prefilter: cookie setters and the cookie module, session middleware, and Next.js, where any
  // set() on a response or on cookies() counts.
  prefilter: ['cookie', 'session', 'next/headers', 'next/server'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node) ?? '';
        if (/^(?:cookie|setCookie|set|serialize|register)$/.test(name) || unwrap(node.callee).type === AST_NODE_TYPES.Identifier) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

const WHY = {
  secure: 'it is also sent over plain HTTP, where anyone on the network can copy it and take over the session',
  httpOnly: 'any script in the page, such as an XSS payload, can read it and send it away',
};

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const setter = cookieSetter(context, call);
  if (setter) {
    checkSetter(context, call, setter);
    return;
  }
  checkMiddleware(context, call);
}

/** Whether the call sets a cookie, and whether the library's defaults are insecure (Express) or not (Koa). */
function cookieSetter(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): { defaultsInsecure: boolean } | undefined {
  const { dataflow } = context;
  const name = calleeName(call);
  const receiver = calleeObject(call);
  if ((name === 'cookie' || name === 'setCookie') && receiver && dataflow.isResponse(receiver)) return { defaultsInsecure: true };
  if (name === 'serialize') {
    const ref = dataflow.moduleRef(call.callee);
    return ref?.module === 'cookie' && ref.path.join('.') === 'serialize' ? { defaultsInsecure: true } : undefined;
  }
  if (name === 'set' && receiver) {
    const cookies = unwrap(receiver);
    // Next.js: cookies().set(...) from next/headers, response.cookies.set(...) on a NextResponse
    const ref = dataflow.moduleRef(cookies);
    if (ref && (ref.module === 'next/headers' || ref.module === 'next/server')) return { defaultsInsecure: true };
    // Koa: ctx.cookies.set(...) is HttpOnly by default and Secure on HTTPS requests
    if (cookies.type === AST_NODE_TYPES.MemberExpression && !cookies.computed && context.file.getText(cookies.property) === 'cookies') {
      const owner = dataflow.moduleRef(cookies.object);
      if (owner && (owner.module === 'next/headers' || owner.module === 'next/server')) return { defaultsInsecure: true };
      if (dataflow.isRequest(cookies.object) || dataflow.isResponse(cookies.object)) return { defaultsInsecure: false };
    }
  }
  return undefined;
}

function checkSetter(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, setter: { defaultsInsecure: boolean }): void {
  const { dataflow } = context;
  const nameNode = argumentAt(call, 0);
  const valueNode = argumentAt(call, 1);
  if (!nameNode || !valueNode) return;
  // A constant value ('', 'none', 'deleted') is a logout or a placeholder, not a credential.
  if (dataflow.constant(valueNode)) return;
  const nameValue = dataflow.constant(nameNode)?.value;
  const name = typeof nameValue === 'string' ? nameValue : undefined;
  const kind = cookieKind(context, name, valueNode);
  if (!kind) return;
  const shown = name ?? 'session';
  const optionsNode = argumentAt(call, 2);
  const options = optionsNode ? dataflow.objectLiteral(optionsNode) : undefined;
  if (optionsNode && (!options || hasUnknownSpread(context.dataflow, options))) return; // options built elsewhere: cannot tell
  const wanted: Array<'secure' | 'httpOnly'> = kind === 'csrf' ? ['secure'] : ['secure', 'httpOnly'];
  const missing: Array<'secure' | 'httpOnly'> = [];
  const disabled: Array<{ flag: 'secure' | 'httpOnly'; node: TSESTree.Node }> = [];
  for (const flag of wanted) {
    const value = optionsNode ? dataflow.property(optionsNode, flag) : undefined;
    if (!value) {
      if (setter.defaultsInsecure) missing.push(flag);
      continue;
    }
    if (dataflow.constant(value)?.value === false) disabled.push({ flag, node: value });
  }
  for (const { flag, node } of disabled) {
    context.report({ node, messageId: 'flagDisabled', data: { name: shown, flag, why: `${WHY[flag]}.` }, ...flipSuggestion(node, flag) });
  }
  if (missing.length) {
    const why = missing.map((flag) => WHY[flag]).join('; and ');
    const flags = missing.map((flag) => (flag === 'secure' ? 'Secure' : 'HttpOnly')).join(' or ');
    context.report({ node: call, messageId: 'missingFlags', data: { name: shown, flags, why: `${why}. Set ${missing.map((f) => `${f}: true`).join(' and ')}.` }, ...addFlagsFix(call, valueNode, optionsNode, missing) });
    return;
  }
  const sameSite = optionsNode ? dataflow.property(optionsNode, 'sameSite') : undefined;
  const sameSiteValue = sameSite && dataflow.constant(sameSite)?.value;
  const secure = optionsNode ? dataflow.property(optionsNode, 'secure') : undefined;
  if (typeof sameSiteValue === 'string' && sameSiteValue.toLowerCase() === 'none' && (!secure || dataflow.constant(secure)?.value === false) && !disabled.some((d) => d.flag === 'secure')) {
    context.report({ node: sameSite!, messageId: 'sameSiteNone', data: { name: shown } });
  }
}

/** 'auth' for session and token cookies, 'csrf' for CSRF tokens, undefined for preferences and the like. */
function cookieKind(context: AstRuleContext<MessageId>, name: string | undefined, value: TSESTree.Node): 'auth' | 'csrf' | undefined {
  if (name !== undefined) {
    const words = wordsOf(name);
    if (words.some((w) => CSRF_WORDS.has(w)) || /csrf|xsrf/i.test(name)) return 'csrf';
    if (words.some((w) => AUTH_WORDS.has(w)) || /^(?:connect\.sid|__session|__Secure-.*|__Host-.*)$/i.test(name)) return 'auth';
  }
  // Whatever the name, a signed JWT or the session id is a credential.
  return isCredentialValue(context, value, 0) ? 'auth' : undefined;
}

function isCredentialValue(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): boolean {
  if (depth > 4) return false;
  const node = unwrap(input);
  if (node.type === AST_NODE_TYPES.AwaitExpression) return isCredentialValue(context, node.argument, depth + 1);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const def = context.dataflow.definition(node);
    return !!def && isCredentialValue(context, def, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const ref = context.dataflow.moduleRef(node.callee);
    if (ref?.module === 'jsonwebtoken' && ref.path.join('.') === 'sign') return true;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && /\.(?:sessionID|sessionId)$/.test(context.file.getText(node))) return true;
  return false;
}

function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .concat(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * Adds the missing flags where the options are written: a new options argument, or new properties
 * at the start of the inline options object. Options defined elsewhere are left to the developer.
 */
function addFlagsFix(call: TSESTree.CallExpression, value: TSESTree.Node, optionsNode: TSESTree.Node | undefined, missing: Array<'secure' | 'httpOnly'>): { fix?: Fix } {
  const added = missing.map((flag) => `${flag}: true`).join(', ');
  const title = `Set ${missing.map((flag) => `${flag}: true`).join(' and ')}`;
  if (!optionsNode) {
    if (call.arguments.length !== 2) return {};
    return { fix: { title, edits: [{ start: value.range[1], end: value.range[1], text: `, { ${added} }` }] } };
  }
  const options = unwrap(optionsNode);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return {};
  const first = options.properties[0];
  if (!first) return { fix: { title, edits: [{ start: options.range[0], end: options.range[1], text: `{ ${added} }` }] } };
  return { fix: { title, edits: [{ start: first.range[0], end: first.range[0], text: `${added}, ` }] } };
}

/** An explicit `false` may be deliberate (a script reads the cookie), so turning it on is a suggestion. */
function flipSuggestion(node: TSESTree.Node, flag: string): { suggestions?: Fix[] } {
  const literal = unwrap(node);
  if (literal.type !== AST_NODE_TYPES.Literal) return {};
  return { suggestions: [{ title: `Set ${flag}: true`, edits: [{ start: literal.range[0], end: literal.range[1], text: 'true' }] }] };
}

function checkMiddleware(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  let library: string | undefined;
  let optionsNode: TSESTree.Node | undefined;
  const ref = dataflow.moduleRef(call.callee);
  if (ref && ref.path.length === 0 && ref.module in SESSION_MIDDLEWARE) {
    library = ref.module;
    optionsNode = argumentAt(call, 0);
  } else if (calleeName(call) === 'register') {
    // fastify.register(require('@fastify/session'), { cookie: { secure: false } })
    const plugin = argumentAt(call, 0);
    const pluginRef = plugin && dataflow.moduleRef(plugin);
    if (pluginRef && pluginRef.path.length === 0 && pluginRef.module in SESSION_MIDDLEWARE) {
      library = pluginRef.module;
      optionsNode = argumentAt(call, 1);
    }
  }
  if (!library || !optionsNode) return;
  const cookieOptions = SESSION_MIDDLEWARE[library] === 'cookie' ? dataflow.property(optionsNode, 'cookie') : optionsNode;
  if (!cookieOptions) return;
  for (const flag of ['secure', 'httpOnly'] as const) {
    const value = dataflow.property(cookieOptions, flag);
    if (!value || dataflow.constant(value)?.value !== false) continue;
    const why = flag === 'secure' ? `${WHY.secure}. Set secure: true (behind a TLS-terminating proxy, also tell the framework to trust it, e.g. app.set('trust proxy', 1)).` : `${WHY.httpOnly}. Remove httpOnly: false.`;
    context.report({ node: value, messageId: 'sessionFlagDisabled', data: { library, flag, why }, ...flipSuggestion(value, flag) });
  }
}
