// Regular-expression injection: untrusted text compiled as a pattern by `new RegExp(x)`, `RegExp(x)`,
// a string handed to `match`/`matchAll`/`search` of a string, or MongoDB's `$regex`, without escaping it.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** String methods that compile a string argument into a regular expression. */
const COMPILING_METHODS = new Set(['match', 'matchAll', 'search']);
const ESCAPE = ".replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')";

type MessageId = 'regexInjection' | 'regexInjectionAudit';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-regex-injection',
    type: 'problem',
    severity: 'medium',
    docs: {
      title: 'Untrusted data compiled as a regular expression',
      cwe: ['CWE-1333', 'CWE-400'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    hasSuggestions: true,
    messages: {
      regexInjection: '{{source}} is compiled as a regular expression by {{sink}}; an attacker can send a pattern that backtracks for minutes (ReDoS) or matches far more than intended.',
      regexInjectionAudit: '{{sink}} compiles a pattern from a value Guardline could not trace; escape it unless it is meant to be a trusted pattern.',
    },
    sources: [
      { name: 'eslint-plugin-security: detect-non-literal-regexp', relation: 'inspired' },
      { name: 'semgrep: javascript.lang.security.audit.detect-non-literal-regexp', relation: 'inspired' },
    ],
    tags: ['injection', 'regex', 'redos'],
  },
  // Prefilter: RegExp, match/matchAll/search and MongoDB's $regex.
  prefilter: ['RegExp', 'match', 'search', '$regex'],
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const keep = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const name = calleeName(node);
      if (name === 'RegExp' || (name && COMPILING_METHODS.has(name) && node.type === AST_NODE_TYPES.CallExpression)) calls.push(node);
    };
    const mongoRegexes: TSESTree.Property[] = [];
    return {
      NewExpression: keep,
      CallExpression: keep,
      Property(node) {
        if (propertyName(node) === '$regex') mongoRegexes.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
        for (const prop of mongoRegexes) checkPattern(context, prop.value, 'MongoDB $regex', false);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const { dataflow } = context;
  const name = calleeName(call)!;
  const pattern = call.arguments[0];
  if (!pattern || pattern.type === AST_NODE_TYPES.SpreadElement) return;
  let sink: string;
  if (name === 'RegExp') {
    const ref = dataflow.moduleRef(call.callee);
    if (ref?.module !== '#global') return;
    sink = call.type === AST_NODE_TYPES.NewExpression ? 'new RegExp()' : 'RegExp()';
  } else {
    // `model.search(query)`, `router.match(path)`: only String.prototype methods compile their argument.
    const receiver = calleeObject(call);
    if (!receiver || !isString(context, receiver, 0)) return;
    sink = `${name}()`;
  }
  checkPattern(context, pattern, sink, name === 'RegExp');
}

/** Reports `pattern` when untrusted text reaches it (and, for constructors, when it cannot be traced). */
function checkPattern(context: AstRuleContext<MessageId>, pattern: TSESTree.Node, sink: string, audit: boolean): void {
  const verdict = context.dataflow.verdict(pattern, 'regex');
  if (verdict.kind === 'tainted') {
    const suggestion = escapeSuggestion(context, pattern);
    context.report({
      node: pattern,
      messageId: 'regexInjection',
      data: { source: verdict.taint.source.label, sink },
      flow: flowSteps(verdict.taint, pattern, `${sink} compiles it as a pattern`),
      ...(suggestion ? { suggestions: [suggestion] } : {}),
    });
  } else if (verdict.kind === 'unknown' && audit && !holdsRegExp(pattern)) {
    context.report({ node: pattern, messageId: 'regexInjectionAudit', data: { sink }, confidence: 'audit', severity: 'low' });
  }
}

/** Methods and functions whose result is always a string. */
const STRING_METHODS = new Set([
  'join', 'toString', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd',
  'padStart', 'padEnd', 'normalize', 'replace', 'replaceAll', 'repeat', 'substring', 'substr', 'charAt', 'toFixed',
  'toISOString', 'toUTCString', 'toDateString', 'toTimeString', 'toLocaleDateString', 'toLocaleTimeString',
]);
const STRING_FUNCTIONS = /^(?:String|JSON\.stringify|encodeURIComponent|encodeURI|decodeURIComponent|decodeURI|escape|unescape|atob|btoa)$/;
/** Modules whose functions return paths or text. */
const STRING_MODULE_FUNCTIONS = /^(?:path\.(?:join|resolve|normalize|basename|dirname|extname|relative|format)|util\.format|querystring\.stringify|os\.(?:hostname|homedir|tmpdir|platform|EOL))$/;
/** Page and request properties that hold text. */
const TEXT_GLOBALS = /^(?:(?:document\.)?location\.(?:href|hash|search|pathname|host|hostname|origin)|document\.(?:URL|documentURI|referrer|cookie|title)|navigator\.userAgent|window\.name)$/;
const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'innerHTML', 'outerHTML', 'nodeValue']);
const REQUEST_TEXT = new Set(['url', 'originalUrl', 'path', 'hostname', 'href', 'querystring', 'search']);

