// `npm test`: type-check, build the bundles, run every mocha suite (engine, rules, CLI, server over
// a real LSP connection), then the suites inside a real VS Code when one can be started here.
// Ends with one line "N passed, N failed" summing every step.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'guardline-test-'));
let passed = 0;
let failed = 0;

function step(name, command, args, env = {}) {
  process.stdout.write(`\n== ${name}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function counted(name, command, args) {
  const counts = join(scratch, `${name.replace(/\W+/g, '-')}.json`);
  const ok = step(name, command, args, { GUARDLINE_TEST_COUNTS: counts });
  if (existsSync(counts)) {
    const { passed: p, failed: f } = JSON.parse(readFileSync(counts, 'utf8'));
    passed += p;
    failed += f;
    if (!ok && f === 0) failed++; // the runner itself failed outside any test
  } else {
    failed++;
    process.stdout.write(`${name}: the runner did not report its results\n`);
  }
}

const node = process.execPath;
const bin = (name) => join(root, 'node_modules', '.bin', name);

if (step('rule index', node, ['scripts/gen-rule-index.mjs'])) passed++;
else failed++;
if (step('typecheck (tsc --noEmit, strict)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) passed++;
else failed++;
if (step('build (esbuild bundles)', node, ['scripts/build.mjs'])) passed++;
else failed++;
counted('mocha', bin('mocha'), []);
if (existsSync(join(root, 'test', 'e2e', 'run.mjs'))) counted('real VS Code', node, ['test/e2e/run.mjs']);

rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
