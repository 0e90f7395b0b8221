// The project around a file: guardline.yaml (settings and declared services), the deployment
// files of the repository (inferred context), and from both the deployment context of each file.
// Front doors load a Project once per workspace, ask it for each file's context and reload it when
// `isContextFile` says a changed file matters; the engine stays pure.
//
// Declared context always wins; inferred context fills what guardline.yaml leaves out and is
// labelled with the file and line it came from. Where the two disagree, a drift problem is reported
// on guardline.yaml. A guardline.yaml with errors never stops analysis: the last good version (or
// the valid parts, on a first load) stays in use, and a problem says so.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { CONFIG_FILE_NAMES, closest, DEFAULT_SETTINGS, MAX_CONFIG_BYTES, parseSettings, type DeclaredGlob, type DeclaredService, type GuardlineSettings } from '../config';
import type { FileContext } from '../risk';
import { compileGlob, globsMatcher, type CompiledGlob } from './glob';
import { joinUnits, readDeploymentFile, type FileFacts } from './infer';
import { EXPOSURE_RANK, where, type Authentication, type ContextProblem, type DeploymentUnit, type Evidence, type Exposure, type Known, type Origin } from './model';
import { blastRadius, uncovered } from './permissions';
import { formatBytes } from '../bytes';
import { deploymentKindOf, FileCache, listWorkspace, WORKSPACE_LIMITS } from './workspace';

export type { ContextProblem, DeploymentUnit, Evidence, Exposure, Origin } from './model';
export type { FileContext } from '../risk';

export interface Project {
  /** Absolute folder that paths are relative to: the folder of guardline.yaml, or the workspace. */
  root: string;
  /** Root-relative path of guardline.yaml, when there is one. */
  configFile?: string;
  /** The settings in use (the last good ones while guardline.yaml has errors). */
  settings: GuardlineSettings;
  /** Problems in guardline.yaml (config, drift, fallback) and in deployment files, each on its file. */
  problems: ContextProblem[];
  /**
   * guardline.yaml reads as written: valid YAML and every key and value allowed (or there is no
   * file). Problems found against the workspace (overlapping paths, globs that match nothing) are
   * errors too, but do not make the file unusable.
   */
  configValid: boolean;
  /** While guardline.yaml has errors: `last-good` keeps the previous valid version, `valid-parts` uses what could be read. */
  fallback?: 'last-good' | 'valid-parts';
  /** What the deployment files run, tied to code. */
  units: readonly DeploymentUnit[];
  /** Root-relative deployment files that were read. */
  deploymentFiles: readonly string[];
  stats: LoadStats;
  /** The deployment context of a file (root-relative or absolute path), if anything covers it. */
  contextFor(path: string): FileContext | undefined;
  /** Whether a change to this file (root-relative or absolute path) must reload the project. */
  isContextFile(path: string): boolean;
  /** Whether the `ignore` globs of the settings in use leave out this root-relative file. Compiled once per load. */
  isIgnored(path: string): boolean;
}

export interface LoadStats {
  milliseconds: number;
  filesListed: number;
  deploymentFiles: number;
  /** Deployment files parsed in this load; the others came from the previous load's cache. */
  parsed: number;
  reused: number;
  units: number;
}

export interface LoadOptions {
  /**
   * The project loaded before for the same root: unchanged deployment files are not parsed again,
   * and while guardline.yaml has errors its last good version stays in use.
   */
  previous?: Project;
  /** Use this config file (absolute, or relative to root) instead of looking for one in root. */
  configFile?: string;
  /** Texts of files open in an editor, by root-relative path, used instead of the disk. */
  openFiles?: ReadonlyMap<string, string>;
}

interface Internal {
  cache: FileCache<FileFacts>;
  /** The last settings read from a guardline.yaml without errors. */
  lastGood?: GuardlineSettings;
}
const internals = new WeakMap<Project, Internal>();

