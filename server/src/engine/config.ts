// guardline.yaml: where it is, what it may say, and the settings every front door applies (rule
// settings, ignore globs, audit mode, baseline) plus the declared services of the deployment
// context. Validation teaches: every problem names the key, says what is allowed, and sits on the
// line that has to change. The JSON Schema in schemas/guardline.schema.json describes the same file.
import { findRule, REGISTRY } from '../../../rules';
import { SEVERITIES, type Severity } from '../../../rules/api/types';
import { formatBytes } from './bytes';
import type { RuleSetting } from './engine';
import { compileGlob, GlobError } from './context/glob';
import { AUTHENTICATIONS, DATA_CLASSES, EXPOSURES, type Authentication, type DataClass, type Exposure } from './context/model';
import { LineIndex, parseYaml, type YEntry, type YNode } from './context/yaml-tree';

export const CONFIG_FILE_NAMES = ['guardline.yaml', '.guardline.yaml', 'guardline.yml', '.guardline.yml'];
/** The config format this Guardline reads. */
const CONFIG_VERSION = 1;
/** A guardline.yaml larger than this is not read (a real one is a few kilobytes). */
export const MAX_CONFIG_BYTES = 1_000_000;
/** Problems listed for one file; past them, one more says the rest are not listed. */
const MAX_PROBLEMS = 100;

export const TOP_LEVEL_KEYS = ['version', 'services', 'rules', 'ignore', 'baseline', 'audit', 'inference', '$schema'] as const;
export const SERVICE_KEYS = ['description', 'paths', 'exposure', 'authentication', 'identity', 'data'] as const;
export const IDENTITY_KEYS = ['permissions', 'privileged'] as const;
export const RULE_SETTING_KEYS = ['severity', 'options'] as const;

export interface ConfigProblem {
  message: string;
  /** 0-based line in the config file. */
  line: number;
  /** 0-based UTF-16 columns of the offending text on `line` (to `endLine`), when known. */
  character?: number;
  endLine?: number;
  endCharacter?: number;
  severity: 'error' | 'warning';
}

/** A value of guardline.yaml with the 0-based line it is written on. */
export interface Located<T> {
  value: T;
  line: number;
}

export interface DeclaredGlob {
  glob: string;
  line: number;
  character: number;
  endCharacter: number;
}

/** A service as guardline.yaml declares it. Fields left out are filled in from deployment files. */
export interface DeclaredService {
  name: string;
  /** Line of the service's name. */
  line: number;
  description?: string;
  paths: DeclaredGlob[];
  exposure?: Located<Exposure>;
  authentication?: Located<Authentication>;
  permissions?: Located<string[]>;
  privileged?: Located<boolean>;
  data?: Located<DataClass[]>;
}

export interface GuardlineSettings {
  rules: Record<string, RuleSetting>;
  /** Globs (relative to the config file's folder) of files never analysed. */
  ignore: string[];
  /** Report audit findings too. */
  audit: boolean;
  /** Baseline file, relative to the config file's folder. */
  baseline?: string;
  /** Declared services, in the order written. */
  services: DeclaredService[];
  /** Infer context from the repository's deployment files where guardline.yaml is silent. */
  inference: boolean;
  /** Where the ignore globs are written, for "matches nothing" checks. */
  ignoreGlobs: DeclaredGlob[];
}

export const DEFAULT_SETTINGS: GuardlineSettings = { rules: {}, ignore: [], audit: false, services: [], inference: true, ignoreGlobs: [] };

export interface ParsedSettings {
  settings: GuardlineSettings;
  problems: ConfigProblem[];
  /** No errors: the file says exactly what `settings` holds. With errors, `settings` holds the valid parts. */
  valid: boolean;
}

