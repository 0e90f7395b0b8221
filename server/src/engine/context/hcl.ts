// A small, defensive reader for the part of HCL (Terraform) that deployment context needs:
// blocks with labels, attributes, literals, strings with ${} interpolation, heredocs, tuples,
// objects, function calls and references. Operators, conditionals and for-expressions are kept as
// opaque expressions whose references are still known. Nesting and size are bounded; a syntax
// error ends the file with what was read before it.

export const HCL_LIMITS = {
  /** Nesting of blocks, brackets and interpolations. */
  maxDepth: 64,
  /** Tokens in one file. */
  maxTokens: 500_000,
} as const;

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export interface HclBlock {
  type: string;
  labels: string[];
  body: HclBody;
  /** 0-based line of the block's first token. */
  line: number;
}

export interface HclAttribute {
  name: string;
  value: HclExpr;
  line: number;
}

export type HclExpr =
  | { kind: 'literal'; value: string | number | boolean | null; line: number }
  /** A quoted string or heredoc with `${...}` parts. */
  | { kind: 'template'; parts: Array<string | HclExpr>; line: number }
  | { kind: 'tuple'; items: HclExpr[]; line: number }
  | { kind: 'object'; entries: Array<{ key: string; value: HclExpr; line: number }>; line: number }
  | { kind: 'call'; name: string; args: HclExpr[]; line: number }
  /** `aws_iam_role.app.arn`, `var.name`, `path.module`, `data.aws_iam_policy_document.p.json`. */
  | { kind: 'reference'; path: string[]; line: number }
  /** Anything else (operators, conditionals, for-expressions): only its references are known. */
  | { kind: 'other'; references: string[][]; line: number };

export interface HclFile {
  body: HclBody;
  /** The first syntax error, if any; `body` holds what came before it. */
  error?: { message: string; line: number };
}

export class HclError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

type TokenKind = 'ident' | 'number' | 'string' | 'heredoc' | 'punct' | 'newline' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  /** For strings and heredocs: the parts, literal text and `${...}` source. */
  parts?: Array<{ literal: string } | { source: string; line: number }>;
}

export function parseHcl(text: string): HclFile {
  const body: HclBody = { attributes: [], blocks: [] };
  let tokens: Token[];
  try {
    tokens = tokenize(text, 0);
  } catch (error) {
    if (error instanceof HclError) return { body, error: { message: error.message, line: error.line } };
    throw error;
  }
  const parser = new Parser(tokens);
  try {
    parser.body(body, true, 0);
  } catch (error) {
    if (error instanceof HclError) return { body, error: { message: error.message, line: error.line } };
    throw error;
  }
  return { body };
}

const PUNCT = ['==', '!=', '<=', '>=', '&&', '||', '=>', '...', '{', '}', '[', ']', '(', ')', '=', ',', '.', ':', '?', '!', '*', '/', '+', '-', '%', '<', '>'];

function tokenize(text: string, firstLine: number): Token[] {
  const tokens: Token[] = [];
  let line = firstLine;
  let i = 0;
  const push = (token: Token): void => {
    if (tokens.length >= HCL_LIMITS.maxTokens) throw new HclError(`more than ${HCL_LIMITS.maxTokens.toLocaleString('en-US')} tokens; the rest of the file is not read`, line);
    tokens.push(token);
  };
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\n') {
      push({ kind: 'newline', text: '\n', line });
      line++;
      i++;
    } else if (char === ' ' || char === '\t' || char === '\r' || char === '\ufeff') i++;
    else if (char === '#' || (char === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (let j = i; j < stop; j++) if (text[j] === '\n') line++;
      i = stop;
    } else if (char === '"') {
      const start = line;
      const { parts, end, lines } = readTemplate(text, i + 1, line, '"');
      line += lines;
      i = end;
      push({ kind: 'string', text: '', line: start, parts });
    } else if (char === '<' && text[i + 1] === '<' && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const match = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
      if (!match) throw new HclError('a heredoc must start with <<NAME at the end of a line', line);
      const start = line;
      const bodyStart = i + match[0].length;
      const marker = new RegExp(`^[ \\t]*${match[2]}[ \\t]*\\r?$`, 'gm');
      marker.lastIndex = bodyStart;
      const found = marker.exec(text);
      if (!found) throw new HclError(`the heredoc <<${match[2]} is never closed with a line "${match[2]}"`, line);
      let content = text.slice(bodyStart, found.index);
      if (match[1] === '-') {
        const lines = content.split('\n');
        const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
        content = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
      }
      const { parts } = readTemplate(`${content}\u0000`, 0, start + 1, '\u0000', true);
      const consumed = found.index + found[0].length - i;
      for (let j = i; j < i + consumed; j++) if (text[j] === '\n') line++;
      i += consumed;
      push({ kind: 'heredoc', text: '', line: start, parts });
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64))!;
      push({ kind: 'number', text: match[0], line });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_-]/.test(text[j]!)) j++;
      push({ kind: 'ident', text: text.slice(i, j), line });
      i = j;
    } else {
      const punct = PUNCT.find((p) => text.startsWith(p, i));
      if (!punct) throw new HclError(`unexpected character "${char}"`, line);
      push({ kind: 'punct', text: punct, line });
      i += punct.length;
    }
  }
  push({ kind: 'eof', text: '', line });
  return tokens;
}

