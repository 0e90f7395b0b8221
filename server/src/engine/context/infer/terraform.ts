// Terraform: what runs (Lambda functions, ECS services, Cloud Run services), the code or image it
// is built from, what exposes it (function URLs, API gateways, load balancers with
// `internal = false`, security groups open to 0.0.0.0/0, allUsers invokers) and what its identity
// may do (IAM roles and their policies). References are followed within one module folder.
import { posix } from 'node:path';
import { attribute, blocksOf, evaluate, referencesOf, resourceReferences, type HclBody, type HclExpr } from '../hcl';
import { AWS_MANAGED_POLICIES } from '../permissions';
import { inferred, type DeploymentUnit, type Evidence } from '../model';

export interface TfResource {
  /** `aws_lambda_function.export`, `data.archive_file.export`, `module.api`. */
  address: string;
  type: string;
  name: string;
  body: HclBody;
  file: string;
  /** The module folder, root-relative. */
  dir: string;
  line: number;
}

/** The resources, data sources and module calls of one parsed .tf file. */
export function resourcesOf(file: string, body: HclBody): TfResource[] {
  const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const result: TfResource[] = [];
  for (const block of body.blocks) {
    const [type, name] = block.labels;
    if (block.type === 'resource' && type && name) result.push({ address: `${type}.${name}`, type, name, body: block.body, file, dir, line: block.line });
    else if (block.type === 'data' && type && name) result.push({ address: `data.${type}.${name}`, type, name, body: block.body, file, dir, line: block.line });
    else if (block.type === 'module' && type) result.push({ address: `module.${type}`, type: 'module', name: type, body: block.body, file, dir, line: block.line });
  }
  return result;
}

export interface RolePermissions {
  actions: string[];
  file: string;
  line: number;
  detail: string;
}

export interface TerraformInference {
  units: DeploymentUnit[];
  /** Permissions of IAM roles by role name, for Kubernetes service accounts that assume them. */
  roles: Map<string, RolePermissions>;
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);

export function inferTerraform(resources: readonly TfResource[]): TerraformInference {
  const units: DeploymentUnit[] = [];
  const roles = new Map<string, RolePermissions>();
  const byDir = new Map<string, TfResource[]>();
  for (const resource of resources) byDir.set(resource.dir, [...(byDir.get(resource.dir) ?? []), resource]);
  for (const [dir, list] of byDir) new Module(dir, list, units, roles).infer();
  return { units, roles };
}

class Module {
  private readonly byAddress = new Map<string, TfResource>();
  private readonly variables: Record<string, string>;

  constructor(
    private readonly dir: string,
    private readonly resources: TfResource[],
    private readonly units: DeploymentUnit[],
    private readonly roles: Map<string, RolePermissions>,
  ) {
    for (const resource of resources) this.byAddress.set(resource.address, resource);
    this.variables = { 'path.module': MODULE_DIR, 'path.root': MODULE_DIR, 'path.cwd': MODULE_DIR };
    // An image pushed to an ECR repository is named after the repository.
    for (const repo of this.ofType('aws_ecr_repository')) this.variables[`${repo.address}.repository_url`] = this.string(repo, 'name') ?? repo.name;
  }

  infer(): void {
    for (const role of this.ofType('aws_iam_role')) {
      const permissions = this.rolePermissions(role);
      if (permissions) this.roles.set(this.string(role, 'name') ?? role.name, permissions);
    }
    for (const fn of this.ofType('aws_lambda_function')) this.lambda(fn);
    for (const service of this.ofType('aws_ecs_service')) this.ecsService(service);
    for (const service of [...this.ofType('google_cloud_run_v2_service'), ...this.ofType('google_cloud_run_service')]) this.cloudRun(service);
    for (const module of this.ofType('module')) this.lambdaModule(module);
  }

  // --- Lambda -------------------------------------------------------------------------------