/** Words people use for an exposure or data class, mapped to the one Guardline means. */
const SYNONYMS: Record<string, string> = {
  public: 'internet', external: 'internet', 'internet-facing': 'internet', world: 'internet',
  private: 'internal', vpc: 'internal', intranet: 'internal', cluster: 'internal',
  vpn: 'partner', b2b: 'partner', offline: 'isolated', batch: 'isolated', none: 'isolated',
  pci: 'payment-card', card: 'payment-card', cards: 'payment-card', 'credit-card': 'payment-card', payments: 'payment-card', payment: 'payment-card',
  phi: 'health', hipaa: 'health', medical: 'health', personal: 'pii', 'personal-data': 'pii', gdpr: 'pii', customer: 'pii',
  passwords: 'credentials', password: 'credentials', tokens: 'secrets', keys: 'secrets', secret: 'secrets', credential: 'credentials',
  optional: 'none', anonymous: 'none', false: 'none', true: 'required', yes: 'required', no: 'none', oauth: 'required', jwt: 'required',
};

/** Parses and validates guardline.yaml text. Never throws. */
export function parseSettings(text: string): ParsedSettings {
  const problems: ConfigProblem[] = [];
  const lines = new LineIndex(text);
  const at = (start: number, end: number, message: string, severity: 'error' | 'warning' = 'error'): void => {
    if (problems.length >= MAX_PROBLEMS) {
      if (problems.length === MAX_PROBLEMS) problems.push({ message: `more than ${MAX_PROBLEMS} problems: fix these first, the rest are not listed`, line: 0, severity: 'error' });
      return;
    }
    const from = lines.position(start);
    const to = lines.position(Math.max(start, end));
    problems.push({ message, line: from.line, character: from.character, endLine: to.line, endCharacter: to.character, severity });
  };
  const fail = (): ParsedSettings => ({ settings: DEFAULT_SETTINGS, problems, valid: false });

  if (text.length > MAX_CONFIG_BYTES) {
    problems.push({ message: `guardline.yaml is ${formatBytes(text.length)}; Guardline reads config files up to ${formatBytes(MAX_CONFIG_BYTES)}. A config describes services and rules and needs a few kilobytes.`, line: 0, severity: 'error' });
    return fail();
  }
  const parsed = parseYaml(text);
  for (const error of parsed.errors) at(error.start, error.end, `Invalid YAML: ${error.message}`);
  if (parsed.errors.length) return fail();
  if (parsed.documents.length > 1) {
    problems.push({ message: 'guardline.yaml holds several YAML documents (---); put everything in one', line: 0, severity: 'error' });
    return fail();
  }
  const root = parsed.documents[0];
  if (!root) return { settings: DEFAULT_SETTINGS, problems, valid: true };
  if (root.kind !== 'map') {
    at(root.start, root.end, 'guardline.yaml must be a mapping of settings (version, services, rules, ignore, baseline, audit, inference)');
    return fail();
  }

  const settings: GuardlineSettings = { rules: {}, ignore: [], audit: false, services: [], inference: true, ignoreGlobs: [] };
  const errorsBefore = (): number => problems.filter((p) => p.severity === 'error').length;
  const v = new Validator(at, lines, () => problems.length >= MAX_PROBLEMS);
  v.keys(root, TOP_LEVEL_KEYS, 'at the top level of guardline.yaml');

  // Without a version the file is read as version 1; a later format will require its number.
  const version = v.find(root, 'version');
  if (version && (version.value.kind !== 'scalar' || version.value.value !== CONFIG_VERSION)) v.bad(version.value, `version must be ${CONFIG_VERSION}: this Guardline reads version ${CONFIG_VERSION} of guardline.yaml${version.value.kind === 'scalar' && typeof version.value.value === 'number' && version.value.value > CONFIG_VERSION ? '; upgrade Guardline to read a newer one' : ''}`);

  const services = v.find(root, 'services');
  if (services) settings.services = readServices(v, services.value);

  const rules = v.find(root, 'rules');
  if (rules) settings.rules = readRules(v, rules.value);

  const ignore = v.find(root, 'ignore');
  if (ignore) {
    settings.ignoreGlobs = readGlobs(v, ignore.value, 'ignore');
    settings.ignore = settings.ignoreGlobs.map((g) => g.glob);
  }

  const baseline = v.find(root, 'baseline');
  if (baseline) {
    const value = baseline.value;
    if (value.kind === 'scalar' && typeof value.value === 'string' && value.value.trim()) settings.baseline = value.value;
    else v.bad(value, 'baseline must be the path of the baseline file, relative to guardline.yaml (e.g. guardline.baseline.jsonl)');
  }

  const audit = v.find(root, 'audit');
  if (audit) {
    const value = v.boolean(audit.value, 'audit');
    if (value !== undefined) settings.audit = value;
  }
  const inference = v.find(root, 'inference');
  if (inference) {
    const value = v.boolean(inference.value, 'inference');
    if (value !== undefined) settings.inference = value;
  }
  return { settings, problems, valid: errorsBefore() === 0 };
}

