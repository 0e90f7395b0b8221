// Measures context loading (not a test: numbers for the report and for regressions).
// Run: npx tsx test/context/measure.ts
// Prints the load time of the fixture monorepo (cold and with the previous load's cache), of a
// generated large workspace, and of each hostile input, with peak memory.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, type Project } from '../../server/src/engine/context';

const FIXTURE = join(__dirname, '../fixtures/context/monorepo');

function time<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function report(name: string, ms: number, project?: Project): void {
  const stats = project ? ` (${project.stats.filesListed} files, ${project.stats.deploymentFiles} deployment files, ${project.stats.parsed} parsed, ${project.stats.units} units, ${project.problems.length} problems)` : '';
  console.log(`${name.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms${stats}`);
}

/** A workspace of `services` services, each with code, a Dockerfile, manifests and Terraform. */
function generate(root: string, services: number): void {
  let config = 'version: 1\nservices:\n';
  for (let i = 0; i < services; i++) {
    const dir = join(root, 'services', `svc${i}`);
    mkdirSync(join(dir, 'src'), { recursive: true });
    for (let f = 0; f < 20; f++) writeFileSync(join(dir, 'src', `file${f}.js`), `module.exports = ${f};\n`);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\nCOPY . .\nEXPOSE 8080\n');
    mkdirSync(join(root, 'k8s'), { recursive: true });
    writeFileSync(join(root, 'k8s', `svc${i}.yaml`), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc${i}\nspec:\n  template:\n    metadata:\n      labels: {app: svc${i}}\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/svc${i}:1.0.0\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc${i}\nspec:\n  type: ${i % 3 === 0 ? 'LoadBalancer' : 'ClusterIP'}\n  selector: {app: svc${i}}\n`);
    mkdirSync(join(root, 'infra'), { recursive: true });
    writeFileSync(join(root, 'infra', `svc${i}.tf`), `resource "aws_iam_role" "svc${i}" {\n  name = "svc${i}"\n}\nresource "aws_iam_role_policy" "svc${i}" {\n  role   = aws_iam_role.svc${i}.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })\n}\n`);
    config += `  svc${i}:\n    paths: ["services/svc${i}/**"]\n    exposure: ${i % 2 ? 'internal' : 'internet'}\n    data: [pii]\n`;
  }
  writeFileSync(join(root, 'guardline.yaml'), config);
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), 'guardline-measure-'));
  try {
    // The fixture monorepo: cold (first load in the process), then reloads reusing the cache.
    const cold = time(() => loadProject(FIXTURE));
    report('fixture monorepo, first load', cold.ms, cold.value);
    const fresh: number[] = [];
    const reloads: number[] = [];
    let previous = cold.value;
    for (let i = 0; i < 20; i++) {
      fresh.push(time(() => loadProject(FIXTURE)).ms);
      const reload = time(() => loadProject(FIXTURE, { previous }));
      reloads.push(reload.ms);
      previous = reload.value;
    }
    report('fixture monorepo, load (median of 20)', median(fresh));
    report('fixture monorepo, reload with cache (median of 20)', median(reloads), previous);
    const contexts = time(() => {
      for (let i = 0; i < 10_000; i++) previous.contextFor(`services/payments/src/file${i}.js`);
    });
    report('contextFor, 10,000 distinct paths', contexts.ms);

    // A large generated workspace.
    const large = join(scratch, 'large');
    generate(large, 200);
    const largeCold = time(() => loadProject(large));
    report('200 services, 4,200 code files, first load', largeCold.ms, largeCold.value);
    const largeReloads: number[] = [];
    let largePrevious = largeCold.value;
    for (let i = 0; i < 5; i++) {
      const reload = time(() => loadProject(large, { previous: largePrevious }));
      largeReloads.push(reload.ms);
      largePrevious = reload.value;
    }
    report('200 services, reload with cache (median of 5)', median(largeReloads), largePrevious);

    // Hostile inputs, each in a copy of the fixture.
    const hostile: Array<[string, (root: string) => void]> = [
      ['guardline.yaml of 10 MB', (root) => writeFileSync(join(root, 'guardline.yaml'), `version: 1\n${'# padding\n'.repeat(1_000_000)}`)],
      ['guardline.yaml of 1 MB (at the limit)', (root) => writeFileSync(join(root, 'guardline.yaml'), `version: 1\nrules:\n${Array.from({ length: 40_000 }, (_, i) => `  r${i}: off`).join('\n')}\n`.slice(0, 999_000).replace(/\n[^\n]*$/, '\n'))],
      ['billion laughs in guardline.yaml', (root) => {
        let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
        for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
        writeFileSync(join(root, 'guardline.yaml'), text);
      }],
      ['200,000 nested [ in guardline.yaml', (root) => writeFileSync(join(root, 'guardline.yaml'), `services: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`)],
      ['backtracking globs in guardline.yaml', (root) => writeFileSync(join(root, 'guardline.yaml'), `services:\n  a:\n    paths: ["${'*a'.repeat(60)}*b", "*${'a'.repeat(200)}b", "${'**/'.repeat(40)}x"]\n`)],
      ['10 MB Kubernetes manifest', (root) => writeFileSync(join(root, 'k8s', 'big.yaml'), `apiVersion: v1\nkind: ConfigMap\ndata:\n  k: "${'x'.repeat(10_000_000)}"\n`)],
    ];
    for (const [name, prepare] of hostile) {
      const root = join(scratch, name.replace(/\W+/g, '-'));
      cpSync(FIXTURE, root, { recursive: true });
      prepare(root);
      const result = time(() => loadProject(root));
      report(name, result.ms, result.value);
    }
    console.log(`peak resident memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
