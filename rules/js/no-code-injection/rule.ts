// Code injection: untrusted data run as JavaScript by eval, the Function constructor, the vm module,
// vm2 sandboxes, setTimeout/setInterval given a string, or a headless browser's page (puppeteer and
// playwright `page.evaluate(string)`, `addScriptTag({ content })`, phantom `evaluateJavaScript`).
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { ModuleRef } from '../../api/dataflow';
import type { AstRuleContext } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** Callee names worth keeping in the walk (aliases through identifiers are kept too). */
const CANDIDATE_NAMES = new Set([
  'eval', 'execScript', 'Function', 'setTimeout', 'setInterval', 'runInThisContext', 'runInNewContext', 'runInContext',
  'compileFunction', 'Script', 'SourceTextModule', 'run', 'VMScript',
  ...['evaluate', 'evaluateHandle', 'evaluateOnNewDocument', 'addInitScript', 'addScriptTag', 'evaluateJavaScript'],
]);
/** vm functions whose first argument is source code. */
const VM_FUNCTIONS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);
/** Headless-browser libraries whose pages run a string given to `evaluate` as script in the page. */
const HEADLESS_MODULES = /^(?:puppeteer|puppeteer-core|puppeteer-extra|playwright|playwright-core|playwright-chromium|playwright-firefox|playwright-webkit|@playwright\/test|phantom)$/;
/** Page methods that run a string as script (a function passed instead is serialised source, not data). */
const PAGE_SCRIPT_METHODS = new Set(['evaluate', 'evaluateHandle', 'evaluateOnNewDocument', 'addInitScript', 'evaluateJavaScript']);
/** Page methods named so distinctly that the receiver need not be traced to a headless browser. */
const DISTINCT_PAGE_METHODS = new Set(['evaluateOnNewDocument', 'addInitScript', 'evaluateJavaScript', 'addScriptTag']);
/** Timers that compile a string first argument as code (browsers; Node throws instead, but old code still does it). */
const TIMERS = new Set(['setTimeout', 'setInterval']);

type MessageId = 'codeInjection' | 'codeInjectionAudit';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-code-injection',
    type: 'problem',
    severity: 'critical',
    docs: {
      title: 'Untrusted data run as code',
      cwe: ['CWE-94', 'CWE-95'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    messages: {
      codeInjection: '{{source}} reaches {{sink}}, which runs it as JavaScript; an attacker can run any code with the privileges of this process or page.',
      codeInjectionAudit: '{{sink}} runs a string built from a value Guardline could not trace as JavaScript; make sure it can never contain user input.',
    },
    sources: [
      { name: 'eslint: no-eval / no-new-func / no-implied-eval', relation: 'inspired' },
      { name: 'semgrep: javascript.lang.security.audit.code-string-concat', relation: 'inspired' },
    ],
    tags: ['injection', 'code', 'eval'],
  },
  // Prefilter: eval and its relatives, Function, timers, vm/vm2, mathjs, notevil, headless-page scripts, script elements.
  prefilter: ['eval', 'execScript', 'Function', 'setTimeout', 'setInterval', 'vm', 'mathjs', 'notevil', 'addInitScript', 'addScriptTag', 'createElement'],
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const keep = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const callee = unwrap(node.callee);
      const name = calleeName(node);
      if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.SequenceExpression || (name && CANDIDATE_NAMES.has(name))) calls.push(node);
    };
    const scriptTexts: TSESTree.AssignmentExpression[] = [];
    const modules = new Set<string>();
    return {
      ImportDeclaration(node) {
        modules.add(String(node.source.value));
      },
      CallExpression(node) {
        keep(node);
        const callee = unwrap(node.callee);
        const specifier = node.arguments[0] && unwrap(node.arguments[0]);
        if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require' && specifier?.type === AST_NODE_TYPES.Literal) modules.add(String(specifier.value));
      },
      NewExpression: keep,
      AssignmentExpression(node) {
        if (node.left.type === AST_NODE_TYPES.MemberExpression && /^(?:text|textContent|innerText)$/.test(propertyName(node.left) ?? '')) scriptTexts.push(node);
      },
      'Program:exit'() {
        const headless = [...modules].some((m) => HEADLESS_MODULES.test(m));
        for (const call of calls) check(context, call, headless);
        for (const node of scriptTexts) checkScriptText(context, node);
      },
    };
  },
});