function readServices(v: Validator, node: YNode): DeclaredService[] {
  const services: DeclaredService[] = [];
  if (node.kind === 'scalar' && node.value === null) return services;
  if (node.kind !== 'map') {
    v.bad(node, 'services must be a mapping from a service name to its description, e.g.\n  payments-api:\n    paths: ["services/payments/**"]\n    exposure: internet');
    return services;
  }
  for (const entry of v.uniqueEntries(node)) {
    const name = entry.key;
    const service: DeclaredService = { name, line: v.line(entry.keyStart), paths: [] };
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) v.badKey(entry, `service name "${name}" must be letters, digits, ".", "_" or "-" (up to 63 characters), starting with a letter or digit`);
    const body = entry.value;
    if (body.kind !== 'map') {
      v.bad(body, `service "${name}" must be a mapping with at least paths, e.g. paths: ["services/${name}/**"]`);
      continue;
    }
    v.keys(body, SERVICE_KEYS, `in service "${name}"`);
    const description = v.find(body, 'description');
    if (description) {
      if (description.value.kind === 'scalar' && typeof description.value.value === 'string') service.description = description.value.value;
      else v.bad(description.value, 'description must be text');
    }
    const paths = v.find(body, 'paths');
    if (!paths) v.badKey(entry, `service "${name}" needs paths: the globs of its code, e.g. paths: ["services/${name}/**"]`);
    else service.paths = readGlobs(v, paths.value, `paths of service "${name}"`);
    const exposure = v.find(body, 'exposure');
    if (exposure) {
      const value = v.oneOf(exposure.value, EXPOSURES, 'exposure', EXPOSURE_HELP);
      if (value) service.exposure = { value, line: v.line(exposure.keyStart) };
    }
    const authentication = v.find(body, 'authentication');
    if (authentication) {
      const value = v.oneOf(authentication.value, AUTHENTICATIONS, 'authentication', 'none: anyone who reaches it can call it; required: callers must authenticate first');
      if (value) service.authentication = { value, line: v.line(authentication.keyStart) };
    }
    const identity = v.find(body, 'identity');
    if (identity) readIdentity(v, identity.value, service);
    const data = v.find(body, 'data');
    if (data) {
      const list = data.value.kind === 'scalar' && typeof data.value.value === 'string' ? [data.value] : data.value.kind === 'seq' ? data.value.items : undefined;
      if (!list) v.bad(data.value, `data must be a list of data classes the service reads or stores: ${DATA_CLASSES.join(', ')}`);
      else {
        const classes: DataClass[] = [];
        for (const item of list) {
          const value = v.oneOf(item, DATA_CLASSES, 'a data class', DATA_HELP);
          if (value && !classes.includes(value)) classes.push(value);
        }
        service.data = { value: classes, line: v.line(data.keyStart) };
      }
    }
    services.push(service);
  }
  return services;
}

