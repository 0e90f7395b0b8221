// Loading a project from realistic workspaces: declared context, context inferred from Kubernetes,
// compose, Dockerfiles, skaffold, Terraform and serverless.yml, drift between the two, the
// fallback to the last good guardline.yaml, the parse cache and the files that trigger a reload.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, type Project } from '../../server/src/engine/context';

const FIXTURES = join(__dirname, '../fixtures/context');

/** Problems as "file:line [code] message" (1-based lines). */
function problemsOf(project: Project, code?: string): string[] {
  return project.problems.filter((p) => !code || p.code === code).map((p) => `${p.file}:${p.line + 1} [${p.code}] ${p.message}`);
}

describe('deployment context: the monorepo (three services, Kubernetes, Terraform, compose, Dockerfiles)', () => {
  let project: Project;
  before(() => {
    project = loadProject(join(FIXTURES, 'monorepo'));
  });

  it('loads without config errors and reads every deployment file', () => {
    assert.equal(project.configValid, true);
    assert.equal(project.fallback, undefined);
    assert.deepEqual(problemsOf(project, 'config'), []);
    assert.deepEqual([...project.deploymentFiles], [
      'docker-compose.yml', 'k8s/catalog.yaml', 'k8s/ingress.yaml', 'k8s/payments.yaml', 'k8s/reports.yaml',
      'services/catalog/Dockerfile', 'services/payments/Dockerfile', 'services/reports/Dockerfile', 'terraform/data.tf', 'terraform/iam.tf',
    ]);
  });

  it('uses what guardline.yaml declares, and fills in the identity it leaves out from Terraform through the IRSA role', () => {
    const context = project.contextFor('services/payments/src/server.js')!;
    assert.equal(context.service, 'payments');
    assert.equal(context.serviceSource, 'declared');
    assert.deepEqual(context.exposure, { value: 'internet', origin: { source: 'declared', file: 'guardline.yaml', line: 6 } });
    assert.equal(context.authentication?.value, 'none');
    assert.deepEqual(context.data?.value, ['payment-card', 'pii']);
    assert.deepEqual(context.permissions?.value, ['dynamodb:*', 'kms:Decrypt']);
    assert.deepEqual(context.permissions?.origin, {
      source: 'inferred',
      file: 'terraform/iam.tf',
      line: 10,
      detail: 'aws_iam_role_policy.payments of IAM role payments-api, assumed by ServiceAccount payments',
    });
    // The Ingress that agrees with the declared exposure is the entry point of the attack path.
    assert.equal(context.entryPoint, 'Ingress shop routes pay.acme.example to Service payments at k8s/ingress.yaml:17');
  });

  it('keeps declared values over inferred ones', () => {
    const catalog = project.contextFor('services/catalog/src/index.js')!;
    assert.equal(catalog.exposure?.value, 'internal', 'the LoadBalancer says internet, but declared wins');
    assert.equal(catalog.exposure?.origin.source, 'declared');
    assert.equal(catalog.entryPoint, undefined);
    const reports = project.contextFor('services/reports/src/job.js')!;
    assert.deepEqual(reports.permissions?.value, ['s3:PutObject']);
    assert.equal(reports.exposure?.value, 'isolated');
  });

  it('reports drift on the declared line, naming the deployment file and line that disagree', () => {
    assert.deepEqual(problemsOf(project, 'drift'), [
      'guardline.yaml:16 [drift] service "catalog" is declared internal, but k8s/catalog.yaml:25 exposes it to the internet (Service catalog is a LoadBalancer); declare exposure: internet, or fix the deployment',
      'guardline.yaml:23 [drift] the declared permissions of service "reports" leave out s3:GetObject, which terraform/iam.tf:40 grants (aws_iam_policy.reports of IAM role reports-job, assumed by ServiceAccount reports); add them, or narrow the policy',
    ]);
    assert.ok(project.problems.filter((p) => p.code === 'drift').every((p) => p.severity === 'warning'));
  });

  it('gives no context to files no service covers, and honours ! globs', () => {
    assert.equal(project.contextFor('README.md'), undefined);
    assert.equal(project.contextFor('services/catalog/src/index.test.js')?.serviceSource, 'inferred', 'excluded from catalog, still built into its image');
    assert.equal(project.contextFor('../outside.js'), undefined);
    assert.equal(project.contextFor(join(project.root, 'services/payments/src/charges.js'))?.service, 'payments', 'absolute paths work too');
  });

  it('knows which files change context', () => {
    for (const file of ['guardline.yaml', '.guardline.yaml', 'k8s/new-service.yaml', 'terraform/lambda.tf', 'services/web/Dockerfile', 'docker-compose.prod.yml', 'functions/serverless.yml', join(project.root, 'k8s/ingress.yaml')]) {
      assert.equal(project.isContextFile(file), true, file);
    }
    for (const file of ['services/payments/src/server.js', 'README.md', 'node_modules/x/deploy.yaml', '.github/workflows/ci.yml', '/elsewhere/guardline.yaml']) {
      assert.equal(project.isContextFile(file), false, file);
    }
  });
});

