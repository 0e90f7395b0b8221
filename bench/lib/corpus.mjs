// Builds the benchmark corpus without downloads: hard links to the project's own node_modules
// (JS/TS of many styles, minified bundles included) and generated files of set sizes made by
// concatenating real CommonJS files. Everything goes under a temporary folder, never into git.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';

export const SCRIPT_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts']);
/** Files that would configure one of the tools if they stood in the corpus. */
const CONFIG_NAMES = /^(?:\.gitignore|\.eslintignore|\.secretlintignore|\.secretlintrc.*|\.eslintrc.*|eslint\.config\.[cm]?[jt]s|guardline\.ya?ml|\.guardline\.ya?ml)$/;
const BINARY_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.ico', '.webp', '.woff', '.woff2', '.ttf', '.eot', '.zip', '.gz', '.tgz', '.wasm', '.node', '.exe', '.dll', '.so', '.dylib', '.bin', '.pdf', '.mp3', '.mp4', '.otf']);
/** The largest file a tool is given: bigger bundles say little about rule cost and skew the run. */
const MAX_FILE_BYTES = 2_000_000;

/** The bench's scratch folder (deleted and rebuilt by each run): GUARDLINE_BENCH_DIR/guardline-bench. */
export function benchDir() {
  return join(process.env.GUARDLINE_BENCH_DIR || tmpdir(), 'guardline-bench');
}

export function extensionOf(path) {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** Every regular file below `root` (symlinks skipped), sorted, as root-relative `/` paths with sizes. */
export function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const absolute = join(dir, name);
      const stats = lstatSync(absolute);
      if (stats.isSymbolicLink()) continue;
      if (stats.isDirectory()) walk(absolute);
      else if (stats.isFile()) out.push({ path: relative(root, absolute).split(sep).join('/'), size: stats.size });
    }
  };
  walk(root);
  return out;
}

