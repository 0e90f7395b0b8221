// Container build files: Dockerfiles (EXPOSE), docker-compose (build contexts, images, published
// ports, privileged services) and skaffold (which image is built from which folder). Together they
// answer "which code is this image built from?" for Kubernetes and Terraform.
import { posix } from 'node:path';
import { entries, get, items, LineIndex, str, type YNode } from '../yaml-tree';

export interface DockerfileFacts {
  exposes: Array<{ port: string; line: number }>;
}

export function readDockerfile(text: string): DockerfileFacts {
  const exposes: DockerfileFacts['exposes'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let instruction = lines[i]!;
    while (/\\\s*$/.test(instruction) && i + 1 < lines.length) instruction = instruction.replace(/\\\s*$/, ' ') + lines[++i];
    const match = /^\s*EXPOSE\s+(.+)$/i.exec(instruction);
    if (!match) continue;
    for (const port of match[1]!.split(/\s+/).filter(Boolean)) exposes.push({ port: port.replace(/\/tcp$/i, ''), line: start });
  }
  return { exposes };
}

export interface ComposePort {
  published: string;
  /** Host address the port is bound to; undefined means every interface. */
  hostIp?: string;
  line: number;
}

export interface ComposeService {
  name: string;
  line: number;
  /** Build context and Dockerfile, root-relative. */
  build?: { context: string; dockerfile?: string };
  image?: string;
  ports: ComposePort[];
  privileged?: { line: number };
}

export interface ComposeFacts {
  services: ComposeService[];
}

export function readCompose(file: string, document: YNode | undefined, lines: LineIndex): ComposeFacts {
  const dir = posix.dirname(file);
  const services: ComposeService[] = [];
  for (const service of entries(get(document, 'services'))) {
    const body = service.value;
    const result: ComposeService = { name: service.key, line: lines.line(service.keyStart), ports: [] };
    const build = get(body, 'build');
    const context = build?.kind === 'scalar' ? str(build) : str(get(build, 'context'));
    if (build && (context !== undefined || build.kind === 'map')) {
      const dockerfile = str(get(build, 'dockerfile'));
      const contextPath = resolvePath(dir, context ?? '.');
      if (contextPath !== undefined) result.build = { context: contextPath, ...(dockerfile ? { dockerfile: resolvePath(contextPath, dockerfile) ?? dockerfile } : {}) };
    }
    const image = str(get(body, 'image'));
    if (image) result.image = image;
    for (const port of items(get(body, 'ports'))) {
      const line = lines.line(port.start);
      if (port.kind === 'map') {
        const published = str(get(port, 'published'));
        const hostIp = str(get(port, 'host_ip'));
        result.ports.push({ published: published ?? str(get(port, 'target')) ?? '?', ...(hostIp ? { hostIp } : {}), line });
      } else {
        const parsed = parseShortPort(str(port) ?? '');
        if (parsed) result.ports.push({ ...parsed, line });
      }
    }
    const privileged = get(body, 'privileged');
    if (privileged?.kind === 'scalar' && privileged.value === true) result.privileged = { line: lines.line(privileged.start) };
    services.push(result);
  }
  return { services };
}

/** "8080", "8080:80", "127.0.0.1:8080:80", "[::1]:8080:80/tcp" → published port and host address. */
function parseShortPort(spec: string): { published: string; hostIp?: string } | undefined {
  const text = spec.replace(/\/(tcp|udp|sctp)$/i, '');
  const bracketed = /^\[([^\]]+)\]:([^:]+):(.+)$/.exec(text);
  if (bracketed) return { published: bracketed[2]!, hostIp: bracketed[1]! };
  const parts = text.split(':');
  if (parts.length === 1) return parts[0] ? { published: parts[0] } : undefined; // a random host port, every interface
  if (parts.length === 2) return { published: parts[0]! };
  return { published: parts[parts.length - 2]!, hostIp: parts.slice(0, -2).join(':') };
}

/** Whether a host address keeps a published port on the machine itself. */
export function isLoopback(hostIp: string | undefined): boolean {
  return hostIp !== undefined && /^(127\.|localhost$|::1$)/.test(hostIp);
}

export interface SkaffoldFacts {
  artifacts: Array<{ image: string; context: string; line: number }>;
}

export function readSkaffold(file: string, documents: Array<YNode | undefined>, lines: LineIndex): SkaffoldFacts {
  const dir = posix.dirname(file);
  const artifacts: SkaffoldFacts['artifacts'] = [];
  for (const document of documents) {
    const builds = [get(document, 'build'), ...items(get(document, 'profiles')).map((p) => get(p, 'build'))];
    for (const build of builds) {
      for (const artifact of items(get(build, 'artifacts'))) {
        const image = str(get(artifact, 'image'));
        const context = resolvePath(dir, str(get(artifact, 'context')) ?? '.');
        if (image && context !== undefined) artifacts.push({ image, context, line: lines.line(artifact.start) });
      }
    }
  }
  return { artifacts };
}

/** `relative` resolved against the root-relative folder `dir`; undefined when it leaves the root or is remote. */
export function resolvePath(dir: string, relative: string): string | undefined {
  if (/^[a-z]+:\/\//i.test(relative) || relative.startsWith('git@') || relative.startsWith('/') || relative.startsWith('~')) return undefined;
  const joined = posix.normalize(posix.join(dir, relative));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}