function readIdentity(v: Validator, node: YNode, service: DeclaredService): void {
  if (node.kind !== 'map') {
    v.bad(node, 'identity must be a mapping: permissions (the cloud actions the service may call, e.g. ["dynamodb:GetItem", "s3:*"]) and/or privileged: true');
    return;
  }
  v.keys(node, IDENTITY_KEYS, `in the identity of service "${service.name}"`);
  const permissions = v.find(node, 'permissions');
  if (permissions) {
    const value = permissions.value;
    const list = value.kind === 'scalar' && typeof value.value === 'string' ? [value] : value.kind === 'seq' ? value.items : undefined;
    if (!list) v.bad(value, 'permissions must be a list of cloud actions, e.g. ["dynamodb:GetItem", "kms:Decrypt", "s3:*"]');
    else {
      const actions: string[] = [];
      for (const item of list) {
        if (item.kind !== 'scalar' || typeof item.value !== 'string' || !item.value.trim()) v.bad(item, 'a permission is a cloud action written as text, e.g. "s3:GetObject" or "dynamodb:*"');
        else if (/\s/.test(item.value)) v.bad(item, `"${item.value}" is not a cloud action: actions have no spaces (e.g. "s3:GetObject", "storage.objects.get", "*")`);
        else actions.push(item.value);
      }
      service.permissions = { value: actions, line: v.line(permissions.keyStart) };
    }
  }
  const privileged = v.find(node, 'privileged');
  if (privileged) {
    const value = v.boolean(privileged.value, 'privileged');
    if (value !== undefined) service.privileged = { value, line: v.line(privileged.keyStart) };
  }
}

function readRules(v: Validator, node: YNode): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (node.kind === 'scalar' && node.value === null) return rules;
  if (node.kind !== 'map') {
    v.bad(node, 'rules must be a mapping from a rule id to off, a severity, or { severity, options }');
    return rules;
  }
  const levels = ['off', ...SEVERITIES] as const;
  for (const entry of v.uniqueEntries(node)) {
    const id = entry.key;
    if (!findRule(id) && !v.full()) {
      const guess = closest(id, REGISTRY.map((r) => r.rule.meta.id));
      v.badKey(entry, `unknown rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}`, 'warning');
    }
    const value = entry.value;
    if (value.kind === 'scalar') {
      if (value.value === false) {
        v.bad(value, `write "${id}: off" to turn the rule off`);
        continue;
      }
      const level = v.oneOf(value, levels, `the setting of rule "${id}"`, 'off turns the rule off; a severity replaces the rule\'s own');
      if (level) rules[id] = level;
    } else if (value.kind === 'map') {
      v.keys(value, RULE_SETTING_KEYS, `in the settings of rule "${id}"`);
      const setting: { severity?: Severity | 'off'; options?: Record<string, unknown> } = {};
      const severity = v.find(value, 'severity');
      if (severity) {
        const level = v.oneOf(severity.value, levels, 'severity', 'off turns the rule off; a severity replaces the rule\'s own');
        if (level) setting.severity = level;
      }
      const options = v.find(value, 'options');
      if (options) {
        if (options.value.kind === 'map') setting.options = toPlain(options.value) as Record<string, unknown>;
        else v.bad(options.value, `options of rule "${id}" must be a mapping of option names to values`);
      }
      rules[id] = setting;
    } else v.bad(value, `the setting of rule "${id}" must be off, a severity (${SEVERITIES.join(', ')}) or { severity, options }`);
  }
  return rules;
}

function readGlobs(v: Validator, node: YNode, what: string): DeclaredGlob[] {
  const list = node.kind === 'scalar' && typeof node.value === 'string' ? [node] : node.kind === 'seq' ? node.items : undefined;
  if (!list) {
    v.bad(node, `${what} must be a list of globs, e.g. ["services/payments/**", "!**/*.test.ts"]`);
    return [];
  }
  if (!list.length) v.bad(node, `${what} is empty: list at least one glob`);
  const globs: DeclaredGlob[] = [];
  for (const item of list) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') {
      v.bad(item, `each entry of ${what} must be a glob written as text, e.g. "services/payments/**"`);
      continue;
    }
    try {
      compileGlob(item.value);
    } catch (error) {
      if (!(error instanceof GlobError)) throw error;
      v.bad(item, `"${clip(item.value)}" in ${what}: ${error.message}`);
      continue;
    }
    const from = v.lines.position(item.start);
    const to = v.lines.position(item.end);
    globs.push({ glob: item.value, line: from.line, character: from.character, endCharacter: to.line === from.line ? to.character : from.character + 1 });
  }
  return globs;
}