interface CodeSink {
  /** Arguments that are compiled as code. */
  code: TSESTree.Node[];
  /** How the sink reads in messages, e.g. `eval()`. */
  label: string;
  /** Whether an untraceable argument is worth an audit finding (not for timers, which mostly get functions). */
  audit: boolean;
  /** The call runs its argument only when it is a string (timers); functions are called instead. */
  stringOnly?: boolean;
}

/** A value visibly built as a string: concatenation or a template literal. */
function isStringBuilt(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.TemplateLiteral || (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+');
}

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression, headless: boolean): void {
  const sink = codeSink(context, call) ?? pageScriptSink(context, call, headless);
  if (!sink) return;
  const { dataflow } = context;
  let unknown: TSESTree.Node | undefined;
  for (const arg of sink.code) {
    const verdict = dataflow.verdict(arg, 'code');
    // A timer's parameter passed through (`nextTick(cb) { setTimeout(cb) }`) is a callback, not code.
    if (verdict.kind === 'tainted' && sink.stringOnly && verdict.taint.source.kind === 'exported-param' && !isStringBuilt(arg)) continue;
    if (verdict.kind === 'tainted') {
      context.report({
        node: arg,
        messageId: 'codeInjection',
        data: { source: verdict.taint.source.label, sink: sink.label },
        flow: flowSteps(verdict.taint, arg, `${sink.label} runs it as code`),
      });
      return;
    }
    if (verdict.kind === 'unknown') unknown ??= arg;
  }
  if (unknown && sink.audit) {
    context.report({ node: unknown, messageId: 'codeInjectionAudit', data: { sink: sink.label }, confidence: 'audit', severity: 'medium' });
  }
}

/** `script.text = code` on a `document.createElement('script')`: the code runs when the element is inserted. */
function checkScriptText(context: AstRuleContext<MessageId>, node: TSESTree.AssignmentExpression): void {
  const { dataflow } = context;
  const element = unwrap((node.left as TSESTree.MemberExpression).object);
  const created = element.type === AST_NODE_TYPES.Identifier ? dataflow.definition(element) : element;
  const call = created && unwrap(created);
  if (!call || call.type !== AST_NODE_TYPES.CallExpression || calleeName(call) !== 'createElement' || !call.arguments[0]) return;
  const tag = dataflow.constant(call.arguments[0])?.value;
  if (typeof tag !== 'string' || tag.toLowerCase() !== 'script') return;
  const label = `a script element's ${propertyName(node.left as TSESTree.MemberExpression)}`;
  const verdict = dataflow.verdict(node.right, 'code');
  if (verdict.kind !== 'tainted') return;
  context.report({
    node: node.right,
    messageId: 'codeInjection',
    data: { source: verdict.taint.source.label, sink: label },
    flow: flowSteps(verdict.taint, node.right, `${label} runs it as code`),
  });
}