/** Reads a quoted string or heredoc body up to `close`, splitting `${...}` interpolations out. */
function readTemplate(text: string, from: number, line: number, close: string, raw = false): { parts: NonNullable<Token['parts']>; end: number; lines: number } {
  const parts: NonNullable<Token['parts']> = [];
  let literal = '';
  let lines = 0;
  let i = from;
  while (i < text.length) {
    const char = text[i]!;
    if (char === close) {
      if (literal) parts.push({ literal });
      return { parts, end: i + 1, lines };
    }
    if (char === '\n') {
      if (!raw) throw new HclError('a quoted string must end on the line it starts on', line + lines);
      lines++;
    }
    if (char === '\\' && !raw) {
      const next = text[i + 1] ?? '';
      literal += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === 'u' ? String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0x3f) : next;
      i += next === 'u' ? 6 : 2;
      continue;
    }
    if ((char === '$' || char === '%') && text[i + 1] === '{') {
      if (text[i - 1] === char && text[i - 2] !== char) {
        // `$${` and `%%{` are escapes for a literal `${` / `%{`
        literal = literal.slice(0, -1) + char + '{';
        i += 2;
        continue;
      }
      let depth = 1;
      let j = i + 2;
      let quote = false;
      while (j < text.length && depth > 0) {
        const c = text[j]!;
        if (quote) {
          if (c === '\\') j++;
          else if (c === '"') quote = false;
        } else if (c === '"') quote = true;
        else if (c === '{') depth++;
        else if (c === '}') depth--;
        else if (c === '\n') lines++;
        j++;
      }
      if (depth > 0) throw new HclError('an interpolation ${ is never closed with }', line + lines);
      if (literal) parts.push({ literal });
      literal = '';
      if (char === '$') parts.push({ source: text.slice(i + 2, j - 1), line: line + lines });
      i = j;
      continue;
    }
    literal += char;
    i++;
  }
  throw new HclError('a quoted string is never closed', line);
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    return this.tokens[Math.min(this.at++, this.tokens.length - 1)]!;
  }
  private isPunct(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === text;
  }
  private expect(text: string): Token {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text) throw new HclError(`expected "${text}" but found ${describe(token)}`, token.line);
    return token;
  }
  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.at++;
  }

  body(into: HclBody, topLevel: boolean, depth: number): void {
    if (depth > HCL_LIMITS.maxDepth) throw new HclError(`blocks are nested more than ${HCL_LIMITS.maxDepth} levels deep`, this.peek().line);
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.kind === 'eof') {
        if (!topLevel) throw new HclError('a block is never closed with "}"', token.line);
        return;
      }
      if (token.kind === 'punct' && token.text === '}') {
        if (topLevel) throw new HclError('unexpected "}"', token.line);
        return;
      }
      if (token.kind !== 'ident') throw new HclError(`expected an attribute or block name but found ${describe(token)}`, token.line);
      this.at++;
      if (this.isPunct('=') || this.isPunct(':')) {
        this.at++;
        into.attributes.push({ name: token.text, value: this.expression(depth + 1, false), line: token.line });
        const end = this.peek();
        if (end.kind !== 'newline' && end.kind !== 'eof' && !(end.kind === 'punct' && end.text === '}')) throw new HclError(`expected the end of the line after attribute "${token.text}" but found ${describe(end)}`, end.line);
        continue;
      }
      const labels: string[] = [];
      while (this.peek().kind === 'string' || this.peek().kind === 'ident') {
        const label = this.next();
        labels.push(label.kind === 'ident' ? label.text : label.parts!.map((p) => ('literal' in p ? p.literal : `\${${p.source}}`)).join(''));
      }
      this.expect('{');
      const block: HclBlock = { type: token.text, labels, body: { attributes: [], blocks: [] }, line: token.line };
      into.blocks.push(block);
      this.body(block.body, false, depth + 1);
      this.expect('}');
    }
  }

  /**
   * An expression; in brackets (`nested`) newlines do not end it, and an object key (`key`) ends
   * at its "=" or ":".
   */
  expression(depth: number, nested: boolean, key = false): HclExpr {
    if (depth > HCL_LIMITS.maxDepth) throw new HclError(`an expression is nested more than ${HCL_LIMITS.maxDepth} levels deep`, this.peek().line);
    if (nested) this.skipNewlines();
    const start = this.at;
    const first = this.peek();
    let expr: HclExpr | undefined;
    if (!(first.kind === 'punct' && (first.text === '!' || first.text === '-'))) expr = this.primary(depth);
    if (nested) this.skipNewlines();
    if (expr && this.endsExpression(nested, key)) return expr;
    // An operator or conditional follows: keep the rest as an opaque expression with its references.
    this.at = start;
    return { kind: 'other', references: this.skipExpression(depth, nested, key), line: first.line };
  }

  private endsExpression(nested: boolean, key: boolean): boolean {
    const token = this.peek();
    if (token.kind === 'eof' || (token.kind === 'newline' && !nested)) return true;
    if (token.kind !== 'punct') return false;
    return [',', ')', ']', '}', '=>'].includes(token.text) || (key && (token.text === '=' || token.text === ':'));
  }

  private primary(depth: number): HclExpr {
    const token = this.next();
    let expr: HclExpr;
    if (token.kind === 'number') expr = { kind: 'literal', value: Number(token.text), line: token.line };
    else if (token.kind === 'string' || token.kind === 'heredoc') expr = this.template(token, depth);
    else if (token.kind === 'ident') {
      if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true', line: token.line };
      if (token.text === 'null') return { kind: 'literal', value: null, line: token.line };
      if (this.isPunct('(')) {
        this.at++;
        const args: HclExpr[] = [];
        this.skipNewlines();
        while (!this.isPunct(')')) {
          args.push(this.expression(depth + 1, true));
          this.skipNewlines();
          if (this.isPunct(',') || this.isPunct('...')) this.at++;
          else if (!this.isPunct(')')) throw new HclError(`expected "," or ")" in the arguments of ${token.text}() but found ${describe(this.peek())}`, this.peek().line);
          this.skipNewlines();
        }
        this.at++;
        expr = { kind: 'call', name: token.text, args, line: token.line };
      } else expr = { kind: 'reference', path: [token.text], line: token.line };
    } else if (token.kind === 'punct' && token.text === '[') {
      this.skipNewlines();
      if (this.peek().kind === 'ident' && this.peek().text === 'for') return this.opaqueUntil(']', token, depth);
      const items: HclExpr[] = [];
      while (!this.isPunct(']')) {
        items.push(this.expression(depth + 1, true));
        this.skipNewlines();
        if (this.isPunct(',')) this.at++;
        else if (!this.isPunct(']')) throw new HclError(`expected "," or "]" in a list but found ${describe(this.peek())}`, this.peek().line);
        this.skipNewlines();
      }
      this.at++;
      expr = { kind: 'tuple', items, line: token.line };
    } else if (token.kind === 'punct' && token.text === '{') {
      this.skipNewlines();
      if (this.peek().kind === 'ident' && this.peek().text === 'for') return this.opaqueUntil('}', token, depth);
      const entries: Array<{ key: string; value: HclExpr; line: number }> = [];
      while (!this.isPunct('}')) {
        const keyToken = this.peek();
        const key = this.expression(depth + 1, true, true);
        const keyText = key.kind === 'literal' ? String(key.value) : key.kind === 'reference' && key.path.length === 1 ? key.path[0]! : key.kind === 'template' && key.parts.every((p) => typeof p === 'string') ? key.parts.join('') : undefined;
        this.skipNewlines();
        if (!this.isPunct('=') && !this.isPunct(':')) throw new HclError(`expected "=" after an object key but found ${describe(this.peek())}`, this.peek().line);
        this.at++;
        // In an object a newline ends the value, as a comma does.
        const value = this.expression(depth + 1, false);
        if (keyText !== undefined) entries.push({ key: keyText, value, line: keyToken.line });
        this.skipNewlines();
        if (this.isPunct(',')) this.at++;
        this.skipNewlines();
        if (this.peek().kind === 'eof') throw new HclError('an object is never closed with "}"', token.line);
      }
      this.at++;
      expr = { kind: 'object', entries, line: token.line };
    } else if (token.kind === 'punct' && token.text === '(') {
      expr = this.expression(depth + 1, true);
      this.skipNewlines();
      this.expect(')');
    } else throw new HclError(`expected a value but found ${describe(token)}`, token.line);

    // Traversals: `.name`, `.0`, `[index]`, `.*`, `[*]`.
    for (;;) {
      if (this.isPunct('.') && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'number' || (this.peek(1).kind === 'punct' && this.peek(1).text === '*'))) {
        this.at++;
        const part = this.next();
        if (expr.kind === 'reference') expr = { ...expr, path: [...expr.path, part.text] };
        else expr = { kind: 'other', references: referencesOf(expr), line: expr.line };
      } else if (this.isPunct('[')) {
        const open = this.next();
        const index = this.opaqueUntil(']', open, depth);
        const refs = [...referencesOf(expr), ...referencesOf(index)];
        expr = expr.kind === 'reference' ? { ...expr } : { kind: 'other', references: refs, line: expr.line };
      } else break;
    }
    return expr;
  }

  private template(token: Token, depth: number): HclExpr {
    const parts: Array<string | HclExpr> = [];
    for (const part of token.parts ?? []) {
      if ('literal' in part) parts.push(part.literal);
      else {
        const inner = tokenize(part.source, part.line);
        const parser = new Parser(inner);
        let expr: HclExpr;
        try {
          expr = parser.expression(depth + 1, true);
        } catch (error) {
          if (!(error instanceof HclError)) throw error;
          expr = { kind: 'other', references: [], line: part.line };
        }
        parts.push(expr);
      }
    }
    if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', value: parts.join(''), line: token.line };
    return { kind: 'template', parts, line: token.line };
  }

  /** Skips to the matching `close` (the opener is consumed), returning the references seen. */
  private opaqueUntil(close: string, open: Token, depth: number): HclExpr {
    const references: string[][] = [];
    let level = 1;
    while (level > 0) {
      const token = this.peek();
      if (token.kind === 'eof') throw new HclError(`"${open.text}" is never closed with "${close}"`, open.line);
      if (token.kind === 'punct' && (token.text === '[' || token.text === '{' || token.text === '(')) {
        if (++level > HCL_LIMITS.maxDepth + depth) throw new HclError(`an expression is nested more than ${HCL_LIMITS.maxDepth} levels deep`, token.line);
      } else if (token.kind === 'punct' && (token.text === ']' || token.text === '}' || token.text === ')')) level--;
      if (level === 0) break;
      this.collectReference(references, depth);
    }
    this.at++;
    return { kind: 'other', references, line: open.line };
  }

  /** Skips the rest of an expression (to a newline, `,` or a closing bracket at this level). */
  private skipExpression(depth: number, nested: boolean, key = false): string[][] {
    const references: string[][] = [];
    let level = 0;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof') break;
      if (level === 0) {
        if (token.kind === 'newline' && !nested) break;
        if (token.kind === 'punct' && [',', ')', ']', '}'].includes(token.text)) break;
        if (key && token.kind === 'punct' && (token.text === '=' || token.text === ':')) break;
      }
      if (token.kind === 'punct' && (token.text === '[' || token.text === '{' || token.text === '(')) {
        if (++level > HCL_LIMITS.maxDepth) throw new HclError(`an expression is nested more than ${HCL_LIMITS.maxDepth} levels deep`, token.line);
      } else if (token.kind === 'punct' && (token.text === ']' || token.text === '}' || token.text === ')')) level--;
      this.collectReference(references, depth);
    }
    return references;
  }

  /** Consumes one token, recording `a.b.c` references and those inside strings. */
  private collectReference(into: string[][], depth: number): void {
    const token = this.next();
    if (token.kind === 'ident' && !(this.tokens[this.at - 2]?.kind === 'punct' && this.tokens[this.at - 2]!.text === '.')) {
      const path = [token.text];
      while (this.isPunct('.') && this.peek(1).kind === 'ident') {
        this.at++;
        path.push(this.next().text);
      }
      if (path.length > 1) into.push(path);
    } else if (token.kind === 'string' || token.kind === 'heredoc') into.push(...referencesOf(this.template(token, depth)));
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the file';
  if (token.kind === 'newline') return 'the end of the line';
  if (token.kind === 'string' || token.kind === 'heredoc') return 'a string';
  return `"${token.text}"`;
}

