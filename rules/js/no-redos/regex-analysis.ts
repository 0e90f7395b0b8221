// Catastrophic-backtracking analysis of one JavaScript regular expression, in time linear in the
// pattern's length: a parser for the pattern, fixed-size character-set summaries computed bottom
// up, and three checks over the tree (ambiguous loops, overlapping alternatives, adjacent loops).

/** What makes the pattern slow: exponential (nested ambiguity) or polynomial (adjacent loops). */
export type Complexity = 'exponential' | 'polynomial';

export interface RegexIssue {
  complexity: Complexity;
  /** Offsets of the offending sub-pattern in the pattern text. */
  start: number;
  end: number;
  /** The offending sub-pattern, shortened for messages. */
  subpattern: string;
  /** Why it backtracks, in a few words. */
  reason: string;
}

// ---------------------------------------------------------------- character sets

/**
 * A set of characters kept at a fixed size so that every operation is constant time: one bit per
 * ASCII character, one bit per 256-character block of the rest of the BMP, one bit for everything
 * above it. Non-ASCII blocks are coarse: two sets in the same block count as overlapping.
 */
const WORDS = 13;
const ASCII_BITS = 128;
const BLOCK_BASE = ASCII_BITS; // bits 128..383: BMP blocks 0x00..0xFF (block of code >> 8)
const ASTRAL_BIT = BLOCK_BASE + 256;

export class CharSet {
  private constructor(private readonly words: Uint32Array) {}

  private static readonly EMPTY = new CharSet(new Uint32Array(WORDS));
  private static readonly ALL = CharSet.fromRanges([[0, 0x10ffff]]);

  /** The empty set (shared: sets are never changed once built). */
  static empty(): CharSet {
    return CharSet.EMPTY;
  }

  static all(): CharSet {
    return CharSet.ALL;
  }

  /** Builds a set from code-point ranges (inclusive). */
  static fromRanges(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
    const set = new CharSet(new Uint32Array(WORDS));
    for (const [lo, hi] of ranges) {
      for (let c = lo; c <= Math.min(hi, ASCII_BITS - 1); c++) set.setBit(c);
      const from = Math.max(lo, ASCII_BITS);
      if (hi < from) continue;
      if (from <= 0xffff) {
        for (let block = from >> 8; block <= Math.min(hi, 0xffff) >> 8; block++) set.setBit(BLOCK_BASE + block);
      }
      if (hi > 0xffff) set.setBit(ASTRAL_BIT);
    }
    return set;
  }

  static of(code: number, ignoreCase: boolean): CharSet {
    return CharSet.fromRanges(ignoreCase ? foldCase([[code, code]]) : [[code, code]]);
  }

  private setBit(bit: number): void {
    this.words[bit >>> 5]! |= 1 << (bit & 31);
  }