  private lambda(fn: TfResource): void {
    const evidence: Evidence[] = [];
    const codePaths: string[] = [];
    for (const name of ['filename', 'source_code_hash']) {
      for (const archive of this.refs(fn, name).filter((r) => r.type === 'archive_file')) {
        const source = this.string(archive, 'source_dir') ?? this.string(archive, 'source_file');
        const resolved = source !== undefined ? this.resolve(source) : undefined;
        if (resolved !== undefined && !codePaths.includes(resolved)) codePaths.push(resolved);
      }
    }
    const images = this.imagesOf(attribute(fn.body, 'image_uri')?.value);
    const title = `Lambda function ${this.string(fn, 'function_name') ?? fn.name}`;

    for (const url of this.referrers('aws_lambda_function_url', 'function_name', fn)) {
      const auth = this.string(url, 'authorization_type') ?? 'NONE';
      const line = attribute(url.body, 'authorization_type')?.line ?? url.line;
      evidence.push({ kind: 'exposure', exposure: 'internet', authentication: auth === 'NONE' ? 'none' : 'required', origin: inferred(url.file, line, `function URL ${url.address} with authorization_type ${auth}`) });
    }
    for (const integration of this.referrers('aws_apigatewayv2_integration', 'integration_uri', fn)) evidence.push(...this.httpApiExposure(integration));
    for (const integration of this.referrers('aws_api_gateway_integration', 'uri', fn)) evidence.push(...this.restApiExposure(integration));
    if (!evidence.some((e) => e.kind === 'exposure')) {
      for (const permission of this.referrers('aws_lambda_permission', 'function_name', fn)) {
        const principal = this.string(permission, 'principal') ?? '';
        const urlAuth = this.string(permission, 'function_url_auth_type');
        if (principal === 'apigateway.amazonaws.com') evidence.push({ kind: 'exposure', exposure: 'internet', origin: inferred(permission.file, permission.line, `${permission.address} lets API Gateway invoke it`) });
        else if (principal === '*' && urlAuth === 'NONE') evidence.push({ kind: 'exposure', exposure: 'internet', authentication: 'none', origin: inferred(permission.file, permission.line, `${permission.address} lets anyone invoke its URL`) });
      }
    }
    for (const attachment of this.referrers('aws_lb_target_group_attachment', 'target_id', fn)) {
      for (const group of this.refs(attachment, 'target_group_arn')) evidence.push(...this.targetGroupExposure(group));
    }
    const role = this.refs(fn, 'role').find((r) => r.type === 'aws_iam_role');
    if (role) evidence.push(...this.identityEvidence(role));
    this.push(fn, title, fn.name, codePaths, images, evidence);
  }

  private httpApiExposure(integration: TfResource): Evidence[] {
    const api = this.refs(integration, 'api_id').find((r) => r.type === 'aws_apigatewayv2_api');
    const routes = this.referrers('aws_apigatewayv2_route', 'target', integration);
    if (!routes.length) return [{ kind: 'exposure', exposure: 'internet', origin: inferred(integration.file, integration.line, `API Gateway ${api?.address ?? integration.address}`) }];
    return routes.map((route) => {
      const auth = this.string(route, 'authorization_type') ?? 'NONE';
      const key = this.string(route, 'route_key') ?? route.name;
      return { kind: 'exposure', exposure: 'internet', authentication: auth === 'NONE' ? 'none' : 'required', origin: inferred(route.file, attribute(route.body, 'authorization_type')?.line ?? route.line, `API Gateway route "${key}" with authorization_type ${auth}`) } satisfies Evidence;
    });
  }

