// One pass over a file finds every secret candidate for all secret rules: a single combined regex
// of every anchor (token prefixes, key words, `://`, `-----BEGIN`, `eyJ`) finds where to look, and
// each hit runs only the detectors that anchor there. The result is cached per analysed file, so
// the twelve secret rules share one scan instead of running twelve.
import type { Severity } from '../types';
import { charClasses, entropy, envNameFor, HEX, looksLikeWords } from './measure';
import { identifierWords } from '../text';
import {
  isDocumentedExample, isEnvironmentReference, isHashLike, isInDataUri, isIntegrityHash, isMarkedFake, isPlaceholder, isPublicKeyMaterial, isUuid,
} from './filters';
import { keyStrength } from './keys';
import { PROVIDER_DETECTORS, type KeyedDetector, type PrefixDetector, type SecretRuleId } from './providers';

export interface SecretCandidate {
  rule: SecretRuleId;
  detectorId: string;
  /** What was found, e.g. "GitHub personal access token". */
  label: string;
  /** Environment variable the value should come from (from the key when there is one). */
  env: string;
  /** Offsets of the secret itself in the text. */
  start: number;
  end: number;
  /** The secret. Never put this in a message, a log or an output: use maskSecret(). */
  secret: string;
  severity?: Severity;
  /** The key it is assigned to, when there is one. */
  key?: string;
  /** Found by a provider-specific format (as opposed to the generic key/value detector). */
  specific: boolean;
}

export type FileKind = 'code' | 'config' | 'lock' | 'skip';

const CODE_EXTENSIONS = new Set([
  'js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts', 'py', 'rb', 'php', 'java', 'kt', 'kts', 'scala', 'go', 'rs', 'cs', 'swift', 'c', 'cc',
  'cpp', 'h', 'hpp', 'm', 'dart', 'lua', 'pl', 'r', 'groovy', 'gradle', 'vue', 'svelte', 'astro', 'ex', 'exs', 'erl', 'clj', 'fs', 'vb',
]);
const SKIPPED_EXTENSIONS = new Set([
  'map', 'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'webp', 'avif', 'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', '7z', 'jar', 'class', 'so', 'dll',
  'dylib', 'exe', 'bin', 'wasm', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3', 'mp4', 'mov', 'webm', 'ogg', 'wav', 'sqlite', 'db', 'pyc', 'node',
]);
const LOCK_FILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'cargo.lock', 'poetry.lock', 'composer.lock',
  'gemfile.lock', 'go.sum', 'pipfile.lock', 'packages.lock.json', 'flake.lock', 'mix.lock', 'pubspec.lock', 'podfile.lock',
]);

/** How a file is scanned: code (values must be literals), config (bare values count), lock (only tokens and URLs), or not at all. */
export function fileKind(path: string): FileKind {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (LOCK_FILES.has(name)) return 'lock';
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  if (SKIPPED_EXTENSIONS.has(ext) || name.endsWith('.js.map') || name.endsWith('.css.map')) return 'skip';
  if (CODE_EXTENSIONS.has(ext)) return 'code';
  return 'config';
}

// ---- The anchor regex ----------------------------------------------------------------------

type Handler =
  | { kind: 'prefix'; detector: PrefixDetector; anchor: string }
  | { kind: 'keyword' }
  | { kind: 'url' }
  | { kind: 'pem' }
  | { kind: 'putty' }
  | { kind: 'jwt' }
  | { kind: 'userFlag' };

/** Key words the generic and keyed detectors start from (lower case, matched case-insensitively). */
const GENERIC_KEYWORDS = [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'token', 'credential', 'creds', 'auth', 'bearer',
  'apikey', 'api_key', 'api-key', 'api.key', 'accesskey', 'access_key', 'access-key', 'privatekey', 'private_key', 'private-key',
  'signingkey', 'signing_key', 'encryptionkey', 'encryption_key', 'masterkey', 'master_key', 'appkey', 'app_key', 'accountkey', 'account_key',
  'subscriptionkey', 'subscription_key', 'sharedkey', 'shared_key', 'clientkey', 'client_key', 'consumerkey', 'consumer_key',
  'licensekey', 'license_key', 'sessionkey', 'session_key', 'hmackey', 'hmac_key', 'jwtkey', 'jwt_key', 'webhookkey', '_pat', 'dsn',
];

const CASE_SENSITIVE = new Map<string, Handler[]>();
const CASE_INSENSITIVE = new Map<string, Handler[]>();
const add = (map: Map<string, Handler[]>, anchor: string, handler: Handler): void => void map.set(anchor, [...(map.get(anchor) ?? []), handler]);
for (const detector of PROVIDER_DETECTORS) {
  if (detector.kind === 'prefix') for (const anchor of detector.anchors) add(CASE_SENSITIVE, anchor, { kind: 'prefix', detector, anchor });
  else for (const keyword of detector.keywords) add(CASE_INSENSITIVE, keyword.toLowerCase(), { kind: 'keyword' });
}
for (const keyword of GENERIC_KEYWORDS) add(CASE_INSENSITIVE, keyword, { kind: 'keyword' });
add(CASE_SENSITIVE, '://', { kind: 'url' });
add(CASE_SENSITIVE, ' -u ', { kind: 'userFlag' });
add(CASE_SENSITIVE, ' --user ', { kind: 'userFlag' });
add(CASE_SENSITIVE, ' --user=', { kind: 'userFlag' });
add(CASE_SENSITIVE, '-----BEGIN ', { kind: 'pem' });
add(CASE_SENSITIVE, 'PuTTY-User-Key-File-', { kind: 'putty' });
add(CASE_SENSITIVE, 'eyJ', { kind: 'jwt' });

