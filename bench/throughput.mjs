// Workspace throughput: `guardline scan` against ESLint 9 with the three security plugins on the
// same JS/TS files, and against secretlint (preset-recommend) on the same files. Each tool runs as
// a whole process under /usr/bin/time; runs alternate between the tools and the medians count.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, load, median, round, timeProcess } from './lib/util.mjs';

const ESLINT = join(REPO, 'node_modules', 'eslint', 'bin', 'eslint.js');
const SECRETLINT = join(REPO, 'node_modules', 'secretlint', 'bin', 'secretlint.js');

/** guardline.yaml that leaves only the secret rules on, for the secrets-against-secretlint pair. */
function secretsOnlyConfig(dir) {
  const lines = ['# Written by bench/throughput.mjs: every rule but the secret rules is off.', 'rules:'];
  for (const category of readdirSync(join(REPO, 'rules'), { withFileTypes: true })) {
    if (!category.isDirectory() || ['secrets', 'engine', 'api'].includes(category.name)) continue;
    for (const rule of readdirSync(join(REPO, 'rules', category.name), { withFileTypes: true })) {
      if (rule.isDirectory()) lines.push(`  ${rule.name}: off`);
    }
  }
  const path = join(dir, 'secrets-only.guardline.yaml');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/**
 * The tools of each pair. Output goes to JSON files (the format CI would keep); every tool is
 * told not to fail the process on findings where it has such a switch.
 */
function tools({ cli, corpus, outDir }) {
  const root = corpus.root;
  writeFileSync(join(root, 'eslint.config.mjs'), `export { default } from ${JSON.stringify(join(REPO, 'bench', 'peers', 'eslint.config.mjs'))};\n`);
  const secretsConfig = secretsOnlyConfig(outDir);
  const out = (name) => join(outDir, `${name}.out.json`);
  return {
    'guardline-js': { files: corpus.js, args: [cli, 'scan', 'js', '--format', 'json', '--output', out('guardline-js'), '--fail-on', 'none'] },
    eslint: { files: corpus.js, args: [ESLINT, '--format', 'json', '--output-file', out('eslint'), '--no-warn-ignored', 'js'] },
    'guardline-all': { files: corpus.all, args: [cli, 'scan', 'all', '--format', 'json', '--output', out('guardline-all'), '--fail-on', 'none'] },
    'guardline-secrets': { files: corpus.all, args: [cli, 'scan', 'all', '--config', secretsConfig, '--format', 'json', '--output', out('guardline-secrets'), '--fail-on', 'none'] },
    secretlint: { files: corpus.all, args: [SECRETLINT, '--secretlintrc', join(REPO, 'bench', 'peers', 'secretlintrc.json'), '--format', 'json', '--output', out('secretlint'), '--no-color', 'all/**/*'] },
  };
}

export const PAIRS = [
  { name: 'JS/TS security rules', ours: 'guardline-js', peer: 'eslint', target: 3 },
  { name: 'secret scanning', ours: 'guardline-secrets', peer: 'secretlint', target: 4 },
  { name: 'everything vs secretlint', ours: 'guardline-all', peer: 'secretlint', target: undefined },
];

export async function runThroughput({ cli, corpus, runs = 3, workDir, log = console.log }) {
  const outDir = join(workDir, 'throughput');
  mkdirSync(outDir, { recursive: true });
  const all = tools({ cli, corpus, outDir });
  const names = Object.keys(all);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const loads = [];
  for (let run = 0; run < runs; run++) {
    // Alternate the order so no tool always runs right after the same neighbour.
    const order = run % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      loads.push(load()[0]);
      const result = await timeProcess(process.execPath, all[name].args, { cwd: corpus.root });
      if (result.exitCode > 1) throw new Error(`${name} failed (exit ${result.exitCode}): ${result.stderrTail}`);
      samples[name].push(result);
      log(`  run ${run + 1}/${runs} ${name.padEnd(18)} ${result.wallS.toFixed(1)} s wall, ${result.cpuS.toFixed(1)} s cpu, ${Math.round(result.peakMB)} MB peak`);
    }
  }
  const summary = {};
  for (const name of names) {
    const { files, bytes } = all[name].files;
    const wall = median(samples[name].map((s) => s.wallS));
    const cpu = median(samples[name].map((s) => s.cpuS));
    summary[name] = {
      files,
      MB: round(bytes / 1e6, 1),
      wallS: round(wall, 2),
      cpuS: round(cpu, 2),
      filesPerS: round(files / wall, 0),
      MBPerS: round(bytes / 1e6 / wall, 2),
      cpuMBPerS: round(bytes / 1e6 / cpu, 2),
      peakMB: round(median(samples[name].map((s) => s.peakMB)), 0),
      runs: samples[name].map((s) => ({ wallS: round(s.wallS, 2), cpuS: round(s.cpuS, 2), peakMB: round(s.peakMB, 0) })),
    };
  }
  const pairs = PAIRS.map((pair) => ({
    ...pair,
    wallRatio: round(summary[pair.peer].wallS / summary[pair.ours].wallS, 2),
    cpuRatio: round(summary[pair.peer].cpuS / summary[pair.ours].cpuS, 2),
  }));
  return { runs, tools: summary, pairs, loadDuring: { min: Math.min(...loads), max: Math.max(...loads), median: median(loads) } };
}