  private hasBit(bit: number): boolean {
    return (this.words[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  union(other: CharSet): CharSet {
    if (other === CharSet.EMPTY || this === CharSet.ALL) return this;
    if (this === CharSet.EMPTY || other === CharSet.ALL) return other;
    const words = new Uint32Array(WORDS);
    for (let i = 0; i < WORDS; i++) words[i] = this.words[i]! | other.words[i]!;
    return new CharSet(words);
  }

  intersect(other: CharSet): CharSet {
    if (other === CharSet.ALL || this === CharSet.EMPTY) return this;
    if (this === CharSet.ALL || other === CharSet.EMPTY) return other;
    const words = new Uint32Array(WORDS);
    for (let i = 0; i < WORDS; i++) words[i] = this.words[i]! & other.words[i]!;
    return new CharSet(words);
  }

  overlaps(other: CharSet): boolean {
    for (let i = 0; i < WORDS; i++) if ((this.words[i]! & other.words[i]!) !== 0) return true;
    return false;
  }

  isEmpty(): boolean {
    for (let i = 0; i < WORDS; i++) if (this.words[i] !== 0) return false;
    return true;
  }

  /** One character of the set, for describing an attack string ('a' preferred). */
  sample(): string | undefined {
    for (const c of [97, 49, 32, 65, 95, 45, 46]) if (this.hasBit(c)) return String.fromCharCode(c);
    for (let c = 33; c < 127; c++) if (this.hasBit(c)) return String.fromCharCode(c);
    for (let c = 0; c < ASCII_BITS; c++) if (this.hasBit(c)) return `\\x${c.toString(16).padStart(2, '0')}`;
    for (let block = 0; block < 256; block++) if (this.hasBit(BLOCK_BASE + block)) return `\\u${Math.max(block << 8, 0x80).toString(16).padStart(4, '0')}`;
    return this.hasBit(ASTRAL_BIT) ? '\\u{10000}' : undefined;
  }
}

type Range = [number, number];
const MAX_CODE_POINT = 0x10ffff;

/** Adds the other case of ASCII letters, as the `i` flag does. */
function foldCase(ranges: Range[]): Range[] {
  const out = [...ranges];
  for (const [lo, hi] of ranges) {
    const upperLo = Math.max(lo, 65);
    const upperHi = Math.min(hi, 90);
    if (upperLo <= upperHi) out.push([upperLo + 32, upperHi + 32]);
    const lowerLo = Math.max(lo, 97);
    const lowerHi = Math.min(hi, 122);
    if (lowerLo <= lowerHi) out.push([lowerLo - 32, lowerHi - 32]);
  }
  return out;
}

/** The code points not in `ranges`, as ranges. */
function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

const DIGIT: Range[] = [[48, 57]];
const WORD: Range[] = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: Range[] = [
  [9, 13], [32, 32], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f],
  [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const NOT_LINE_TERMINATOR = complement([[10, 10], [13, 13], [0x2028, 0x2029]]);
/** `\p{...}`: ASCII letters and digits and everything beyond ASCII (blocks are coarse anyway). */
const UNICODE_PROPERTY: Range[] = [[48, 57], [65, 90], [97, 122], [0x80, MAX_CODE_POINT]];

/** The ranges of `\d`, `\w`, `\s` and their negations. */
function classEscapeRanges(letter: string): Range[] | undefined {
  switch (letter) {
    case 'd': return DIGIT;
    case 'D': return complement(DIGIT);
    case 'w': return WORD;
    case 'W': return complement(WORD);
    case 's': return SPACE;
    case 'S': return complement(SPACE);
    default: return undefined;
  }
}

// ---------------------------------------------------------------- syntax tree

interface Span {
  start: number;
  end: number;
}
interface SetNode extends Span {
  type: 'set';
  set: CharSet;
}
/** `^`, `$`, `\b`, `\B` and lookarounds (`look`): match the empty string but may fail. */
interface AssertNode extends Span {
  type: 'assert';
  kind: string;
  /** For a lookaround, its contents, analysed on their own. */
  group?: GroupNode;
}
interface BackrefNode extends Span {
  type: 'backref';
}
interface GroupNode extends Span {
  type: 'group';
  /** `look` for lookahead and lookbehind: they consume nothing. */
  look: boolean;
  body: AltNode;
}
interface QuantNode extends Span {
  type: 'quant';
  body: TermNode;
  min: number;
  max: number;
}
interface SeqNode extends Span {
  type: 'seq';
  items: TermNode[];
}
interface AltNode extends Span {
  type: 'alt';
  alternatives: SeqNode[];
}
type TermNode = SetNode | AssertNode | BackrefNode | GroupNode | QuantNode;
type RegexNode = TermNode | SeqNode | AltNode;

class RegexSyntaxError extends Error {}

/** Nesting deeper than this is not analysed (and is not written by people). */
const MAX_DEPTH = 200;

/** A recursive-descent parser for JavaScript patterns, lenient like Annex B without `u`. */
class Parser {
  private pos = 0;
  private depth = 0;
  private readonly unicode: boolean;
  private readonly ignoreCase: boolean;
  private readonly dotAll: boolean;
  /** The `v` flag: classes nest and have set operations. */
  private readonly unicodeSets: boolean;

  constructor(
    private readonly source: string,
    flags: string,
  ) {
    this.unicode = flags.includes('u') || flags.includes('v');
    this.ignoreCase = flags.includes('i');
    this.dotAll = flags.includes('s');
    this.unicodeSets = flags.includes('v');
  }

  parse(): AltNode {
    const alt = this.parseAlt();
    if (this.pos < this.source.length) throw new RegexSyntaxError(`unexpected ${this.source[this.pos]}`);
    return alt;
  }

  private parseAlt(): AltNode {
    if (++this.depth > MAX_DEPTH) throw new RegexSyntaxError('nested too deeply');
    const start = this.pos;
    const alternatives = [this.parseSeq()];
    while (this.source[this.pos] === '|') {
      this.pos++;
      alternatives.push(this.parseSeq());
    }
    this.depth--;
    return { type: 'alt', alternatives, start, end: this.pos };
  }

  private parseSeq(): SeqNode {
    const start = this.pos;
    const items: TermNode[] = [];
    while (this.pos < this.source.length && this.source[this.pos] !== '|' && this.source[this.pos] !== ')') {
      const atom = this.parseAtom();
      items.push(this.parseQuantifier(atom));
    }
    return { type: 'seq', items, start, end: this.pos };
  }

  private parseQuantifier(atom: TermNode): TermNode {
    const bounds = this.readQuantifier();
    if (!bounds) return atom;
    if (atom.type === 'assert' && atom.kind !== 'look') throw new RegexSyntaxError('nothing to repeat');
    if (this.source[this.pos] === '?') this.pos++; // lazy: backtracks the same way on failure
    return { type: 'quant', body: atom, min: bounds.min, max: bounds.max, start: atom.start, end: this.pos };
  }

  /** Reads `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` at the cursor, or nothing. */
  private readQuantifier(): { min: number; max: number } | undefined {
    const c = this.source[this.pos];
    if (c === '*') return this.pos++, { min: 0, max: Infinity };
    if (c === '+') return this.pos++, { min: 1, max: Infinity };
    if (c === '?') return this.pos++, { min: 0, max: 1 };
    if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos, this.pos + 24));
      if (!match) {
        if (this.unicode) throw new RegexSyntaxError('lone {');
        return undefined; // Annex B: a literal brace
      }
      this.pos += match[0].length;
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
      return { min, max };
    }
    return undefined;
  }

  private parseAtom(): TermNode {
    const start = this.pos;
    const c = this.source[this.pos]!;
    switch (c) {
      case '^':
      case '$':
        this.pos++;
        return { type: 'assert', kind: c, start, end: this.pos };
      case '.':
        this.pos++;
        return { type: 'set', set: this.dotAll ? CharSet.all() : CharSet.fromRanges(NOT_LINE_TERMINATOR), start, end: this.pos };
      case '[':
        return this.parseClass();
      case '(':
        return this.parseGroup();
      case '\\':
        return this.parseEscape();
      case '*':
      case '+':
      case '?':
        throw new RegexSyntaxError('nothing to repeat');
      case '{':
        if (this.unicode || /^\{\d+(,\d*)?\}/.test(this.source.slice(this.pos, this.pos + 24))) throw new RegexSyntaxError('nothing to repeat');
        break;
      default:
        break;
    }
    const code = this.readCodePoint();
    return { type: 'set', set: CharSet.of(code, this.ignoreCase), start, end: this.pos };
  }

  private readCodePoint(): number {
    const code = this.unicode ? this.source.codePointAt(this.pos)! : this.source.charCodeAt(this.pos);
    this.pos += code > 0xffff ? 2 : 1;
    return code;
  }

  private parseGroup(): TermNode {
    const start = this.pos;
    this.pos++; // (
    let look = false;
    if (this.source[this.pos] === '?') {
      const next = this.source[this.pos + 1];
      if (next === ':') this.pos += 2;
      else if (next === '=' || next === '!') {
        look = true;
        this.pos += 2;
      } else if (next === '<' && (this.source[this.pos + 2] === '=' || this.source[this.pos + 2] === '!')) {
        look = true;
        this.pos += 3;
      } else if (next === '<') {
        const close = this.source.indexOf('>', this.pos);
        if (close < 0) throw new RegexSyntaxError('unterminated group name');
        this.pos = close + 1;
      } else {
        // modifiers such as (?i:...) or (?-i:...)
        const match = /^\?[a-zA-Z-]*:/.exec(this.source.slice(this.pos, this.pos + 12));
        if (!match) throw new RegexSyntaxError('invalid group');
        this.pos += match[0].length;
      }
    }
    const body = this.parseAlt();
    if (this.source[this.pos] !== ')') throw new RegexSyntaxError('unterminated group');
    this.pos++;
    const group: GroupNode = { type: 'group', look, body, start, end: this.pos };
    // A quantified lookaround consumes nothing: treat it as an assertion that may fail.
    if (look) return { type: 'assert', kind: 'look', start, end: this.pos, group };
    return group;
  }

  private parseEscape(): TermNode {
    const start = this.pos;
    this.pos++; // backslash
    const c = this.source[this.pos];
    if (c === undefined) throw new RegexSyntaxError('trailing backslash');
    if (c === 'b' || c === 'B') {
      this.pos++;
      return { type: 'assert', kind: `\\${c}`, start, end: this.pos };
    }
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(this.source[this.pos] ?? '')) this.pos++;
      return { type: 'backref', start, end: this.pos };
    }
    if (c === 'k' && this.source[this.pos + 1] === '<') {
      const close = this.source.indexOf('>', this.pos);
      if (close > 0) {
        this.pos = close + 1;
        return { type: 'backref', start, end: this.pos };
      }
    }
    const set = this.characterEscape();
    return { type: 'set', set, start, end: this.pos };
  }

  /** After a backslash (outside a class): `\\d`, `\\n`, `\\x41`, `\\u{1F600}`, `\\p{L}`... */
  private characterEscape(): CharSet {
    return CharSet.fromRanges(this.escapeRanges());
  }

  /** The ranges an escape stands for, the `i` flag applied. */
  private escapeRanges(): Range[] {
    const c = this.source[this.pos]!;
    const predefined = classEscapeRanges(c);
    if (predefined) {
      this.pos++;
      return predefined;
    }
    if ((c === 'p' || c === 'P') && this.unicode && this.source[this.pos + 1] === '{') {
      const close = this.source.indexOf('}', this.pos);
      if (close < 0) throw new RegexSyntaxError('unterminated property escape');
      this.pos = close + 1;
      return c === 'P' ? [[0, MAX_CODE_POINT]] : UNICODE_PROPERTY;
    }
    const code = this.escapedCodePoint();
    return this.ignoreCase ? foldCase([[code, code]]) : [[code, code]];
  }

  private escapedCodePoint(): number {
    const c = this.source[this.pos]!;
    this.pos++;
    switch (c) {
      case 'n': return 10;
      case 'r': return 13;
      case 't': return 9;
      case 'v': return 11;
      case 'f': return 12;
      case '0': return 0;
      case 'c': {
        const letter = this.source[this.pos];
        if (letter && /[a-zA-Z]/.test(letter)) {
          this.pos++;
          return letter.charCodeAt(0) % 32;
        }
        return 92; // Annex B: a literal backslash followed by c
      }
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.source.slice(this.pos, this.pos + 2));
        if (!hex) return 120;
        this.pos += 2;
        return parseInt(hex[0], 16);
      }
      case 'u': {
        if (this.source[this.pos] === '{' && this.unicode) {
          const close = this.source.indexOf('}', this.pos);
          const value = parseInt(this.source.slice(this.pos + 1, close), 16);
          if (close < 0 || Number.isNaN(value)) throw new RegexSyntaxError('bad unicode escape');
          this.pos = close + 1;
          return value;
        }
        const hex = /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.pos, this.pos + 4));
        if (!hex) return 117;
        this.pos += 4;
        return parseInt(hex[0], 16);
      }
      default:
        return c.codePointAt(0)!;
    }
  }

  private parseClass(): SetNode {
    const start = this.pos;
    const ranges = this.classRanges();
    return { type: 'set', set: CharSet.fromRanges(ranges), start, end: this.pos };
  }

  /**
   * Reads `[...]` at the cursor and returns the ranges it admits. With the `v` flag, nested
   * classes are read too, and `&&` / `--` are read as a union (a superset, never missing a char).
   */
  private classRanges(): Range[] {
    if (++this.depth > MAX_DEPTH) throw new RegexSyntaxError('nested too deeply');
    this.pos++; // [
    const negated = this.source[this.pos] === '^';
    if (negated) this.pos++;
    const ranges: Range[] = [];
    /** One member: a single code point, or the ranges of an escape or nested class. */
    const readMember = (): number | Range[] => {
      const ch = this.source[this.pos];
      if (ch === undefined) throw new RegexSyntaxError('unterminated class');
      if (ch === '\\') {
        this.pos++;
        const next = this.source[this.pos];
        if (next === undefined) throw new RegexSyntaxError('trailing backslash');
        if (next === 'b') return this.pos++, 8;
        if (next === '-') return this.pos++, 45;
        if (classEscapeRanges(next) || ((next === 'p' || next === 'P') && this.unicode)) return this.escapeRanges();
        return this.escapedCodePoint();
      }
      if (ch === '[' && this.unicodeSets) return this.classRanges();
      return this.readCodePoint();
    };
    while (this.source[this.pos] !== ']') {
      if (this.pos >= this.source.length) throw new RegexSyntaxError('unterminated class');
      if (this.unicodeSets && (this.source.startsWith('&&', this.pos) || this.source.startsWith('--', this.pos))) {
        this.pos += 2;
        continue;
      }
      const first = readMember();
      if (typeof first !== 'number') {
        ranges.push(...first);
        continue;
      }
      const isRange = this.source[this.pos] === '-' && this.pos + 1 < this.source.length && this.source[this.pos + 1] !== ']';
      if (!isRange) {
        ranges.push([first, first]);
        continue;
      }
      this.pos++; // -
      const second = readMember();
      if (typeof second !== 'number') {
        ranges.push([first, first], [45, 45], ...second); // Annex B: [\w-x] has a literal dash
      } else {
        ranges.push([Math.min(first, second), Math.max(first, second)]);
      }
    }
    this.pos++; // ]
    this.depth--;
    const folded = this.ignoreCase ? foldCase(ranges) : ranges;
    return negated ? complement(folded) : folded;
  }
}

