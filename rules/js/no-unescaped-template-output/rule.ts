// Template engines with HTML escaping turned off or bypassed from JavaScript (nunjucks/swig/Eta
// autoescape off, Handlebars noEscape, escape functions replaced by the identity, SafeString of
// untrusted data, raw output tags fed untrusted data), and server-side template injection: untrusted
// data used as the template itself. (A whole request passed to res.render() as the view data, which
// engines read options such as `layout` from, is no-path-traversal's: the engine opens a file the
// request names.)
import { defineAstRule } from '../../api/define-rule';
import { argumentAt, AST_NODE_TYPES, calleeName, findProperty, isFunction, isLiteralValue, propertyName, unwrap, type TSESTree } from '../../api/ast';
import { ATTACKER_SOURCES, type ModuleRef } from '../../api/dataflow';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';

interface Engine {
  label: string;
  modules: string[];
  /** Functions whose first argument is template source and that take the data as second argument. */
  renderers: string[];
  /** Functions whose first argument is template source and that return a template to call with data. */
  compilers: string[];
  /** Unescaped output tags; group 1 is the expression written raw. */
  raw: RegExp[];
  /** The name templates use for their data object (`it` in doT and Eta); else data keys are top-level names. */
  dataName?: string;
  /** Whether a template can run JavaScript on the server (else an injected template "only" yields HTML). */
  runsCode: boolean;
}

const MUSTACHE_RAW = [/\{\{\{\s*([^}]*?)\s*\}\}\}/g, /\{\{&\s*([^}]*?)\s*\}\}/g];
const ENGINES: Engine[] = [
  { label: 'EJS', modules: ['ejs'], renderers: ['render'], compilers: ['compile'], raw: [/<%-\s*([\s\S]*?)\s*[-_]?%>/g], runsCode: true },
  { label: 'Pug', modules: ['pug', 'jade'], renderers: ['render'], compilers: ['compile'], raw: [/!\{\s*([^}]*?)\s*\}/g, /^[ \t]*[\w.#-]*!=\s*(.+)$/gm], runsCode: true },
  { label: 'Handlebars', modules: ['handlebars', 'hbs', '#global:Handlebars'], renderers: [], compilers: ['compile', 'precompile'], raw: MUSTACHE_RAW, runsCode: true },
  { label: 'Mustache', modules: ['mustache', '#global:Mustache'], renderers: ['render'], compilers: ['parse'], raw: MUSTACHE_RAW, runsCode: false },
  { label: 'Hogan', modules: ['hogan.js'], renderers: [], compilers: ['compile'], raw: MUSTACHE_RAW, runsCode: false },
  { label: 'Nunjucks', modules: ['nunjucks'], renderers: ['renderString'], compilers: ['compile'], raw: [/\{\{\s*([^}|]*?)\s*\|\s*safe\s*\}\}/g], runsCode: true },
  { label: 'Lodash', modules: ['lodash', 'lodash.template', 'underscore', '#global:_'], renderers: [], compilers: ['template'], raw: [/<%=\s*([\s\S]*?)\s*%>/g], runsCode: true },
  { label: 'doT', modules: ['dot', '#global:doT'], renderers: [], compilers: ['template', 'compile'], raw: [/\{\{=\s*([\s\S]*?)\s*\}\}/g], dataName: 'it', runsCode: true },
  { label: 'Eta', modules: ['eta'], renderers: ['render', 'renderString', 'renderStringAsync'], compilers: ['compile'], raw: [/<%~\s*([\s\S]*?)\s*[-_]?%>/g], dataName: 'it', runsCode: true },
  { label: 'Squirrelly', modules: ['squirrelly'], renderers: ['render'], compilers: ['compile'], raw: [], runsCode: true },
  { label: 'Swig', modules: ['swig', 'swig-templates'], renderers: ['render'], compilers: ['compile'], raw: [/\{\{\s*([^}|]*?)\s*\|\s*safe\s*\}\}/g], runsCode: true },
  { label: 'art-template', modules: ['art-template'], renderers: ['render'], compilers: ['compile'], raw: [/\{\{@\s*([^}]*?)\s*\}\}/g], runsCode: true },
  { label: 'Dust', modules: ['dustjs-linkedin', 'dust'], renderers: ['renderSource'], compilers: ['compile'], raw: [/\{([\w.$]+)\|s\}/g], runsCode: true },
  { label: 'Velocity', modules: ['velocityjs'], renderers: ['render'], compilers: ['parse'], raw: [], runsCode: false },
];
/** Names of the engine functions and constructors this rule looks at, to keep the walk cheap. */
const ENGINE_FUNCTIONS = new Set([
  ...ENGINES.flatMap((e) => [...e.renderers, ...e.compilers]),
  'render', 'configure', 'setDefaults', 'SafeString', 'markSafe', 'Environment', 'Template', 'Swig', 'Eta', 'twig',
]);
/** Framework modules whose presence says the templates render web pages. */
const WEB_MODULES = /^(?:express|koa|@koa\/router|koa-router|fastify|@hapi\/hapi|hapi|restify|next|http|https|node:http|node:https)$/;