export function loadProject(root: string, options: LoadOptions = {}): Project {
  const started = performance.now();
  const previous = options.previous && options.previous.root === root ? internals.get(options.previous) : undefined;
  const problems: ContextProblem[] = [];
  const toRelative = (path: string): string | undefined => {
    const rel = (isAbsolute(path) ? relative(root, path) : path).split(sep).join('/').replace(/^\.\//, '');
    return rel.startsWith('../') || rel === '..' || isAbsolute(rel) ? undefined : rel;
  };

  // guardline.yaml
  const configFile = options.configFile ? toRelative(join(isAbsolute(options.configFile) ? '' : root, options.configFile)) ?? options.configFile : CONFIG_FILE_NAMES.find((name) => options.openFiles?.has(name) || existsSync(join(root, name)));
  let settings = DEFAULT_SETTINGS;
  /** The file as written (its valid parts), checked against the workspace even while it is not in use. */
  let written = DEFAULT_SETTINGS;
  let configValid = true;
  let lastGood = previous?.lastGood;
  let fallback: Project['fallback'];
  if (configFile) {
    const read = readConfig(root, configFile, options.openFiles);
    const parsed = read.text !== undefined ? parseSettings(read.text) : undefined;
    if (read.error) problems.push({ file: configFile, line: 0, message: read.error, severity: 'error', code: 'config' });
    for (const p of parsed?.problems ?? []) problems.push({ file: configFile, line: p.line, ...(p.character !== undefined ? { character: p.character, endLine: p.endLine ?? p.line, endCharacter: p.endCharacter ?? p.character } : {}), message: p.message, severity: p.severity, code: 'config' });
    configValid = !read.error && parsed !== undefined && parsed.valid;
    written = parsed?.settings ?? DEFAULT_SETTINGS;
    if (configValid) {
      settings = parsed!.settings;
      lastGood = settings;
    } else if (lastGood) {
      settings = lastGood;
      fallback = 'last-good';
      problems.push({ file: configFile, line: 0, message: `${configFile} has errors, so Guardline keeps using its last valid version until they are fixed`, severity: 'warning', code: 'fallback' });
    } else {
      settings = parsed?.settings ?? DEFAULT_SETTINGS;
      fallback = 'valid-parts';
      problems.push({ file: configFile, line: 0, message: `${configFile} has errors; until they are fixed, Guardline ranks findings with the parts it could read and with context inferred from deployment files`, severity: 'warning', code: 'fallback' });
    }
  }

  // Deployment files
  const listing = listWorkspace(root);
  const isIgnored = globsMatcher(settings.ignore);
  const candidates = settings.inference ? listing.files.filter((file) => deploymentKindOf(file) && !isIgnored(file)) : [];
  const deploymentFiles = candidates.slice(0, WORKSPACE_LIMITS.maxDeploymentFiles);
  if (candidates.length > deploymentFiles.length) problems.push({ file: deploymentFiles[deploymentFiles.length - 1]!, line: 0, message: `only the first ${WORKSPACE_LIMITS.maxDeploymentFiles} of ${candidates.length} deployment files are read for context`, severity: 'warning', code: 'deployment-file' });
  const cache = previous?.cache.retain(deploymentFiles) ?? new FileCache<FileFacts>();
  const budget = { bytes: WORKSPACE_LIMITS.maxDeploymentBytes };
  const facts = new Map<string, FileFacts>();
  for (const file of deploymentFiles) {
    const result = cache.get(root, file, options.openFiles?.get(file), (read) => readDeploymentFile(file, deploymentKindOf(file)!, read), budget);
    facts.set(file, result);
    problems.push(...result.problems);
  }
  let units: DeploymentUnit[] = [];
  try {
    units = joinUnits(facts, listing.files, servicePaths(settings.services));
  } catch (error) {
    // A bug in joining must not take the editor down: rank with guardline.yaml alone, and say so.
    problems.push({ file: configFile ?? deploymentFiles[0] ?? '.', line: 0, message: `context could not be inferred from deployment files (${(error as Error).message}); only guardline.yaml is used`, severity: 'warning', code: 'deployment-file' });
  }

  // The services and ignore globs as written, against the files of the workspace
  const declared = written.services.map((service) => new ServiceMatcher(service));
  const declaredIndex = new ServiceIndex(declared);
  const ignoreGlobs = written.ignoreGlobs.map((g) => ({ declared: g, glob: tryCompile(g.glob), hit: false }));
  const unitsByPath = new Map<string, DeploymentUnit[]>();
  for (const unit of units) for (const path of unit.codePaths) unitsByPath.set(path, [...(unitsByPath.get(path) ?? []), unit]);
  const relevantUnits = new Map<DeclaredService, Set<DeploymentUnit>>();
  const overlaps = new Map<string, { a: ServiceMatcher; b: ServiceMatcher; file: string; count: number }>();
  for (const file of listing.files) {
    for (const ignore of ignoreGlobs) if (!ignore.hit && ignore.glob?.match(file)) ignore.hit = true;
    const owners = declaredIndex.owners(file);
    if (!owners.length) continue;
    for (let i = 1; i < owners.length; i++) {
      const key = `${owners[0]!.service.name}\u0000${owners[i]!.service.name}`;
      const overlap = overlaps.get(key);
      if (overlap) overlap.count++;
      else overlaps.set(key, { a: owners[0]!, b: owners[i]!, file, count: 1 });
    }
    const relevant = relevantUnits.get(owners[0]!.service) ?? new Set();
    for (const unit of coveringUnits(file, unitsByPath)) relevant.add(unit.unit);
    relevantUnits.set(owners[0]!.service, relevant);
  }
  if (configFile) {
    const at = (glob: DeclaredGlob): Pick<ContextProblem, 'file' | 'line' | 'character' | 'endLine' | 'endCharacter'> => ({ file: configFile, line: glob.line, character: glob.character, endLine: glob.line, endCharacter: glob.endCharacter });
    for (const { a, b, file, count } of overlaps.values()) {
      const glob = b.globFor(file) ?? b.service.paths[0]!;
      problems.push({ ...at(glob), message: `services "${a.service.name}" and "${b.service.name}" both cover ${file}${count > 1 ? ` and ${count - 1} more file${count > 2 ? 's' : ''}` : ''}; a file belongs to one service, so narrow one of the globs or exclude the other's files with "!..."`, severity: 'error', code: 'config' });
    }
    const trusted = !listing.truncated;
    for (const service of declared) {
      for (const { declared: glob, compiled } of service.globs) {
        if (compiled?.exhausted) problems.push({ ...at(glob), message: `"${glob.glob}" is too expensive to match against this workspace and was given up; write it with fewer wildcards`, severity: 'error', code: 'config' });
        else if (trusted && compiled && !compiled.negated && !service.hits.has(compiled)) problems.push({ ...at(glob), message: `"${glob.glob}" in the paths of service "${service.service.name}" matches no file in the workspace${suggestFolder(glob.glob, listing.folders)}; that service gets no context from it`, severity: 'error', code: 'config' });
      }
    }
    // Ignore globs often guard against files yet to come (dist/, *.min.js): only a likely typo is reported.
    for (const ignore of ignoreGlobs) {
      const suggestion = trusted && ignore.glob && !ignore.glob.negated && !ignore.hit ? suggestFolder(ignore.declared.glob, listing.folders) : '';
      if (suggestion) problems.push({ ...at(ignore.declared), message: `ignore glob "${ignore.declared.glob}" matches no file in the workspace${suggestion}`, severity: 'warning', code: 'config' });
    }
    if (listing.truncated) problems.push({ file: configFile, line: 0, message: `${listing.truncated}; globs that match nothing are not reported`, severity: 'warning', code: 'config' });
    for (const service of written.services) problems.push(...driftOf(service, [...(relevantUnits.get(service) ?? [])], configFile));
  }

  // The services in use decide each file's context: first declared wins where globs overlap.
  const inUse = settings === written ? declaredIndex : new ServiceIndex(settings.services.map((service) => new ServiceMatcher(service)));

  const memo = new Map<string, FileContext | undefined>();
  const shared = new Map<string, FileContext | undefined>();
  const project: Project = {
    root,
    ...(configFile ? { configFile } : {}),
    settings,
    problems,
    configValid,
    ...(fallback ? { fallback } : {}),
    units,
    deploymentFiles,
    stats: { milliseconds: Math.round(performance.now() - started), filesListed: listing.files.length, deploymentFiles: deploymentFiles.length, parsed: cache.misses, reused: cache.hits, units: units.length },
    contextFor(path) {
      const rel = toRelative(path);
      if (rel === undefined) return undefined;
      if (!memo.has(rel)) {
        // Files with the same service and the same covering units share one context object.
        const service = inUse.owners(rel)[0]?.service;
        const covering = coveringUnits(rel, unitsByPath);
        const key = `${service?.name ?? ''}\u0000${covering.map((c) => `${c.depth}:${units.indexOf(c.unit)}`).join(',')}`;
        if (!shared.has(key)) shared.set(key, contextOf(service, covering, configFile));
        if (memo.size < MAX_MEMO) memo.set(rel, shared.get(key));
        else return shared.get(key);
      }
      return memo.get(rel);
    },
    isContextFile(path) {
      const rel = toRelative(path);
      if (rel === undefined) return false;
      if (rel === configFile || CONFIG_FILE_NAMES.includes(rel)) return true;
      return deploymentKindOf(rel) !== undefined && !rel.split('/').some((segment) => segment === 'node_modules' || segment === '.git');
    },
    isIgnored,
  };
  internals.set(project, { cache, ...(lastGood ? { lastGood } : {}) });
  return project;
}

function readConfig(root: string, file: string, openFiles: ReadonlyMap<string, string> | undefined): { text?: string; error?: string } {
  const open = openFiles?.get(file);
  if (open !== undefined) return { text: open };
  try {
    const size = statSync(join(root, file)).size;
    if (size > MAX_CONFIG_BYTES) return { error: `${file} is ${formatBytes(size)}; Guardline reads config files up to ${formatBytes(MAX_CONFIG_BYTES)}. A config describes services and rules and needs a few kilobytes.` };
    return { text: readFileSync(join(root, file), 'utf8') };
  } catch (error) {
    return { error: `could not read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

function tryCompile(glob: string): CompiledGlob | undefined {
  try {
    return compileGlob(glob);
  } catch {
    return undefined; // reported by config validation
  }
}

/** A declared service's globs, compiled once, remembering which of them matched anything. */
class ServiceMatcher {
  readonly globs: Array<{ declared: DeclaredGlob; compiled: CompiledGlob | undefined }>;
  readonly hits = new Set<CompiledGlob>();
  constructor(readonly service: DeclaredService) {
    this.globs = service.paths.map((declared) => ({ declared, compiled: tryCompile(declared.glob) }));
  }
  /** Later globs win: a path is covered when a plain glob matches it and no later `!` glob does. */
  covers(path: string): boolean {
    let covered = false;
    for (const { compiled } of this.globs) {
      if (!compiled || compiled.negated !== covered) continue;
      if (compiled.match(path)) {
        covered = !compiled.negated;
        if (covered) this.hits.add(compiled);
      }
    }
    return covered;
  }
  globFor(path: string): DeclaredGlob | undefined {
    return this.globs.find((g) => g.compiled && !g.compiled.negated && g.compiled.match(path))?.declared;
  }
}

/**
 * Declared services indexed by the folders their globs start in, so a path is only matched
 * against the services that could cover it (hundreds of services stay cheap).
 */
class ServiceIndex {
  private readonly byBase = new Map<string, number[]>();
  private readonly anywhere: number[] = [];
  constructor(readonly services: readonly ServiceMatcher[]) {
    services.forEach((service, index) => {
      const bases = [...new Set(service.globs.filter((g) => g.compiled && !g.compiled.negated).map((g) => g.compiled!.base))];
      if (bases.includes('')) this.anywhere.push(index);
      else for (const base of bases) this.byBase.set(base, [...(this.byBase.get(base) ?? []), index]);
    });
  }
  /** Every service covering `path`, in the order declared. */
  owners(path: string): ServiceMatcher[] {
    const indexes = new Set(this.anywhere);
    for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
      for (const index of this.byBase.get(path.slice(0, end)) ?? []) indexes.add(index);
    }
    return [...indexes].sort((a, b) => a - b).map((i) => this.services[i]!).filter((service) => service.covers(path));
  }
}

/** Units whose code contains `path`, most specific (deepest code path) first. */
function coveringUnits(path: string, unitsByPath: ReadonlyMap<string, DeploymentUnit[]>): Array<{ unit: DeploymentUnit; depth: number }> {
  const result: Array<{ unit: DeploymentUnit; depth: number }> = [];
  const segments = path.split('/');
  for (let depth = segments.length; depth >= 0; depth--) {
    const prefix = segments.slice(0, depth).join('/');
    for (const unit of unitsByPath.get(prefix) ?? []) if (!result.some((r) => r.unit === unit)) result.push({ unit, depth });
  }
  return result;
}

/** One exposure fact from a unit's evidence ("listens" counts as reachable inside the network). */
interface ExposureFact {
  exposure: Exposure;
  authentication?: Authentication;
  origin: Origin;
  entry: string;
}

function exposureFacts(evidence: readonly Evidence[]): ExposureFact[] {
  const facts: ExposureFact[] = [];
  for (const e of evidence) {
    if (e.kind === 'exposure') facts.push({ exposure: e.exposure, ...(e.authentication ? { authentication: e.authentication } : {}), origin: e.origin, entry: `${e.origin.detail} at ${where(e.origin)}` });
    else if (e.kind === 'listens') facts.push({ exposure: 'internal', origin: e.origin, entry: `listens on port ${e.port} at ${where(e.origin)}` });
  }
  return facts;
}

/**
 * The strongest exposure: most reachable first, then without authentication, then from what runs
 * in production (Kubernetes, Terraform, serverless) before docker-compose, which is often local.
 */
function strongest(facts: readonly ExposureFact[]): ExposureFact | undefined {
  const local = (f: ExposureFact): number => (deploymentKindOf(f.origin.file) === 'compose' ? 1 : 0);
  return [...facts].sort((a, b) => EXPOSURE_RANK[b.exposure] - EXPOSURE_RANK[a.exposure] || authOrder(a) - authOrder(b) || local(a) - local(b))[0];
}
const authOrder = (f: ExposureFact): number => (f.authentication === 'none' ? 0 : f.authentication === 'required' ? 1 : 2);

interface InferredContext {
  service: string;
  exposure?: ExposureFact;
  authentication?: Known<Authentication>;
  permissions?: Known<string[]>;
  privileged?: Known<boolean>;
}

/** Context from the units covering a file: for each field, the most specific units that say something. */
function inferredContext(covering: Array<{ unit: DeploymentUnit; depth: number }>): InferredContext | undefined {
  if (!covering.length) return undefined;
  const depths = [...new Set(covering.map((c) => c.depth))];
  const group = (depth: number): DeploymentUnit[] => covering.filter((c) => c.depth === depth).map((c) => c.unit);
  const result: InferredContext = { service: covering[0]!.unit.shortName };
  for (const depth of depths) {
    const evidence = group(depth).flatMap((u) => u.evidence);
    if (!result.exposure) {
      const facts = exposureFacts(evidence);
      const best = strongest(facts);
      if (best) {
        result.exposure = best;
        const atLevel = facts.filter((f) => f.exposure === best.exposure);
        const auth = atLevel.find((f) => f.authentication === 'none') ?? atLevel.find((f) => f.authentication === 'required');
        if (auth?.authentication) result.authentication = { value: auth.authentication, origin: auth.origin };
      }
    }
    if (!result.permissions) {
      const grants = evidence.filter((e): e is Extract<Evidence, { kind: 'permissions' }> => e.kind === 'permissions');
      if (grants.length) {
        const actions = [...new Set(grants.flatMap((g) => g.permissions))];
        const broadest = grants.find((g) => blastRadius(g.permissions, false) === 'admin') ?? grants.find((g) => blastRadius(g.permissions, false) === 'broad') ?? grants[0]!;
        result.permissions = { value: actions, origin: broadest.origin };
      }
    }
    if (!result.privileged) {
      const privileged = evidence.find((e) => e.kind === 'privileged');
      if (privileged) result.privileged = { value: true, origin: privileged.origin };
    }
  }
  return result;
}

/** Paths whose context is remembered; past this, contexts are still shared but paths are not kept. */
const MAX_MEMO = 100_000;

/** A file's context: declared values first, inferred ones for what guardline.yaml leaves out. */
function contextOf(service: DeclaredService | undefined, covering: Array<{ unit: DeploymentUnit; depth: number }>, configFile: string | undefined): FileContext | undefined {
  const inferred = inferredContext(covering);
  if (!service && !inferred) return undefined;
  const declaredOrigin = (line: number): Origin => ({ source: 'declared', file: configFile ?? 'guardline.yaml', line });
  const context: FileContext = {};
  if (service) {
    context.service = service.name;
    context.serviceSource = 'declared';
  } else if (inferred) {
    context.service = inferred.service;
    context.serviceSource = 'inferred';
  }
  if (service?.exposure) context.exposure = { value: service.exposure.value, origin: declaredOrigin(service.exposure.line) };
  else if (inferred?.exposure) context.exposure = { value: inferred.exposure.exposure, origin: inferred.exposure.origin };
  if (inferred?.exposure && context.exposure?.value === inferred.exposure.exposure) context.entryPoint = inferred.exposure.entry;
  if (service?.authentication) context.authentication = { value: service.authentication.value, origin: declaredOrigin(service.authentication.line) };
  else if (inferred?.authentication) context.authentication = inferred.authentication;
  if (service?.permissions) context.permissions = { value: service.permissions.value, origin: declaredOrigin(service.permissions.line) };
  else if (inferred?.permissions && !service?.privileged) context.permissions = inferred.permissions;
  if (service?.privileged) context.privileged = { value: service.privileged.value, origin: declaredOrigin(service.privileged.line) };
  else if (inferred?.privileged && !service?.permissions) context.privileged = inferred.privileged;
  if (service?.data) context.data = { value: service.data.value, origin: declaredOrigin(service.data.line) };
  return context;
}

const REACH_WORDS: Record<Exposure, string> = { internet: 'to the internet', partner: 'to partners', internal: 'on the internal network', isolated: 'to nothing' };

/** Where guardline.yaml says less than the deployment files show. */
function driftOf(service: DeclaredService, units: readonly DeploymentUnit[], configFile: string): ContextProblem[] {
  const problems: ContextProblem[] = [];
  const drift = (line: number, message: string): void => void problems.push({ file: configFile, line, message, severity: 'warning', code: 'drift' });
  const evidence = units.flatMap((u) => u.evidence);
  const facts = exposureFacts(evidence);
  const best = strongest(facts);
  if (service.exposure && best && EXPOSURE_RANK[best.exposure] > EXPOSURE_RANK[service.exposure.value]) {
    const how = best.origin.detail?.startsWith('EXPOSE') ? `listens on port ${best.origin.detail.slice(7)}` : `exposes it ${REACH_WORDS[best.exposure]}`;
    drift(service.exposure.line, `service "${service.name}" is declared ${service.exposure.value}, but ${where(best.origin)} ${how} (${best.origin.detail}); declare exposure: ${best.exposure}, or fix the deployment`);
  }
  if (service.authentication?.value === 'required') {
    const open = facts.find((f) => f.authentication === 'none' && EXPOSURE_RANK[f.exposure] >= EXPOSURE_RANK.partner);
    if (open) drift(service.authentication.line, `service "${service.name}" is declared authentication: required, but ${where(open.origin)} lets callers in without it (${open.origin.detail})`);
  }
  const grants = evidence.filter((e): e is Extract<Evidence, { kind: 'permissions' }> => e.kind === 'permissions');
  if (service.permissions && grants.length) {
    const missing = uncovered(service.permissions.value, grants.flatMap((g) => g.permissions));
    if (missing.length) {
      const source = grants.find((g) => g.permissions.some((p) => missing.includes(p)))!;
      const shown = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` (+${missing.length - 3} more)` : '');
      drift(service.permissions.line, `the declared permissions of service "${service.name}" leave out ${shown}, which ${where(source.origin)} grants (${source.origin.detail}); add them, or narrow the policy`);
    }
  }
  const privileged = evidence.find((e) => e.kind === 'privileged');
  if (privileged && (service.privileged?.value === false || (service.permissions && !service.privileged))) {
    drift((service.privileged ?? service.permissions)!.line, `service "${service.name}" is not declared privileged, but ${where(privileged.origin)} makes it so (${privileged.origin.detail})`);
  }
  return problems;
}

/** Declared service name → the folders its positive globs start with (`services/api/**` → `services/api`). */
function servicePaths(services: readonly DeclaredService[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const service of services) {
    const folders = service.paths
      .filter((p) => !p.glob.startsWith('!'))
      .map((p) => literalFolder(p.glob))
      .filter((folder): folder is string => folder !== undefined);
    if (folders.length) result.set(service.name, [...new Set(folders)]);
  }
  return result;
}

/** The folder a glob starts with before any wildcard; undefined when it starts with one. */
function literalFolder(glob: string): string | undefined {
  const segments: string[] = [];
  for (const segment of glob.replace(/^(\.\/|\/)/, '').replace(/\/+$/, '').split('/')) {
    if (/[*?[{\\]/.test(segment)) break;
    segments.push(segment);
  }
  return segments.length ? segments.join('/') : undefined;
}

/** ", did you mean "services/payments/**"?" when a glob's folder is a typo of an existing one. */
function suggestFolder(glob: string, folders: ReadonlySet<string>): string {
  const segments = glob.replace(/^!?(\.\/)?/, '').split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (/[*?[{\\]/.test(segment)) break;
    literal.push(segment);
  }
  if (!literal.length) return '';
  const prefix = literal.join('/');
  const candidates = [...folders].filter((f) => f.split('/').length === literal.length);
  const guess = closest(prefix, candidates);
  return guess && guess !== prefix ? `; did you mean "${guess}${glob.slice(glob.indexOf(prefix) + prefix.length)}"?` : '';
}