const EXPOSURE_HELP = 'internet: anyone can reach it; partner: known outside parties (VPN, allow-listed IPs, mTLS); internal: only your own network; isolated: nothing calls it over the network (batch jobs, queues)';
const DATA_HELP = 'pii: personal data; payment-card: card numbers (PCI); credentials: passwords, tokens of users; health: medical data; secrets: keys and secrets of the system; public: nothing sensitive';

/** Checks shapes and values, collecting problems at the offending text. */
class Validator {
  constructor(
    private readonly at: (start: number, end: number, message: string, severity?: 'error' | 'warning') => void,
    readonly lines: LineIndex,
    /** Whether enough problems are listed: costly checks (suggestions) stop. */
    readonly full: () => boolean,
  ) {}

  bad(node: YNode, message: string): void {
    this.at(node.start, node.end, message);
  }
  badKey(entry: YEntry, message: string, severity: 'error' | 'warning' = 'error'): void {
    this.at(entry.keyStart, entry.keyEnd, message, severity);
  }
  line(offset: number): number {
    return this.lines.line(offset);
  }

  /** The entries of a mapping, reporting each key written twice (YAML would keep only one). */
  uniqueEntries(node: YNode): YEntry[] {
    if (node.kind !== 'map') return [];
    const seen = new Set<string>();
    const result: YEntry[] = [];
    for (const entry of node.entries) {
      if (seen.has(entry.key)) this.badKey(entry, `"${entry.key}" is written twice here; YAML keeps only one of them, so remove or merge the other`);
      else {
        seen.add(entry.key);
        result.push(entry);
      }
    }
    return result;
  }

  /** Reports keys of `node` that are not in `allowed`, suggesting the closest one. */
  keys(node: YNode, allowed: readonly string[], where: string): void {
    for (const entry of this.uniqueEntries(node)) {
      if (allowed.includes(entry.key)) continue;
      const guess = closest(entry.key, allowed);
      this.badKey(entry, `unknown key "${entry.key}" ${where}; ${guess ? `did you mean "${guess}"?` : `expected one of ${allowed.filter((k) => k !== '$schema').join(', ')}`}`);
    }
  }

  find(node: YNode, key: string): YEntry | undefined {
    return node.kind === 'map' ? node.entries.find((entry) => entry.key === key) : undefined;
  }

  oneOf<T extends string>(node: YNode, allowed: readonly T[], what: string, help: string): T | undefined {
    const value = node.kind === 'scalar' ? node.value : undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const text = value === undefined ? 'a list or mapping' : JSON.stringify(value);
    const hint = typeof value === 'string' || typeof value === 'boolean' ? SYNONYMS[String(value).toLowerCase()] ?? closest(String(value), allowed) : undefined;
    const suggestion = hint && (allowed as readonly string[]).includes(hint) ? ` Did you mean "${hint}"?` : '';
    this.bad(node, `${what} must be one of ${allowed.join(', ')}, not ${text}.${suggestion} (${help})`);
    return undefined;
  }

  boolean(node: YNode, what: string): boolean | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    this.bad(node, `${what} must be true or false`);
    return undefined;
  }
}

/** The allowed word closest to `word`, if it is close enough to be a typo. */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of allowed) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) return Infinity;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** Plain JavaScript value of a tree (its expanded size is bounded by the YAML reader). */
function toPlain(node: YNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const object: Record<string, unknown> = {};
  for (const entry of node.entries) if (!(entry.key in object)) object[entry.key] = toPlain(entry.value);
  return object;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