function place(source, target) {
  mkdirSync(dirname(target), { recursive: true });
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

/** A deterministic pseudo-random order (by hash), so a sample is the same on every run. */
function hashOrder(a, b) {
  const ha = createHash('sha1').update(a.path).digest('hex');
  const hb = createHash('sha1').update(b.path).digest('hex');
  return ha < hb ? -1 : ha > hb ? 1 : 0;
}

/**
 * Lays out the corpus from `nodeModules`:
 *   all/  every text file up to 2 MB (for secret scanning), `node_modules` segments renamed `nm`
 *         so no tool skips them by name;
 *   js/   the JS/TS files of all/ (for the AST rules);
 * `maxBytes` keeps a deterministic sample of at most that many bytes (0 = everything).
 */
export function buildCorpus({ nodeModules, out, maxBytes = 0 }) {
  rmSync(out, { recursive: true, force: true });
  let files = listFiles(nodeModules).filter((f) => {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    // Dot files and folders are left out: secretlint's globs skip them, the other tools do not.
    const dotted = f.path.split('/').some((part) => part.startsWith('.'));
    return f.size > 0 && f.size <= MAX_FILE_BYTES && !dotted && !CONFIG_NAMES.test(name) && !BINARY_EXTENSIONS.has(extensionOf(name));
  });
  if (maxBytes > 0) {
    const sample = [];
    let total = 0;
    for (const file of [...files].sort(hashOrder)) {
      if (total + file.size > maxBytes) continue;
      sample.push(file);
      total += file.size;
    }
    files = sample.sort((a, b) => (a.path < b.path ? -1 : 1));
  }
  const rename = (path) => path.split('/').map((part) => (part === 'node_modules' ? 'nm' : part)).join('/');
  const summary = { all: { files: 0, bytes: 0 }, js: { files: 0, bytes: 0, byExtension: {} } };
  for (const file of files) {
    const source = join(nodeModules, file.path);
    const target = rename(file.path);
    place(source, join(out, 'all', target));
    summary.all.files++;
    summary.all.bytes += file.size;
    const ext = extensionOf(file.path);
    if (SCRIPT_EXTENSIONS.has(ext)) {
      place(source, join(out, 'js', target));
      summary.js.files++;
      summary.js.bytes += file.size;
      summary.js.byExtension[ext] = (summary.js.byExtension[ext] ?? 0) + 1;
    }
  }
  return { root: out, allDir: join(out, 'all'), jsDir: join(out, 'js'), ...summary };
}

/** A tree of exactly `count` files made of repeated hard-linked copies of `sourceDir`. */
export function buildLargeTree(sourceDir, out, count) {
  rmSync(out, { recursive: true, force: true });
  const files = listFiles(sourceDir);
  if (!files.length) throw new Error(`no files in ${sourceDir}`);
  let placed = 0;
  let bytes = 0;
  for (let copy = 0; placed < count; copy++) {
    for (const file of files) {
      if (placed >= count) break;
      place(join(sourceDir, file.path), join(out, `copy${copy}`, file.path));
      placed++;
      bytes += file.size;
    }
  }
  return { root: out, files: placed, bytes };
}

const REQUIRE_OR_EXPORTS = /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/;
const ESM_SYNTAX = /^\s*(?:import\s+[\w*{]|import\s*['"]|export\s+)/m;

/**
 * Real, readable CommonJS files (no ESM syntax, no very long lines, no `#!`), each short enough
 * to stack into generated files of set sizes. Sorted by path for stable output.
 */
export function pickSourceFiles(nodeModules, { minLines = 40, maxLines = 600 } = {}) {
  const picked = [];
  for (const file of listFiles(nodeModules)) {
    if (extensionOf(file.path) !== '.js' || file.size > 60_000 || /(?:^|\/)(?:test|tests|dist|umd|min)\//.test(file.path) || file.path.endsWith('.min.js')) continue;
    const text = readFileSync(join(nodeModules, file.path), 'utf8');
    if (!REQUIRE_OR_EXPORTS.test(text) || ESM_SYNTAX.test(text) || text.startsWith('#!')) continue;
    const lines = text.split('\n');
    if (lines.length < minLines || lines.length > maxLines || lines.some((line) => line.length > 200)) continue;
    if (!parsesCleanly(text)) continue; // a parse error would skip the very analysis being measured
    picked.push({ path: file.path, text, lines: lines.length });
  }
  return picked;
}

function parsesCleanly(text) {
  try {
    parse(text, { filePath: 'file.js', range: true, jsDocParsingMode: 'none' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A JavaScript file of about `targetLines` lines: real modules, each wrapped in its own function
 * scope so their declarations do not clash, stacked until the target is reached. `offset` picks
 * where in the pool to start, so files of different sizes are not prefixes of one another.
 */
export function generateFile(pool, targetLines, offset = 0) {
  const parts = ['// Generated by bench/lib/corpus.mjs from real node_modules files.'];
  let lines = 1;
  let sinceLastAdded = 0;
  for (let i = 0; lines < targetLines && sinceLastAdded < pool.length; i++) {
    const source = pool[(offset + i) % pool.length];
    const cost = source.lines + 3;
    if (cost > targetLines - lines) {
      sinceLastAdded++;
      continue; // try a smaller file
    }
    parts.push(`// ---- ${source.path}`, `(function (module, exports, require) {`, source.text.replace(/\s+$/, ''), `})({ exports: {} }, {}, require);`);
    lines += cost;
    sinceLastAdded = 0;
  }
  return parts.join('\n') + '\n';
}

export function lineCount(text) {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return text.endsWith('\n') ? count - 1 : count;
}

/** Writes generated files of the given sizes into `out` and returns their paths and line counts. */
export function writeGeneratedFiles(nodeModules, out, sizes) {
  mkdirSync(out, { recursive: true });
  const pool = pickSourceFiles(nodeModules);
  if (pool.length < 5) throw new Error('too few readable CommonJS files in node_modules to generate from');
  return sizes.map((size, index) => {
    const text = generateFile(pool, size, index * 37);
    const path = join(out, `generated-${size}.js`);
    writeFileSync(path, text);
    return { target: size, lines: lineCount(text), bytes: Buffer.byteLength(text), path };
  });
}

export function exists(path) {
  return existsSync(path);
}
