// YAML read defensively into a small tree that keeps source offsets: nesting depth is checked
// before parsing, anchors are shared rather than copied, and a file whose aliases expand past a
// limit (the "billion laughs" pattern) is refused instead of expanded.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';

/** Limits for one YAML file. */
export const YAML_LIMITS = {
  /** Values a file may hold once its aliases are expanded. */
  maxExpandedValues: 100_000,
  /** Nesting of `[` and `{`, checked before parsing. */
  maxFlowDepth: 100,
  /** Nesting of values, aliases included (an alias chain can nest deeply in few lines). */
  maxDepth: 200,
  /** Documents in one file (`---` separated). */
  maxDocuments: 1_000,
} as const;

interface Spanned {
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  /** Values in this subtree once aliases are expanded (1 for a scalar). */
  size: number;
  /** Levels of nesting below and including this value (1 for a scalar). */
  depth: number;
}
export interface YScalar extends Spanned {
  kind: 'scalar';
  value: string | number | boolean | null;
}
export interface YSeq extends Spanned {
  kind: 'seq';
  items: YNode[];
}
export interface YEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: YNode;
}
export interface YMap extends Spanned {
  kind: 'map';
  entries: YEntry[];
}
export type YNode = YScalar | YSeq | YMap;

export interface YamlError {
  message: string;
  start: number;
  end: number;
}

export interface ParsedYaml {
  /** One tree per document; `undefined` for an empty document. */
  documents: Array<YNode | undefined>;
  /** When there are errors, `documents` holds what could be read before them (possibly nothing). */
  errors: YamlError[];
}

class TooLarge extends Error {}
class TooDeep extends Error {}

/** Parses every document of `text`. Never throws. */
export function parseYaml(text: string): ParsedYaml {
  const tooDeep = flowDepthExceeded(text);
  if (tooDeep !== -1) return { documents: [], errors: [{ message: `values are nested more than ${YAML_LIMITS.maxFlowDepth} levels deep with [ and {; Guardline does not read this file`, start: tooDeep, end: tooDeep + 1 }] };
  // The yaml package composes documents recursively: refuse deep indentation before it runs out of stack.
  const tooIndented = blockDepthExceeded(text);
  if (tooIndented !== -1) return { documents: [], errors: [{ message: `values are nested more than ${YAML_LIMITS.maxDepth} levels deep; Guardline does not read this file`, start: tooIndented, end: tooIndented + 1 }] };
  let parsed: Document.Parsed[];
  try {
    // uniqueKeys is checked here (quadratic in the yaml package on large mappings).
    parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: true }) as Document.Parsed[];
  } catch (error) {
    return { documents: [], errors: [{ message: `could not parse: ${(error as Error).message}`, start: 0, end: 0 }] };
  }
  if (!Array.isArray(parsed)) parsed = [];
  const errors: YamlError[] = [];
  const documents: Array<YNode | undefined> = [];
  let budget = YAML_LIMITS.maxExpandedValues;
  for (const doc of parsed.slice(0, YAML_LIMITS.maxDocuments)) {
    for (const error of doc.errors) errors.push({ message: error.message.split('\n')[0]!, start: error.pos[0], end: error.pos[1] });
    if (doc.errors.length) continue;
    const anchors = new Map<string, YNode>();
    try {
      const node = doc.contents ? convert(doc.contents as YamlNode, anchors, errors, 1) : undefined;
      if (node) {
        budget -= node.size;
        if (budget < 0) throw new TooLarge();
      }
      documents.push(node);
    } catch (error) {
      if (error instanceof TooDeep) {
        errors.push({ message: `values are nested more than ${YAML_LIMITS.maxDepth} levels deep; Guardline does not read this file`, start: 0, end: 0 });
        return { documents: [], errors };
      }
      if (!(error instanceof TooLarge)) throw error;
      errors.push({ message: `anchors and aliases expand this file to more than ${YAML_LIMITS.maxExpandedValues.toLocaleString('en-US')} values (a "billion laughs" pattern); Guardline does not read it`, start: 0, end: 0 });
      return { documents: [], errors };
    }
  }
  if (parsed.length > YAML_LIMITS.maxDocuments) errors.push({ message: `more than ${YAML_LIMITS.maxDocuments} documents; the rest are not read`, start: 0, end: 0 });
  return { documents, errors };
}