describe('deployment context inferred without guardline.yaml', () => {
  it('joins Kubernetes Services to workloads by selector and workloads to code by skaffold image contexts', () => {
    const project = loadProject(join(FIXTURES, 'inferred-only'));
    assert.equal(project.configFile, undefined);
    assert.deepEqual(project.problems, []);
    const api = project.contextFor('apps/api/src/main.js')!;
    assert.equal(api.service, 'edge-api');
    assert.equal(api.serviceSource, 'inferred');
    assert.deepEqual(api.exposure, { value: 'internet', origin: { source: 'inferred', file: 'deploy/api.yaml', line: 20, detail: 'Service edge-api opens node port 30080 on every node' } });
    const worker = project.contextFor('apps/worker/src/worker.js')!;
    assert.equal(worker.service, 'queue-worker');
    assert.equal(worker.exposure, undefined, 'nothing exposes the worker');
    assert.deepEqual(worker.privileged, { value: true, origin: { source: 'inferred', file: 'deploy/worker.yaml', line: 16, detail: 'ServiceAccount worker is bound to cluster-admin' } });
  });

  it('reads Terraform: function URLs, API Gateway routes, load balancers, ECS task images and IAM policies', () => {
    const project = loadProject(join(FIXTURES, 'terraform'));
    assert.deepEqual(problemsOf(project), []);
    const exporter = project.contextFor('functions/export/index.js')!;
    assert.equal(exporter.service, 'export');
    assert.deepEqual(exporter.exposure?.value, 'internet');
    assert.deepEqual(exporter.authentication, { value: 'none', origin: { source: 'inferred', file: 'infra/lambda.tf', line: 19, detail: 'function URL aws_lambda_function_url.export with authorization_type NONE' } });
    assert.deepEqual(exporter.permissions?.value, ['*']);
    assert.equal(exporter.permissions?.origin.detail, 'AdministratorAccess attached to IAM role data-export');
    const orders = project.contextFor('functions/orders/index.js')!;
    assert.equal(orders.exposure?.value, 'internet');
    assert.equal(orders.authentication?.value, 'required', 'the route has a JWT authorizer');
    assert.deepEqual(orders.permissions?.value, ['dynamodb:Query', 'dynamodb:GetItem']);
    const web = project.contextFor('web/server.js')!;
    assert.equal(web.service, 'web');
    assert.equal(web.exposure?.value, 'internet');
    assert.equal(web.exposure?.origin.detail, 'load balancer aws_lb.public (internal = false)');
    assert.deepEqual(web.permissions?.value, ['s3:GetObject', 's3:List*'], 'read from a heredoc policy with an interpolation');
  });

  it('reads serverless.yml: each handler with its own events, the package with all of them', () => {
    const project = loadProject(join(FIXTURES, 'serverless'));
    const webhook = project.contextFor('src/handlers/webhook.js')!;
    assert.equal(webhook.service, 'orders');
    assert.equal(webhook.exposure?.value, 'internet');
    assert.equal(webhook.authentication?.value, 'none');
    assert.equal(webhook.authentication?.origin.detail, 'function stripeWebhook: http event POST webhooks/stripe with no authorizer');
    assert.deepEqual(webhook.permissions?.value, ['dynamodb:GetItem', 'dynamodb:PutItem'], 'Deny statements grant nothing');
    const list = project.contextFor('src/handlers/orders.js')!;
    assert.equal(list.authentication?.value, 'required');
    const cleanup = project.contextFor('src/jobs/cleanup.js')!;
    assert.equal(cleanup.exposure?.value, 'isolated');
    assert.deepEqual(cleanup.permissions?.value, ['dynamodb:GetItem', 'dynamodb:PutItem', 's3:*']);
    const shared = project.contextFor('src/lib/db.js')!;
    assert.equal(shared.exposure?.value, 'internet', 'shared code is reachable through any function');
    assert.equal(shared.authentication?.value, 'none');
  });
});

