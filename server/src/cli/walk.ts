// Finds the files a scan reads: honours .gitignore files and ignore globs, skips binary, huge and
// special files, survives symlink loops and unreadable entries, and says why it skipped each one.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface WalkOptions {
  /** Folder that relative paths and ignore globs are taken from. */
  root: string;
  /** Extra ignore test over root-relative `/` paths (guardline.yaml `ignore`). */
  isIgnored?: (relativePath: string) => boolean;
  /** Skip files larger than this many bytes (with a note). */
  maxFileSize: number;
  /** Read .gitignore files and skip node_modules and .git. Default true. */
  useIgnoreFiles?: boolean;
}

export interface WalkedFile {
  /** Root-relative, `/`-separated. */
  path: string;
  /** The content; invalid UTF-8 is decoded with replacement characters (and a note says so). */
  text: string;
}

export interface WalkNote {
  path: string;
  message: string;
}

/** Folders skipped wherever they are, unless ignore files are turned off (--no-ignore). */
export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Extensions that are binary by definition: not worth opening. */
const BINARY_EXTENSIONS = new Set([
  '.png', '.jpg', '.jpeg', '.gif', '.bmp', '.ico', '.webp', '.avif', '.tiff', '.psd', '.pdf', '.zip', '.gz',
  '.tgz', '.bz2', '.xz', '.7z', '.rar', '.jar', '.war', '.class', '.so', '.dll', '.dylib', '.exe', '.bin',
  '.o', '.a', '.wasm', '.woff', '.woff2', '.ttf', '.otf', '.eot', '.mp3', '.mp4', '.mov', '.avi', '.webm',
  '.ogg', '.wav', '.flac', '.sqlite', '.db', '.pyc', '.node', '.vsix', '.dmg', '.iso',
]);
const SNIFF_BYTES = 8000;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * Walks `paths` (files or folders) and calls `visit` for every file to analyse, in a stable
 * order. Returns the notes for everything skipped.
 */
export function walkFiles(paths: string[], options: WalkOptions, visit: (file: WalkedFile) => void): WalkNote[] {
  const notes: WalkNote[] = [];
  for (const entry of walkEntries(paths, options)) {
    if (entry.kind === 'note') {
      notes.push(entry.note);
      continue;
    }
    const read = readListedFile(entry);
    notes.push(...read.notes);
    if (read.file) visit(read.file);
  }
  return notes;
}

/** A file the walk lists for reading: it passed the ignore files, the extension and the size check. */
export interface ListedFile {
  kind: 'file';
  absolute: string;
  /** Root-relative, `/`-separated. */
  path: string;
}

/** What the walk meets, in order: a file to read, or a note about something it skipped. */
export type WalkEntry = ListedFile | { kind: 'note'; note: WalkNote };

/**
 * The walk of `walkFiles` one entry at a time, without reading file contents, so a caller can
 * hand files to other threads while the walk goes on (and never holds the whole listing).
 */
export function* walkEntries(paths: string[], options: WalkOptions): Generator<WalkEntry> {
  const root = resolve(options.root);
  const useIgnoreFiles = options.useIgnoreFiles ?? true;
  const visitedDirs = new Set<string>();
  const rel = (absolute: string): string => relative(root, absolute).split(sep).join('/') || '.';
  const note = (path: string, message: string): WalkEntry => ({ kind: 'note', note: { path, message } });

  const listFile = (absolute: string, stats: Stats): WalkEntry | undefined => {
    const path = rel(absolute);
    const dot = absolute.lastIndexOf('.');
    if (dot > absolute.lastIndexOf(sep) && BINARY_EXTENSIONS.has(absolute.slice(dot).toLowerCase())) return undefined;
    if (stats.size > options.maxFileSize) return note(path, `skipped: ${formatSize(stats.size)} is over the ${formatSize(options.maxFileSize)} limit (--max-file-size)`);
    return { kind: 'file', absolute, path };
  };

  function* walkDir(dir: string, ignores: Array<{ base: string; matcher: Ignore }>): Generator<WalkEntry> {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      yield note(rel(dir), `skipped: could not resolve (${(error as NodeJS.ErrnoException).code})`);
      return;
    }
    if (visitedDirs.has(real)) {
      yield note(rel(dir), 'skipped: symbolic link loop (folder already scanned)');
      return;
    }
    visitedDirs.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (error) {
      yield note(rel(dir), `skipped: could not list folder (${(error as NodeJS.ErrnoException).code})`);
      return;
    }
    let scoped = ignores;
    if (useIgnoreFiles && entries.includes('.gitignore')) {
      try {
        scoped = [...ignores, { base: dir, matcher: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) }];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    for (const name of entries) {
      const absolute = join(dir, name);
      let stats: Stats;
      try {
        stats = lstatSync(absolute);
        if (stats.isSymbolicLink()) stats = statSync(absolute);
      } catch (error) {
        yield note(rel(absolute), `skipped: ${(error as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loop' : `broken link or unreadable entry (${(error as NodeJS.ErrnoException).code})`}`);
        continue;
      }
      const isDir = stats.isDirectory();
      if (useIgnoreFiles && isDir && ALWAYS_SKIPPED_DIRS.has(name)) continue;
      const relPath = rel(absolute);
      if (options.isIgnored?.(relPath)) continue;
      if (scoped.some(({ base, matcher }) => matcher.ignores(relative(base, absolute).split(sep).join('/') + (isDir ? '/' : '')))) continue;
      if (isDir) yield* walkDir(absolute, scoped);
      else if (stats.isFile()) {
        const entry = listFile(absolute, stats);
        if (entry) yield entry;
      } else yield note(relPath, 'skipped: not a regular file');
    }
  }

  for (const input of paths) {
    const absolute = resolve(input);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      yield note(input, `not found (${(error as NodeJS.ErrnoException).code})`);
      continue;
    }
    if (stats.isDirectory()) yield* walkDir(absolute, rootIgnores(root, absolute, useIgnoreFiles));
    else if (stats.isFile()) {
      const entry = listFile(absolute, stats);
      if (entry) yield entry;
    } else yield note(input, 'skipped: not a regular file');
  }
}

/**
 * Reads a listed file: skipped with a note when unreadable or binary; invalid UTF-8 is decoded
 * with replacement characters and a note says so.
 */
export function readListedFile(listed: { absolute: string; path: string }): { file?: WalkedFile; notes: WalkNote[] } {
  const { absolute, path } = listed;
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    return { notes: [{ path, message: `skipped: could not read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }] };
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { notes: [{ path, message: 'skipped: binary file' }] };
  try {
    return { file: { path, text: utf8Strict.decode(bytes) }, notes: [] };
  } catch {
    return { file: { path, text: utf8Lenient.decode(bytes) }, notes: [{ path, message: 'not valid UTF-8: analysed with the invalid bytes replaced' }] };
  }
}

/** .gitignore files between the root and a scanned folder also apply inside it. */
function rootIgnores(root: string, dir: string, useIgnoreFiles: boolean): Array<{ base: string; matcher: Ignore }> {
  if (!useIgnoreFiles || !dir.startsWith(root + sep)) return [];
  const dirs = [root];
  for (const part of relative(root, dir).split(sep).slice(0, -1)) dirs.push(join(dirs[dirs.length - 1]!, part));
  const result: Array<{ base: string; matcher: Ignore }> = [];
  for (const base of dirs) {
    try {
      result.push({ base, matcher: ignore().add(readFileSync(join(base, '.gitignore'), 'utf8')) });
    } catch {
      // no .gitignore here
    }
  }
  return result;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}
