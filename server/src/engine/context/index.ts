// The project around a file: guardline.yaml (settings and declared services) and, from it, the
// deployment context of each file. Front doors load a Project once per workspace and ask it for
// each file's context; the engine stays pure.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAMES, DEFAULT_SETTINGS, parseSettings, type GuardlineSettings } from '../config';
import type { FileContext } from '../risk';

/** A problem in guardline.yaml or a deployment file, reported on that file. */
export interface ContextProblem {
  /** Root-relative, `/`-separated. */
  file: string;
  /** 0-based. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface Project {
  root: string;
  /** Root-relative path of guardline.yaml, when there is one. */
  configFile?: string;
  settings: GuardlineSettings;
  problems: ContextProblem[];
  /** The deployment context of a root-relative file path, if a service covers it. */
  contextFor(path: string): FileContext | undefined;
  /** Whether a root-relative path is one whose change must reload the project. */
  isContextFile(path: string): boolean;
}

interface Service {
  name: string;
  matches: (path: string) => boolean;
}

export function loadProject(root: string): Project {
  const configFile = CONFIG_FILE_NAMES.find((name) => existsSync(join(root, name)));
  let settings = DEFAULT_SETTINGS;
  const problems: ContextProblem[] = [];
  if (configFile) {
    const parsed = parseSettings(readFileSync(join(root, configFile), 'utf8'));
    settings = parsed.settings;
    for (const p of parsed.problems) problems.push({ file: configFile, line: p.line, message: p.message, severity: p.severity });
  }
  const services: Service[] = [];
  const declared = settings.raw.services;
  if (declared && typeof declared === 'object' && !Array.isArray(declared)) {
    for (const [name, value] of Object.entries(declared as Record<string, unknown>)) {
      const paths = value && typeof value === 'object' && Array.isArray((value as { paths?: unknown }).paths) ? ((value as { paths: unknown[] }).paths.filter((p) => typeof p === 'string') as string[]) : [];
      if (paths.length) services.push({ name, matches: picomatch(paths, { dot: true }) });
    }
  }
  return {
    root,
    ...(configFile ? { configFile } : {}),
    settings,
    problems,
    contextFor: (path) => {
      const service = services.find((s) => s.matches(path));
      return service ? { service: service.name } : undefined;
    },
    isContextFile: (path) => CONFIG_FILE_NAMES.includes(path),
  };
}