// ---------------------------------------------------------------- summaries

/** What a term can match, summarised over characters (see `summarise`). */
interface Summary {
  /** Matches the empty string without passing an assertion, so it can never fail. */
  skippable: boolean;
  /** Characters x such that the term matches some string of x's (possibly empty). */
  within: CharSet;
  /** Characters x such that the term matches a non-empty string of x's. */
  nonEmptyWithin: CharSet;
  /** x such that the term can start with an unbounded loop over x (anything before it within x*). */
  head: CharSet;
  /** x such that the term can end with an unbounded loop over x (anything after it within x*). */
  tail: CharSet;
  /** x such that the term holds an unbounded loop over x and everything around it fits in x*. */
  pump: CharSet;
}

/** Bounded repetition this large behaves like a loop for backtracking purposes. */
const LARGE_REPEAT = 10;

class Analysis {
  private readonly summaries = new Map<RegexNode, Summary>();
  private readonly issues: RegexIssue[] = [];
  private readonly all = CharSet.all();
  private readonly none = CharSet.empty();
  /** Pairwise comparisons left for overlapping alternatives, so the whole analysis stays linear. */
  private comparisonBudget: number;

  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {
    this.comparisonBudget = 4 * source.length + 1000;
  }

  run(root: AltNode): RegexIssue[] {
    this.summarise(root);
    this.visit(root, false, 0);
    this.trailingLoop(root);
    return this.issues;
  }