const escapeChar = (ch: string): string => (/[.*+?^${}()|[\]\\/-]/.test(ch) ? `\\${ch}` : ch);

/** A regex that matches any of `words` (longest first), built as a trie so each position costs one character test. */
function trieSource(words: string[], caseInsensitive: boolean): string {
  interface Node { next: Map<string, Node>; end: boolean }
  const root: Node = { next: new Map(), end: false };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), end: false }));
      node = child;
    }
    node.end = true;
  }
  const render = (node: Node): string => {
    const branches = [...node.next].map(([ch, child]) => {
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      const atom = caseInsensitive && lower !== upper ? `[${lower}${upper}]` : escapeChar(ch);
      return atom + render(child);
    });
    if (!branches.length) return '';
    const group = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    return node.end ? `(?:${group})?` : group;
  };
  return render(root);
}

const CS_SOURCE = trieSource([...CASE_SENSITIVE.keys()], false);
const CI_SOURCE = trieSource([...CASE_INSENSITIVE.keys()], true);
const ANCHORS = new RegExp(`${CS_SOURCE}|${CI_SOURCE}`, 'g');
const CS_AT = new RegExp(CS_SOURCE, 'y');
const CI_AT = new RegExp(CI_SOURCE, 'y');

/** Every handler whose anchor is a prefix of `matched` (the trie returns the longest anchor). */
function handlersFor(map: Map<string, Handler[]>, matched: string): Handler[] {
  const result: Handler[] = [];
  for (let length = matched.length; length > 0; length--) {
    const handlers = map.get(matched.slice(0, length));
    if (handlers) result.push(...handlers);
  }
  return result;
}

// ---- Scanning ------------------------------------------------------------------------------

const MAX_CANDIDATES = 500;
const LINE_WINDOW = 500;

interface Scan {
  text: string;
  path: string;
  kind: FileKind;
  found: SecretCandidate[];
  parsedKeys: Set<number>;
  /** Offsets already consumed by a provider token (skip anchors inside it). */
  skipUntil: number;
}

const cache = new WeakMap<object, { text: string; candidates: SecretCandidate[] }>();

/**
 * Every secret candidate in a file, found once and shared by all secret rules. `owner` is the
 * object the cache is keyed on (the engine's SourceFile, the same for every rule of one analysis).
 */
export function secretsIn(owner: object, path: string, text: string): readonly SecretCandidate[] {
  const hit = cache.get(owner);
  if (hit && hit.text === text) return hit.candidates;
  const candidates = scanText(path, text);
  cache.set(owner, { text, candidates });
  return candidates;
}

/** The scan itself, uncached. */
export function scanText(path: string, text: string): SecretCandidate[] {
  const kind = fileKind(path);
  if (kind === 'skip') return [];
  const scan: Scan = { text, path, kind, found: [], parsedKeys: new Set(), skipUntil: 0 };
  const anchors = ANCHORS; // scanning is synchronous and never re-entered, so one instance serves every file
  anchors.lastIndex = 0;
  for (let m = anchors.exec(text); m; m = anchors.exec(text)) {
    const at = m.index;
    if (m[0].length === 0) {
      anchors.lastIndex++;
      continue;
    }
    if (scan.found.length >= MAX_CANDIDATES) break;
    if (at < scan.skipUntil) continue;
    const handlers: Handler[] = [];
    CS_AT.lastIndex = at;
    const cs = CS_AT.exec(text);
    if (cs) handlers.push(...handlersFor(CASE_SENSITIVE, cs[0]));
    CI_AT.lastIndex = at;
    const ci = CI_AT.exec(text);
    if (ci) handlers.push(...handlersFor(CASE_INSENSITIVE, ci[0].toLowerCase()).slice(0, 1));
    for (const handler of handlers) {
      const end = runHandler(scan, handler, at);
      if (end > at) {
        scan.skipUntil = end;
        if (anchors.lastIndex < end) anchors.lastIndex = end;
        break;
      }
    }
  }
  return resolveOverlaps(scan.found);
}

