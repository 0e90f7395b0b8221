// The files of a workspace as deployment context sees them: a bounded listing (entries, depth,
// skipped tool folders), which of them are deployment files, and reads that are size-limited and
// cached by modification time so a reload only re-reads what changed.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { formatBytes } from '../bytes';

export const WORKSPACE_LIMITS = {
  /** Files and folders looked at while listing the workspace. */
  maxEntries: 100_000,
  /** Folder depth below the root. */
  maxDepth: 32,
  /** Deployment files read. */
  maxDeploymentFiles: 2_000,
  /** Bytes of one deployment file; larger ones are skipped with a note. */
  maxDeploymentFileBytes: 1_000_000,
  /** Bytes of deployment files read in one load. */
  maxDeploymentBytes: 20_000_000,
} as const;

/** Folders that hold tools' caches and dependencies, never the team's own deployment files. */
const SKIPPED_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', '.terraform', '.terragrunt-cache', '.serverless', '.aws-sam',
  '.next', '.nuxt', '.svelte-kit', '.cache', '.parcel-cache', '.turbo', '.venv', 'venv', '__pycache__', '.tox', '.gradle',
  '.idea', '.vscode-test', 'coverage', '.nyc_output', 'cdk.out',
]);

export type DeploymentKind = 'dockerfile' | 'compose' | 'kubernetes' | 'terraform' | 'serverless' | 'skaffold';

/** What kind of deployment file a root-relative path is, by its name alone. */
export function deploymentKindOf(path: string): DeploymentKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (lower.endsWith('.tf')) return 'terraform';
  if (!/\.ya?ml$/.test(lower)) return undefined;
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(lower)) return 'compose';
  if (/^serverless\.ya?ml$/.test(lower)) return 'serverless';
  if (/^skaffold\.ya?ml$/.test(lower)) return 'skaffold';
  if (/^\.?guardline\.ya?ml$/.test(lower)) return undefined;
  // CI workflows, lock files and the like are YAML but never describe a deployment.
  if (path.startsWith('.github/') || path.includes('/.github/') || /^(\.gitlab-ci|pnpm-lock|\.pre-commit-config|mkdocs|codecov|\.travis|appveyor|renovate|dependabot|\.yarnrc)/.test(lower)) return undefined;
  return 'kubernetes'; // confirmed by content (apiVersion and kind) when read
}

export interface Listing {
  /** Root-relative, `/`-separated file paths, sorted. */
  files: string[];
  /** Every folder that holds a listed file, root-relative (no ""). */
  folders: Set<string>;
  /** The listing stopped at a limit: "matches nothing" cannot be trusted. */
  truncated?: string;
}

/** Lists the files below `root`, within the limits. Never throws; unreadable folders are skipped. */
export function listWorkspace(root: string): Listing {
  const files: string[] = [];
  const folders = new Set<string>();
  let entries = 0;
  let truncated: string | undefined;
  const visit = (relative: string, depth: number): void => {
    if (truncated) return;
    if (depth > WORKSPACE_LIMITS.maxDepth) {
      truncated ??= `folders deeper than ${WORKSPACE_LIMITS.maxDepth} levels were not listed (${relative})`;
      return;
    }
    let children: Dirent[];
    try {
      children = readdirSync(relative ? join(root, relative) : root, { withFileTypes: true });
    } catch {
      return;
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      if (++entries > WORKSPACE_LIMITS.maxEntries) {
        truncated = `the workspace has more than ${WORKSPACE_LIMITS.maxEntries.toLocaleString('en-US')} files and folders; only the first were looked at`;
        return;
      }
      const path = relative ? `${relative}/${child.name}` : child.name;
      // Symbolic links are not followed: no loops, and nothing outside the workspace.
      if (child.isDirectory()) {
        if (!SKIPPED_DIRS.has(child.name)) visit(path, depth + 1);
      } else if (child.isFile()) {
        files.push(path);
        if (relative) folders.add(relative);
      }
    }
  };
  visit('', 0);
  for (const folder of [...folders]) for (let i = folder.lastIndexOf('/'); i > 0; i = folder.lastIndexOf('/', i - 1)) folders.add(folder.slice(0, i));
  files.sort();
  return { files, folders, ...(truncated ? { truncated } : {}) };
}

export interface ReadResult {
  text?: string;
  /** Why the file was not read. */
  skipped?: string;
}

/** Parsed results of deployment files, keyed by path and invalidated by size and modification time. */
export class FileCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T }>();
  hits = 0;
  misses = 0;

  /** The cached value of `path` if the file is unchanged, otherwise `compute(read)`'s. */
  get(root: string, path: string, openText: string | undefined, compute: (read: ReadResult) => T, budget: { bytes: number }): T {
    let stamp: string;
    if (openText !== undefined) stamp = `open:${openText.length}:${hash(openText)}`;
    else {
      try {
        const stats = statSync(join(root, path));
        stamp = `disk:${stats.size}:${stats.mtimeMs}`;
      } catch {
        stamp = 'missing';
      }
    }
    const cached = this.entries.get(path);
    if (cached && cached.stamp === stamp) {
      this.hits++;
      return cached.value;
    }
    this.misses++;
    const value = compute(openText !== undefined ? { text: openText } : readBounded(root, path, budget));
    this.entries.set(path, { stamp, value });
    return value;
  }

  /** A cache holding only the entries of `paths` (so deleted files do not linger). */
  retain(paths: Iterable<string>): FileCache<T> {
    const next = new FileCache<T>();
    for (const path of paths) {
      const entry = this.entries.get(path);
      if (entry) next.entries.set(path, entry);
    }
    return next;
  }
}

function readBounded(root: string, path: string, budget: { bytes: number }): ReadResult {
  try {
    const size = statSync(join(root, path)).size;
    if (size > WORKSPACE_LIMITS.maxDeploymentFileBytes) return { skipped: `${formatBytes(size)} is over the ${formatBytes(WORKSPACE_LIMITS.maxDeploymentFileBytes)} limit for deployment files` };
    if (size > budget.bytes) return { skipped: `the ${formatBytes(WORKSPACE_LIMITS.maxDeploymentBytes)} budget for reading deployment files is used up` };
    budget.bytes -= size;
    const bytes = readFileSync(join(root, path));
    if (bytes.subarray(0, 8000).includes(0)) return { skipped: 'binary file' };
    return { text: bytes.toString('utf8') };
  } catch (error) {
    return { skipped: `could not read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