  private restApiExposure(integration: TfResource): Evidence[] {
    const api = this.refs(integration, 'rest_api_id').find((r) => r.type === 'aws_api_gateway_rest_api');
    const types = api ? blocksOf(api.body, 'endpoint_configuration').flatMap((b) => (evaluate(attribute(b.body, 'types')?.value) as unknown[] | undefined) ?? []) : [];
    const exposure = types.includes('PRIVATE') ? 'internal' : 'internet';
    const method = this.refs(integration, 'http_method').find((r) => r.type === 'aws_api_gateway_method');
    const auth = method ? this.string(method, 'authorization') ?? 'NONE' : undefined;
    const at = method ?? integration;
    return [{
      kind: 'exposure',
      exposure,
      ...(auth ? { authentication: auth === 'NONE' ? 'none' : 'required' } : {}),
      origin: inferred(at.file, (method && attribute(method.body, 'authorization')?.line) ?? at.line, `REST API ${api?.address ?? ''} method ${method ? `${this.string(method, 'http_method') ?? ''} with authorization ${auth}` : integration.address}`.replace(/\s+/g, ' ')),
    }];
  }

  // --- ECS ----------------------------------------------------------------------------------

  private ecsService(service: TfResource): void {
    const evidence: Evidence[] = [];
    const task = this.refs(service, 'task_definition').find((r) => r.type === 'aws_ecs_task_definition');
    const images = task ? this.imagesOf(attribute(task.body, 'container_definitions')?.value) : [];
    for (const balancer of blocksOf(service.body, 'load_balancer')) {
      const groupExpr = attribute(balancer.body, 'target_group_arn')?.value;
      for (const address of resourceReferences(groupExpr)) {
        const group = this.byAddress.get(address);
        if (group) evidence.push(...this.targetGroupExposure(group));
      }
    }
    for (const network of blocksOf(service.body, 'network_configuration')) {
      const publicIp = evaluate(attribute(network.body, 'assign_public_ip')?.value) === true;
      for (const address of resourceReferences(attribute(network.body, 'security_groups')?.value)) {
        const group = this.byAddress.get(address);
        const open = group ? this.openIngress(group) : undefined;
        if (open && publicIp) evidence.push({ kind: 'exposure', exposure: 'internet', origin: inferred(open.file, open.line, `${open.detail}, with a public IP`) });
      }
    }
    const role = task ? this.refs(task, 'task_role_arn').find((r) => r.type === 'aws_iam_role') : undefined;
    if (role) evidence.push(...this.identityEvidence(role));
    this.push(service, `ECS service ${this.string(service, 'name') ?? service.name}`, service.name, [], images, evidence);
  }

  /** Exposure through the load balancers whose listeners forward to a target group. */
  private targetGroupExposure(group: TfResource): Evidence[] {
    const evidence: Evidence[] = [];
    const listeners = [
      ...this.ofType('aws_lb_listener', 'aws_alb_listener').filter((l) => this.mentions(l.body, group)),
      ...this.ofType('aws_lb_listener_rule', 'aws_alb_listener_rule').filter((r) => this.mentions(r.body, group)).flatMap((rule) => this.refs(rule, 'listener_arn')),
    ];
    for (const listener of listeners) {
      for (const balancer of this.refs(listener, 'load_balancer_arn')) {
        if (balancer.type !== 'aws_lb' && balancer.type !== 'aws_alb') continue;
        const internal = evaluate(attribute(balancer.body, 'internal')?.value) === true;
        const line = attribute(balancer.body, 'internal')?.line ?? balancer.line;
        evidence.push({ kind: 'exposure', exposure: internal ? 'internal' : 'internet', origin: inferred(balancer.file, line, `load balancer ${balancer.address} (internal = ${internal})`) });
      }
    }
    return evidence;
  }

