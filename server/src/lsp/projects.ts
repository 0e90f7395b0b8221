// The workspace folders and their Project (guardline.yaml settings and deployment context), loaded
// lazily, reloaded when a context file changes. In an untrusted workspace nothing is read from the
// workspace: every file gets the defaults.
import { relative, sep } from 'node:path';
import { loadProject, type Project } from '../engine/context';
import { pathToUri, uriToPath } from './uri';

export interface Located {
  /** The project of the folder holding the file; undefined outside every folder or when untrusted. */
  project?: Project;
  /** Path handed to the engine: relative to the folder when in one, else absolute. */
  path: string;
}

export class Projects {
  private roots: string[] = [];
  private readonly loaded = new Map<string, Project>();
  /**
   * Projects dropped by reload(), handed to the next load: unchanged deployment files are not parsed
   * again, and while guardline.yaml has errors its last valid version stays in use.
   */
  private readonly replaced = new Map<string, Project>();

  constructor(
    readonly trusted: boolean,
    private readonly log: (message: string) => void,
  ) {}

  setFolders(uris: string[]): void {
    this.roots = uris.map((uri) => uriToPath(uri).replace(/\/+$/, '')).sort((a, b) => b.length - a.length);
    for (const projects of [this.loaded, this.replaced]) {
      for (const root of [...projects.keys()]) if (!this.roots.includes(root)) projects.delete(root);
    }
  }

  get folderRoots(): readonly string[] {
    return this.roots;
  }

  /** The folder holding an absolute `/`-separated path, if any. */
  rootOf(path: string): string | undefined {
    return this.roots.find((root) => path === root || path.startsWith(`${root}/`));
  }

  locate(uri: string): Located {
    const absolute = uriToPath(uri);
    const root = this.rootOf(absolute);
    if (!root) return { path: absolute };
    const path = relative(root, absolute).split(sep).join('/');
    const project = this.projectAt(root);
    return project ? { project, path } : { path };
  }

  /** The project of a folder, loaded on first use; undefined when untrusted or when loading failed. */
  private projectAt(root: string): Project | undefined {
    if (!this.trusted) return undefined;
    let project = this.loaded.get(root);
    if (!project) {
      try {
        project = loadProject(root, { previous: this.replaced.get(root) });
        this.replaced.delete(root);
      } catch (error) {
        // loadProject reports problems rather than throwing; this is the last line of defence.
        this.log(`Could not load the project at ${root}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      this.loaded.set(root, project);
    }
    return project;
  }

  /** Whether a change to this file must reload its folder's project. */
  isContextFile(uri: string): boolean {
    if (!this.trusted) return false;
    const absolute = uriToPath(uri);
    const root = this.rootOf(absolute);
    if (!root) return false;
    const project = this.projectAt(root);
    const path = relative(root, absolute).split(sep).join('/');
    return project ? project.isContextFile(path) : /(^|\/)\.?guardline\.ya?ml$/.test(path);
  }

  /** Drops the folder's project so the next use reads guardline.yaml again. */
  reload(uri: string): void {
    const root = this.rootOf(uriToPath(uri));
    const project = root ? this.loaded.get(root) : undefined;
    if (!root || !project) return;
    this.loaded.delete(root);
    this.replaced.set(root, project);
  }

  /** Config problems of every loaded folder, as file URI -> problems. */
  problems(): Map<string, Array<{ line: number; message: string; severity: 'error' | 'warning' }>> {
    const byUri = new Map<string, Array<{ line: number; message: string; severity: 'error' | 'warning' }>>();
    for (const root of this.roots) {
      const project = this.projectAt(root);
      for (const problem of project?.problems ?? []) {
        const uri = pathToUri(`${root}/${problem.file}`);
        const list = byUri.get(uri) ?? [];
        list.push({ line: problem.line, message: problem.message, severity: problem.severity });
        byUri.set(uri, list);
      }
    }
    return byUri;
  }
}