describe('deployment context over time (the editor reloading a project)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'guardline-context-'));
    cpSync(join(FIXTURES, 'monorepo'), root, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the last good guardline.yaml while the file has errors, and says so', () => {
    const good = loadProject(root);
    writeFileSync(join(root, 'guardline.yaml'), 'version: 1\nservices:\n  payments:\n    paths: ["services/payments/**"\n');
    const broken = loadProject(root, { previous: good });
    assert.equal(broken.configValid, false);
    assert.equal(broken.fallback, 'last-good');
    assert.match(problemsOf(broken, 'config')[0]!, /^guardline.yaml:\d+ \[config\] Invalid YAML: /);
    assert.deepEqual(problemsOf(broken, 'fallback'), ['guardline.yaml:1 [fallback] guardline.yaml has errors, so Guardline keeps using its last valid version until they are fixed']);
    assert.equal(broken.contextFor('services/payments/src/server.js')?.exposure?.value, 'internet', 'still ranked by the last good version');
    assert.equal(broken.settings.rules['no-insecure-randomness'], 'medium');
    // Still broken on the next load: the good version is remembered across broken ones.
    const stillBroken = loadProject(root, { previous: broken });
    assert.equal(stillBroken.fallback, 'last-good');
    assert.equal(stillBroken.contextFor('services/payments/src/server.js')?.data?.value.length, 2);
  });

  it('uses the valid parts of a broken file when there is no earlier good one', () => {
    writeFileSync(join(root, 'guardline.yaml'), 'services:\n  payments:\n    paths: ["services/payments/**"]\n    exposure: everywhere\n    data: [pii]\n');
    const project = loadProject(root);
    assert.equal(project.fallback, 'valid-parts');
    assert.match(problemsOf(project, 'fallback')[0]!, /ranks findings with the parts it could read and with context inferred from deployment files/);
    const context = project.contextFor('services/payments/src/server.js')!;
    assert.deepEqual(context.data?.value, ['pii']);
    assert.equal(context.exposure?.value, 'internet', 'the bad value falls back to the Ingress');
    assert.equal(context.exposure?.origin.source, 'inferred');
  });

  it('reports overlapping service paths and globs that match nothing on the glob itself', () => {
    writeFileSync(join(root, 'guardline.yaml'), `services:
  payments:
    paths: ["services/payments/**"]
  everything:
    paths: ["services/**"]
  reporting:
    paths: ["services/reprots/**"]
`);
    const project = loadProject(root);
    const errors = project.problems.filter((p) => p.severity === 'error');
    assert.equal(errors.length, 2, problemsOf(project).join('\n'));
    assert.match(`${errors[0]!.line + 1}:${errors[0]!.character! + 1} ${errors[0]!.message}`, /^5:13 services "payments" and "everything" both cover services\/payments\/Dockerfile and \d+ more files; a file belongs to one service/);
    assert.equal(`${errors[1]!.line + 1}:${errors[1]!.character! + 1} ${errors[1]!.message}`, '7:13 "services/reprots/**" in the paths of service "reporting" matches no file in the workspace; did you mean "services/reports/**"?; that service gets no context from it');
    assert.equal(project.configValid, true, 'the file reads as written; the workspace disagrees');
    assert.equal(project.contextFor('services/payments/src/server.js')?.service, 'payments', 'the first service declared wins');
  });

  it('parses only the deployment files that changed since the previous load', () => {
    const first = loadProject(root);
    assert.equal(first.stats.parsed, 10);
    const second = loadProject(root, { previous: first });
    assert.deepEqual([second.stats.parsed, second.stats.reused], [0, 10]);
    writeFileSync(join(root, 'k8s/catalog.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: catalog\nspec:\n  selector:\n    app: catalog\n');
    const third = loadProject(root, { previous: second });
    assert.deepEqual([third.stats.parsed, third.stats.reused], [1, 9]);
    assert.deepEqual(problemsOf(third, 'drift').length, 1, 'the LoadBalancer is gone, and so is its drift (a development compose file is not the internet)');
  });

  it('reads files open in the editor instead of the disk', () => {
    const base = loadProject(root);
    const edited = loadProject(root, {
      previous: base,
      openFiles: new Map([
        ['guardline.yaml', 'version: 1\nservices:\n  payments:\n    paths: ["services/payments/**"]\n    exposure: partner\n'],
        ['k8s/ingress.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: none\n'],
      ]),
    });
    const context = edited.contextFor('services/payments/src/server.js')!;
    assert.equal(context.exposure?.value, 'partner');
    assert.equal(context.entryPoint, undefined, 'the unsaved ingress no longer routes to payments');
  });

  it('turns inference off when guardline.yaml says so', () => {
    writeFileSync(join(root, 'guardline.yaml'), 'inference: false\nservices:\n  payments:\n    paths: ["services/payments/**"]\n');
    const project = loadProject(root);
    assert.deepEqual(project.deploymentFiles, []);
    assert.deepEqual(project.contextFor('services/payments/src/server.js'), { service: 'payments', serviceSource: 'declared' });
  });
});