  /** The first ingress rule of a security group open to the whole internet. */
  private openIngress(group: TfResource): { file: string; line: number; detail: string } | undefined {
    for (const rule of blocksOf(group.body, 'ingress')) {
      const cidrs = [...this.strings(attribute(rule.body, 'cidr_blocks')?.value), ...this.strings(attribute(rule.body, 'ipv6_cidr_blocks')?.value)];
      if (cidrs.some((c) => WORLD.has(c))) return { file: group.file, line: rule.line, detail: `security group ${group.address} allows ${portsOf(rule.body)} from ${cidrs.find((c) => WORLD.has(c))}` };
    }
    for (const rule of [...this.referrers('aws_security_group_rule', 'security_group_id', group), ...this.referrers('aws_vpc_security_group_ingress_rule', 'security_group_id', group)]) {
      if (rule.type === 'aws_security_group_rule' && this.string(rule, 'type') !== 'ingress') continue;
      const cidrs = [...this.strings(attribute(rule.body, 'cidr_blocks')?.value), ...this.strings(attribute(rule.body, 'ipv6_cidr_blocks')?.value), this.string(rule, 'cidr_ipv4') ?? '', this.string(rule, 'cidr_ipv6') ?? ''];
      if (cidrs.some((c) => WORLD.has(c))) return { file: rule.file, line: rule.line, detail: `${rule.address} opens ${group.address} to ${cidrs.find((c) => WORLD.has(c))} on ${portsOf(rule.body)}` };
    }
    return undefined;
  }

  // --- Cloud Run ----------------------------------------------------------------------------

  private cloudRun(service: TfResource): void {
    const evidence: Evidence[] = [];
    const images: string[] = [];
    const collect = (body: HclBody): void => {
      for (const block of body.blocks) {
        if (block.type === 'containers') images.push(...this.imagesOf(attribute(block.body, 'image')?.value));
        collect(block.body);
      }
    };
    collect(service.body);
    const ingress = this.string(service, 'ingress') ?? (evaluate(this.metadataAnnotation(service, 'run.googleapis.com/ingress')) as string | undefined);
    const internal = ingress !== undefined && /internal/i.test(ingress);
    const invokers = [...this.ofType('google_cloud_run_service_iam_member', 'google_cloud_run_v2_service_iam_member', 'google_cloud_run_service_iam_binding', 'google_cloud_run_v2_service_iam_binding')].filter((m) => this.mentions(m.body, service));
    const publicInvoker = invokers.find((m) => [this.string(m, 'member') ?? '', ...this.strings(attribute(m.body, 'members')?.value)].includes('allUsers'));
    if (internal) evidence.push({ kind: 'exposure', exposure: 'internal', origin: inferred(service.file, attribute(service.body, 'ingress')?.line ?? service.line, `Cloud Run ingress ${ingress}`) });
    else if (publicInvoker) evidence.push({ kind: 'exposure', exposure: 'internet', authentication: 'none', origin: inferred(publicInvoker.file, publicInvoker.line, `${publicInvoker.address} lets allUsers invoke it`) });
    else evidence.push({ kind: 'exposure', exposure: 'internet', authentication: 'required', origin: inferred(service.file, service.line, 'Cloud Run service with public ingress, invokers must authenticate') });
    for (const account of this.refsDeep(service.body).filter((r) => r.type === 'google_service_account')) {
      const grant = this.ofType('google_project_iam_member').find((m) => this.mentions(m.body, account) && /^roles\/(owner|editor)$/.test(this.string(m, 'role') ?? ''));
      if (grant) evidence.push({ kind: 'privileged', origin: inferred(grant.file, grant.line, `service account ${account.address} has ${this.string(grant, 'role')}`) });
    }
    this.push(service, `Cloud Run service ${this.string(service, 'name') ?? service.name}`, service.name, [], images, evidence);
  }

  private metadataAnnotation(service: TfResource, key: string): HclExpr | undefined {
    for (const metadata of blocksOf(service.body, 'metadata')) {
      const annotations = attribute(metadata.body, 'annotations')?.value;
      if (annotations?.kind === 'object') return annotations.entries.find((e) => e.key === key)?.value;
    }
    return undefined;
  }

  // --- terraform-aws-modules/lambda ----------------------------------------------------------