type MessageId = 'templateInjection' | 'templateInjectionAudit' | 'escapingOff' | 'escapingOffAudit' | 'escapeReplaced' | 'safeString' | 'safeStringAudit' | 'rawOutput';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-unescaped-template-output',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Template escaping turned off or template built from user data',
      cwe: ['CWE-79', 'CWE-1336'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    messages: {
      templateInjection: '{{source}} is used as the {{engine}} template itself; an attacker who writes the template {{impact}}.',
      templateInjectionAudit: '{{source}} is compiled as template source ({{engine}}); make sure callers never pass a template built from user input.',
      escapingOff: '{{what}}: every value these templates output is written into HTML unescaped, so any user data in them is cross-site scripting.',
      escapingOffAudit: '{{what}}: if these templates render HTML, every value they output is unescaped; keep escaping on for HTML.',
      escapeReplaced: '{{what}} is replaced by a function that returns its input, so templates no longer escape anything.',
      safeString: '{{source}} is marked as safe HTML with {{wrapper}}, so the template writes it unescaped; an attacker can inject script.',
      safeStringAudit: '{{wrapper}} marks a value Guardline could not trace as safe HTML; escape it first (Handlebars.escapeExpression) unless it is trusted markup.',
      rawOutput: '{{source}} is written unescaped by the {{tag}} output of this {{engine}} template; an attacker can inject script. Use the escaping tag instead.',
    },
    sources: [
      { name: 'semgrep: javascript.express.security.express-insecure-template-usage', relation: 'inspired' },
      { name: 'semgrep: javascript.lang.security.audit.unknown-value-with-script-tag', relation: 'inspired' },
    ],
    tags: ['xss', 'template', 'ssti', 'injection'],
  },
  // Prefilter: the template engines it knows, template() compilers and escape overrides.
  prefilter: ['ejs', 'pug', 'jade', 'handlebars', 'hbs', 'mustache', 'hogan', 'nunjucks', 'template', 'dot', 'eta', 'squirrelly', 'swig', 'dust', 'velocity', 'twig', 'escape'],
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    const modules = new Set<string>();
    return {
      ImportDeclaration(node) {
        modules.add(String(node.source.value));
      },
      CallExpression(node) {
        const callee = unwrap(node.callee);
        // Engine functions by name; identifiers and calls may be compiled templates (`tpl(data)`, `compile(src)(data)`).
        if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.CallExpression || ENGINE_FUNCTIONS.has(calleeName(node) ?? '')) calls.push(node);
        if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require' && node.arguments[0]?.type === AST_NODE_TYPES.Literal) modules.add(String(node.arguments[0].value));
      },
      NewExpression(node) {
        if (ENGINE_FUNCTIONS.has(calleeName(node) ?? '')) calls.push(node);
      },
      AssignmentExpression(node) {
        if (node.left.type === AST_NODE_TYPES.MemberExpression && /^(?:escape|escapeExpression|escapeXML|escapeFunction)$/.test(propertyName(node.left) ?? '')) assignments.push(node);
      },
      'Program:exit'() {
        const web = [...modules].some((m) => WEB_MODULES.test(m));
        for (const call of calls) checkCall(context, call, web);
        for (const node of assignments) checkEscapeOverride(context, node);
      },
    };
  },
});

