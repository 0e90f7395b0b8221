// `npm run bench`: Guardline and its peers on the same files in the same run. Builds the corpus
// (node_modules plus generated files, in a temp folder), then measures edit latency over LSP,
// workspace throughput against ESLint and secretlint, memory, and scaling; prints a table and
// writes a JSON file per run to bench/results/ so runs can be compared across commits.
//
// Usage: npm run bench -- [--quick] [--only latency,throughput,memory,scaling,secrets]
//          [--runs N] [--corpus-mb N] [--no-build] [--results-dir DIR] [--keep]
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, buildCorpus } from './lib/corpus.mjs';
import { REPO, load, machine, snapshotBundles } from './lib/util.mjs';
import { runLatency } from './latency.mjs';
import { runThroughput } from './throughput.mjs';
import { runCliMemory, runServerMemory } from './memory.mjs';
import { formatTable } from './lib/report.mjs';

const SECTIONS = ['latency', 'throughput', 'memory', 'scaling', 'secrets'];

function parseArgs(argv) {
  const args = { quick: false, only: SECTIONS, runs: undefined, corpusMB: undefined, build: true, resultsDir: join(REPO, 'bench', 'results'), keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') args.quick = true;
    else if (arg === '--only') args.only = value().split(',').map((s) => s.trim());
    else if (arg === '--runs') args.runs = Number(value());
    else if (arg === '--corpus-mb') args.corpusMB = Number(value());
    else if (arg === '--no-build') args.build = false;
    else if (arg === '--results-dir') args.resultsDir = value();
    else if (arg === '--keep') args.keep = true;
    else if (arg === '-h' || arg === '--help') {
      console.log('Usage: npm run bench -- [--quick] [--only latency,throughput,memory,scaling,secrets] [--runs N] [--corpus-mb N] [--no-build] [--results-dir DIR] [--keep]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  for (const section of args.only) if (!SECTIONS.includes(section)) throw new Error(`unknown section ${section} (${SECTIONS.join(', ')})`);
  return args;
}

/** Sizes for a full run and for --quick (the smoke test: everything runs, on little input). */
function plan(args) {
  if (args.quick) {
    return { corpusMB: args.corpusMB ?? 0.3, runs: args.runs ?? 1, latencySizes: [1, 300], edits: 3, warmup: 1, scalingSizes: [200, 400], familySizes: 2, workspaceFiles: 100, openDocuments: 3, cliFiles: 200 };
  }
  return { corpusMB: args.corpusMB ?? 0, runs: args.runs ?? 3, latencySizes: [1, 500, 2000, 10000], edits: 40, warmup: 5, scalingSizes: [1000, 2000, 5000, 10000, 20000], familySizes: 4, workspaceFiles: 10_000, openDocuments: 50, cliFiles: 48_000 };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = plan(args);
  const work = benchDir();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const log = (line) => console.log(line);
  const started = new Date();
  const result = { version: 1, startedAt: started.toISOString(), quick: args.quick, machine: machine(), sections: {} };
  log(`Guardline bench on ${result.machine.cpu} (${result.machine.cores} cores, ${result.machine.memoryGB} GB), load ${result.machine.loadAtStart.join(' ')}`);

  const bundles = snapshotBundles(work, { build: args.build });
  const nodeModules = join(REPO, 'node_modules');
  const corpus = buildCorpus({ nodeModules, out: join(work, 'corpus'), maxBytes: sizes.corpusMB * 1e6 });
  result.corpus = { all: corpus.all, js: corpus.js, sampleMB: sizes.corpusMB || 'all' };
  log(`corpus: ${corpus.all.files} files (${(corpus.all.bytes / 1e6).toFixed(1)} MB), of which ${corpus.js.files} JS/TS (${(corpus.js.bytes / 1e6).toFixed(1)} MB)`);

  const scaling = args.only.includes('scaling') || args.only.includes('latency') ? await import('./scaling.mts') : undefined;
  mkdirSync(args.resultsDir, { recursive: true });
  const stamp = started.toISOString().replace(/[:]/g, '').replace(/\..*$/, '');
  const name = `${stamp}-${result.machine.commit}${args.quick ? '-quick' : ''}`;
  // Written after every section, so a run stopped halfway still leaves what it measured.
  const save = () => writeFileSync(join(args.resultsDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');

  if (args.only.includes('latency')) {
    log('edit latency (LSP):');
    result.sections.latency = await runLatency({ server: bundles.server, nodeModules, workDir: work, sizes: sizes.latencySizes, edits: sizes.edits, warmup: sizes.warmup, analyzeMs: scaling?.analyzeMs, log });
    save();
  }
  if (args.only.includes('throughput')) {
    log('workspace throughput (whole processes, alternating):');
    result.sections.throughput = await runThroughput({ cli: bundles.cli, corpus, runs: sizes.runs, workDir: work, log });
    save();
  }
  if (args.only.includes('secrets')) {
    log('secret scanning in process (bench/secrets-speed.mjs):');
    const output = execFileSync(process.execPath, [join(REPO, 'bench', 'secrets-speed.mjs'), '--dir', corpus.allDir, '--repeat', String(sizes.runs)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    result.sections.secrets = JSON.parse(output.slice(output.indexOf('{')));
    log(`  ${result.sections.secrets.mbPerSecond} MB/s read + scan, ${result.sections.secrets.scanOnlyMbPerSecond} MB/s scan only`);
    save();
  }
  if (args.only.includes('scaling')) {
    log('scaling and the search for super-linear inputs (in process):');
    const families = Object.fromEntries(Object.entries(scaling.FAMILIES).map(([name, family]) => [name, { ...family, sizes: family.sizes.slice(0, sizes.familySizes) }]));
    Object.assign(scaling.FAMILIES, families);
    result.sections.scaling = scaling.runScaling({ nodeModules, sizes: sizes.scalingSizes, log });
    save();
  }

  if (args.only.includes('memory')) {
    log('memory:');
    result.sections.memory = {
      server: await runServerMemory({ server: bundles.server, corpus, workDir: work, workspaceFiles: sizes.workspaceFiles, openDocuments: sizes.openDocuments, log }),
    };
    save();
    result.sections.memory.cli = await runCliMemory({ cli: bundles.cli, corpus, workDir: work, files: sizes.cliFiles, log });
    save();
  }
  result.machine.loadAtEnd = load();
  result.seconds = Math.round((Date.now() - started.getTime()) / 1000);
  const table = formatTable(result);
  console.log(`\n${table}`);
  save();
  writeFileSync(join(args.resultsDir, args.quick ? 'latest-quick.md' : 'latest.md'), table + '\n');
  log(`\nwrote ${join(args.resultsDir, `${name}.json`)}`);
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