/**
 * Whether an expression is certainly a string: text literals and concatenation, the results of
 * string methods, path functions, the page URL, request URLs, and local variables only ever
 * given such values. A receiver of unknown type (`db_products.search(q)`) is not.
 */
function isString(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): boolean {
  if (depth > 4) return false;
  const { dataflow } = context;
  const node = unwrap(input);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string';
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' && (isString(context, node.left, depth + 1) || isString(context, node.right, depth + 1));
    case AST_NODE_TYPES.Identifier: {
      const values = dataflow.definitions(node);
      return values.length > 0 && values.every((v) => isString(context, v, depth + 1));
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(node) ?? '';
      const ref = dataflow.moduleRef(node);
      if (ref?.module === '#global' && TEXT_GLOBALS.test(ref.path.join('.'))) return true;
      if (TEXT_PROPERTIES.has(name)) return true;
      return REQUEST_TEXT.has(name) && dataflow.isRequest(node.object);
    }
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(node) ?? '';
      const receiver = calleeObject(node);
      const ref = dataflow.moduleRef(node.callee);
      const refName = ref ? [ref.module === '#global' ? '' : ref.module, ...ref.path].filter(Boolean).join('.') : '';
      if (STRING_FUNCTIONS.test(refName) || STRING_MODULE_FUNCTIONS.test(refName)) return true;
      if (receiver && STRING_METHODS.has(name)) return true;
      // 'text'.slice(1), name.concat('.txt'), readFileSync(file, 'utf8')
      if (receiver && (name === 'slice' || name === 'concat' || name === 'at')) return isString(context, receiver, depth + 1);
      if (/^readFileSync$/.test(name) && node.arguments.length >= 2) return true;
      return false;
    }
    default:
      return false;
  }
}

/** `new RegExp(otherRegExp, 'g')` copies a pattern rather than compiling text. */
function holdsRegExp(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return (n.type === AST_NODE_TYPES.Literal && 'regex' in n && !!n.regex) || (n.type === AST_NODE_TYPES.MemberExpression && !n.computed && n.property.type === AST_NODE_TYPES.Identifier && n.property.name === 'source');
}

/**
 * Wraps each untrusted part of the pattern in `String(x).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`,
 * so `new RegExp('^' + name)` still anchors but `name` matches literally. A suggestion, because a
 * feature may mean to accept patterns.
 */
function escapeSuggestion(context: AstRuleContext<MessageId>, pattern: TSESTree.Node): Fix | undefined {
  const { dataflow, file } = context;
  const parts: TSESTree.Node[] = [];
  const collect = (node: TSESTree.Node): void => {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.BinaryExpression && n.operator === '+') {
      collect(n.left);
      collect(n.right);
    } else if (n.type === AST_NODE_TYPES.TemplateLiteral) {
      n.expressions.forEach(collect);
    } else if (dataflow.verdict(n, 'regex').kind === 'tainted') {
      parts.push(n);
    }
  };
  collect(pattern);
  if (parts.length === 0) return undefined;
  return {
    title: 'Escape the regular-expression special characters of the value',
    edits: parts.map((part) => ({ start: part.range[0], end: part.range[1], text: `String(${file.getText(part)})${ESCAPE}` })),
  };
}
