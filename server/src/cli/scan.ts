// `guardline scan`: load guardline.yaml, walk the paths, analyse every file with the same engine
// the editor uses, and collect findings and notes for a formatter.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { analyze } from '../engine/engine';
import { CONFIG_FILE_NAMES, type ConfigProblem, type GuardlineSettings } from '../engine/config';
import { loadProject } from '../engine/context';
import type { Finding } from '../engine/finding';
import { walkFiles, type WalkNote } from './walk';
import { applyBaseline, DEFAULT_BASELINE_FILE, parseBaseline } from './baseline';

export interface ScanOptions {
  paths: string[];
  /** Explicit config file; otherwise guardline.yaml is looked for from the first path upwards. */
  configPath?: string;
  audit?: boolean;
  maxFileSize: number;
  /** Do not read .gitignore, and do not skip node_modules and .git. */
  noIgnore?: boolean;
  /** Baseline file of accepted findings to leave out; default guardline.yaml's `baseline`; false: none. */
  baseline?: string | false;
}

export interface FileResult {
  /** Relative to `root`, `/`-separated. */
  path: string;
  findings: Finding[];
}

export interface ScanResult {
  /** Folder paths are relative to: the config file's folder, or the current directory. */
  root: string;
  configPath?: string;
  configProblems: ConfigProblem[];
  files: FileResult[];
  notes: WalkNote[];
  filesScanned: number;
  /** Where this project's baseline lives: guardline.yaml's `baseline`, else guardline.baseline.jsonl in the root. */
  baselineFile: string;
  /** Findings left out because the baseline lists them. */
  baselined?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export function scan(options: ScanOptions): ScanResult {
  const paths = options.paths.length ? options.paths : ['.'];
  const configPath = options.configPath ? resolve(options.configPath) : findConfig(resolve(paths[0]!));
  const root = configPath ? dirname(configPath) : defaultRoot(paths);
  // guardline.yaml and the deployment files: settings, each file's context, config problems and drift.
  const project = loadProject(root, configPath ? { configFile: configPath } : {});
  const settings: GuardlineSettings = project.settings;
  const configProblems: ConfigProblem[] = project.problems.filter((p) => p.file === project.configFile).map(({ line, character, endLine, endCharacter, message, severity }) => ({ line, ...(character !== undefined ? { character, endLine: endLine ?? line, endCharacter: endCharacter ?? character } : {}), message, severity }));
  const files: FileResult[] = [];
  let filesScanned = 0;
  const notes = walkFiles(paths, { root, isIgnored: project.isIgnored, maxFileSize: options.maxFileSize, useIgnoreFiles: !options.noIgnore }, (file) => {
    filesScanned++;
    const findings = analyze({ path: file.path, text: file.text }, { settings: settings.rules, audit: options.audit ?? settings.audit, context: project.contextFor(file.path) });
    if (findings.length) files.push({ path: file.path, findings });
  });
  for (const problem of project.problems) if (problem.file !== project.configFile) notes.push({ path: `${problem.file}:${problem.line + 1}`, message: problem.message });
  const baselineFile = settings.baseline ? resolve(root, settings.baseline) : join(root, DEFAULT_BASELINE_FILE);
  // A baseline named in guardline.yaml must exist (a note says so if not); the default one may not.
  const baselinePath = options.baseline === false ? undefined : options.baseline ? resolve(options.baseline) : settings.baseline || existsSync(baselineFile) ? baselineFile : undefined;
  let reported = files;
  let baselined: number | undefined;
  if (baselinePath) {
    const shown = relative(root, baselinePath).split(sep).join('/');
    if (!existsSync(baselinePath)) {
      notes.push({ path: shown, message: 'baseline file not found: reporting every finding (create it with `guardline baseline`)' });
    } else {
      const baseline = parseBaseline(readFileSync(baselinePath, 'utf8'));
      for (const problem of baseline.problems) notes.push({ path: `${shown}:${problem.line}`, message: `baseline line ignored: ${problem.message}` });
      const applied = applyBaseline(files, baseline);
      reported = applied.files;
      baselined = applied.suppressed;
      if (baselined) notes.push({ path: shown, message: `${baselined} finding${baselined === 1 ? '' : 's'} in the baseline not reported` });
    }
  }
  return { root, ...(configPath ? { configPath: relative(root, configPath).split(sep).join('/') } : {}), configProblems, files: reported, notes, filesScanned, baselineFile, ...(baselined !== undefined ? { baselined } : {}) };
}

/** Paths are shown relative to the current folder, or to the scanned folder when it lies outside. */
function defaultRoot(paths: string[]): string {
  const cwd = process.cwd();
  const absolute = paths.map((p) => resolve(p));
  if (absolute.every((p) => p === cwd || p.startsWith(cwd + sep))) return cwd;
  const first = absolute[0]!;
  return isDirectory(first) ? first : dirname(first);
}

/** guardline.yaml in the folder of `start` or the nearest folder above it, up to the repository root. */
function findConfig(start: string): string | undefined {
  let dir = isDirectory(start) ? start : dirname(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
