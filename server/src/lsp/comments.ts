// Comment syntax per language, for the "Ignore <rule> on this line" action. The suppression parser
// (engine/suppress.ts) accepts `//`, `#`, `/* */`, `<!-- -->`, `--` and `;` comments.
export interface CommentSyntax {
  open: string;
  close: string;
}

const LINE_SLASH: CommentSyntax = { open: '//', close: '' };
const HASH: CommentSyntax = { open: '#', close: '' };
const BLOCK: CommentSyntax = { open: '/*', close: ' */' };
const MARKUP: CommentSyntax = { open: '<!--', close: ' -->' };
const DASHES: CommentSyntax = { open: '--', close: '' };

const BY_LANGUAGE: Record<string, CommentSyntax> = {
  javascript: LINE_SLASH, javascriptreact: LINE_SLASH, typescript: LINE_SLASH, typescriptreact: LINE_SLASH,
  jsonc: LINE_SLASH, java: LINE_SLASH, go: LINE_SLASH, c: LINE_SLASH, cpp: LINE_SLASH, csharp: LINE_SLASH,
  rust: LINE_SLASH, kotlin: LINE_SLASH, swift: LINE_SLASH, php: LINE_SLASH, scss: LINE_SLASH, less: LINE_SLASH,
  css: BLOCK,
  html: MARKUP, xml: MARKUP, markdown: MARKUP, vue: MARKUP, svelte: MARKUP,
  sql: DASHES, lua: DASHES, haskell: DASHES,
  yaml: HASH, python: HASH, shellscript: HASH, dockerfile: HASH, ruby: HASH, perl: HASH, r: HASH,
  toml: HASH, ini: HASH, properties: HASH, dotenv: HASH, makefile: HASH, terraform: HASH, hcl: HASH,
  powershell: HASH, elixir: HASH, plaintext: HASH,
};

const BY_EXTENSION: Record<string, CommentSyntax> = {
  '.js': LINE_SLASH, '.jsx': LINE_SLASH, '.mjs': LINE_SLASH, '.cjs': LINE_SLASH,
  '.ts': LINE_SLASH, '.tsx': LINE_SLASH, '.mts': LINE_SLASH, '.cts': LINE_SLASH,
  '.css': BLOCK, '.html': MARKUP, '.htm': MARKUP, '.xml': MARKUP, '.md': MARKUP, '.vue': MARKUP, '.svelte': MARKUP,
  '.sql': DASHES, '.tf': HASH, '.yaml': HASH, '.yml': HASH, '.env': HASH, '.sh': HASH, '.py': HASH, '.toml': HASH,
};

/** The comment syntax for a document; `#` when nothing better is known (config and text files). */
function commentSyntaxFor(languageId: string, path: string): CommentSyntax {
  const byLanguage = BY_LANGUAGE[languageId];
  if (byLanguage) return byLanguage;
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  const byExtension = dot >= 0 ? BY_EXTENSION[base.slice(dot)] : undefined;
  return byExtension ?? HASH;
}

/** Like commentSyntaxFor, but inside a `<script>` block of an HTML-like file it is `//`. */
export function commentSyntaxAt(text: string, offset: number, languageId: string, path: string): CommentSyntax {
  const syntax = commentSyntaxFor(languageId, path);
  if (syntax !== MARKUP) return syntax;
  const before = text.slice(0, offset).toLowerCase();
  return before.lastIndexOf('<script') > before.lastIndexOf('</script') ? LINE_SLASH : syntax;
}
