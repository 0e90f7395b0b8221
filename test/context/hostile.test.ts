// Hostile and broken input to context loading: invalid YAML, a 10 MB file, alias bombs, deep
// nesting, globs built to be slow, and broken deployment files. Each gives a clear problem at the
// right place, and loading finishes (mocha's timeout is the bound) without throwing.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, type Project } from '../../server/src/engine/context';
import { parseHcl, HCL_LIMITS } from '../../server/src/engine/context/hcl';
import { parseYaml, YAML_LIMITS } from '../../server/src/engine/context/yaml-tree';
import { parseSettings } from '../../server/src/engine/config';

/** A "billion laughs" document: ten levels of ten aliases each (10^10 values once expanded). */
function billionLaughs(): string {
  let text = 'lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  for (let i = 1; i <= 9; i++) text += `lol${i}: &lol${i} [${Array.from({ length: 10 }, () => `*lol${i - 1}`).join(', ')}]\n`;
  return text;
}

function configProblems(project: Project): string[] {
  return project.problems.filter((p) => p.file === project.configFile).map((p) => `${p.line + 1} ${p.severity} ${p.message}`);
}

describe('hostile input to deployment context', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'guardline-hostile-'));
    mkdirSync(join(root, 'api'));
    writeFileSync(join(root, 'api', 'server.js'), 'module.exports = {};\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports invalid YAML at its line and still loads the project', () => {
    writeFileSync(join(root, 'guardline.yaml'), 'version: 1\nservices:\n  api:\n    paths: ["api/**"\n    exposure: internet\n');
    const project = loadProject(root);
    assert.equal(project.configValid, false);
    assert.match(configProblems(project)[0]!, /^\d+ error Invalid YAML: /);
    assert.equal(project.contextFor('api/server.js'), undefined);
  });

  it('refuses a 10 MB guardline.yaml without reading it into the parser', () => {
    const line = '# padding padding padding padding padding padding padding padding padding\n';
    writeFileSync(join(root, 'guardline.yaml'), `version: 1\n${line.repeat(Math.ceil(10_000_000 / line.length))}`);
    const project = loadProject(root);
    assert.deepEqual(configProblems(project).slice(0, 1), ['1 error guardline.yaml is 10.0 MB; Guardline reads config files up to 1.0 MB. A config describes services and rules and needs a few kilobytes.']);
    assert.equal(project.fallback, 'valid-parts');
  });

  it('refuses anchors that expand to billions of values', () => {
    writeFileSync(join(root, 'guardline.yaml'), `${billionLaughs()}version: 1\n`);
    const project = loadProject(root);
    assert.match(configProblems(project)[0]!, /^1 error Invalid YAML: anchors and aliases expand this file to more than 100,000 values \(a "billion laughs" pattern\); Guardline does not read it$/);
  });

  it('refuses values nested thousands of levels deep', () => {
    writeFileSync(join(root, 'guardline.yaml'), `services: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`);
    const project = loadProject(root);
    assert.match(configProblems(project)[0]!, /^1 error Invalid YAML: values are nested more than 100 levels deep with \[ and \{; Guardline does not read this file$/);
    const blocks = Array.from({ length: 1_200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    assert.deepEqual(parseSettings(`rules:\n${blocks.replace(/^/gm, '  ')}\n`).problems.map((p) => p.message), ['Invalid YAML: values are nested more than 200 levels deep; Guardline does not read this file']);
  });

  it('refuses aliases chained into deep nesting in a few lines', () => {
    let chain = 'a0: &a0 x\n';
    for (let i = 1; i <= 5_000; i++) chain += `a${i}: &a${i} [*a${i - 1}]\n`;
    writeFileSync(join(root, 'guardline.yaml'), chain);
    const project = loadProject(root);
    assert.match(configProblems(project)[0]!, /^1 error Invalid YAML: values are nested more than 200 levels deep/);
  });

  it('bounds globs built to be slow, and reports them on their line', () => {
    writeFileSync(join(root, 'guardline.yaml'), `services:
  api:
    paths:
      - "${'*a'.repeat(60)}*b"
      - "*${'a'.repeat(200)}b"
      - "${'{a,b}'.repeat(10)}"
      - "api/**"
`);
    for (let i = 0; i < 50; i++) writeFileSync(join(root, 'api', `${'a'.repeat(200)}${i}.js`), '');
    const project = loadProject(root);
    const problems = configProblems(project);
    assert.ok(problems.some((p) => /^4 error .* matches no file in the workspace/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^6 error .*expand to more than 64 globs/.test(p)), problems.join('\n'));
    assert.equal(project.contextFor('api/server.js')?.service, 'api');
  });

  it('skips a 10 MB deployment file and reports it on that file', () => {
    mkdirSync(join(root, 'k8s'));
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n';
    writeFileSync(join(root, 'k8s', 'big.yaml'), doc + `  key: "${'x'.repeat(10_000_000)}"\n`);
    const project = loadProject(root);
    assert.deepEqual(project.problems.map((p) => `${p.file} ${p.severity} ${p.message}`), ['k8s/big.yaml warning not used for deployment context: 10.0 MB is over the 1.0 MB limit for deployment files']);
  });

  it('reports broken deployment files and uses the rest', () => {
    mkdirSync(join(root, 'k8s'));
    mkdirSync(join(root, 'infra'));
    writeFileSync(join(root, 'k8s', 'bomb.yaml'), `apiVersion: v1\nkind: ConfigMap\n${billionLaughs()}`);
    writeFileSync(join(root, 'k8s', 'broken.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: x\n');
    writeFileSync(join(root, 'infra', 'main.tf'), 'resource "aws_lb" "a" {\n  internal = false\n}\nresource "aws_lb" "b" {\n  name = "unterminated\n}\n');
    writeFileSync(join(root, 'infra', 'deep.tf'), `locals {\n  x = ${'['.repeat(5_000)}${']'.repeat(5_000)}\n}\n`);
    const project = loadProject(root);
    const problems = project.problems.map((p) => `${p.file}:${p.line + 1} ${p.message}`);
    assert.ok(problems.some((p) => /^k8s\/bomb\.yaml:1 not used for deployment context: anchors and aliases expand/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /^k8s\/broken\.yaml:\d+ not used for deployment context: /.test(p)), problems.join('\n'));
    assert.ok(problems.includes('infra/main.tf:5 Terraform could not be read past line 5 (a quoted string must end on the line it starts on); deployment context uses what came before it'), problems.join('\n'));
    assert.ok(problems.some((p) => /^infra\/deep\.tf:2 Terraform could not be read past line 2 \(an expression is nested more than 64 levels deep\)/.test(p)), problems.join('\n'));
  });

  it('parses YAML and HCL within their limits', () => {
    const merged = parseYaml('base: &b {a: 1}\nuse: {<<: *b, c: 2}\n');
    assert.deepEqual(merged.errors, []);
    assert.equal(parseYaml('[1, *missing]').errors[0]?.message, 'alias *missing refers to no anchor defined before it');
    assert.ok(parseYaml(`${'- '.repeat(1)}${'['.repeat(YAML_LIMITS.maxFlowDepth)}${']'.repeat(YAML_LIMITS.maxFlowDepth)}`).errors.length === 0, 'exactly at the limit is fine');
    let nested = 'x = 1\n';
    for (let i = 0; i < HCL_LIMITS.maxDepth + 2; i++) nested = `b {\n${nested}}\n`;
    assert.match(parseHcl(nested).error?.message ?? '', /blocks are nested more than 64 levels deep/);
    assert.equal(parseHcl('resource "x" "y" {\n  a = "b"\n').error?.message, 'a block is never closed with "}"');
  });
});