  private summary(node: RegexNode): Summary {
    return this.summaries.get(node)!;
  }

  /** Bottom-up summaries; recursion depth is bounded by the parser's nesting limit. */
  private summarise(node: RegexNode): Summary {
    let result: Summary;
    switch (node.type) {
      case 'set':
        result = { skippable: false, within: node.set, nonEmptyWithin: node.set, head: this.none, tail: this.none, pump: this.none };
        break;
      case 'assert':
      case 'backref':
        result = { skippable: false, within: this.none, nonEmptyWithin: this.none, head: this.none, tail: this.none, pump: this.none };
        if (node.type === 'assert' && node.group) this.summarise(node.group.body);
        break;
      case 'group':
        result = this.summarise(node.body);
        break;
      case 'alt': {
        const parts = node.alternatives.map((a) => this.summarise(a));
        result = {
          skippable: parts.some((p) => p.skippable),
          within: unionOf(parts.map((p) => p.within)),
          nonEmptyWithin: unionOf(parts.map((p) => p.nonEmptyWithin)),
          head: unionOf(parts.map((p) => p.head)),
          tail: unionOf(parts.map((p) => p.tail)),
          pump: unionOf(parts.map((p) => p.pump)),
        };
        break;
      }
      case 'seq':
        result = this.summariseSeq(node);
        break;
      case 'quant': {
        const body = this.summarise(node.body);
        const loop = node.max === Infinity;
        const loopChars = loop ? body.nonEmptyWithin : this.none;
        result = {
          skippable: node.min === 0 || body.skippable,
          within: node.min === 0 ? this.all : body.within,
          nonEmptyWithin: node.max === 0 ? this.none : body.nonEmptyWithin,
          head: loopChars.union(body.head),
          tail: loopChars.union(body.tail),
          pump: loopChars.union(body.pump.intersect(body.within)),
        };
        break;
      }
    }
    this.summaries.set(node, result);
    return result;
  }

