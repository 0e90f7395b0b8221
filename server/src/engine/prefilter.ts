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
 *
 * All strings of all rules are found in one pass over each form of the text by an Aho-Corasick
 * automaton (one table step per character, however many strings), run on the lower-cased text;
 * a string with capitals is then checked against the text as written.
 */
export class Prefilter {
  /** The distinct strings as written, and lower-cased for the automaton. */
  private readonly needles: string[] = [];
  /** For each string, the rules (by index) that list it. */
  private readonly rulesOf: number[][] = [];
  /** Rules that list strings; the others always apply. */
  private readonly filtered: number[] = [];
  private readonly automaton: Automaton;

  constructor(private readonly rules: readonly AstRule[]) {
    const ids = new Map<string, number>();
    rules.forEach((rule, index) => {
      if (!rule.prefilter?.length) return;
      this.filtered.push(index);
      for (const needle of rule.prefilter) {
        let id = ids.get(needle);
        if (id === undefined) {
          ids.set(needle, (id = this.needles.length));
          this.needles.push(needle);
          this.rulesOf.push([]);
        }
        if (!this.rulesOf[id]!.includes(index)) this.rulesOf[id]!.push(index);
      }
    });
    this.automaton = new Automaton(this.needles.map((needle) => needle.toLowerCase()));
  }

  /** The rules that apply to `text`: those without a prefilter, and those whose strings occur in it in any of its forms. */
  applicable(text: string): AstRule[] {
    const applies = new Array<boolean>(this.rules.length).fill(true);
    for (const index of this.filtered) applies[index] = false;
    let pending = this.filtered.length;
    const done = new Array<boolean>(this.needles.length).fill(false);
    /** Called for each occurrence of a lower-cased string; true stops the scan (every rule applies). */
    const found = (id: number, end: number, form: string, lower: string): boolean => {
      if (done[id]) return false;
      const needle = this.needles[id]!;
      if (needle !== needle.toLowerCase()) {
        // Exact strings: compare with the text as written. Lower-casing keeps offsets unless it
        // changed the length (a few non-ASCII letters), and then a plain search decides.
        const exact = lower.length === form.length ? form.startsWith(needle, end - needle.length) : form.includes(needle);
        if (!exact) return false;
      }
      done[id] = true;
      for (const index of this.rulesOf[id]!) {
        if (applies[index]) continue;
        applies[index] = true;
        if (--pending === 0) return true;
      }
      return false;
    };
    if (pending > 0) {
      for (const form of textForms(text)) {
        const lower = form.toLowerCase();
        if (this.automaton.scan(lower, (id, end) => found(id, end, form, lower))) break;
      }
    }
    return this.rules.filter((_rule, index) => applies[index]);
  }
}

/**
 * An Aho-Corasick automaton over ASCII: the trie of the strings with every missing step filled in
 * from the failure links, so scanning is one table lookup per character. A character outside
 * ASCII (no string has one) sends it back to the start.
 */
class Automaton {
  /** `next[state * 128 + code]`: the state after reading `code`. */
  private readonly next: Int32Array;
  /** For each state, the strings (by id) that end there, its own and those of its suffixes. */
  private readonly outputs: Array<readonly number[] | undefined>;

  constructor(needles: readonly string[]) {
    const children: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    needles.forEach((needle, id) => {
      let state = 0;
      for (let i = 0; i < needle.length; i++) {
        const code = needle.charCodeAt(i);
        let child = children[state]!.get(code);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          own.push([]);
          children[state]!.set(code, child);
        }
        state = child;
      }
      own[state]!.push(id);
    });
    const states = children.length;
    this.next = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    const outputs: number[][] = own.map((ids) => [...ids]);
    // Breadth first, so a state's failure target is complete before the state itself.
    const queue: number[] = [];
    for (const [code, child] of children[0]!) {
      this.next[code] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      outputs[state]!.push(...outputs[fail[state]!]!);
      for (let code = 0; code < ALPHABET; code++) {
        const child = children[state]!.get(code);
        if (child === undefined) {
          this.next[state * ALPHABET + code] = this.next[fail[state]! * ALPHABET + code]!;
        } else {
          fail[child] = this.next[fail[state]! * ALPHABET + code]!;
          this.next[state * ALPHABET + code] = child;
          queue.push(child);
        }
      }
    }
    this.outputs = outputs.map((ids) => (ids.length ? ids : undefined));
  }

  /** Calls `found(id, end)` for each occurrence (end offset exclusive) until it returns true; true if it did. */
  scan(text: string, found: (id: number, end: number) => boolean): boolean {
    const next = this.next;
    const outputs = this.outputs;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = code < ALPHABET ? next[state * ALPHABET + code]! : 0;
      const ids = outputs[state];
      if (ids !== undefined) for (const id of ids) if (found(id, i + 1)) return true;
    }
    return false;
  }
}

const ALPHABET = 128;