/** Every reference (`a.b.c`) inside an expression. */
export function referencesOf(expr: HclExpr): string[][] {
  switch (expr.kind) {
    case 'reference':
      return [expr.path];
    case 'other':
      return expr.references;
    case 'template':
      return expr.parts.flatMap((p) => (typeof p === 'string' ? [] : referencesOf(p)));
    case 'tuple':
      return expr.items.flatMap(referencesOf);
    case 'object':
      return expr.entries.flatMap((e) => referencesOf(e.value));
    case 'call':
      return expr.args.flatMap(referencesOf);
    case 'literal':
      return [];
  }
}

/** The attribute `name` of a body. */
export function attribute(body: HclBody, name: string): HclAttribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

export function blocksOf(body: HclBody, type: string): HclBlock[] {
  return body.blocks.filter((b) => b.type === type);
}

/**
 * The value of an expression as plain data, for `jsonencode({...})` policies and string
 * attributes. `variables` resolves references such as `path.module`; anything unknown is undefined.
 */
export function evaluate(expr: HclExpr | undefined, variables: Readonly<Record<string, string>> = {}): unknown {
  if (!expr) return undefined;
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template': {
      let text = '';
      for (const part of expr.parts) {
        const value = typeof part === 'string' ? part : evaluate(part, variables);
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
        text += String(value);
      }
      return text;
    }
    case 'tuple':
      return expr.items.map((item) => evaluate(item, variables));
    case 'object':
      return Object.fromEntries(expr.entries.map((e) => [e.key, evaluate(e.value, variables)]));
    case 'call':
      if (expr.name === 'jsonencode' || expr.name === 'tolist' || expr.name === 'toset') return evaluate(expr.args[0], variables);
      if (expr.name === 'jsondecode') {
        const text = evaluate(expr.args[0], variables);
        try {
          return typeof text === 'string' ? (JSON.parse(text) as unknown) : undefined;
        } catch {
          return undefined;
        }
      }
      if (expr.name === 'abspath' || expr.name === 'trimspace') return evaluate(expr.args[0], variables);
      return undefined;
    case 'reference':
      return variables[expr.path.join('.')];
    case 'other':
      return undefined;
  }
}

/** The first reference to a resource (`aws_iam_role.app`) or data source in an expression. */
export function resourceReferences(expr: HclExpr | undefined): string[] {
  if (!expr) return [];
  const result: string[] = [];
  for (const path of referencesOf(expr)) {
    const [first, second, third] = path;
    if (!first || !second) continue;
    // Resource types are `<provider>_<kind>`: this leaves out loop variables such as `s.id`.
    if (first === 'data' && third && RESOURCE_TYPE.test(second)) result.push(`data.${second}.${third}`);
    else if (!NOT_RESOURCES.has(first) && RESOURCE_TYPE.test(first)) result.push(`${first}.${second}`);
  }
  return [...new Set(result)];
}

const NOT_RESOURCES = new Set(['var', 'local', 'module', 'path', 'each', 'count', 'self', 'terraform', 'data']);
const RESOURCE_TYPE = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;