  private summariseSeq(node: SeqNode): Summary {
    const parts = node.items.map((item) => this.summarise(item));
    const n = parts.length;
    // prefix[i]: everything before item i fits in x*; suffix[i]: everything after item i does.
    const prefix: CharSet[] = new Array(n + 1);
    const suffix: CharSet[] = new Array(n + 1);
    prefix[0] = this.all;
    for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]!.intersect(parts[i]!.within);
    suffix[n] = this.all;
    for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1]!.intersect(parts[i]!.within);
    let nonEmpty = this.none;
    let head = this.none;
    let tail = this.none;
    let pump = this.none;
    for (let i = 0; i < n; i++) {
      const part = parts[i]!;
      nonEmpty = nonEmpty.union(part.nonEmptyWithin);
      head = head.union(prefix[i]!.intersect(part.head));
      tail = tail.union(suffix[i + 1]!.intersect(part.tail));
      pump = pump.union(prefix[i]!.intersect(suffix[i + 1]!).intersect(part.pump));
    }
    return { skippable: parts.every((p) => p.skippable), within: prefix[n]!, nonEmptyWithin: nonEmpty.intersect(prefix[n]!), head, tail, pump };
  }

  // ---------------------------------------------------------------- checks

  /**
   * Top-down: `failAfter` says whether what follows the node in the whole pattern can fail, which
   * is what forces the engine to try every way of matching the node.
   */
  private visit(node: RegexNode, failAfter: boolean, loops: number): void {
    switch (node.type) {
      case 'group':
        this.visit(node.body, failAfter, loops);
        return;
      case 'assert':
        if (node.group) this.visit(node.group.body, false, 0);
        return;
      case 'alt':
        if (loops > 0 && failAfter && node.alternatives.length > 1) this.overlappingAlternatives(node, false);
        for (const alternative of node.alternatives) this.visit(alternative, failAfter, loops);
        return;
      case 'seq':
        this.visitSeq(node, failAfter, loops);
        return;
      case 'quant': {
        const isLoop = node.max === Infinity || node.max >= LARGE_REPEAT;
        if (isLoop && failAfter) this.ambiguousLoop(node);
        this.visit(node.body, failAfter, isLoop ? loops + 1 : loops);
        return;
      }
      default:
        return;
    }
  }

  private visitSeq(node: SeqNode, failAfter: boolean, loops: number): void {
    const items = node.items;
    const restCanFail: boolean[] = new Array(items.length);
    let canFail = failAfter;
    for (let i = items.length - 1; i >= 0; i--) {
      restCanFail[i] = canFail;
      if (!this.summary(items[i]!).skippable) canFail = true;
    }
    // Adjacent loops over shared characters: `\d+\.?\d+`, `\w+\s*\w+`, `.*\d+`.
    let live = this.none;
    let liveStart = -1;
    let reported = false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const summary = this.summary(item);
      const failsLater = restCanFail[i]! || (item.type !== 'quant' && !summary.skippable);
      if (!reported && liveStart >= 0 && failsLater && live.overlaps(summary.head)) {
        const shared = live.intersect(summary.head).sample() ?? '?';
        this.report('polynomial', liveStart, item.end, `two repetitions in a row can both match '${shared}'`);
        reported = true;
      }
      const next = live.intersect(summary.within).union(summary.tail);
      if (next.isEmpty()) liveStart = -1;
      else if (live.isEmpty() || liveStart < 0) liveStart = item.start;
      live = next;
      this.visit(item, restCanFail[i]!, loops);
    }
  }

  /** A loop whose body can match the same text in more than one way: `(a+)+`, `(\w+\s?)*`, `(a|a)*`. */
  private ambiguousLoop(node: QuantNode): void {
    const body = this.summary(node.body);
    const quantifier = node.max === Infinity ? 'repeated' : `repeated up to ${node.max} times`;
    if (!body.pump.isEmpty()) {
      const c = body.pump.sample() ?? '?';
      this.report('exponential', node.start, node.end, `a repetition inside a ${quantifier} group can split '${c}${c}${c}...' in many ways`);
      return;
    }
    for (const alternative of alternativesOf(node.body)) {
      const items = flatten(alternative.items);
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        if (item.type !== 'quant' || item.max !== Infinity) continue;
        const othersSkippable = items.every((other, j) => j === i || this.summary(other).skippable);
        if (othersSkippable && !this.summary(item.body).skippable) {
          this.report('exponential', node.start, node.end, `a repetition directly inside a ${quantifier} group`);
          return;
        }
      }
    }
    const body0 = unwrapGroups(node.body);
    if (body0.type === 'alt' && body0.alternatives.length > 1) this.overlappingAlternatives(body0, true, node);
  }

  /**
   * Alternatives that can match the same text: `(a|a)`, `(\w|\d)`, `(.|\s)`; under a loop, also a
   * longer alternative that the single-character ones can spell out: `(\\.|[^"])*`.
   */
  private overlappingAlternatives(node: AltNode, loopBody: boolean, loop?: QuantNode): boolean {
    let singles = this.none;
    const byLength = new Map<number, CharSet[][]>();
    let found = false;
    for (const alternative of node.alternatives) {
      const signature = fixedSignature(alternative);
      if (!signature) continue;
      if (signature.length === 1) {
        if (singles.overlaps(signature[0]!)) found = true;
        singles = singles.union(signature[0]!);
        continue;
      }
      const sameLength = byLength.get(signature.length) ?? [];
      for (const other of sameLength) {
        if (this.comparisonBudget <= 0) break;
        this.comparisonBudget -= signature.length;
        if (signature.every((set, i) => set.overlaps(other[i]!))) found = true;
      }
      sameLength.push(signature);
      byLength.set(signature.length, sameLength);
      if (found) break;
    }
    if (!found && loopBody) {
      for (const signatures of byLength.values()) {
        if (signatures.some((signature) => signature.every((set) => set.overlaps(singles)))) found = true;
      }
    }
    if (found) {
      const target = loop ?? node;
      this.report('exponential', target.start, target.end, loop ? 'alternatives inside a repeated group can match the same text' : 'alternatives inside a repetition can match the same text');
    }
    return found;
  }

  /** `\s+$` without a start anchor: every start position rescans the run (the `trim` ReDoS). */
  private trailingLoop(root: AltNode): void {
    if (this.flags.includes('y')) return;
    for (const alternative of root.alternatives) {
      const items = flatten(alternative.items);
      if (items.length !== 2) continue;
      const [loop, end] = items;
      if (loop!.type !== 'quant' || loop!.max !== Infinity || end!.type !== 'assert' || end!.kind !== '$') continue;
      const body = unwrapGroups(loop!.body);
      if (body.type !== 'set') continue;
      this.report('polynomial', loop!.start, end!.end, 'an unanchored repetition before $ is rescanned from every start position');
    }
  }

  private report(complexity: Complexity, start: number, end: number, reason: string): void {
    const text = this.source.slice(start, end);
    const subpattern = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    this.issues.push({ complexity, start, end, subpattern, reason });
  }
}

