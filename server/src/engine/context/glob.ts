// Glob matching for guardline.yaml (service paths, ignore globs) without regular expressions, so a
// hostile glob cannot backtrack for minutes the way a glob compiled to a RegExp can.
//
// Syntax: `**` any number of folders, `*` any characters within one name, `?` one character,
// `[abc]` `[a-z]` `[!x]` one character of a set, `{a,b}` alternatives, `\` escapes, a leading `!`
// negates. A glob with no `/` matches a name at any depth (`*.test.ts`, like .gitignore), a leading
// `/` anchors it to the root, and a glob that matches a folder covers everything inside it
// (`services/payments` = `services/payments/**`).

/** Limits that keep every glob cheap to compile and to match. */
export const GLOB_LIMITS = {
  /** Characters in one glob. */
  maxLength: 256,
  /** Alternatives a glob expands to through `{a,b}`. */
  maxAlternatives: 64,
  /** Matching steps one glob may take over a whole workspace load before it is given up. */
  maxSteps: 20_000_000,
} as const;

export class GlobError extends Error {}

type Piece = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'set'; negated: boolean; ranges: Array<[string, string]> };
type Segment = { kind: 'globstar' } | { kind: 'name'; pieces: Piece[] };

export interface CompiledGlob {
  /** The glob as written. */
  source: string;
  /**
   * The folder every match lies in ("services/api" for "services/api/**"), or "" when the glob
   * can match anywhere: lets callers skip globs that cannot match a path.
   */
  base: string;
  /** Written with a leading `!`: files it matches are taken out again. */
  negated: boolean;
  /** Whether a root-relative, `/`-separated path (file or folder) matches. */
  match(path: string): boolean;
  /** Set once the glob used up its step budget; from then on it matches nothing. */
  readonly exhausted: boolean;
}

/** Compiles one glob; throws GlobError with a message meant for the user. */
export function compileGlob(glob: string): CompiledGlob {
  if (glob.length > GLOB_LIMITS.maxLength) throw new GlobError(`this glob is ${glob.length} characters long; globs are limited to ${GLOB_LIMITS.maxLength}`);
  if (glob.trim() === '') throw new GlobError('an empty glob matches nothing');
  let body = glob;
  const negated = body.startsWith('!');
  if (negated) body = body.slice(1);
  while (body.startsWith('./')) body = body.slice(2);
  const anchored = body.startsWith('/');
  if (anchored) body = body.replace(/^\/+/, '');
  body = body.replace(/\/+$/, '');
  if (body === '' || body === '.') body = '**';
  if (/(^|\/)\.\.(\/|$)/.test(body)) throw new GlobError('globs are relative to the folder of guardline.yaml and cannot climb out of it with ".."');
  const alternatives = expandBraces(body).map((alternative) => {
    const segments = alternative.split('/').map(parseSegment);
    // A glob with no `/` names a file or folder anywhere, as in .gitignore.
    if (!anchored && !alternative.includes('/')) segments.unshift({ kind: 'globstar' });
    // A glob that matches a folder covers what is inside it.
    if (segments[segments.length - 1]!.kind !== 'globstar') segments.push({ kind: 'globstar' });
    return segments.filter((s, i, all) => !(s.kind === 'globstar' && all[i - 1]?.kind === 'globstar'));
  });
  const bases = alternatives.map((segments) => {
    const literal: string[] = [];
    for (const segment of segments) {
      if (segment.kind !== 'name' || !segment.pieces.every((piece) => piece.kind === 'char')) break;
      literal.push(segment.pieces.map((piece) => (piece as { char: string }).char).join(''));
    }
    return literal.join('/');
  });
  const base = bases.every((b) => b === bases[0]) ? bases[0]! : '';
  let steps = 0;
  let exhausted = false;
  const budget = (): boolean => {
    if (++steps > GLOB_LIMITS.maxSteps) exhausted = true;
    return !exhausted;
  };
  return {
    source: glob,
    base,
    negated,
    get exhausted() {
      return exhausted;
    },
    match(path) {
      if (exhausted) return false;
      const names = path.split('/').filter((name) => name !== '' && name !== '.');
      return alternatives.some((segments) => matchSegments(segments, names, budget));
    },
  };
}

/**
 * A matcher over several globs: a path matches when a plain glob matches it and no `!` glob after
 * that does (later globs win, as in .gitignore). Invalid globs are skipped; validate them first.
 */
