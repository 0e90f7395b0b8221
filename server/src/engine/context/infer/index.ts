// Inference: reads each deployment file into facts (cached per file), then joins the facts into
// deployment units tied to code: Kubernetes Services and Ingresses to workloads by selector, and
// workloads to code by image through compose, skaffold and Dockerfiles; Terraform and serverless
// functions to their source folders and handler files.
import { posix } from 'node:path';
import { parseHcl } from '../hcl';
import { inferred, type ContextProblem, type DeploymentUnit, type Evidence } from '../model';
import { LineIndex, parseYaml } from '../yaml-tree';
import type { DeploymentKind, ReadResult } from '../workspace';
import { isLoopback, readCompose, readDockerfile, readSkaffold, type ComposeFacts, type DockerfileFacts, type SkaffoldFacts } from './containers';
import { isKubernetesManifest, readKubernetes, sameNamespace, selects, type KubernetesFacts } from './kubernetes';
import { readServerless, type ServerlessFacts } from './serverless';
import { inferTerraform, resourcesOf, type TfResource } from './terraform';

/** What one deployment file says, before it is joined with the others. */
export interface FileFacts {
  kind: DeploymentKind;
  dockerfile?: DockerfileFacts;
  compose?: ComposeFacts;
  kubernetes?: KubernetesFacts;
  skaffold?: SkaffoldFacts;
  serverless?: ServerlessFacts;
  terraform?: TfResource[];
  /** Why the file could not be used, in full or in part. */
  problems: ContextProblem[];
}