function unionOf(sets: CharSet[]): CharSet {
  return sets.reduce((acc, s) => acc.union(s), CharSet.empty());
}

/** A node without the plain groups around it: `((?:x))` gives `x`'s alternation. */
function unwrapGroups(node: RegexNode): RegexNode {
  let current = node;
  for (;;) {
    if (current.type === 'group' && !current.look) current = current.body;
    else if (current.type === 'alt' && current.alternatives.length === 1) current = current.alternatives[0]!;
    else if (current.type === 'seq' && current.items.length === 1) current = current.items[0]!;
    else return current;
  }
}

function alternativesOf(node: RegexNode): SeqNode[] {
  const inner = node.type === 'group' ? node.body : node;
  if (inner.type === 'alt') return inner.alternatives;
  if (inner.type === 'seq') return [inner];
  return [{ type: 'seq', items: [inner], start: inner.start, end: inner.end }];
}

/** Items of a sequence with plain single-alternative groups spliced in. */
function flatten(items: TermNode[]): TermNode[] {
  const out: TermNode[] = [];
  const stack = [...items].reverse();
  while (stack.length) {
    const item = stack.pop()!;
    if (item.type === 'group' && !item.look && item.body.alternatives.length === 1) {
      const inner = item.body.alternatives[0]!.items;
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]!);
    } else out.push(item);
  }
  return out;
}

/** The character sets of an alternative that is a fixed run of single characters, up to 32. */
function fixedSignature(seq: SeqNode): CharSet[] | undefined {
  const items = flatten(seq.items);
  if (items.length === 0 || items.length > 32) return undefined;
  const sets: CharSet[] = [];
  for (const item of items) {
    const unwrapped = unwrapGroups(item);
    if (unwrapped.type !== 'set') return undefined;
    sets.push(unwrapped.set);
  }
  return sets;
}

/**
 * Analyses `pattern` (the source between the slashes) with `flags`. Returns the issues, worst
 * first, or undefined when the pattern does not parse (the engine would throw on it anyway).
 */
export function analyzeRegex(pattern: string, flags = ''): RegexIssue[] | undefined {
  let root: AltNode;
  try {
    root = new Parser(pattern, flags).parse();
  } catch (error) {
    if (error instanceof RegexSyntaxError) return undefined;
    throw error;
  }
  const issues = new Analysis(pattern, flags).run(root);
  return issues.sort((a, b) => (a.complexity === b.complexity ? a.start - b.start : a.complexity === 'exponential' ? -1 : 1));
}