export function globsMatcher(globs: readonly string[]): (path: string) => boolean {
  const compiled: CompiledGlob[] = [];
  for (const glob of globs) {
    try {
      compiled.push(compileGlob(glob));
    } catch {
      // reported by validation
    }
  }
  if (!compiled.length) return () => false;
  return (path) => {
    let matched = false;
    for (const glob of compiled) if (glob.negated === matched && glob.match(path)) matched = !glob.negated;
    return matched;
  };
}

/** `{a,b}` alternatives, nested, expanded up front (limited, so `{a,b}{a,b}...` cannot explode). */
function expandBraces(glob: string): string[] {
  const open = findUnescaped(glob, '{', 0);
  if (open === -1) return [glob];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const char = glob[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) {
      close = i;
      break;
    } else if (char === ',' && depth === 1) commas.push(i);
  }
  if (close === -1) throw new GlobError('a "{" is never closed with "}"');
  if (!commas.length) {
    // `{x}` is not an alternative: keep it literally, escaped, and expand the rest
    return expandBraces(`${glob.slice(0, open)}\\{${glob.slice(open + 1, close)}\\}${glob.slice(close + 1)}`);
  }
  const bounds = [open, ...commas, close];
  const options: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) options.push(glob.slice(bounds[i]! + 1, bounds[i + 1]));
  const prefix = glob.slice(0, open);
  const results: string[] = [];
  for (const suffix of expandBraces(glob.slice(close + 1))) {
    for (const option of options) {
      for (const middle of expandBraces(option)) {
        results.push(prefix + middle + suffix);
        if (results.length > GLOB_LIMITS.maxAlternatives) throw new GlobError(`the {a,b} alternatives expand to more than ${GLOB_LIMITS.maxAlternatives} globs; list fewer`);
      }
    }
  }
  return results;
}

function findUnescaped(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function parseSegment(name: string): Segment {
  if (name === '**') return { kind: 'globstar' };
  const pieces: Piece[] = [];
  for (let i = 0; i < name.length; i++) {
    const char = name[i]!;
    if (char === '\\' && i + 1 < name.length) pieces.push({ kind: 'char', char: name[++i]! });
    else if (char === '*') {
      if (pieces[pieces.length - 1]?.kind !== 'star') pieces.push({ kind: 'star' }); // `**` inside a name is `*`
    } else if (char === '?') pieces.push({ kind: 'any' });
    else if (char === '[') {
      const end = name.indexOf(']', i + 2);
      if (end === -1) {
        pieces.push({ kind: 'char', char });
        continue;
      }
      let body = name.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      const ranges: Array<[string, string]> = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          ranges.push([body[j]!, body[j + 2]!]);
          j += 2;
        } else ranges.push([body[j]!, body[j]!]);
      }
      pieces.push({ kind: 'set', negated, ranges });
      i = end;
    } else pieces.push({ kind: 'char', char });
  }
  return { kind: 'name', pieces };
}

function pieceMatches(piece: Piece, char: string): boolean {
  switch (piece.kind) {
    case 'char':
      return piece.char === char;
    case 'any':
      return true;
    case 'set':
      return piece.ranges.some(([low, high]) => char >= low && char <= high) !== piece.negated;
    case 'star':
      return false;
  }
}

/**
 * Wildcard matching with one remembered star (the classic greedy algorithm): at most
 * pattern × text steps, never exponential. Used for characters within a name and, with `**` as
 * the star, for names within a path.
 */
function greedyMatch<P>(pattern: readonly P[], length: number, isStar: (p: P) => boolean, matches: (p: P, at: number) => boolean, budget: () => boolean): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < length) {
    if (!budget()) return false;
    if (p < pattern.length && isStar(pattern[p]!)) {
      starAt = p++;
      resumeAt = t;
    } else if (p < pattern.length && matches(pattern[p]!, t)) {
      p++;
      t++;
    } else if (starAt !== -1) {
      p = starAt + 1;
      t = ++resumeAt;
    } else return false;
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}

const isStarPiece = (piece: Piece): boolean => piece.kind === 'star';
const isGlobstar = (segment: Segment): boolean => segment.kind === 'globstar';

function matchSegments(segments: readonly Segment[], names: readonly string[], budget: () => boolean): boolean {
  return greedyMatch(
    segments,
    names.length,
    isGlobstar,
    (segment, at) => {
      if (segment.kind !== 'name') return false;
      const name = names[at]!;
      return greedyMatch(segment.pieces, name.length, isStarPiece, (piece, i) => pieceMatches(piece, name[i]!), budget);
    },
    budget,
  );
}