/** Reads one deployment file. Never throws. */
export function readDeploymentFile(file: string, kind: DeploymentKind, read: ReadResult): FileFacts {
  const facts: FileFacts = { kind, problems: [] };
  const problem = (line: number, message: string): void => void facts.problems.push({ file, line, message, severity: 'warning', code: 'deployment-file' });
  if (read.text === undefined) {
    problem(0, `not used for deployment context: ${read.skipped ?? 'could not read it'}`);
    return facts;
  }
  const text = read.text;
  try {
    if (kind === 'dockerfile') facts.dockerfile = readDockerfile(text);
    else if (kind === 'terraform') {
      const parsed = parseHcl(text);
      if (parsed.error) problem(parsed.error.line, `Terraform could not be read past line ${parsed.error.line + 1} (${parsed.error.message}); deployment context uses what came before it`);
      facts.terraform = resourcesOf(file, parsed.body);
    } else {
      // Helm and other templates are not YAML until rendered.
      if (kind === 'kubernetes' && (!isKubernetesManifest(text) || /\{\{/.test(text))) return facts;
      const parsed = parseYaml(text);
      const lines = new LineIndex(text);
      for (const error of parsed.errors.slice(0, 3)) problem(lines.line(error.start), `not used for deployment context: ${error.message}`);
      if (parsed.errors.length && !parsed.documents.length) return facts;
      if (kind === 'kubernetes') facts.kubernetes = readKubernetes(parsed.documents, lines);
      else if (kind === 'compose') facts.compose = readCompose(file, parsed.documents[0], lines);
      else if (kind === 'skaffold') facts.skaffold = readSkaffold(file, parsed.documents, lines);
      else if (kind === 'serverless') facts.serverless = readServerless(file, parsed.documents[0], lines);
    }
  } catch (error) {
    // A reader bug must not take the editor down: report it on the file and carry on.
    problem(0, `not used for deployment context: Guardline could not read it (${(error as Error).message})`);
  }
  return facts;
}

/**
 * Joins the facts of every deployment file into units tied to code. `servicePaths` (declared
 * service name → folders of its code) ties a workload to code when no build file names its image
 * but its name is a declared service's (Deployment `payments` → service `payments`).
 */
export function joinUnits(facts: ReadonlyMap<string, FileFacts>, files: readonly string[], servicePaths: ReadonlyMap<string, string[]> = new Map()): DeploymentUnit[] {
  const units: DeploymentUnit[] = [];
  const images = new ImageIndex();
  const byName = (...names: string[]): string[] => {
    for (const name of names) {
      const paths = servicePaths.get(name) ?? servicePaths.get(lastSegment(normalizeImage(name)));
      if (paths?.length) return paths;
    }
    return [];
  };
  const all = [...facts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  for (const [file, f] of all) {
    if (f.kind === 'dockerfile') images.addDockerfile(file);
    for (const artifact of f.skaffold?.artifacts ?? []) images.add(artifact.image, artifact.context);
    for (const service of f.compose?.services ?? []) if (service.build) images.add(service.image ?? service.name, codeOfBuild(service.build));
  }

  // docker-compose services.
  for (const [file, f] of all) {
    for (const service of f.compose?.services ?? []) {
      const code = service.build ? codeOfBuild(service.build) : service.image ? images.resolve(service.image) ?? byName(service.name, service.image)[0] : byName(service.name)[0];
      if (code === undefined) continue;
      const evidence: Evidence[] = [];
      for (const port of service.ports) {
        const local = isLoopback(port.hostIp);
        // Most compose files run a developer's stack: only one named for production counts as internet-facing.
        const production = /prod/i.test(posix.basename(file));
        evidence.push({ kind: 'exposure', exposure: !local && production ? 'internet' : 'internal', origin: inferred(file, port.line, `compose service ${service.name} publishes port ${port.published} on ${local ? `${port.hostIp} only` : 'every host interface'}`) });
      }
      if (service.privileged) evidence.push({ kind: 'privileged', origin: inferred(file, service.privileged.line, `compose service ${service.name} runs privileged`) });
      units.push({ name: `compose service ${service.name}`, shortName: service.name, codePaths: [code], evidence, origin: inferred(file, service.line, `compose service ${service.name}`) });
    }
  }

  // Terraform, joined across the files of each module folder.
  const terraform = inferTerraform(all.flatMap(([, f]) => f.terraform ?? []));
  for (const unit of terraform.units) {
    let codePaths = [...unit.codePaths, ...(unit.images ?? []).map((image) => images.resolve(image)).filter((p): p is string => p !== undefined)];
    if (!codePaths.length) codePaths = byName(unit.shortName, ...(unit.images ?? []));
    if (codePaths.length) units.push({ ...unit, codePaths: [...new Set(codePaths)] });
  }

  // Kubernetes, joined across every manifest.
  const k8s = all.flatMap(([file, f]) => (f.kubernetes ? [{ file, ...f.kubernetes }] : []));
  for (const { file, workloads } of k8s) {
    for (const workload of workloads) {
      let codePaths = [...new Set(workload.images.map((i) => images.resolve(i.image)).filter((p): p is string => p !== undefined))];
      if (!codePaths.length) codePaths = byName(workload.name, ...workload.images.map((i) => i.image));
      if (!codePaths.length) continue;
      const evidence: Evidence[] = [];
      for (const source of k8s) {
        for (const service of source.services) {
          if (!sameNamespace(service.namespace, workload.namespace) || !selects(service.selector, workload.podLabels)) continue;
          const exposure = service.type === 'LoadBalancer' ? (service.internal ? 'internal' : 'internet') : service.type === 'NodePort' ? 'internet' : 'internal';
          const how = service.type === 'NodePort' ? `opens node port ${service.ports.join(', ') || '(assigned)'} on every node` : service.type === 'LoadBalancer' ? `is a${service.internal ? 'n internal' : ''} LoadBalancer` : `is a ${service.type}`;
          evidence.push({ kind: 'exposure', exposure, origin: inferred(source.file, service.typeLine, `Service ${service.name} ${how}`) });
          for (const ingressSource of k8s) {
            for (const ingress of ingressSource.ingresses) {
              if (!sameNamespace(ingress.namespace, service.namespace)) continue;
              for (const backend of ingress.backends.filter((b) => b.service === service.name)) {
                evidence.push({
                  kind: 'exposure',
                  exposure: ingress.internal ? 'internal' : 'internet',
                  ...(ingress.authenticated ? { authentication: 'required' as const } : {}),
                  origin: inferred(ingressSource.file, backend.line, `Ingress ${ingress.name} routes ${backend.host ?? 'all hosts'} to Service ${service.name}`),
                });
              }
            }
          }
        }
      }
      if (workload.privileged) evidence.push({ kind: 'privileged', origin: inferred(file, workload.privileged.line, `${workload.kind} ${workload.name}: ${workload.privileged.why}`) });
      const account = workload.serviceAccount ?? 'default';
      for (const source of k8s) {
        for (const sa of source.serviceAccounts) {
          if (sa.name !== account || !sameNamespace(sa.namespace, workload.namespace) || !sa.roleArn) continue;
          const role = terraform.roles.get(sa.roleArn.slice(sa.roleArn.lastIndexOf('/') + 1));
          if (role) evidence.push({ kind: 'permissions', permissions: role.actions, origin: inferred(role.file, role.line, `${role.detail}, assumed by ServiceAccount ${sa.name}`) });
        }
        for (const binding of source.bindings) {
          if (!binding.subjects.some((s) => s.name === account && sameNamespace(s.namespace ?? binding.namespace, workload.namespace))) continue;
          const wildcard = binding.roleName === 'cluster-admin' || binding.roleName === 'admin' || k8s.some((s) => s.roles.some((r) => r.name === binding.roleName && r.wildcard));
          if (wildcard) evidence.push({ kind: 'privileged', origin: inferred(source.file, binding.line, `ServiceAccount ${account} is bound to ${binding.roleName}`) });
        }
      }
      units.push({ name: `${workload.kind} ${workload.name}`, shortName: workload.name, codePaths, images: workload.images.map((i) => i.image), evidence, origin: inferred(file, workload.line, `${workload.kind} ${workload.name}`) });
    }
  }

  // serverless.yml: each function's handler file, and the package as a whole for shared code.
  const fileSet = new Set(files);
  for (const [file, f] of all) {
    const sls = f.serverless;
    if (!sls) continue;
    const packageEvidence: Evidence[] = [];
    const shared = sls.permissions.map((p): Evidence => ({ kind: 'permissions', permissions: p.actions, origin: inferred(file, p.line, `provider IAM statements of ${file}`) }));
    for (const fn of sls.functions) {
      const evidence: Evidence[] = [...shared];
      for (const event of fn.http) evidence.push({ kind: 'exposure', exposure: 'internet', authentication: event.authenticated ? 'required' : 'none', origin: inferred(file, event.line, `function ${fn.name}: ${event.what} ${event.authenticated ? 'with an authorizer' : 'with no authorizer'}`) });
      if (!fn.http.length && fn.scheduledOnly) evidence.push({ kind: 'exposure', exposure: 'isolated', origin: inferred(file, fn.line, `function ${fn.name} runs on a schedule only`) });
      for (const p of fn.permissions) evidence.push({ kind: 'permissions', permissions: p.actions, origin: inferred(file, p.line, `IAM statements of function ${fn.name}`) });
      packageEvidence.push(...evidence.filter((e) => !shared.includes(e)));
      const handlerFiles = fn.handler ? HANDLER_EXTENSIONS.map((ext) => fn.handler + ext).filter((p) => fileSet.has(p)) : [];
      if (handlerFiles.length) units.push({ name: `serverless function ${fn.name}`, shortName: sls.service ?? fn.name, codePaths: handlerFiles, evidence, origin: inferred(file, fn.line, `function ${fn.name}`) });
    }
    units.push({ name: `serverless service ${sls.service ?? dirOf(file)}`, shortName: sls.service ?? posix.basename(dirOf(file) || '.'), codePaths: [dirOf(file)], evidence: [...shared, ...packageEvidence], origin: inferred(file, 0, file) });
  }
  // Dockerfiles last: what runs the image names it better than the folder it is built from.
  for (const [file, f] of all) {
    if (!f.dockerfile?.exposes.length) continue;
    const dir = dirOf(file);
    const evidence: Evidence[] = f.dockerfile.exposes.map((e) => ({ kind: 'listens', port: e.port, origin: inferred(file, e.line, `EXPOSE ${e.port}`) }));
    units.push({ name: `image built from ${file}`, shortName: posix.basename(dir || '.'), codePaths: [dir], evidence, origin: inferred(file, 0, file) });
  }
  return units;
}

const HANDLER_EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '.jsx', '.tsx', '.py', '.rb'];

function dirOf(file: string): string {
  const dir = posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/**
 * The code an image is built from: the build context, or the Dockerfile's folder when the context
 * is a parent folder (a monorepo building `services/api/Dockerfile` from the root).
 */
function codeOfBuild(build: { context: string; dockerfile?: string }): string {
  if (!build.dockerfile) return build.context;
  const dockerDir = dirOf(build.dockerfile);
  return dockerDir.length > build.context.length && (build.context === '' || dockerDir.startsWith(`${build.context}/`)) ? dockerDir : build.context;
}

/** Which folder an image is built from, by what compose, skaffold and Dockerfiles say. */
class ImageIndex {
  private readonly exact = new Map<string, string>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly dockerDirs = new Map<string, Set<string>>();

  add(image: string, context: string): void {
    const normalized = normalizeImage(image);
    if (!this.exact.has(normalized)) this.exact.set(normalized, context);
    const name = lastSegment(normalized);
    this.byName.set(name, (this.byName.get(name) ?? new Set()).add(context));
  }

  addDockerfile(file: string): void {
    const dir = dirOf(file);
    const name = posix.basename(dir || '.').toLowerCase();
    this.dockerDirs.set(name, (this.dockerDirs.get(name) ?? new Set()).add(dir));
  }

  /** The folder, or undefined when nothing (or more than one folder) could have built it. */
  resolve(image: string): string | undefined {
    const normalized = normalizeImage(image);
    const exact = this.exact.get(normalized);
    if (exact !== undefined) return exact;
    const name = lastSegment(normalized);
    const candidates = this.byName.get(name) ?? this.dockerDirs.get(name);
    return candidates?.size === 1 ? [...candidates][0] : undefined;
  }
}

/** "ghcr.io/acme/payments:1.4@sha256:..." → "ghcr.io/acme/payments". */
function normalizeImage(image: string): string {
  let result = image.trim().toLowerCase();
  const at = result.indexOf('@');
  if (at !== -1) result = result.slice(0, at);
  const colon = result.lastIndexOf(':');
  if (colon > result.lastIndexOf('/')) result = result.slice(0, colon);
  return result;
}

function lastSegment(image: string): string {
  return image.slice(image.lastIndexOf('/') + 1);
}