/** The engine a module reference belongs to, and the function it names. */
function engineOf(ref: ModuleRef | undefined): { engine: Engine; fn: string; path: string[] } | undefined {
  if (!ref) return undefined;
  let path = ref.path;
  let module = ref.module;
  if (module === '#global' && path.length) {
    module = `#global:${path[0]}`;
    path = path.slice(1);
  }
  // hbs re-exports Handlebars as hbs.handlebars
  if (module === 'hbs' && path[0] === 'handlebars') path = path.slice(1);
  const engine = ENGINES.find((e) => e.modules.includes(module));
  if (!engine) return undefined;
  return { engine, fn: path[path.length - 1] ?? '', path };
}

function checkCall(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression, web: boolean): void {
  const { dataflow } = context;
  const callee = unwrap(call.callee);
  // A call of a compiled template: compile(src)(data), tpl(data), tpl.render(data)
  if (call.type === AST_NODE_TYPES.CallExpression) checkCompiledTemplateCall(context, call);
  const ref = dataflow.moduleRef(callee);
  const found = engineOf(ref);
  if (found) {
    const { engine, fn, path } = found;
    const isNew = call.type === AST_NODE_TYPES.NewExpression;
    if (!isNew && (engine.renderers.includes(fn) || engine.compilers.includes(fn))) {
      const source = argumentAt(call, 0);
      if (source) checkTemplateSource(context, source, engine);
      if (source && engine.renderers.includes(fn)) checkRawOutput(context, source, argumentAt(call, 1), engine);
      // noEscape on a template with no markup (code or text generation) is not about HTML
      if (engine.label === 'Handlebars' && (fn === 'compile' || fn === 'precompile') && !isTextTemplate(context, source)) {
        checkOption(context, call, 1, 'noEscape', true, `Handlebars ${fn}() with noEscape: true`, web);
      }
    }
    if (engine.label === 'Handlebars' && isNew && fn === 'SafeString') checkSafeString(context, call, 'new Handlebars.SafeString()');
    if (engine.label === 'Nunjucks') {
      if (!isNew && fn === 'configure' && path.length === 1) checkOption(context, call, call.arguments.length - 1, 'autoescape', false, 'nunjucks.configure() with autoescape: false', web || hasExpressOption(context, call));
      if (isNew && fn === 'Environment' && path.length === 1) checkOption(context, call, 1, 'autoescape', false, 'A nunjucks Environment with autoescape: false', web);
      if ((isNew && fn === 'SafeString') || (!isNew && fn === 'markSafe')) checkSafeString(context, call, `nunjucks ${fn}()`);
      if (isNew && fn === 'Template') {
        const source = argumentAt(call, 0);
        if (source) checkTemplateSource(context, source, engine);
      }
    }
    if (engine.label === 'Swig' && ((!isNew && fn === 'setDefaults') || (isNew && fn === 'Swig'))) checkOption(context, call, 0, 'autoescape', false, `${isNew ? 'new swig.Swig()' : 'swig.setDefaults()'} with autoescape: false`, web);
    if (engine.label === 'Eta' && ((!isNew && fn === 'configure') || (isNew && fn === 'Eta'))) checkOption(context, call, 0, 'autoEscape', false, `${isNew ? 'new Eta()' : 'eta.configure()'} with autoEscape: false`, web);
  }
  // twig({ data: template }) compiles `data` as a Twig template
  if (ref?.module === 'twig' && call.type === AST_NODE_TYPES.CallExpression && ref.path[ref.path.length - 1] !== 'renderFile') {
    const options = argumentAt(call, 0);
    const data = options && dataflow.property(options, 'data');
    if (data) checkTemplateSource(context, data, { label: 'Twig', modules: ['twig'], renderers: [], compilers: [], raw: [], runsCode: true });
  }
}

