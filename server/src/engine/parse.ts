// Parsing: which files get a syntax tree, and the one fixed typescript-estree option set.
import { parse as parseEstree } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/types';

export type ScriptKind = 'js' | 'ts';

/** How the engine reads a file: as script (parsed) or as text only. */
export interface ScriptPlan {
  kind: ScriptKind;
  /** Path handed to the parser; its extension decides JSX. */
  parserPath: string;
  /**
   * The text to parse. For HTML, Vue and Svelte files everything outside `<script>` blocks is
   * blanked to spaces (line breaks kept), so offsets in the tree are offsets in the file.
   */
  text: string;
}

const SCRIPT_EXTENSIONS: Record<string, ScriptKind> = {
  '.js': 'js', '.jsx': 'js', '.mjs': 'js', '.cjs': 'js',
  '.ts': 'ts', '.tsx': 'ts', '.mts': 'ts', '.cts': 'ts',
};
const EMBEDDING_EXTENSIONS = new Set(['.html', '.htm', '.vue', '.svelte']);
const LANGUAGE_IDS: Record<string, string> = {
  javascript: '.js', javascriptreact: '.jsx', typescript: '.ts', typescriptreact: '.tsx',
  html: '.html', vue: '.vue', svelte: '.svelte',
};

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

export function planScript(path: string, text: string, languageId?: string): ScriptPlan | undefined {
  let ext = extensionOf(path);
  if (!(ext in SCRIPT_EXTENSIONS) && !EMBEDDING_EXTENSIONS.has(ext) && languageId) ext = LANGUAGE_IDS[languageId] ?? ext;
  const kind = SCRIPT_EXTENSIONS[ext];
  if (kind) return { kind, parserPath: `file${ext}`, text };
  if (!EMBEDDING_EXTENSIONS.has(ext)) return undefined;
  return planEmbeddedScripts(text);
}

const SCRIPT_BLOCK = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const NON_JS_TYPE = /\btype\s*=\s*["']?(?!(?:text\/javascript|module|application\/javascript|text\/babel)\b)[\w/+.-]+/i;

function planEmbeddedScripts(text: string): ScriptPlan | undefined {
  const out: string[] = [];
  let last = 0;
  let kind: ScriptKind = 'js';
  let jsx = false;
  let found = false;
  for (const match of text.matchAll(SCRIPT_BLOCK)) {
    const attrs = match[1] ?? '';
    if (NON_JS_TYPE.test(attrs)) continue;
    const lang = /\blang\s*=\s*["']?(\w+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (lang === 'ts' || lang === 'tsx') kind = 'ts';
    if (lang === 'tsx' || lang === 'jsx') jsx = true;
    const bodyStart = match.index! + match[0].indexOf('>') + 1;
    const bodyEnd = bodyStart + (match[2] ?? '').length;
    out.push(blank(text.slice(last, bodyStart)), text.slice(bodyStart, bodyEnd));
    last = bodyEnd;
    found = true;
  }
  if (!found) return undefined;
  out.push(blank(text.slice(last)));
  const ext = kind === 'ts' ? (jsx ? '.tsx' : '.ts') : jsx ? '.jsx' : '.js';
  return { kind, parserPath: `embedded${ext}`, text: out.join('') };
}

/** Replaces everything but line breaks with spaces, keeping length and line structure. */
function blank(segment: string): string {
  return segment.replace(/[^\r\n]/g, ' ');
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parses with the one option set the engine uses; throws ParseError on a syntax error. */
export function parseScript(plan: ScriptPlan): TSESTree.Program {
  let text = plan.text;
  // Sloppy-mode JavaScript allows legacy octal (`0777`, "\033"), common in older npm packages,
  // which TypeScript rejects. Each one the parser reports is rewritten in place to a same-length
  // equivalent and the parse retried, so offsets stay those of the file.
  for (let attempt = 0; ; attempt++) {
    try {
      return parseOnce(text, plan.parserPath);
    } catch (error) {
      if (!(error instanceof ParseError) || attempt >= MAX_OCTAL_REWRITES || plan.kind !== 'js') throw error;
      const rewritten = rewriteLegacyOctal(text, error);
      if (rewritten === undefined) throw error;
      text = rewritten;
    }
  }
}

const MAX_OCTAL_REWRITES = 200;

function parseOnce(text: string, filePath: string): TSESTree.Program {
  try {
    return parseEstree(text, {
      filePath,
      range: true,
      // typescript-estree computes loc for every node either way; `loc: false` then walks the
      // tree a second time to `delete` it, which costs ~25% of the parse and leaves every node in
      // slow dictionary mode for the walk and the rules. Keeping loc is the cheaper choice.
      loc: true,
      comment: false,
      tokens: false,
      jsDocParsingMode: 'none',
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
    }) as TSESTree.Program;
  } catch (error) {
    const err = error as { message?: string; location?: { start?: { offset?: number } }; index?: number };
    const offset = err.location?.start?.offset ?? err.index ?? 0;
    throw new ParseError(String(err.message ?? error), offset);
  }
}

/** `0777` becomes ` 511`, `\033` becomes `\x1b`; undefined when the error is something else. */
function rewriteLegacyOctal(text: string, error: ParseError): string | undefined {
  if (!/^Octal (?:literals|escape sequences) are not allowed/.test(error.message)) return undefined;
  const at = error.offset;
  const literal = /^0[0-7]+(?![\d.eExXoObBn])/.exec(text.slice(at, at + 32));
  if (literal) {
    const decimal = String(parseInt(literal[0], 8)).padStart(literal[0].length, ' ');
    return text.slice(0, at) + decimal + text.slice(at + literal[0].length);
  }
  const escape = /^\\[0-7]{1,3}/.exec(text.slice(at, at + 4));
  if (escape) {
    const code = parseInt(escape[0].slice(1), 8);
    const replacement = escape[0].length === 4 ? `\\x${code.toString(16).padStart(2, '0')}` : ' '.repeat(escape[0].length);
    return text.slice(0, at) + replacement + text.slice(at + escape[0].length);
  }
  return undefined;
}