function convert(node: YamlNode, anchors: Map<string, YNode>, errors: YamlError[], level: number): YNode {
  if (level > YAML_LIMITS.maxDepth) throw new TooDeep();
  const [start = 0, , end = start] = node.range ?? [];
  let result: YNode;
  if (isAlias(node)) {
    const target = anchors.get(node.source);
    if (!target) {
      errors.push({ message: `alias *${node.source} refers to no anchor defined before it`, start, end });
      return { kind: 'scalar', value: null, start, end, size: 1, depth: 1 };
    }
    if (level - 1 + target.depth > YAML_LIMITS.maxDepth) throw new TooDeep();
    return target; // shared, not copied: the expanded size is counted by the parent
  }
  if (isScalar(node)) {
    const value = node.value;
    result = { kind: 'scalar', value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value === null || value === undefined ? null : String(value), start, end, size: 1, depth: 1 };
  } else if (isSeq(node)) {
    const items: YNode[] = [];
    let size = 1;
    let depth = 1;
    for (const item of node.items) {
      const child = item === null || item === undefined ? ({ kind: 'scalar', value: null, start, end, size: 1, depth: 1 } as YScalar) : convert(item as YamlNode, anchors, errors, level + 1);
      size += child.size;
      depth = Math.max(depth, child.depth + 1);
      if (size > YAML_LIMITS.maxExpandedValues) throw new TooLarge();
      items.push(child);
    }
    result = { kind: 'seq', items, start, end, size, depth };
  } else if (isMap(node)) {
    const entries: YEntry[] = [];
    const merged: YEntry[] = [];
    let size = 1;
    let depth = 1;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const [keyStart = start, keyEnd = keyStart] = keyNode?.range ?? [];
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
      const value = pair.value === null || pair.value === undefined ? ({ kind: 'scalar', value: null, start: keyEnd, end: keyEnd, size: 1, depth: 1 } as YScalar) : convert(pair.value as YamlNode, anchors, errors, level + 1);
      size += value.size;
      depth = Math.max(depth, value.depth + 1);
      if (size > YAML_LIMITS.maxExpandedValues) throw new TooLarge();
      // `<<: *defaults` merge keys: the anchored mapping's entries, overridden by explicit ones.
      if (key === '<<' && (value.kind === 'map' || value.kind === 'seq')) {
        const sources = value.kind === 'map' ? [value] : value.items.filter((item): item is YMap => item.kind === 'map');
        for (const source of sources) merged.push(...source.entries);
        continue;
      }
      entries.push({ key, keyStart, keyEnd, value });
    }
    for (const entry of merged) if (!entries.some((e) => e.key === entry.key)) entries.push(entry);
    result = { kind: 'map', entries, start, end, size, depth };
  } else {
    result = { kind: 'scalar', value: null, start, end, size: 1, depth: 1 };
  }
  if (node.anchor) anchors.set(node.anchor, result);
  return result;
}

/** Offset where `[`/`{` nesting passes the limit, or -1. Skips quoted strings and comments. */
function flowDepthExceeded(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x5b || char === 0x7b) {
      if (++depth > YAML_LIMITS.maxFlowDepth) return i;
    } else if (char === 0x5d || char === 0x7d) {
      if (depth > 0) depth--;
    } else if (char === 0x23 /* # */ && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if ((char === 0x22 || char === 0x27) && depth > 0) {
      // quotes only delimit strings inside flow collections; elsewhere they may be apostrophes
      const close = text.indexOf(text[i]!, i + 1);
      if (close !== -1) i = close;
    }
  }
  return -1;
}

/**
 * Offset of the first line indented more than `maxDepth` levels deep, or -1. A level is a deeper
 * indentation than the lines above it, or a `- ` that opens a sequence item on the same line.
 */
function blockDepthExceeded(text: string): number {
  const indents: number[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let i = start;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    if (i < end && text[i] !== '#' && text[i] !== '\r') {
      const indent = i - start;
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      while (text[i] === '-' && text[i + 1] === ' ') {
        dashes++;
        i += 2;
        while (text[i] === ' ') i++;
      }
      if (indents.length + dashes > YAML_LIMITS.maxDepth) return start;
    }
    start = end + 1;
  }
  return -1;
}

/** Offsets to 0-based lines and UTF-16 columns. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low]! };
  }
  line(offset: number): number {
    return this.position(offset).line;
  }
}

// Small readers over the tree, for code that knows the shape it expects.

export function get(node: YNode | undefined, key: string): YNode | undefined {
  return node?.kind === 'map' ? node.entries.find((entry) => entry.key === key)?.value : undefined;
}

export function entry(node: YNode | undefined, key: string): YEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;
}

export function str(node: YNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function items(node: YNode | undefined): YNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

export function entries(node: YNode | undefined): YEntry[] {
  return node?.kind === 'map' ? node.entries : [];
}

export function path(node: YNode | undefined, ...keys: string[]): YNode | undefined {
  let current = node;
  for (const key of keys) current = get(current, key);
  return current;
}