/** A constant template without any markup: it generates text or code, not HTML. */
function isTextTemplate(context: AstRuleContext<MessageId>, source: TSESTree.Node | undefined): boolean {
  const value = source && context.dataflow.constant(source)?.value;
  return typeof value === 'string' && !value.includes('<');
}

/** User data as the template source: server-side template injection. */
function checkTemplateSource(context: AstRuleContext<MessageId>, source: TSESTree.Node, engine: Engine): void {
  const verdict = context.dataflow.verdict(source, 'template');
  if (verdict.kind !== 'tainted') return;
  const { taint } = verdict;
  if (taint.source.kind === 'exported-param') {
    context.report({ node: source, messageId: 'templateInjectionAudit', data: { source: taint.source.label, engine: engine.label }, confidence: 'audit', severity: 'medium' });
    return;
  }
  if (!ATTACKER_SOURCES.has(taint.source.kind)) return;
  context.report({
    node: source,
    messageId: 'templateInjection',
    data: { source: taint.source.label, engine: engine.label, impact: engine.runsCode ? 'can run code on the server' : 'can read the template data and inject script' },
    flow: flowSteps(taint, source, `compiled as a ${engine.label} template`),
    severity: engine.runsCode ? 'critical' : 'high',
  });
}

/** A constant template's raw output tags fed with untrusted data. */
function checkRawOutput(context: AstRuleContext<MessageId>, source: TSESTree.Node, data: TSESTree.Node | undefined, engine: Engine): void {
  if (!data) return;
  const template = context.dataflow.constant(source)?.value;
  if (typeof template !== 'string') return;
  const reported = new Set<TSESTree.Node>();
  for (const pattern of engine.raw) {
    for (const match of template.matchAll(pattern)) {
      const expression = (match[1] ?? '').trim();
      const name = dataKey(expression, engine);
      if (!name) continue;
      const value = context.dataflow.property(data, name) ?? (context.dataflow.objectLiteral(data) ? undefined : data);
      if (!value || reported.has(value)) continue;
      const verdict = context.dataflow.verdict(value, 'xss');
      // A library wrapper's template data is its caller's business: only attacker data counts here.
      if (verdict.kind !== 'tainted' || !ATTACKER_SOURCES.has(verdict.taint.source.kind)) continue;
      reported.add(value);
      const tag = match[0].length > 40 ? `${match[0].slice(0, 37)}...` : match[0];
      context.report({
        node: value,
        messageId: 'rawOutput',
        data: { source: verdict.taint.source.label, tag, engine: engine.label },
        flow: flowSteps(verdict.taint, value, `written unescaped by ${tag}`),
      });
    }
  }
}

/** The data key an output expression reads: `user.name` gives `user`, doT's `it.name` gives `name`. */
function dataKey(expression: string, engine: Engine): string | undefined {
  let text = expression;
  if (engine.dataName && text.startsWith(`${engine.dataName}.`)) text = text.slice(engine.dataName.length + 1);
  else if (engine.dataName) return undefined;
  if (text.startsWith('locals.')) text = text.slice('locals.'.length);
  return /^([A-Za-z_$][\w$]*)/.exec(text)?.[1];
}