/** Runs one detector at an anchor hit; returns the end of what it consumed (0 for nothing). */
function runHandler(scan: Scan, handler: Handler, at: number): number {
  switch (handler.kind) {
    case 'prefix':
      return matchPrefix(scan, handler.detector, handler.anchor, at);
    case 'keyword':
      if (scan.kind !== 'lock') matchAssignment(scan, at);
      return 0;
    case 'url':
      return matchUrlCredentials(scan, at);
    case 'pem':
      return matchPem(scan, at);
    case 'putty':
      return matchPutty(scan, at);
    case 'jwt':
      return matchJwt(scan, at);
    case 'userFlag':
      if (scan.kind !== 'lock') matchUserFlag(scan, at);
      return 0;
  }
}

interface Line {
  start: number;
  end: number;
  text: string;
  previous: string;
}

/** The line around `at`, clipped to a window so that minified one-line files stay linear. */
function lineAround(text: string, at: number): Line {
  let start = at;
  const lowest = Math.max(0, at - LINE_WINDOW);
  while (start > lowest && text.charCodeAt(start - 1) !== 10) start--;
  let end = at;
  const highest = Math.min(text.length, at + LINE_WINDOW);
  while (end < highest && text.charCodeAt(end) !== 10) end++;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let previous = '';
  if (start > 0 && text.charCodeAt(start - 1) === 10) {
    let p = start - 1;
    const low = Math.max(0, p - 300);
    while (p > low && text.charCodeAt(p - 1) !== 10) p--;
    previous = text.slice(p, start - 1);
  }
  return { start, end, text: text.slice(start, end), previous };
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function matchPrefix(scan: Scan, detector: PrefixDetector, anchor: string, at: number): number {
  const { text } = scan;
  if (!text.startsWith(anchor, at)) return 0;
  let match: RegExpExecArray | null;
  let offset = 0;
  if (!detector.lookbehind) {
    if (at > 0 && isAlnum(anchor.charCodeAt(0)) && isAlnum(text.charCodeAt(at - 1))) return 0;
    // Short prefixes inside a base64 or base64url run (hashes, blobs) are chance matches.
    if (at > 0 && anchor.length <= 4 && /[+/_-]/.test(text[at - 1]!) && /[A-Za-z0-9]/.test(text[at - 2] ?? '')) return 0;
    detector.pattern.lastIndex = at;
    match = detector.pattern.exec(text);
  } else {
    offset = Math.max(0, at - detector.lookbehind);
    const window = text.slice(offset, at + 600);
    detector.pattern.lastIndex = 0;
    match = detector.pattern.exec(window);
    if (match && match.index > at - offset) match = null;
  }
  if (!match) return 0;
  const whole = match[0];
  const wholeStart = offset + match.index;
  const secret = match[1] ?? whole;
  const start = match[1] ? wholeStart + whole.indexOf(match[1]) : wholeStart;
  const end = start + secret.length;
  const line = lineAround(text, start);
  if (detector.lineTest && !detector.lineTest.test(line.text)) return 0;
  const checked = detector.checksum?.(secret) ?? false;
  if (!checked && !looksRandom(secret.startsWith(anchor) ? secret.slice(anchor.length) : secret)) return 0;
  const key = keyBefore(line.text, start - line.start);
  if (isDocumentedExample(secret) || isMarkedFake(secret, key ?? '', line.text, line.previous)) return 0;
  if (isIntegrityHash(line.text, start - line.start) && !/[_-]/.test(anchor)) return 0;
  if (isInDataUri(line.text, start - line.start, secret)) return 0;
  if (detector.id === 'gcp-api-key' && isFirebaseWebConfig(text, start)) return 0;
  push(scan, { rule: detector.rule, detectorId: detector.id, label: detector.label, env: envFromKey(key, detector.env), start, end, secret, ...(detector.severity ? { severity: detector.severity } : {}), ...(key ? { key } : {}), specific: true });
  return wholeStart + whole.length;
}

/**
 * A Firebase web-app config object (`apiKey`, `authDomain`, `messagingSenderId`...): its API key
 * identifies the project and ships in every web page; Google documents it as not secret.
 */
function isFirebaseWebConfig(text: string, at: number): boolean {
  return /authDomain|firebaseapp\.com|messagingSenderId/.test(text.slice(Math.max(0, at - 400), at + 400));
}

/** Random enough to be a generated token: not a placeholder, not a run, a varied alphabet. */
function looksRandom(body: string): boolean {
  if (body.length < 8) return false;
  if (isPlaceholder(body)) return false;
  const bits = entropy(body);
  if (HEX.test(body)) return bits >= 2.8;
  return bits >= (body.length >= 30 ? 3.3 : 3.0);
}

function push(scan: Scan, candidate: SecretCandidate): void {
  scan.found.push(candidate);
}

// ---- Key/value pairs: keyed provider detectors and the generic detector ---------------------

const KEYED = PROVIDER_DETECTORS.filter((d): d is KeyedDetector => d.kind === 'keyed');
const isKeyChar = (c: number): boolean => isAlnum(c) || c === 95 /* _ */ || c === 45 /* - */ || c === 46 /* . */;
const QUOTES = new Set(['"', "'", '`']);

interface Pair {
  key: string;
  value: string;
  valueStart: number;
  quoted: boolean;
}

function matchAssignment(scan: Scan, at: number): void {
  const { text } = scan;
  if (!mayBeAssignment(scan, at)) return;
  const line = lineAround(text, at);
  const col = at - line.start;
  const lineText = line.text;
  let ks = col;
  while (ks > 0 && isKeyChar(lineText.charCodeAt(ks - 1))) ks--;
  if (scan.parsedKeys.has(line.start + ks)) return;
  scan.parsedKeys.add(line.start + ks);
  let ke = col;
  while (ke < lineText.length && isKeyChar(lineText.charCodeAt(ke))) ke++;
  const rawKey = lineText.slice(ks, ke);
  const key = rawKey.replace(/^[-_.]+|[-_.]+$/g, '');
  if (!key || key.length > 80) return;
  const pair = parsePair(scan, lineText, ks, ke, key);
  if (!pair) return;
  const start = line.start + pair.valueStart;
  evaluatePair(scan, pair, start, line);
}

/**
 * Cheap test before any line work: after the key (and a closing quote) comes an operator, or the
 * key is one of the space-separated forms (ENV KEY value, --flag value, .netrc). Most keyword hits
 * in code (`tokenize(`, `secretsManager.get`) stop here.
 */
function mayBeAssignment(scan: Scan, at: number): boolean {
  const { text } = scan;
  let i = at;
  const limit = Math.min(text.length, at + 80);
  while (i < limit && isKeyChar(text.charCodeAt(i))) i++;
  if (text[i] === '\\') i++;
  if (text[i] === '"' || text[i] === "'" || text[i] === '`') i++;
  if (text[i] === ']') i++;
  const afterKey = i;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const c = text[i];
  if (c === '=' || c === ':' || c === ',' || c === '?' || c === '|' || c === '>' || text.startsWith('value', i)) return true;
  if (c === '\n' || c === '\r' || c === undefined || i === afterKey) return false;
  let ks = at;
  while (ks > 0 && at - ks < 80 && isKeyChar(text.charCodeAt(ks - 1))) ks--;
  const before = text.slice(Math.max(0, ks - 12), ks);
  return /(?:ENV|ARG)\s+$|--$|\b(?:machine|login)\b|\s$/.test(before) && (/(?:ENV|ARG)\s+$|--$|machine|login/.test(before) || /(?:^|\/)[._]?netrc$/.test(scan.path) || /\b(?:login|machine)\b/.test(text.slice(Math.max(0, ks - 200), ks)));
}

/** Reads `<key> <operator> <value>` on one line, in any of the supported syntaxes. */
function parsePair(scan: Scan, line: string, ks: number, ke: number, key: string): Pair | undefined {
  let i = ke;
  const before = line[ks - 1];
  // The key's closing quote (JSON, YAML, PHP arrays, Python dicts), JSON-escaped quotes in notebooks, a subscript.
  if (line[i] === '\\' && QUOTES.has(line[i + 1] ?? '')) i += 2;
  else if (line[i] === '"' || line[i] === "'") i++;
  if (line[i] === ']') i++;
  while (line[i] === ' ' || line[i] === '\t') i++;
  let operator = '';
  const rest = line.slice(i, i + 4);
  if (before === '<' && rest[0] === '>') operator = '>'; // <password>value</password>
  else if (/^(?::=|=>|\?\?=|\|\|=|\?=)/.test(rest)) operator = /^(?::=|=>|\?\?=|\|\|=|\?=)/.exec(rest)![0];
  else if (rest[0] === '=' && rest[1] !== '=' && rest[1] !== '~') operator = '=';
  else if (rest[0] === ':' && rest[1] !== ':') operator = ':';
  else if ((rest[0] === ' ' || i > ke) && (/^\s*(?:ENV|ARG)\s+$/.test(line.slice(0, ks)) || /(?:^|\s)--$/.test(line.slice(0, ks)) || /\b(?:machine|login)\s/.test(line.slice(0, ks)) || /(?:^|\/)[._]?netrc$/.test(scan.path))) operator = ' '; // ENV KEY value, --password value, .netrc
  else if (rest[0] === ',' && /\(\s*["']$/.test(line.slice(0, ks))) operator = ','; // setenv("PASSWORD", "...")  / config.set('token', '...')
  else if (/\bkey\s*=\s*["']$/.test(line.slice(0, ks)) && /^\s*value\s*=/.test(line.slice(i))) {
    i += /^\s*value\s*/.exec(line.slice(i))![0].length; // <add key="SmtpPassword" value="..." />
    operator = '=';
  }
  if (!operator) return undefined;
  i += operator === ' ' ? 0 : operator.length;
  // TypeScript annotation: `password: string = "..."`.
  if (operator === ':' && scan.kind === 'code') {
    const annotated = /^\s*&?(?:'\w+\s+)?(?:mut\s+)?[A-Za-z_$][\w$.<>[\]|:]*\s*=(?!=)/.exec(line.slice(i));
    if (annotated) i += annotated[0].length;
  }
  while (line[i] === ' ' || line[i] === '\t') i++;
  return readValue(scan, line, i, key, operator, ks);
}

function readValue(scan: Scan, line: string, i: number, key: string, operator: string, ks: number): Pair | undefined {
  let at = i;
  // String prefixes: Python r"" b"" f"", C# @"" $"", Ruby %q? (not handled), JSON-escaped \".
  let interpolated = false;
  const prefix = /^(?:[rRbBuUfF]{1,2}|@|\$|@\$|\$@)(?=["'])/.exec(line.slice(at, at + 3));
  if (prefix) {
    interpolated = /[fF$]/.test(prefix[0]);
    at += prefix[0].length;
  }
  let quote = line[at] ?? '';
  let escapedQuote = false;
  if (quote === '\\' && QUOTES.has(line[at + 1] ?? '')) {
    escapedQuote = true;
    quote = line[at + 1]!;
    at++;
  }
  if (QUOTES.has(quote)) {
    const start = at + 1;
    let end = start;
    for (; end < line.length; end++) {
      const c = line[end];
      if (c === '\\') {
        if (escapedQuote && line[end + 1] === quote) break;
        end++;
        continue;
      }
      if (c === quote && !escapedQuote) break;
    }
    if (end >= line.length) return undefined; // unterminated on this line (multi-line strings are not values)
    const value = line.slice(start, end);
    if ((interpolated && value.includes('{')) || (quote === '`' && value.includes('${'))) return undefined;
    return { key, value, valueStart: start, quoted: true };
  }
  // A bare value: fine in config files, or inside a string in code (connection strings, query strings, CLI lines).
  if (scan.kind === 'code' && operator !== '>' && !insideString(line, ks)) return undefined;
  const bare = /^[^\s"'`;,)}\]<>&]+/.exec(line.slice(at));
  if (!bare) return undefined;
  let value = bare[0];
  if (operator === ':' && /^[|>][-+]?$/.test(value)) return undefined; // YAML block scalar
  const scheme = /^(?:Bearer|Basic|Token|token|bearer)$/.test(value) ? /^[ \t]+([^\s"'`;,)}\]<>]+)/.exec(line.slice(at + value.length)) : null;
  if (scheme) value += line.slice(at + value.length, at + value.length + scheme[0].length); // Authorization: Bearer <value>
  if (value.endsWith('\\')) value = value.slice(0, -1);
  if (operator === '>' && !line.startsWith('</', at + value.length)) return undefined; // <password>value</password> only
  if (/[()[\]{}]/.test(value) || value.startsWith('...')) return undefined; // code in a README or a comment, not a value
  return { key, value, valueStart: at, quoted: false };
}

/** Whether column `col` of a code line is inside a string literal (odd number of unescaped quotes before it). */
function insideString(line: string, col: number): boolean {
  let open = '';
  for (let i = 0; i < col; i++) {
    const c = line[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (open) {
      if (c === open) open = '';
    } else if (QUOTES.has(c)) open = c;
    else if (c === '/' && line[i + 1] === '/') return false;
    else if (c === '#' && !open && /^\s*#/.test(line)) return false;
  }
  return open !== '';
}

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|token|bearer|Digest|ApiKey|Api-Key|SSWS)\s+/;

function evaluatePair(scan: Scan, pair: Pair, start: number, line: Line): void {
  let { value } = pair;
  let valueStart = start;
  const scheme = AUTH_SCHEME.exec(value);
  if (scheme) {
    value = value.slice(scheme[0].length);
    valueStart += scheme[0].length;
  }
  value = value.trim();
  if (!value) return;
  let tested = value;
  if (scheme && /^basic/i.test(scheme[0])) {
    // Basic credentials are base64("user:password"): judge the password, report the whole value.
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    if (!/^[^:\s]*:\S+$/.test(decoded)) return;
    tested = decoded.slice(decoded.indexOf(':') + 1);
  }
  const normalisedKey = identifierWords(pair.key).join('_');
  const compactKey = normalisedKey.replace(/_/g, '');
  const col = valueStart - line.start;
  const common = (): boolean =>
    !isEnvironmentReference(value) && !isPlaceholder(value) && !isDocumentedExample(value) && !isPublicKeyMaterial(value) &&
    !isMarkedFake(value, pair.key, line.text, line.previous) && !isInDataUri(line.text, col, value) && !isIntegrityHash(line.text, col);
  // A provider named in the key, with a value of its documented shape.
  for (const detector of KEYED) {
    if (!detector.keywords.some((k) => `_${normalisedKey}_`.includes(`_${k}_`) || (k.length >= 5 && compactKey.includes(k.replace(/_/g, ''))))) continue;
    if (!detector.value.test(value)) continue;
    if (!common() || isHashLike(value, line.text) || !looksRandom(value)) return;
    push(scan, { rule: detector.rule, detectorId: detector.id, label: detector.label, env: envFromKey(pair.key, detector.env), start: valueStart, end: valueStart + value.length, secret: value, ...(detector.severity ? { severity: detector.severity } : {}), key: pair.key, specific: true });
    return;
  }
  const strength = keyStrength(pair.key);
  if (!strength) return;
  if (/^api_?key$/i.test(pair.key) && isFirebaseWebConfig(scan.text, start)) return;
  if (!common()) return;
  if (!isGenericSecret(tested, tested === value ? strength : 'password', line.text, line.end - line.start > 1000)) return;
  push(scan, { rule: 'no-hardcoded-secrets', detectorId: strength === 'password' ? 'generic-password' : 'generic-secret', label: strength === 'password' ? 'Password' : 'Secret', env: envNameFor(pair.key), start: valueStart, end: valueStart + value.length, secret: value, key: pair.key, specific: false });
}

/** The entropy and character-class test of the generic detector. */
function isGenericSecret(value: string, strength: 'password' | 'secret' | 'weak', line: string, minified: boolean): boolean {
  if (value.length > 300 || /\s/.test(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return false; // URL or path
  if (/\.(?:pem|key|p12|pfx|crt|cer|json|ya?ml|txt|env|jks|keystore|der|gpg|asc)$/i.test(value)) return false; // a file holding the key
  if (/^\d+$/.test(value) || /^\d+(?:\.\d+)+$/.test(value)) return false; // numbers, versions
  if (isHashLike(value, line)) return false;
  if (looksLikeWords(value) && !(strength === 'password' && charClasses(value) >= 3)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?$/.test(value)) return false; // config.secret, this.token
  if (/\[[^\]]*\][*+?{]|\(\?<?[=!:<]|\\[dswbDSWB]/.test(value)) return false; // a regular expression
  if (/^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value)) return false; // a colour
  const bits = entropy(value);
  const classes = charClasses(value);
  if (minified) return value.length >= 16 && bits >= 3.5 && classes >= 2 && !looksLikeWords(value);
  if (strength !== 'password' && isUuid(value)) return strength === 'secret';
  if (strength === 'password') {
    if (value.length < 6) return false;
    return (value.length >= 8 && classes >= 2 && bits >= 2.5) || (classes >= 3 && bits >= 2.3) || (value.length >= 12 && bits >= 3.0);
  }
  if (value.length < 10) return false;
  if (HEX.test(value)) return value.length >= 16 && bits >= 3.0;
  return (value.length >= 16 && bits >= 3.2 && classes >= 2) || (value.length >= 12 && classes >= 3 && bits >= 3.0) || (value.length >= 24 && bits >= 3.6);
}

/** A key written as an environment variable (`STRIPE_KEY = "..."`) names it; otherwise the provider's usual name. */
function envFromKey(key: string | undefined, fallback: string): string {
  return key && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(key) ? key : fallback;
}

/** The identifier a literal at `col` is assigned to on its line, if any (`const stripeKey = "..."`). */
function keyBefore(line: string, col: number): string | undefined {
  const before = line.slice(Math.max(0, col - 120), col);
  const m = /([A-Za-z_$][\w$.-]*)(["'\]]?)\s*(:=|=>|=|:|,)(\s*)([rbuf]?["'`]|\\["'])?(?:Bearer\s+|token\s+)?$/i.exec(before);
  if (!m) return undefined;
  // `key: value` needs a space or a quote after the colon: `"ci:token"` is user:password, not a key.
  if (m[3] === ':' && !m[2] && !m[4] && !m[5]) return undefined;
  const key = m[1]!.split('.').pop()!;
  return /^(?:const|let|var|export|return|new|await|ENV|ARG)$/i.test(key) ? undefined : key;
}

/** `curl -u user:password`, `--user "user:password"`: the password part, when it is not a variable. */
function matchUserFlag(scan: Scan, at: number): void {
  const { text } = scan;
  const line = lineAround(text, at);
  const m = /^ (?:-u|--user)[ =](["']?)([^\s"':$]{1,64}):([^\s"'$]{3,200})\1(?=[\s;|&)]|$)/.exec(text.slice(at, line.end));
  if (!m) return;
  const password = m[3]!;
  const start = at + m[0].indexOf(`:${password}`) + 1;
  if (isEnvironmentReference(password) || isPlaceholder(password) || DEV_DEFAULT_PASSWORDS.has(password.toLowerCase())) return;
  if (isMarkedFake(password, m[2]!, line.text, line.previous) || !isGenericSecret(password, 'password', line.text, false)) return;
  push(scan, { rule: 'no-hardcoded-secrets', detectorId: 'generic-password', label: 'Password', env: 'PASSWORD', start, end: start + password.length, secret: password, specific: false });
}

// ---- Credentials in URLs -------------------------------------------------------------------

const DATABASE_SCHEMES = /^(?:postgres|postgresql|mysql|mysqlx|mariadb|mongodb|mongodb\+srv|redis|rediss|amqp|amqps|mssql|sqlserver|oracle|cockroachdb|clickhouse|neo4j|neo4j\+s|bolt|couchbase|couchbases|cassandra|memcached|nats|kafka|jdbc:\w+)$/i;
/** Default or demo passwords that local development configurations carry everywhere. */
const DEV_DEFAULT_PASSWORDS = new Set(['postgres', 'password', 'pass', 'root', 'admin', 'secret', 'guest', 'test', 'user', 'mysql', 'redis', 'changeme', 'example', 'pwd', 'passwd', 'mongo', 'rabbitmq', 'dev', 'local', 'demo', 'sa', 'anonymous', 'anoncvs']);

function matchUrlCredentials(scan: Scan, at: number): number {
  const { text } = scan;
  // The authority runs to the first / ? # or delimiter; credentials need an @ in it.
  let end = at + 3;
  const limit = Math.min(text.length, at + 3 + 512);
  let atSign = -1;
  for (; end < limit; end++) {
    const c = text[end]!;
    if (c === '@') atSign = end;
    else if (c === '/' || c === '?' || c === '#' || c === '"' || c === "'" || c === '`' || c === '<' || c === '>' || c === ' ' || c === '\n' || c === '\t' || c === ')' || c === ',') break;
  }
  if (atSign < 0) return 0;
  const userinfo = text.slice(at + 3, atSign);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return 0;
  const user = userinfo.slice(0, colon);
  const password = userinfo.slice(colon + 1);
  if (!password || password.length < 3) return 0;
  if (!user && password.includes(':')) return 0; // cvs://:pserver:anoncvs@...
  // Documentation placeholders: `user:he%2F%2Fo@`; a real-looking password with a generic user name still counts.
  if (/^(?:user|username|login|name|foo|me|you|someone|your[-_]?user(?:name)?)$/i.test(user) && !isGenericSecret(safeDecode(password), 'password', '', false)) return 0;
  let schemeStart = at;
  while (schemeStart > 0 && /[A-Za-z0-9+.:-]/.test(text[schemeStart - 1]!) && at - schemeStart < 20) schemeStart--;
  const scheme = text.slice(schemeStart, at).replace(/^:+/, '');
  const passwordStart = at + 3 + colon + 1;
  const line = lineAround(text, passwordStart);
  const decoded = safeDecode(password);
  if (isEnvironmentReference(password) || isPlaceholder(decoded) || password === user || DEV_DEFAULT_PASSWORDS.has(decoded.toLowerCase())) return 0;
  if (/^[$%{<[]|^\*+$|^x+$/i.test(password) || /^(?:password|pass|pwd|secret|token)\d*$/i.test(decoded)) return 0;
  if (isMarkedFake(decoded, user, line.text, line.previous) || isDocumentedExample(decoded)) return 0;
  if (/\bexample\.(?:com|org|net)\b|\.example\b|\blocalhost\.localdomain\b/.test(text.slice(atSign, end))) return 0; // documentation hosts
  const host = text.slice(atSign + 1, end);
  const isSentry = /sentry/i.test(host) && HEX.test(password);
  const isDatabase = DATABASE_SCHEMES.test(scheme);
  const key = keyBefore(line.text, Math.max(0, schemeStart - line.start));
  push(scan, {
    rule: isSentry ? 'no-monitoring-service-keys' : 'no-credentials-in-urls',
    detectorId: isSentry ? 'sentry-dsn-secret' : isDatabase ? 'database-url-password' : 'url-basic-auth',
    label: isSentry ? 'Sentry DSN with its secret key' : isDatabase ? `${scheme.replace(/^jdbc:/, '')} connection URL with a password` : 'Password in a URL',
    env: envFromKey(key, isSentry ? 'SENTRY_DSN' : isDatabase ? 'DATABASE_URL' : 'SERVICE_URL'),
    start: passwordStart,
    end: passwordStart + password.length,
    secret: password,
    ...(key ? { key } : {}),
    specific: true,
  });
  return 0; // keep scanning inside: a provider token used as the password is reported as that token
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// ---- Private keys --------------------------------------------------------------------------

function matchPem(scan: Scan, at: number): number {
  const { text } = scan;
  const header = /^-----BEGIN ([A-Z0-9 ]{1,40})-----/.exec(text.slice(at, at + 60));
  if (!header) return 0;
  const label = header[1]!;
  if (!/PRIVATE KEY/.test(label)) return 0; // public keys, certificates, CSRs are public
  const bodyStart = at + header[0].length;
  const endMarker = text.indexOf(`-----END ${label}-----`, bodyStart);
  if (endMarker < 0 || endMarker - bodyStart > 20_000) return 0;
  const rawBody = text.slice(bodyStart, endMarker);
  const body = rawBody.replace(/\\[nr]|\\\\n|["'+,\s]|^[A-Za-z-]+:.*$/gm, '');
  const base64 = body.replace(/[^A-Za-z0-9+/=]/g, '');
  if (base64.length < 64 || /\.\.\.|…|xxxx|<[^>]*>/i.test(rawBody) || entropy(base64) < 4.5) return 0;
  const line = lineAround(text, at);
  if (isMarkedFake('', '', line.text, line.previous)) return 0;
  const end = endMarker + `-----END ${label}-----`.length;
  const context = text.slice(Math.max(0, at - 3000), at);
  const serviceAccount = /"type"\s*:\s*"service_account"|"private_key_id"\s*:/.test(context) || /"type"\s*:\s*"service_account"/.test(text.slice(end, end + 3000));
  const encrypted = /ENCRYPTED/.test(label) || /Proc-Type:\s*4,ENCRYPTED/.test(rawBody);
  push(scan, {
    rule: serviceAccount ? 'no-cloud-credentials' : 'no-private-keys',
    detectorId: serviceAccount ? 'gcp-service-account-key' : label.includes('PGP') ? 'pgp-private-key' : label.includes('OPENSSH') ? 'openssh-private-key' : 'pem-private-key',
    label: serviceAccount ? 'Google Cloud service-account private key' : encrypted ? `${label.toLowerCase()} (passphrase-protected)` : label.includes('PGP') ? 'PGP private key block' : `${label.replace(/ PRIVATE KEY$/, '')} private key`.replace(/^ /, '').replace(/^private key$/i, 'Private key'),
    env: serviceAccount ? 'GOOGLE_APPLICATION_CREDENTIALS' : 'PRIVATE_KEY',
    start: at,
    end,
    secret: base64,
    ...(encrypted ? { severity: 'medium' as const } : { severity: 'critical' as const }),
    specific: true,
  });
  return end;
}

function matchPutty(scan: Scan, at: number): number {
  const { text } = scan;
  const block = text.slice(at, at + 10_000);
  const lines = /Private-Lines:\s*(\d+)\r?\n/.exec(block);
  if (!lines) return 0;
  const count = Number(lines[1]);
  const after = block.slice(lines.index + lines[0].length).split(/\r?\n/).slice(0, count).join('');
  if (after.length < 64 || entropy(after) < 4.5) return 0;
  const encrypted = !/Encryption:\s*none/.test(block.slice(0, lines.index));
  const end = at + lines.index + lines[0].length + block.slice(lines.index + lines[0].length).split(/\r?\n/).slice(0, count).join('\n').length;
  push(scan, { rule: 'no-private-keys', detectorId: 'putty-private-key', label: encrypted ? 'PuTTY private key (passphrase-protected)' : 'PuTTY private key', env: 'PRIVATE_KEY', start: at, end, secret: after, severity: encrypted ? 'medium' : 'critical', specific: true });
  return end;
}

// ---- JSON Web Tokens -----------------------------------------------------------------------

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/y;

function matchJwt(scan: Scan, at: number): number {
  const { text } = scan;
  if (at > 0 && /[A-Za-z0-9_.-]/.test(text[at - 1]!)) return 0;
  JWT.lastIndex = at;
  const m = JWT.exec(text);
  if (!m) return 0;
  const token = m[0];
  const [headerPart, payloadPart] = token.split('.');
  const header = decodeJson(headerPart!);
  const payload = decodeJson(payloadPart!);
  const end = at + token.length;
  if (!header || !payload || typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') return end;
  if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) return end; // expired: cannot be used
  if (payload.role === 'anon' || payload.role === 'public') return end; // public "anon" keys (Supabase) are meant to ship
  // Tokens that authenticate carry registered or identity claims; `{"some": "payload"}` is a docs example.
  if (!['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'role', 'scope', 'user', 'user_id', 'uid', 'email', 'client_id', 'azp', 'k', 'tid'].some((claim) => claim in payload)) return end;
  const line = lineAround(text, at);
  if (isDocumentedExample(token) || isMarkedFake(JSON.stringify(payload), keyBefore(line.text, at - line.start) ?? '', line.text, line.previous)) return end;
  const key = keyBefore(line.text, at - line.start);
  push(scan, { rule: 'no-identity-service-secrets', detectorId: 'jwt', label: `JSON Web Token (${header.alg})`, env: envFromKey(key, 'AUTH_TOKEN'), start: at, end, secret: token, ...(key ? { key } : {}), specific: true });
  return end;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const json = Buffer.from(part, 'base64url').toString('utf8');
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// ---- Overlaps ------------------------------------------------------------------------------

/** One finding per span: a provider-specific match wins over the generic one it overlaps. */
function resolveOverlaps(found: SecretCandidate[]): SecretCandidate[] {
  // A provider token beats a URL password or a PEM block it sits in, which beat the generic detector.
  const rank = (c: SecretCandidate): number => (!c.specific ? 1 : c.rule === 'no-credentials-in-urls' || c.detectorId === 'sentry-dsn-secret' ? 2 : 3);
  const sorted = [...found].sort((a, b) => a.start - b.start || rank(b) - rank(a) || b.end - a.end);
  const kept: SecretCandidate[] = [];
  for (const candidate of sorted) {
    const clash = kept.findIndex((k) => candidate.start < k.end && k.start < candidate.end);
    if (clash < 0) kept.push(candidate);
    else if (rank(candidate) > rank(kept[clash]!)) kept[clash] = candidate;
  }
  return kept.sort((a, b) => a.start - b.start);
}
