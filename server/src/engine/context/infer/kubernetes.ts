// Kubernetes manifests: workloads (with their pod labels, images, service account and privileges),
// Services (type, selector, internal load balancer annotations), Ingresses (hosts, backends, auth
// annotations), service accounts (cloud role annotations) and RBAC bindings to admin roles.
import { entries, get, items, LineIndex, path, str, type YNode } from '../yaml-tree';

export interface K8sWorkload {
  kind: string;
  name: string;
  namespace?: string;
  line: number;
  /** Labels of the pods it runs (what Services select). */
  podLabels: Record<string, string>;
  images: Array<{ image: string; line: number }>;
  serviceAccount?: string;
  /** Why its pods are privileged, if they are. */
  privileged?: { why: string; line: number };
}

export interface K8sService {
  name: string;
  namespace?: string;
  line: number;
  type: string;
  typeLine: number;
  selector: Record<string, string>;
  /** A LoadBalancer annotated to stay inside the network. */
  internal: boolean;
  ports: string[];
}

export interface K8sIngress {
  name: string;
  namespace?: string;
  line: number;
  backends: Array<{ service: string; host?: string; line: number }>;
  /** Annotated (or classed) as an internal load balancer. */
  internal: boolean;
  /** Authentication enforced at the ingress (auth-url, basic auth, OIDC/Cognito). */
  authenticated: boolean;
}

export interface K8sServiceAccount {
  name: string;
  namespace?: string;
  line: number;
  /** Cloud role it assumes (EKS IRSA `eks.amazonaws.com/role-arn`). */
  roleArn?: string;
}

export interface K8sBinding {
  roleName: string;
  clusterRole: boolean;
  namespace?: string;
  subjects: Array<{ name: string; namespace?: string }>;
  line: number;
}

export interface K8sRole {
  name: string;
  namespace?: string;
  cluster: boolean;
  /** Grants every verb on every resource. */
  wildcard: boolean;
}

export interface KubernetesFacts {
  workloads: K8sWorkload[];
  services: K8sService[];
  ingresses: K8sIngress[];
  serviceAccounts: K8sServiceAccount[];
  bindings: K8sBinding[];
  roles: K8sRole[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'DeploymentConfig', 'Rollout']);

/** Annotations that keep a LoadBalancer Service or an Ingress inside the network (AWS, GCP, Azure). */
const INTERNAL_ANNOTATIONS: Array<[string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['alb.ingress.kubernetes.io/scheme', /^internal$/i],
  ['kubernetes.io/ingress.class', /internal|private/i],
];

/** Ingress annotations that make the controller authenticate requests before they reach the pods. */
const AUTH_ANNOTATIONS = [
  'nginx.ingress.kubernetes.io/auth-url',
  'nginx.ingress.kubernetes.io/auth-type',
  'nginx.ingress.kubernetes.io/auth-tls-verify-client',
  'alb.ingress.kubernetes.io/auth-type',
  'traefik.ingress.kubernetes.io/router.middlewares',
  'konghq.com/plugins',
];

export function isKubernetesManifest(text: string): boolean {
  return /^kind:\s*\S/m.test(text) && /^apiVersion:\s*\S/m.test(text);
}