  private lambdaModule(module: TfResource): void {
    const source = this.string(module, 'source') ?? '';
    if (!/lambda/i.test(source)) return;
    const sourcePath = attribute(module.body, 'source_path')?.value;
    const paths = [evaluate(sourcePath, this.variables)].flat().filter((p): p is string => typeof p === 'string').map((p) => this.resolve(p)).filter((p): p is string => p !== undefined);
    const evidence: Evidence[] = [];
    if (evaluate(attribute(module.body, 'create_lambda_function_url')?.value) === true) {
      const auth = this.string(module, 'authorization_type') ?? 'NONE';
      evidence.push({ kind: 'exposure', exposure: 'internet', authentication: auth === 'NONE' ? 'none' : 'required', origin: inferred(module.file, attribute(module.body, 'create_lambda_function_url')!.line, `${module.address} creates a function URL with authorization_type ${auth}`) });
    }
    const triggers = evaluate(attribute(module.body, 'allowed_triggers')?.value, this.variables);
    if (triggers && typeof triggers === 'object' && Object.values(triggers).some((t) => t && typeof t === 'object' && /apigateway/i.test(String((t as Record<string, unknown>).service ?? (t as Record<string, unknown>).principal ?? '')))) {
      evidence.push({ kind: 'exposure', exposure: 'internet', origin: inferred(module.file, attribute(module.body, 'allowed_triggers')!.line, `${module.address} lets API Gateway invoke it`) });
    }
    const statements = evaluate(attribute(module.body, 'policy_statements')?.value, this.variables);
    const actions = statements && typeof statements === 'object' ? Object.values(statements).flatMap((s) => (s && typeof s === 'object' && (s as Record<string, unknown>).effect !== 'Deny' ? [(s as Record<string, unknown>).actions].flat() : [])).filter((a): a is string => typeof a === 'string') : [];
    const managed = this.strings(attribute(module.body, 'policies')?.value).flatMap((arn) => AWS_MANAGED_POLICIES[arn.slice(arn.lastIndexOf('/') + 1)] ?? []);
    if (actions.length || managed.length) evidence.push({ kind: 'permissions', permissions: [...actions, ...managed], origin: inferred(module.file, (attribute(module.body, 'policy_statements') ?? attribute(module.body, 'policies'))!.line, `policies of ${module.address}`) });
    this.push(module, `Lambda module ${this.string(module, 'function_name') ?? module.name}`, module.name, paths, [], evidence);
  }

  // --- IAM ----------------------------------------------------------------------------------

  private identityEvidence(role: TfResource): Evidence[] {
    const permissions = this.rolePermissions(role);
    if (!permissions) return [];
    return [{ kind: 'permissions', permissions: permissions.actions, origin: inferred(permissions.file, permissions.line, permissions.detail) }];
  }

  /** Every action the role's policies allow, and where the broadest of them is granted. */
  private rolePermissions(role: TfResource): RolePermissions | undefined {
    const grants: Array<{ actions: string[]; file: string; line: number; detail: string }> = [];
    const roleName = this.string(role, 'name') ?? role.name;
    const fromPolicy = (expr: HclExpr | undefined, at: TfResource, line: number): void => {
      const actions = this.policyActions(expr);
      if (actions.length) grants.push({ actions, file: at.file, line, detail: `${at === role ? 'inline policy' : at.address} of IAM role ${roleName}` });
    };
    const fromArn = (expr: HclExpr | undefined, at: TfResource, line: number): void => {
      for (const policy of resourceReferences(expr).map((a) => this.byAddress.get(a)).filter((r): r is TfResource => r?.type === 'aws_iam_policy')) fromPolicy(attribute(policy.body, 'policy')?.value, policy, attribute(policy.body, 'policy')?.line ?? policy.line);
      for (const arn of this.strings(expr)) {
        const actions = AWS_MANAGED_POLICIES[arn.slice(arn.lastIndexOf('/') + 1)];
        if (actions) grants.push({ actions: [...actions], file: at.file, line, detail: `${arn.slice(arn.lastIndexOf('/') + 1)} attached to IAM role ${roleName}` });
      }
    };
    for (const inline of blocksOf(role.body, 'inline_policy')) fromPolicy(attribute(inline.body, 'policy')?.value, role, inline.line);
    const managed = attribute(role.body, 'managed_policy_arns');
    if (managed) fromArn(managed.value, role, managed.line);
    for (const policy of this.referrers('aws_iam_role_policy', 'role', role)) fromPolicy(attribute(policy.body, 'policy')?.value, policy, attribute(policy.body, 'policy')?.line ?? policy.line);
    for (const attachment of this.referrers('aws_iam_role_policy_attachment', 'role', role)) fromArn(attribute(attachment.body, 'policy_arn')?.value, attachment, attachment.line);
    for (const attachment of this.referrers('aws_iam_policy_attachment', 'roles', role)) fromArn(attribute(attachment.body, 'policy_arn')?.value, attachment, attachment.line);
    if (!grants.length) return undefined;
    const broadest = grants.find((g) => g.actions.some((a) => a === '*' || a === '*:*')) ?? grants.find((g) => g.actions.some((a) => a.includes('*'))) ?? grants[0]!;
    return { actions: [...new Set(grants.flatMap((g) => g.actions))], file: broadest.file, line: broadest.line, detail: broadest.detail };
  }

