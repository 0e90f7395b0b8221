// The no-sql-injection quick fix: `'SELECT ... WHERE id = ' + id` becomes
// `'SELECT ... WHERE id = ?', [String(id)]` for mysql, mysql2 and sqlite, `$1` for pg. Offered only
// when the call has no values yet and every untrusted part is one whole SQL value (quoted or not).
import { AST_NODE_TYPES, calleeName, isFunction, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';
import type { ModuleRef } from '../../api/dataflow';

type PlaceholderStyle = 'question' | 'dollar';

/** Which clients take a values array after the SQL, and with which placeholders. */
const CLIENTS: Array<{ module: RegExp; methods: Set<string>; style: PlaceholderStyle; quotes: string }> = [
  { module: /^(?:mysql|mysql2|mysql2\/promise)$/, methods: new Set(['query', 'execute']), style: 'question', quotes: `'"` },
  { module: /^(?:sqlite3|sqlite)$/, methods: new Set(['run', 'all', 'get', 'each', 'prepare']), style: 'question', quotes: "'" },
  { module: /^(?:pg|pg-pool)$/, methods: new Set(['query']), style: 'dollar', quotes: "'" },
];

type Part = { text: string } | { expression: TSESTree.Node; tainted: boolean };

export function sqlPlaceholderFix(
  context: AstRuleContext<string>,
  call: TSESTree.CallExpression,
  sql: TSESTree.Node,
  ref: ModuleRef | undefined,
): Fix | undefined {
  const { dataflow, file } = context;
  const client = ref && CLIENTS.find((c) => c.module.test(ref.module) && c.methods.has(calleeName(call) ?? ''));
  if (!client || call.arguments[0] !== sql || !onlyCallbackAfter(context, call)) return undefined;
  // The SQL is written in the call, or in a variable declared once and used only here.
  const target = unwrap(sql).type === AST_NODE_TYPES.Identifier ? singleUseInitialiser(context, unwrap(sql) as TSESTree.Identifier) : unwrap(sql);
  if (!target || (target.type !== AST_NODE_TYPES.TemplateLiteral && !(target.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+'))) return undefined;
  const parts: Part[] = [];
  collect(target, parts, (n) => dataflow.verdict(n, 'sql').kind === 'tainted');
  const rewritten = toPlaceholders(parts, client.style, client.quotes);
  if (!rewritten) return undefined;
  const values = rewritten.values.map((v) => asText(v, file.getText.bind(file)));
  const rendered = target.type === AST_NODE_TYPES.TemplateLiteral ? renderTemplate(rewritten.parts, file.getText.bind(file)) : renderConcatenation(rewritten.parts, quoteOf(target), file.getText.bind(file));
  return {
    title: `Pass ${values.length === 1 ? 'the value' : 'the values'} as ${client.style === 'dollar' ? '$n' : '?'} parameters`,
    edits: [
      { start: target.range[0], end: target.range[1], text: rendered },
      { start: sql.range[1], end: sql.range[1], text: `, [${values.join(', ')}]` },
    ],
  };
}

/** `query(sql)` or `query(sql, callback)`: no values array or options yet. */
function onlyCallbackAfter(context: AstRuleContext<string>, call: TSESTree.CallExpression): boolean {
  const rest = call.arguments.slice(1);
  if (rest.length === 0) return true;
  if (rest.length > 1 && !(rest.length === 2 && calleeName(call) === 'each')) return false;
  return rest.every((arg) => {
    const value = unwrap(arg);
    if (isFunction(value)) return true;
    const definition = value.type === AST_NODE_TYPES.Identifier ? context.dataflow.definition(value) : undefined;
    return !!definition && isFunction(definition);
  });
}

/** The initialiser of `const sql = ...` when `sql` is declared once and read only at the sink. */
function singleUseInitialiser(context: AstRuleContext<string>, id: TSESTree.Identifier): TSESTree.Node | undefined {
  const definition = context.dataflow.definition(id);
  if (!definition || context.dataflow.definitions(id).length !== 1) return undefined;
  const declarator = definition.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== definition || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  let scope: TSESTree.Node | undefined = declarator.parent;
  while (scope && !isFunction(scope) && scope.type !== AST_NODE_TYPES.Program) scope = scope.parent;
  if (!scope || countReferences(scope, id.name) !== 2) return undefined;
  return unwrap(definition);
}

/** Identifiers named `name` in a subtree, leaving out property names (`a.name`, `{ name: 1 }`). */
function countReferences(root: TSESTree.Node, name: string): number {
  let count = 0;
  const stack: TSESTree.Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name) {
      const parent = node.parent;
      const isPropertyName = (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) || (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand);
      if (!isPropertyName) count++;
    }
    for (const key of Object.keys(node) as Array<keyof typeof node>) {
      if (key === 'parent') continue;
      const child = node[key] as unknown;
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof (c as TSESTree.Node).type === 'string') stack.push(c as TSESTree.Node);
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
  return count;
}

/** Splits a `+` chain or template into text and expressions, in order. */
function collect(input: TSESTree.Node, parts: Part[], tainted: (n: TSESTree.Node) => boolean): void {
  const node = unwrap(input);
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') parts.push({ text: node.value });
  else if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    collect(node.left, parts, tainted);
    collect(node.right, parts, tainted);
  } else if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    node.quasis.forEach((quasi, i) => {
      parts.push({ text: quasi.value.cooked ?? '' });
      const expression = node.expressions[i];
      if (expression) parts.push({ expression, tainted: tainted(expression) });
    });
  } else parts.push({ expression: node, tainted: tainted(node) });
}

/**
 * Replaces each tainted expression with a placeholder, dropping the quotes around it. Undefined
 * when one is not a whole SQL value, or when the text already holds placeholder characters.
 */
function toPlaceholders(parts: Part[], style: PlaceholderStyle, quotes: string): { parts: Part[]; values: TSESTree.Node[] } | undefined {
  const allText = parts.map((p) => ('text' in p ? p.text : '')).join('');
  if (style === 'question' ? allText.includes('?') : /\$\d/.test(allText)) return undefined;
  const out: Part[] = parts.map((p) => ({ ...p }));
  const values: TSESTree.Node[] = [];
  for (let i = 0; i < out.length; i++) {
    const part = out[i]!;
    if (!('expression' in part) || !part.tainted) continue;
    const before = out[i - 1];
    const after = out[i + 1];
    if (!before || !('text' in before) || (after && !('text' in after))) return undefined;
    const textBefore = out.slice(0, i).map((p) => ('text' in p ? p.text : '\u0000')).join('');
    const textAfter = after ? after.text : '';
    const placeholder = style === 'dollar' ? `$${values.length + 1}` : '?';
    const quote = textBefore.slice(-1);
    if (quotes.includes(quote) && textAfter.startsWith(quote) && textAfter[1] !== quote && isOpeningQuote(textBefore, quote)) {
      before.text = before.text.slice(0, -1);
      if (after) after.text = after.text.slice(1);
    } else if (!isBareValue(textBefore, textAfter, quotes)) return undefined;
    out[i] = { text: placeholder };
    values.push(part.expression);
  }
  return values.length ? { parts: out, values } : undefined;
}

/** The last `quote` of `text` opens a string: an odd number of them, counting doubled ones as one pair. */
function isOpeningQuote(text: string, quote: string): boolean {
  return text.split(quote).length % 2 === 0;
}

/** `id = ` + x, or an item of `VALUES (...)`, outside any string literal. */
function isBareValue(before: string, after: string, quotes: string): boolean {
  for (const quote of quotes) if (before.split(quote).length % 2 === 0) return false;
  if (!/^(?:\s|\)|,|;|$)/.test(after)) return false;
  const trimmed = before.trimEnd();
  if (/(?:=|<>|!=|<|>)$/.test(trimmed)) return true;
  return /[(,]$/.test(trimmed) && /\bvalues\s*\((?:[^()]|\([^()]*\))*$/i.test(trimmed);
}

function asText(value: TSESTree.Node, textOf: (n: { range: [number, number] }) => string): string {
  const node = unwrap(value);
  const text = textOf(node);
  if (node.type === AST_NODE_TYPES.TemplateLiteral || (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'String')) return text;
  // String(x) keeps what the concatenation sent (text), and stops mysql from expanding an object.
  return `String(${text})`;
}

function quoteOf(node: TSESTree.Node): string {
  const stack: TSESTree.Node[] = [node];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.type === AST_NODE_TYPES.Literal && typeof n.value === 'string') return n.raw[0] === '"' ? '"' : "'";
    if (n.type === AST_NODE_TYPES.BinaryExpression) stack.push(n.left, n.right);
  }
  return "'";
}

function renderConcatenation(parts: Part[], quote: string, textOf: (n: { range: [number, number] }) => string): string {
  const items: string[] = [];
  let text: string | undefined;
  for (const part of parts) {
    if ('text' in part) {
      text = (text ?? '') + part.text;
      continue;
    }
    if (text !== undefined) items.push(quoteString(text, quote));
    text = undefined;
    items.push(wrap(part.expression, textOf));
  }
  if (text !== undefined && (text !== '' || items.length === 0)) items.push(quoteString(text, quote));
  return items.join(' + ');
}

function renderTemplate(parts: Part[], textOf: (n: { range: [number, number] }) => string): string {
  let out = '`';
  for (const part of parts) {
    out += 'text' in part ? part.text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') : '${' + textOf(part.expression) + '}';
  }
  return out + '`';
}

function quoteString(text: string, quote: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').split(quote).join(`\\${quote}`);
  return quote + escaped + quote;
}

/** An expression kept in a `+` chain, in parentheses unless it binds tighter than `+` anyway. */
function wrap(node: TSESTree.Node, textOf: (n: { range: [number, number] }) => string): string {
  const simple = node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral;
  return simple ? textOf(node) : `(${textOf(node)})`;
}
