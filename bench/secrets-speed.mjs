// Secret-scanning speed: reads a node_modules-like tree (this project's own node_modules plus
// generated application files with planted fake credentials) and runs the engine with only the
// secret rules on every text file, as `guardline scan` does. Reports MB/s (reading + scanning)
// and peak memory. No downloads. Usage: node bench/secrets-speed.mjs [--repeat N] [--dir PATH]
import { buildSync } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const repeat = Number(args[args.indexOf('--repeat') + 1]) || 1;
const source = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : join(ROOT, 'node_modules');

// Bundle the engine and the rule registry once, as the shipped CLI is bundled.
const work = mkdtempSync(join(tmpdir(), 'guardline-secrets-bench-'));
const bundle = join(work, 'engine.cjs');
buildSync({
  stdin: { contents: "export { analyze } from './server/src/engine/engine'; export { REGISTRY } from './rules'; export { FAKE_SECRETS } from './test/harness/fake-secrets';", resolveDir: ROOT, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error',
});
const { analyze, REGISTRY, FAKE_SECRETS } = createRequire(import.meta.url)(bundle);
const loadedRss = process.memoryUsage().rss;
const secretRules = REGISTRY.filter((r) => r.folder.startsWith('secrets/')).map((r) => r.rule);

// Generated application files: configuration and code with planted fakes and hard negatives.
const generated = join(work, 'app');
mkdirSync(generated, { recursive: true });
const fake = (name, seed) => FAKE_SECRETS[name](seed);
for (let i = 0; i < 2000; i++) {
  writeFileSync(join(generated, `service-${i}.env`), `# service ${i}\nDB_HOST=db-${i}.internal\nDB_PASSWORD=${i % 10 === 0 ? fake('password', `p${i}`) : '${DB_PASSWORD}'}\nLOG_LEVEL=info\n`.repeat(20));
  writeFileSync(join(generated, `client-${i}.js`), `const api = require('./api');\nconst token = process.env.API_TOKEN;\n${i % 25 === 0 ? `const key = '${fake('stripe-live', `s${i}`)}';\n` : ''}module.exports = async function fetchOrders(id) {\n  return api.get('/orders/' + id, { headers: { Authorization: 'Bearer ' + token } });\n};\n`.repeat(30));
}

const BINARY = /\.(png|jpe?g|gif|ico|webp|pdf|zip|gz|tgz|woff2?|ttf|otf|eot|wasm|node|so|dll|exe|mp[34]|bin|pyc)$/i;
const files = [];
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile() && !BINARY.test(entry.name)) files.push(path);
  }
}
walk(source);
walk(generated);

const decoder = new TextDecoder('utf-8');
let peakRss = 0;
const results = [];
for (let round = 0; round < repeat; round++) {
  let bytes = 0;
  let scanned = 0;
  let findings = 0;
  let scanning = 0;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (const path of files) {
    if (statSync(path).size > 10 * 1024 * 1024) continue;
    const buffer = readFileSync(path);
    if (buffer.subarray(0, 8000).includes(0)) continue;
    const text = decoder.decode(buffer);
    bytes += buffer.length;
    scanned++;
    const before = performance.now();
    findings += analyze({ path: path.slice(ROOT.length + 1), text }, { rules: secretRules }).length;
    scanning += performance.now() - before;
    if ((scanned & 255) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  results.push({ files: scanned, megabytes: bytes / 1e6, seconds, mbPerSecond: bytes / 1e6 / seconds, scanOnlyMbPerSecond: bytes / 1e6 / (scanning / 1000), mbPerCpuSecond: bytes / 1e6 / cpuSeconds, findings });
}
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
rmSync(work, { recursive: true, force: true });
const best = results.reduce((a, b) => (b.mbPerSecond > a.mbPerSecond ? b : a));
console.log(JSON.stringify({
  benchmark: 'secret scanning (read + all secret rules, in process)',
  tree: source,
  files: best.files,
  megabytes: Math.round(best.megabytes * 10) / 10,
  seconds: Math.round(best.seconds * 100) / 100,
  mbPerSecond: Math.round(best.mbPerSecond * 10) / 10,
  runs: results.map((r) => Math.round(r.mbPerSecond * 10) / 10),
  scanOnlyMbPerSecond: Math.round(best.scanOnlyMbPerSecond * 10) / 10,
  // Wall-clock MB/s depends on what else the machine runs; MB per CPU-second does much less.
  mbPerCpuSecond: Math.round(best.mbPerCpuSecond * 10) / 10,
  loadAverage: (await import('node:os')).loadavg().map((l) => Math.round(l * 10) / 10),
  findings: best.findings,
  peakRssMb: Math.round(peakRss / 1e6),
  rssAfterLoadingEngineMb: Math.round(loadedRss / 1e6),
}, null, 2));