export function readKubernetes(documents: Array<YNode | undefined>, lines: LineIndex): KubernetesFacts {
  const facts: KubernetesFacts = { workloads: [], services: [], ingresses: [], serviceAccounts: [], bindings: [], roles: [] };
  const queue = [...documents];
  for (let next = 0; next < queue.length; next++) {
    const doc = queue[next];
    const kind = str(get(doc, 'kind'));
    if (!doc || !kind) continue;
    if (kind === 'List') {
      queue.push(...items(get(doc, 'items')));
      continue;
    }
    const name = str(path(doc, 'metadata', 'name')) ?? '(unnamed)';
    const namespace = str(path(doc, 'metadata', 'namespace'));
    const line = lines.line(doc.start);
    const annotations = stringMap(path(doc, 'metadata', 'annotations'));
    if (WORKLOAD_KINDS.has(kind)) facts.workloads.push(readWorkload(doc, kind, name, namespace, line, lines));
    else if (kind === 'Service') {
      const type = str(path(doc, 'spec', 'type')) ?? 'ClusterIP';
      const typeNode = path(doc, 'spec', 'type');
      facts.services.push({
        name,
        ...(namespace ? { namespace } : {}),
        line,
        type,
        typeLine: typeNode ? lines.line(typeNode.start) : line,
        selector: stringMap(path(doc, 'spec', 'selector')),
        internal: isInternal(annotations),
        ports: items(path(doc, 'spec', 'ports')).map((p) => str(get(p, 'nodePort')) ?? str(get(p, 'port')) ?? '').filter(Boolean),
      });
    } else if (kind === 'Ingress') {
      const backends: K8sIngress['backends'] = [];
      const backendOf = (node: YNode | undefined): string | undefined => str(path(node, 'service', 'name')) ?? str(get(node, 'serviceName'));
      const fallback = get(path(doc, 'spec'), 'defaultBackend') ?? get(path(doc, 'spec'), 'backend');
      const fallbackName = backendOf(fallback);
      if (fallback && fallbackName) backends.push({ service: fallbackName, line: lines.line(fallback.start) });
      for (const rule of items(path(doc, 'spec', 'rules'))) {
        const host = str(get(rule, 'host'));
        for (const route of items(path(rule, 'http', 'paths'))) {
          const backend = get(route, 'backend');
          const service = backendOf(backend);
          if (service) backends.push({ service, ...(host ? { host } : {}), line: lines.line((backend ?? route).start) });
        }
      }
      const ingressClass = str(path(doc, 'spec', 'ingressClassName')) ?? '';
      facts.ingresses.push({
        name,
        ...(namespace ? { namespace } : {}),
        line,
        backends,
        internal: isInternal(annotations) || /internal|private/i.test(ingressClass),
        authenticated: AUTH_ANNOTATIONS.some((key) => key in annotations),
      });
    } else if (kind === 'ServiceAccount') {
      const roleArn = annotations['eks.amazonaws.com/role-arn'];
      facts.serviceAccounts.push({ name, ...(namespace ? { namespace } : {}), line, ...(roleArn ? { roleArn } : {}) });
    } else if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const roleName = str(path(doc, 'roleRef', 'name'));
      if (!roleName) continue;
      const subjects = items(get(doc, 'subjects'))
        .filter((s) => str(get(s, 'kind')) === 'ServiceAccount')
        .map((s) => {
          const subjectNamespace = str(get(s, 'namespace'));
          return { name: str(get(s, 'name')) ?? '', ...(subjectNamespace ? { namespace: subjectNamespace } : {}) };
        });
      facts.bindings.push({ roleName, clusterRole: str(path(doc, 'roleRef', 'kind')) === 'ClusterRole', ...(namespace ? { namespace } : {}), subjects, line });
    } else if (kind === 'Role' || kind === 'ClusterRole') {
      const wildcard = items(get(doc, 'rules')).some((rule) => items(get(rule, 'verbs')).some((v) => str(v) === '*') && items(get(rule, 'resources')).some((r) => str(r) === '*'));
      facts.roles.push({ name, ...(namespace ? { namespace } : {}), cluster: kind === 'ClusterRole', wildcard });
    }
  }
  return facts;
}

function readWorkload(doc: YNode, kind: string, name: string, namespace: string | undefined, line: number, lines: LineIndex): K8sWorkload {
  // The pod template: spec.template (Deployment...), spec.jobTemplate.spec.template (CronJob), or the Pod itself.
  const template = kind === 'Pod' ? doc : kind === 'CronJob' ? path(doc, 'spec', 'jobTemplate', 'spec', 'template') : path(doc, 'spec', 'template');
  const podSpec = get(template, 'spec');
  const podLabels = stringMap(path(template, 'metadata', 'labels'));
  const images: K8sWorkload['images'] = [];
  let privileged: K8sWorkload['privileged'];
  for (const container of [...items(get(podSpec, 'containers')), ...items(get(podSpec, 'initContainers'))]) {
    const imageNode = get(container, 'image');
    const image = str(imageNode);
    if (image && imageNode) images.push({ image, line: lines.line(imageNode.start) });
    const flag = path(container, 'securityContext', 'privileged');
    if (flag?.kind === 'scalar' && flag.value === true) privileged ??= { why: `container ${str(get(container, 'name')) ?? ''} runs privileged`.replace('  ', ' '), line: lines.line(flag.start) };
  }
  for (const key of ['hostNetwork', 'hostPID']) {
    const flag = get(podSpec, key);
    if (flag?.kind === 'scalar' && flag.value === true) privileged ??= { why: `pods use ${key}`, line: lines.line(flag.start) };
  }
  const serviceAccount = str(get(podSpec, 'serviceAccountName')) ?? str(get(podSpec, 'serviceAccount'));
  return { kind, name, ...(namespace ? { namespace } : {}), line, podLabels, images, ...(serviceAccount ? { serviceAccount } : {}), ...(privileged ? { privileged } : {}) };
}

function stringMap(node: YNode | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const e of entries(node)) {
    const value = str(e.value);
    if (value !== undefined) result[e.key] = value;
  }
  return result;
}

function isInternal(annotations: Record<string, string>): boolean {
  return INTERNAL_ANNOTATIONS.some(([key, value]) => key in annotations && value.test(annotations[key]!));
}

/** Whether a Service's selector picks a workload's pods (every selector label matches). */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((key) => labels[key] === selector[key]);
}

/** Namespaces match when equal, or when either manifest leaves it to `kubectl -n`. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
