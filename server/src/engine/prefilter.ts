// The prefilter (Semgrep's idea): an AST rule may list strings a file must contain for the rule to
// have anything to find; one combined scan of the text tells which rules can skip the file, and a
// file that no AST rule applies to is not parsed at all.
import type { AstRule } from '../../../rules/api/types';

/**
 * The text forms a string can take in the syntax tree a rule sees: as written, with JavaScript
 * escapes decoded (`'\x63hild_process'`, `\u0065val` are `child_process` and `eval` to the
 * parser), and with JSX character references decoded (`href="&#106;avascript:"`).
 */
export function textForms(text: string): string[] {
  const forms = [text];
  if (text.includes('\\')) forms.push(decodeEscapes(text));
  if (text.includes('&')) {
    const decoded = decodeCharacterReferences(text);
    if (decoded !== text) forms.push(decoded);
  }
  return forms;
}

const SINGLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };
const ESCAPE = /\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([0-7]{1,3})|(\r\n|[\s\S]))/g;

/** String, template and identifier escapes as the parser reads them; a line continuation is dropped. */
function decodeEscapes(text: string): string {
  return text.replace(ESCAPE, (_whole, braced?: string, unicode?: string, hex?: string, octal?: string, single?: string) => {
    const code = braced ?? unicode ?? hex;
    if (code !== undefined) return codePoint(parseInt(code, 16));
    if (octal !== undefined) return codePoint(parseInt(octal, 8));
    if (single === '\n' || single === '\r' || single === '\r\n' || single === '\u2028' || single === '\u2029') return '';
    return SINGLE_ESCAPES[single!] ?? single!;
  });
}

/** `&#106;`, `&#x6a;` and the named references typescript-estree decodes in JSX text and attributes. */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g, (whole, decimal?: string, hex?: string, named?: string) => {
    if (named) return NAMED_REFERENCES[named]!;
    const value = decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex!, 16);
    return value > 0x10ffff ? whole : codePoint(value);
  });
}

/**
 * The named references that stand for ASCII characters (the others are letters with accents and
 * symbols, which no prefilter string contains).
 */
const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePoint(value: number): string {
  return value > 0x10ffff ? '' : String.fromCodePoint(value);
}

/**
 * Which of a list of AST rules can have anything to find in a text. Strings follow "smart case"
 * (ripgrep, vim): one written all in lower case matches in any case (`location` also finds a
 * `Location` or `LOCATION` header name), one with an upper-case letter matches exactly as written
 * (`Function` does not match every `function` keyword).
 */
export class Prefilter {
  private readonly exact: NeedleSet;
  private readonly anyCase: NeedleSet;
  /** Rules that list strings; the others always apply. */
  private readonly filtered: number[] = [];

  constructor(private readonly rules: readonly AstRule[]) {
    const exact = new Map<string, number[]>();
    const anyCase = new Map<string, number[]>();
    rules.forEach((rule, index) => {
      if (!rule.prefilter?.length) return;
      this.filtered.push(index);
      for (const needle of rule.prefilter) {
        const table = needle === needle.toLowerCase() ? anyCase : exact;
        const owners = table.get(needle) ?? [];
        if (!owners.includes(index)) owners.push(index);
        table.set(needle, owners);
      }
    });
    this.exact = new NeedleSet(exact);
    this.anyCase = new NeedleSet(anyCase);
  }

  /** The rules that apply to `text`: those without a prefilter, and those whose strings occur in it in any of its forms. */
  applicable(text: string): AstRule[] {
    const applies = new Array<boolean>(this.rules.length).fill(true);
    for (const index of this.filtered) applies[index] = false;
    const state = { applies, pending: this.filtered.length };
    if (state.pending > 0) {
      const forms = textForms(text);
      for (const form of forms) if (state.pending > 0) this.exact.scan(form, state);
      if (this.anyCase.size) for (const form of forms) if (state.pending > 0) this.anyCase.scan(form.toLowerCase(), state);
    }
    return this.rules.filter((_rule, index) => applies[index]);
  }
}

/** Strings matched by one alternation, and the rules each one lets in. */
class NeedleSet {
  private readonly pattern: RegExp | undefined;
  /** For each string, the strings it contains (itself included): finding it finds them too. */
  private readonly implied = new Map<string, string[]>();

  constructor(private readonly rulesOf: ReadonlyMap<string, number[]>) {
    const needles = [...rulesOf.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    for (const needle of needles) this.implied.set(needle, needles.filter((other) => needle.includes(other)));
    this.pattern = needles.length ? new RegExp(needles.map(escapeRegExp).join('|'), 'g') : undefined;
  }

  get size(): number {
    return this.rulesOf.size;
  }

  /**
   * Marks the rules whose strings occur in `text`. At each position the alternation takes the
   * longest string there, and the strings inside it count as found too; the scan goes on one
   * character later, so overlapping strings are all seen. It stops once every rule applies.
   */
  scan(text: string, state: { applies: boolean[]; pending: number }): void {
    const pattern = this.pattern;
    if (!pattern) return;
    const found = new Set<string>();
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      pattern.lastIndex = match.index + 1;
      if (found.has(match[0])) continue;
      for (const needle of this.implied.get(match[0])!) {
        if (found.has(needle)) continue;
        found.add(needle);
        for (const index of this.rulesOf.get(needle)!) {
          if (state.applies[index]) continue;
          state.applies[index] = true;
          if (--state.pending === 0) return;
        }
      }
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
