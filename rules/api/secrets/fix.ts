// The quick fix for a hard-coded secret: read it from the environment in the file's own language.
// A `fix` where the literal is exactly the secret and the replacement is valid as it stands;
// otherwise a suggestion for a person to review. Adding `NAME=` to `.env.example` is a workspace
// edit, so front doors read the variable name back with envVariableOfFix().
import type { Fix, SourceFile } from '../types';
import type { SecretCandidate } from './scanner';

const ENV_FIX_TITLE = /^Read ([A-Z_][A-Z0-9_]*) from the environment/;

/** The environment variable a secret fix reads (for `.env.example` follow-ups), if `title` is one. */
export function envVariableOfFix(title: string): string | undefined {
  return ENV_FIX_TITLE.exec(title)?.[1];
}

type Language = 'js' | 'jsx' | 'python' | 'shell' | 'ruby' | 'php' | 'java' | 'go' | 'csharp' | 'compose' | 'workflow';

function languageOf(path: string): Language | undefined {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (['js', 'ts', 'mjs', 'cjs', 'mts', 'cts'].includes(ext)) return 'js';
  if (ext === 'jsx' || ext === 'tsx') return 'jsx';
  if (ext === 'py') return 'python';
  if (['sh', 'bash', 'zsh'].includes(ext)) return 'shell';
  if (ext === 'rb') return 'ruby';
  if (ext === 'php') return 'php';
  if (ext === 'java' || ext === 'kt') return 'java';
  if (ext === 'go') return 'go';
  if (ext === 'cs') return 'csharp';
  if (/^(?:docker-)?compose[\w.-]*\.ya?ml$/.test(name)) return 'compose';
  if (/\.github\/workflows\/[^/]+\.ya?ml$/.test(lower)) return 'workflow';
  return undefined;
}

interface Literal {
  start: number;
  end: number;
  quote: string;
  /** Offsets of the content between the quotes. */
  contentStart: number;
  contentEnd: number;
}

/** The string literal on the candidate's line that contains it. */
function literalAround(text: string, start: number, end: number): Literal | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (start - lineStart > 4000) return undefined;
  let open: { quote: string; at: number } | undefined;
  for (let i = lineStart; i < text.length && text[i] !== '\n'; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (open) {
      if (c === open.quote) {
        if (open.at < start && i >= end) return { start: open.at, end: i + 1, quote: open.quote, contentStart: open.at + 1, contentEnd: i };
        open = undefined;
      }
    } else if (c === '"' || c === "'" || c === '`') {
      open = { quote: c, at: i };
    }
  }
  return undefined;
}

/** The fix and suggestions for one candidate. */
export function envFix(file: SourceFile, candidate: SecretCandidate): { fix?: Fix; suggestions?: Fix[] } {
  const language = languageOf(file.path);
  if (!language || candidate.end - candidate.start > 2000) return {};
  const name = /^[A-Z_][A-Z0-9_]*$/.test(candidate.env) ? candidate.env : 'SECRET';
  const title = `Read ${name} from the environment`;
  const text = file.text;
  const literal = literalAround(text, candidate.start, candidate.end);
  const exact = !!literal && literal.contentStart === candidate.start && literal.contentEnd === candidate.end;

  if (language === 'shell') {
    // TOKEN="ghp_..." or TOKEN=ghp_... -> TOKEN="${NAME}"
    const start = exact ? literal!.start : candidate.start;
    const end = exact ? literal!.end : candidate.end;
    const replacement = exact || !literal ? `"\${${name}}"` : `\${${name}}`;
    return { fix: { title: `${title} (\${${name}})`, edits: [{ start, end, text: replacement }] } };
  }
  if (language === 'compose') {
    return { suggestions: [{ title: `${title} (\${${name}})`, edits: [{ start: literal ? literal.start : candidate.start, end: literal ? literal.end : candidate.end, text: literal ? `"\${${name}}"` : `\${${name}}` }] }] };
  }
  if (language === 'workflow') {
    return { suggestions: [{ title: `${title} (\${{ secrets.${name} }})`, edits: [{ start: literal ? literal.start : candidate.start, end: literal ? literal.end : candidate.end, text: `\${{ secrets.${name} }}` }] }] };
  }
  if (!literal) return {};
  const read = readExpression(language, name, text);
  if (!read) return {};
  if (exact) {
    let replacement = read.expression;
    if (language === 'jsx' && /\s[A-Za-z][\w-]*=$/.test(text.slice(Math.max(0, literal.start - 60), literal.start))) replacement = `{${replacement}}`;
    const edit = { start: literal.start, end: literal.end, text: replacement };
    const fix: Fix = { title: `${title} (${read.expression})`, edits: read.extraEdits ? [...read.extraEdits, edit] : [edit] };
    return read.extraEdits ? { suggestions: [fix] } : { fix };
  }
  // The secret is part of a longer literal (a URL, "Bearer ..."): read the whole value, for review.
  if (language === 'js' || language === 'jsx') {
    const before = text.slice(literal.contentStart, candidate.start);
    const after = text.slice(candidate.end, literal.contentEnd);
    const template = `\`${escapeTemplate(before)}\${${read.expression}}${escapeTemplate(after)}\``;
    return { suggestions: [{ title: `${title} (${read.expression})`, edits: [{ start: literal.start, end: literal.end, text: template }] }] };
  }
  return {};
}

function escapeTemplate(part: string): string {
  return part.replace(/\\(["'])/g, '$1').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function readExpression(language: Language, name: string, text: string): { expression: string; extraEdits?: Array<{ start: number; end: number; text: string }> } | undefined {
  switch (language) {
    case 'js':
    case 'jsx':
      return { expression: `process.env.${name}` };
    case 'python': {
      const expression = `os.environ["${name}"]`;
      if (/^\s*import\s+(?:[\w.]+\s*,\s*)*os\b/m.test(text)) return { expression };
      return { expression, extraEdits: [{ start: pythonImportAt(text), end: pythonImportAt(text), text: 'import os\n' }] };
    }
    case 'ruby':
      return { expression: `ENV.fetch("${name}")` };
    case 'php':
      return { expression: `getenv('${name}')` };
    case 'java':
      return { expression: `System.getenv("${name}")` };
    case 'go':
      return /^\s*(?:import\s+)?"os"\s*$/m.test(text) ? { expression: `os.Getenv("${name}")` } : undefined;
    case 'csharp':
      return /^\s*using\s+System\s*;/m.test(text) ? { expression: `Environment.GetEnvironmentVariable("${name}")` } : undefined;
    default:
      return undefined;
  }
}

/** Where `import os` goes: after a shebang, encoding line, module docstring and __future__ imports. */
function pythonImportAt(text: string): number {
  const lines = text.split('\n');
  let offset = 0;
  let i = 0;
  while (i < lines.length && (/^#!|^#.*coding[:=]/.test(lines[i]!) || /^from __future__ import/.test(lines[i]!))) offset += lines[i++]!.length + 1;
  return offset;
}