/** What kind of code-running call this is, and which of its arguments are code. */
function codeSink(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): CodeSink | undefined {
  const args = call.arguments.filter((a) => a.type !== AST_NODE_TYPES.SpreadElement) as TSESTree.Node[];
  const first = args[0];
  if (!first) return undefined;
  let callee = unwrap(call.callee);
  // (0, eval)(code) is an indirect eval: same risk, global scope.
  if (callee.type === AST_NODE_TYPES.SequenceExpression) callee = unwrap(callee.expressions[callee.expressions.length - 1]!);
  const ref = context.dataflow.moduleRef(callee);
  if (!ref) return undefined;
  const isNew = call.type === AST_NODE_TYPES.NewExpression;
  const last = ref.path[ref.path.length - 1] ?? '';
  if (ref.module === '#global' && ref.path.length === 1) {
    if (last === 'eval' || last === 'execScript') return { code: [first], label: `${last}()`, audit: true };
    // new Function(a, b, body): parameter names are spliced into the source as well as the body.
    if (last === 'Function') return { code: args, label: isNew ? 'new Function()' : 'Function()', audit: true };
    if (TIMERS.has(last)) return { code: [first], label: `${last}() with a string`, audit: false, stringOnly: true };
    return undefined;
  }
  if (ref.module === 'vm') {
    if (!isNew && ref.path.length === 1 && VM_FUNCTIONS.has(last)) return { code: [first], label: `vm.${last}()`, audit: true };
    if (isNew && ref.path.length === 1 && (last === 'Script' || last === 'SourceTextModule')) return { code: [first], label: `new vm.${last}()`, audit: true };
    return undefined;
  }
  if (ref.module === 'vm2') return vm2Sink(ref, isNew, first);
  // mathjs before v6 named its evaluator `eval`, and those versions let expressions reach the Function constructor.
  if (ref.module === 'mathjs' && !isNew && ref.path.length === 1 && last === 'eval') return { code: [first], label: 'mathjs.eval() (mathjs < 6)', audit: false };
  // safe-eval and its forks evaluate in a vm context that is known to be escapable.
  if ((ref.module === 'safe-eval' || ref.module === 'notevil') && ref.path.length === 0 && !isNew) return { code: [first], label: `${ref.module}()`, audit: true };
  return undefined;
}

/**
 * A headless browser page running a string as script: `page.evaluate('alert(' + x + ')')`,
 * `page.evaluateOnNewDocument(src)`, playwright `page.addInitScript(src)`, `page.addScriptTag({ content })`,
 * phantom `page.evaluateJavaScript(src)`. The page is traced to puppeteer, playwright or phantom, or
 * (for a page passed in) the file uses one of them; the distinct method names need neither.
 */
function pageScriptSink(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression, headless: boolean): CodeSink | undefined {
  const name = calleeName(call) ?? '';
  const first = call.arguments[0];
  if (call.type !== AST_NODE_TYPES.CallExpression || unwrap(call.callee).type !== AST_NODE_TYPES.MemberExpression || !first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (!PAGE_SCRIPT_METHODS.has(name) && name !== 'addScriptTag') return undefined;
  const ref = context.dataflow.moduleRef(call.callee);
  const fromHeadless = !!ref && HEADLESS_MODULES.test(ref.module) && ref.path.includes('()');
  if (!fromHeadless && !(DISTINCT_PAGE_METHODS.has(name) && !ref) && !(headless && !ref)) return undefined;
  const label = `page.${name}()`;
  if (name === 'addScriptTag') {
    const content = context.dataflow.objectLiteral(first) ? context.dataflow.property(first, 'content') : first;
    return content ? { code: [content], label, audit: false } : undefined;
  }
  // addInitScript({ content }) in playwright takes the script as an option too
  const code = name === 'addInitScript' && context.dataflow.objectLiteral(first) ? context.dataflow.property(first, 'content') : first;
  return code ? { code: [code], label, audit: false, stringOnly: true } : undefined;
}

/** vm2: `new VM().run(code)`, `new NodeVM().run(code)`, `new VMScript(code)`; its sandbox has had many escapes. */
function vm2Sink(ref: ModuleRef, isNew: boolean, first: TSESTree.Node): CodeSink | undefined {
  const [cls, link, method] = ref.path;
  if (isNew && ref.path.length === 1 && cls === 'VMScript') return { code: [first], label: 'new vm2.VMScript()', audit: true };
  if (!isNew && (cls === 'VM' || cls === 'NodeVM') && link === 'new' && method === 'run' && ref.path.length === 3) {
    return { code: [first], label: `vm2 ${cls}.run()`, audit: true };
  }
  return undefined;
}
