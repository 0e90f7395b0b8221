// guardline.yaml: where it is and the settings every front door applies (rule settings, ignore
// globs, audit mode). Deployment context (services) is read by the context module from the same file.
import { parseDocument } from 'yaml';
import picomatch from 'picomatch';
import type { RuleSetting } from './engine';
import { SEVERITIES, type Severity } from '../../../rules/api/types';

export const CONFIG_FILE_NAMES = ['guardline.yaml', '.guardline.yaml', 'guardline.yml', '.guardline.yml'];

export interface ConfigProblem {
  message: string;
  /** 0-based line in the config file. */
  line: number;
  severity: 'error' | 'warning';
}

export interface GuardlineSettings {
  rules: Record<string, RuleSetting>;
  /** Globs (relative to the config file's folder) of files never analysed. */
  ignore: string[];
  /** Report audit findings too. */
  audit: boolean;
  /** Baseline file, relative to the config file's folder. */
  baseline?: string;
  /** The parsed document, for modules that read more of it (deployment context). */
  raw: Record<string, unknown>;
}

export const DEFAULT_SETTINGS: GuardlineSettings = { rules: {}, ignore: [], audit: false, raw: {} };

/** Parses guardline.yaml text. Never throws: problems come back with their lines. */
export function parseSettings(text: string): { settings: GuardlineSettings; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 0 : text.slice(0, offset).split('\n').length - 1);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) problems.push({ message: `Invalid YAML: ${error.message.split('\n')[0]}`, line: lineOf(error.pos?.[0]), severity: 'error' });
  if (doc.errors.length) return { settings: DEFAULT_SETTINGS, problems };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problems.push({ message: `Invalid YAML: ${(error as Error).message}`, line: 0, severity: 'error' });
    return { settings: DEFAULT_SETTINGS, problems };
  }
  if (raw === null || raw === undefined) return { settings: DEFAULT_SETTINGS, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ message: 'guardline.yaml must be a mapping of settings (version, services, rules, ignore...)', line: 0, severity: 'error' });
    return { settings: DEFAULT_SETTINGS, problems };
  }
  const object = raw as Record<string, unknown>;
  const settings: GuardlineSettings = { rules: {}, ignore: [], audit: false, raw: object };
  const rules = object.rules;
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
      if (value === 'off' || (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value))) settings.rules[id] = value as Severity | 'off';
      else if (value && typeof value === 'object') settings.rules[id] = value as RuleSetting;
    }
  }
  if (Array.isArray(object.ignore)) settings.ignore = object.ignore.filter((g): g is string => typeof g === 'string');
  if (typeof object.audit === 'boolean') settings.audit = object.audit;
  if (typeof object.baseline === 'string') settings.baseline = object.baseline;
  return { settings, problems };
}

/** A matcher for ignore globs over `/`-separated paths relative to the config folder. */
export function ignoreMatcher(globs: string[]): (relativePath: string) => boolean {
  if (!globs.length) return () => false;
  const matchers = globs.map((glob) => picomatch(glob.endsWith('/') ? `${glob}**` : glob, { dot: true }));
  return (relativePath) => matchers.some((match) => match(relativePath) || match(`${relativePath}/`));
}