  /** Allowed actions of a policy: jsonencode({...}), a JSON string or heredoc, or an aws_iam_policy_document. */
  private policyActions(expr: HclExpr | undefined): string[] {
    if (!expr) return [];
    const actions: string[] = [];
    for (const address of resourceReferences(expr)) {
      const document = this.byAddress.get(address);
      if (document?.type !== 'aws_iam_policy_document') continue;
      for (const statement of blocksOf(document.body, 'statement')) {
        if ((this.stringOf(attribute(statement.body, 'effect')?.value) ?? 'Allow') !== 'Allow') continue;
        actions.push(...this.strings(attribute(statement.body, 'actions')?.value));
        if (attribute(statement.body, 'not_actions')) actions.push('*');
      }
    }
    let value = evaluate(expr, this.variables);
    if (value === undefined && expr.kind === 'template') value = expr.parts.map((p) => (typeof p === 'string' ? p : 'unknown')).join('');
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        value = undefined;
      }
    }
    const statements = value && typeof value === 'object' ? [(value as Record<string, unknown>).Statement].flat() : [];
    for (const statement of statements) {
      if (!statement || typeof statement !== 'object') continue;
      const s = statement as Record<string, unknown>;
      if ((s.Effect ?? 'Allow') !== 'Allow') continue;
      actions.push(...[s.Action].flat().filter((a): a is string => typeof a === 'string'));
      if (s.NotAction !== undefined) actions.push('*');
    }
    return actions;
  }

  // --- helpers ------------------------------------------------------------------------------

  private push(resource: TfResource, name: string, shortName: string, codePaths: string[], images: string[], evidence: Evidence[]): void {
    if (!codePaths.length && !images.length) return; // nothing ties it to code in this repository
    this.units.push({ name, shortName, codePaths, ...(images.length ? { images } : {}), evidence, origin: inferred(resource.file, resource.line, `${resource.address}`) });
  }

  private ofType(...types: string[]): TfResource[] {
    if (types.length === 1) {
      let list = this.byType.get(types[0]!);
      if (!list) this.byType.set(types[0]!, (list = this.resources.filter((r) => r.type === types[0])));
      return list;
    }
    return types.flatMap((type) => this.ofType(type));
  }
  private readonly byType = new Map<string, TfResource[]>();

  /** Resources an attribute of `resource` refers to. */
  private refs(resource: TfResource, name: string): TfResource[] {
    return resourceReferences(attribute(resource.body, name)?.value)
      .map((address) => this.byAddress.get(address))
      .filter((r): r is TfResource => r !== undefined);
  }

  /** Resources of `type` whose attribute `name` refers to `target`. */
  private referrers(type: string, name: string, target: TfResource): TfResource[] {
    // Indexed once per (type, attribute): large modules stay linear, not resources × resources.
    const key = `${type}\u0000${name}`;
    let index = this.referrerIndex.get(key);
    if (!index) {
      index = new Map();
      for (const resource of this.ofType(type)) {
        for (const address of resourceReferences(attribute(resource.body, name)?.value)) index.set(address, [...(index.get(address) ?? []), resource]);
      }
      this.referrerIndex.set(key, index);
    }
    return index.get(target.address) ?? [];
  }
  private readonly referrerIndex = new Map<string, Map<string, TfResource[]>>();
  private readonly deepRefs = new Map<HclBody, TfResource[]>();

  /** Whether any attribute in a body (nested blocks included) refers to `target`. */
  private mentions(body: HclBody, target: TfResource): boolean {
    return this.refsDeep(body).includes(target);
  }

  private refsDeep(body: HclBody): TfResource[] {
    const cached = this.deepRefs.get(body);
    if (cached) return cached;
    const found: TfResource[] = [];
    this.deepRefs.set(body, found);
    const visit = (b: HclBody, depth: number): void => {
      if (depth > 16) return;
      for (const a of b.attributes) for (const address of resourceReferences(a.value)) {
        const r = this.byAddress.get(address);
        if (r && !found.includes(r)) found.push(r);
      }
      for (const block of b.blocks) visit(block.body, depth + 1);
    };
    visit(body, 0);
    return found;
  }

  private string(resource: TfResource, name: string): string | undefined {
    return this.stringOf(attribute(resource.body, name)?.value);
  }

  private stringOf(expr: HclExpr | undefined): string | undefined {
    const value = evaluate(expr, this.variables);
    return typeof value === 'string' ? value : undefined;
  }

  private strings(expr: HclExpr | undefined): string[] {
    const value = evaluate(expr, this.variables);
    return [value].flat().filter((v): v is string => typeof v === 'string');
  }

  /** Image names in an expression (a literal, a container_definitions document, an ECR reference). */
  private imagesOf(expr: HclExpr | undefined): string[] {
    if (!expr) return [];
    const images = new Set<string>();
    const visit = (value: unknown, depth: number): void => {
      if (depth > 8 || value === null || value === undefined) return;
      if (Array.isArray(value)) value.forEach((v) => visit(v, depth + 1));
      else if (typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (typeof record.image === 'string') images.add(record.image);
        Object.values(record).forEach((v) => visit(v, depth + 1));
      }
    };
    let value = evaluate(expr, this.variables);
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        images.add(value as string);
      }
    }
    visit(value, 0);
    // Unevaluable documents still name their ECR repositories.
    for (const path of referencesOf(expr)) {
      const repo = this.byAddress.get(`${path[0]}.${path[1]}`);
      if (repo?.type === 'aws_ecr_repository') images.add(this.string(repo, 'name') ?? repo.name);
    }
    return [...images];
  }

  /** A path from a module attribute, root-relative: `${path.module}/..` or relative to the module folder. */
  private resolve(path: string): string | undefined {
    if (path.startsWith('/') || /^[a-z]+:\/\//i.test(path)) return undefined;
    const relative = path.startsWith(MODULE_DIR) ? path.slice(MODULE_DIR.length).replace(/^\//, '') : path;
    const normalized = posix.normalize(posix.join(this.dir || '.', relative));
    if (normalized === '..' || normalized.startsWith('../')) return undefined;
    return normalized === '.' ? '' : normalized.replace(/\/$/, '');
  }
}

/** Stands for `path.module` while evaluating, so paths can be resolved against the module folder. */
const MODULE_DIR = '\u0000module';

function portsOf(body: HclBody): string {
  const from = evaluate(attribute(body, 'from_port')?.value);
  const to = evaluate(attribute(body, 'to_port')?.value);
  if (from === undefined) return 'traffic';
  if (from === 0 && (to === 0 || to === 65535)) return 'all ports';
  return from === to || to === undefined ? `port ${String(from)}` : `ports ${String(from)}-${String(to)}`;
}
