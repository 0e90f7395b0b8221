// ReDoS: a regular expression that can backtrack exponentially (nested or overlapping repetition)
// run on data that is not a constant, or one that backtracks polynomially run on untrusted data.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';
import type { Taint } from '../../api/dataflow';
import { flowSteps } from '../../api/flow';
import { analyzeRegex, type RegexIssue } from './regex-analysis';

/** Methods that run a regular expression: `re.test(s)`, `re.exec(s)`. */
const REGEX_METHODS = new Set(['test', 'exec']);
/** String methods that run the regular expression given as their first argument. */
const STRING_METHODS = new Set(['match', 'matchAll', 'replace', 'replaceAll', 'search', 'split']);

type MessageId = 'exponential' | 'exponentialTainted' | 'polynomialTainted' | 'polynomialAudit';

/** A regular expression written in the code: a literal or `new RegExp('constant')`. */
interface Pattern {
  node: TSESTree.Node;
  source: string;
  flags: string;
}

/** Where a pattern runs and on what. */
interface Application {
  call: TSESTree.CallExpression;
  input: TSESTree.Node;
}

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-redos',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Regular expression with catastrophic backtracking',
      cwe: ['CWE-1333', 'CWE-400'],
      // OWASP 2021 maps no ReDoS weakness; its one input-driven parser exhaustion weakness
      // (CWE-776, entity expansion) is filed under Security Misconfiguration.
      owasp: ['A05:2021-Security Misconfiguration'],
    },
    fixable: null,
    messages: {
      exponential: '`{{subpattern}}` in this regular expression backtracks exponentially ({{reason}}); a short crafted string can block the event loop for minutes.',
      exponentialTainted: '`{{subpattern}}` in this regular expression backtracks exponentially ({{reason}}) and it runs on {{source}}; a short crafted string can block the event loop for minutes.',
      polynomialTainted: '`{{subpattern}}` in this regular expression takes quadratic time or worse ({{reason}}) and it runs on {{source}} without a length limit; a long crafted string can block the event loop.',
      polynomialAudit: '`{{subpattern}}` in this regular expression takes quadratic time or worse ({{reason}}); make sure the text it runs on is short or trusted.',
    },
    sources: [
      { name: 'CodeQL: js/redos and js/polynomial-redos', relation: 'inspired' },
      { name: 'eslint-plugin-security: detect-unsafe-regex', relation: 'inspired' },
    ],
    tags: ['redos', 'dos', 'regex'],
  },
  create(context) {
    const patterns: TSESTree.Node[] = [];
    const calls: TSESTree.CallExpression[] = [];
    const keepConstructor = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      if (calleeName(node) === 'RegExp' && node.arguments.length > 0) patterns.push(node);
    };
    return {
      Literal(node) {
        if ('regex' in node && node.regex) patterns.push(node);
      },
      NewExpression: keepConstructor,
      CallExpression(node) {
        keepConstructor(node);
        const callee = unwrap(node.callee);
        const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
        if (name && (REGEX_METHODS.has(name) || STRING_METHODS.has(name))) calls.push(node);
      },
      'Program:exit'() {
        const applications = collectApplications(context, calls);
        for (const node of patterns) {
          const pattern = patternOf(context, node);
          if (!pattern) continue;
          const issues = analyzeRegex(pattern.source, pattern.flags);
          if (issues?.length) check(context, pattern, issues[0]!, applications.get(node) ?? []);
        }
      },
    };
  },
});

/** The pattern text and flags of a literal or of `new RegExp(constant, constant)`. */
function patternOf(context: AstRuleContext<MessageId>, node: TSESTree.Node): Pattern | undefined {
  if (node.type === AST_NODE_TYPES.Literal && 'regex' in node && node.regex) return { node, source: node.regex.pattern, flags: node.regex.flags };
  if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const ref = context.dataflow.moduleRef(node.callee);
  if (ref?.module !== '#global' || ref.path.join('.') !== 'RegExp') return undefined;
  const [first, second] = node.arguments;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const source = context.dataflow.constant(first)?.value;
  if (typeof source !== 'string') return undefined; // a RegExp argument is analysed as its own literal
  const flags = second ? context.dataflow.constant(second)?.value : '';
  return { node, source, flags: typeof flags === 'string' ? flags : '' };
}

/** For each pattern node, the calls that run it, found from the calls back to the pattern. */
function collectApplications(context: AstRuleContext<MessageId>, calls: TSESTree.CallExpression[]): Map<TSESTree.Node, Application[]> {
  const byPattern = new Map<TSESTree.Node, Application[]>();
  for (const call of calls) {
    const callee = unwrap(call.callee) as TSESTree.MemberExpression;
    const name = propertyName(callee)!;
    const [first] = call.arguments;
    let regex: TSESTree.Node | undefined;
    let input: TSESTree.Node | undefined;
    if (REGEX_METHODS.has(name)) {
      regex = callee.object;
      input = first;
    } else {
      regex = first;
      input = callee.object;
    }
    if (!regex || !input || regex.type === AST_NODE_TYPES.SpreadElement || input.type === AST_NODE_TYPES.SpreadElement) continue;
    const origin = patternNode(context, regex, 0);
    if (!origin) continue;
    const list = byPattern.get(origin) ?? [];
    list.push({ call, input });
    byPattern.set(origin, list);
  }
  return byPattern;
}

/** The literal or `RegExp(...)` call an expression holds, through local constants and object properties. */
function patternNode(context: AstRuleContext<MessageId>, expression: TSESTree.Node, depth: number): TSESTree.Node | undefined {
  if (depth > 4) return undefined;
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.Literal) return 'regex' in node && node.regex ? node : undefined;
  if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) return calleeName(node) === 'RegExp' ? node : undefined;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const definition = context.dataflow.definition(node);
    return definition ? patternNode(context, definition, depth + 1) : undefined;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(node);
    const value = name !== undefined ? context.dataflow.property(node.object, name) : undefined;
    return value ? patternNode(context, value, depth + 1) : undefined;
  }
  return undefined;
}

function check(context: AstRuleContext<MessageId>, pattern: Pattern, issue: RegexIssue, applications: Application[]): void {
  const { dataflow } = context;
  // Where the pattern runs only on constants, nobody can feed it a crafted string.
  const variable = applications.filter((a) => dataflow.constant(a.input) === undefined);
  if (applications.length > 0 && variable.length === 0) return;
  let tainted: { taint: Taint; application: Application } | undefined;
  let allSafe = applications.length > 0;
  for (const application of variable) {
    const verdict = dataflow.verdict(application.input, 'redos');
    if (verdict.kind !== 'safe') allSafe = false;
    if (verdict.kind === 'tainted') {
      tainted = { taint: verdict.taint, application };
      break;
    }
  }
  const data = { subpattern: issue.subpattern, reason: issue.reason, source: tainted?.taint.source.label ?? '' };
  const flow = tainted ? flowSteps(tainted.taint, tainted.application.call, 'the regular expression runs on it') : undefined;
  if (issue.complexity === 'exponential') {
    context.report({ node: pattern.node, messageId: tainted ? 'exponentialTainted' : 'exponential', data, ...(flow ? { flow } : {}) });
  } else if (tainted) {
    context.report({ node: pattern.node, messageId: 'polynomialTainted', data, flow: flow! });
  } else if (!allSafe) {
    // Length-limited or sanitised input is fine for a polynomial pattern; untraced input is worth a look.
    context.report({ node: pattern.node, messageId: 'polynomialAudit', data, confidence: 'audit', severity: 'low' });
  }
}
