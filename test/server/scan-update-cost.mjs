// Not a test: measures what one changed-file update costs the language server after a workspace
// scan, on a workspace of a few thousand real files (copied from node_modules, plus deployment
// files and a guardline.yaml), as server CPU time (all threads, from /proc) and wall time until the
// changed file's diagnostics arrive. Also measures a guardline.yaml change that re-ranks one service.
//   node test/server/scan-update-cost.mjs [path/to/server.js] [files]
// (default: dist/server.js, 3000 files). Linux only (reads /proc). Builds its workspace in a temporary folder.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const server = resolve(process.argv[2] ?? join(ROOT, 'dist', 'server.js'));
const fileCount = Number(process.argv[3] ?? 3000);
const UPDATES = 5;

const VULNERABLE = "const { exec } = require('child_process');\nconst app = require('express')();\napp.get('/ping', (req, res) => exec('ping -c 1 ' + req.query.host, (e, out) => res.send(out)));\n";
const SAFE = "const { exec } = require('child_process');\nconst app = require('express')();\napp.get('/ping', (req, res) => exec('uptime', (e, out) => res.send(out)));\n";

/** Real JavaScript files of node_modules (1-60 kB), in a stable order. */
function sourceFiles(count) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (found.length >= count) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.js') && !entry.name.endsWith('.min.js')) {
        const size = statSync(path).size;
        if (size >= 1000 && size <= 60_000) found.push(path);
      }
    }
  };
  walk(join(ROOT, 'node_modules'));
  return found;
}

function buildWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'guardline-scan-cost-'));
  const services = 10;
  const sources = sourceFiles(fileCount - 3 * services - 2);
  sources.forEach((source, i) => {
    const target = join(root, 'services', `svc${i % services}`, 'src', relative(join(ROOT, 'node_modules'), source));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target);
  });
  for (let s = 0; s < services; s++) {
    const dir = join(root, 'services', `svc${s}`);
    writeFileSync(join(dir, 'Dockerfile'), `FROM node:20\nWORKDIR /app\nCOPY . .\nEXPOSE ${3000 + s}\nCMD ["node", "src/index.js"]\n`);
    writeFileSync(join(dir, 'deployment.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc${s}\nspec:\n  template:\n    spec:\n      containers:\n        - name: svc${s}\n          image: svc${s}\n          ports:\n            - containerPort: ${3000 + s}\n`);
    writeFileSync(join(dir, 'src', 'index.js'), SAFE);
  }
  writeFileSync(join(root, 'guardline.yaml'), guardlineYaml('internal'));
  writeFileSync(join(root, 'app.js'), SAFE);
  return root;
}

function guardlineYaml(exposure) {
  return `version: 1\nservices:\n  svc0:\n    paths: ["services/svc0/**"]\n    exposure: ${exposure}\n`;
}

/** Resident memory of a process, in MB. */
function rssMB(pid) {
  return Math.round(Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
}

/** CPU seconds (user + system, every thread) of a process. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Waits until the process has used no CPU for 1 s, and returns its CPU seconds then. */
async function settled(pid) {
  let last = cpuSeconds(pid);
  for (;;) {
    await sleep(1000);
    const now = cpuSeconds(pid);
    if (now - last < 0.02) return now;
    last = now;
  }
}

async function main() {
  const workspace = buildWorkspace();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = [];
  const logs = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => published.push({ ...params, at: performance.now() }));
  connection.onNotification('window/logMessage', (params) => logs.push(params.message));
  connection.onRequest((method, params) => (method === 'workspace/configuration' ? params.items.map(() => ({ enable: true, rules: {}, minimumPriority: 'info', audit: false })) : null));
  connection.onNotification(() => undefined);
  connection.listen();
  const folder = pathToFileURL(workspace).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } }, initializationOptions: {} });
  await connection.sendNotification('initialized', {});
  const waitFor = async (check, what) => {
    const deadline = Date.now() + 600_000;
    for (;;) {
      const found = check();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  };
  try {
    let cpu = await settled(child.pid);
    let started = performance.now();
    const scan = await connection.sendRequest('guardline/scanWorkspace', {});
    const afterScan = await settled(child.pid);
    console.log(`server: ${server}`);
    console.log(`full scan: ${scan.filesScanned} files, ${scan.findings} findings, ${((performance.now() - started) / 1000).toFixed(1)} s wall, ${(afterScan - cpu).toFixed(2)} s CPU; server RSS ${rssMB(child.pid)} MB after it`);

    const app = join(workspace, 'app.js');
    const uri = pathToFileURL(app).href;
    const walls = [];
    const cpus = [];
    for (let i = 0; i < UPDATES; i++) {
      cpu = cpuSeconds(child.pid);
      const vulnerable = i % 2 === 0;
      writeFileSync(app, vulnerable ? VULNERABLE : SAFE);
      const from = published.length;
      started = performance.now();
      await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      const hit = await waitFor(() => published.slice(from).find((p) => p.uri === uri && (vulnerable ? p.diagnostics.length > 0 : p.diagnostics.length === 0)), 'the changed file');
      walls.push(hit.at - started);
      cpus.push((await settled(child.pid)) - cpu);
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    console.log(`one changed file (${UPDATES} updates, server RSS ${rssMB(child.pid)} MB after them): median ${median(walls).toFixed(0)} ms wall to its diagnostics (includes the server's 300 ms debounce), median ${median(cpus).toFixed(2)} s server CPU [${cpus.map((c) => c.toFixed(2)).join(', ')}]`);

    cpu = cpuSeconds(child.pid);
    const svc0 = pathToFileURL(join(workspace, 'services', 'svc0', 'src', 'index.js')).href;
    writeFileSync(join(workspace, 'services', 'svc0', 'src', 'index.js'), VULNERABLE);
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: svc0, type: 2 }] });
    const ranked = (words) => (p) => p.uri === svc0 && p.diagnostics.some((d) => d.code === 'no-command-injection' && d.message.includes(words));
    await waitFor(() => published.find(ranked('Priority critical: internal network only')), 'the svc0 finding');
    await settled(child.pid);
    cpu = cpuSeconds(child.pid);
    const from = published.length;
    started = performance.now();
    writeFileSync(join(workspace, 'guardline.yaml'), guardlineYaml('isolated'));
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(workspace, 'guardline.yaml')).href, type: 2 }] });
    const reranked = await waitFor(() => published.slice(from).find(ranked('Priority high: isolated')), 'the re-ranked svc0 finding');
    const cpuAfter = await settled(child.pid);
    console.log(`guardline.yaml change (one service's exposure): ${(reranked.at - started).toFixed(0)} ms wall to the re-ranked file, ${(cpuAfter - cpu).toFixed(2)} s server CPU`);
    const trace = logs.filter((line) => /Workspace scan/.test(line)).slice(-2);
    if (trace.length) console.log(`server log:\n  ${trace.join('\n  ')}`);
  } finally {
    await Promise.race([connection.sendRequest('shutdown'), sleep(2000)]).catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    child.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