/** `compile(src)(data)`, `const t = compile(src); t(data)`, `Hogan.compile(src).render(data)`. */
function checkCompiledTemplateCall(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  let target = unwrap(call.callee);
  if (target.type === AST_NODE_TYPES.MemberExpression && propertyName(target) === 'render') target = unwrap(target.object);
  const compiled = target.type === AST_NODE_TYPES.Identifier ? dataflow.definition(target) : target;
  if (!compiled) return;
  const compileCall = unwrap(compiled);
  if (compileCall.type !== AST_NODE_TYPES.CallExpression) return;
  const found = engineOf(dataflow.moduleRef(compileCall.callee));
  if (!found || !found.engine.compilers.includes(found.fn)) return;
  const source = argumentAt(compileCall, 0);
  if (source) checkRawOutput(context, source, argumentAt(call, 0), found.engine);
}

/** An options argument that sets `name` to `value` (`{ autoescape: false }`). */
function checkOption(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, name: string, value: boolean, what: string, web: boolean): void {
  const arg = argumentAt(call, index);
  const options = arg && context.dataflow.objectLiteral(arg);
  const property = options && findProperty(options, name);
  if (!property || !isLiteralValue(property.value, value)) return;
  if (web) context.report({ node: property, messageId: 'escapingOff', data: { what } });
  else context.report({ node: property, messageId: 'escapingOffAudit', data: { what }, confidence: 'audit', severity: 'medium' });
}

function hasExpressOption(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return call.arguments.some((arg) => {
    const options = arg.type !== AST_NODE_TYPES.SpreadElement ? context.dataflow.objectLiteral(arg) : undefined;
    return !!options && !!findProperty(options, 'express');
  });
}

function checkSafeString(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression, wrapper: string): void {
  const value = argumentAt(call, 0);
  if (!value) return;
  const verdict = context.dataflow.verdict(value, 'xss');
  if (verdict.kind === 'tainted') {
    context.report({
      node: value,
      messageId: 'safeString',
      data: { source: verdict.taint.source.label, wrapper },
      flow: flowSteps(verdict.taint, value, `marked safe by ${wrapper}`),
    });
  } else if (verdict.kind === 'unknown') {
    context.report({ node: value, messageId: 'safeStringAudit', data: { wrapper }, confidence: 'audit', severity: 'medium' });
  }
}

/** `Mustache.escape = (text) => text`, `Handlebars.Utils.escapeExpression = (s) => s`. */
function checkEscapeOverride(context: AstRuleContext<MessageId>, node: TSESTree.AssignmentExpression): void {
  const left = node.left as TSESTree.MemberExpression;
  const found = engineOf(context.dataflow.moduleRef(left.object));
  if (!found) return;
  const fn = unwrap(node.right);
  const target = context.dataflow.definition(fn) ?? fn;
  if (!isFunction(target) || !returnsInput(target)) return;
  context.report({ node, messageId: 'escapeReplaced', data: { what: context.file.getText(left) } });
}

/** A function that returns its first parameter unchanged (or only turned into a string). */
function returnsInput(fn: TSESTree.FunctionLike): boolean {
  const param = fn.params[0];
  if (!param || param.type !== AST_NODE_TYPES.Identifier || !fn.body) return false;
  let result: TSESTree.Node | undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) result = fn.body;
  else if (fn.body.body.length === 1 && fn.body.body[0]!.type === AST_NODE_TYPES.ReturnStatement) result = fn.body.body[0]!.argument ?? undefined;
  if (!result) return false;
  const value = unwrap(result);
  const isParam = (n: TSESTree.Node): boolean => unwrap(n).type === AST_NODE_TYPES.Identifier && (unwrap(n) as TSESTree.Identifier).name === param.name;
  if (isParam(value)) return true;
  if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'String' && value.arguments[0]) return isParam(value.arguments[0]);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions.length === 1 && isParam(value.expressions[0]!) && value.quasis.every((q) => q.value.cooked === '');
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    const empty = (n: TSESTree.Node): boolean => isLiteralValue(n, '');
    return (empty(value.left) && isParam(value.right)) || (isParam(value.left) && empty(value.right));
  }
  return false;
}
