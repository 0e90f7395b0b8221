// Memory: the language server's resident memory with 50 open documents and after a workspace
// scan of 10,000 files (guardline/scanWorkspace), and the CLI's peak on a 48,000-file tree.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { BenchClient } from './lib/lsp-client.mjs';
import { buildLargeTree, extensionOf, listFiles } from './lib/corpus.mjs';
import { processMemory, round, sleep, timeProcess } from './lib/util.mjs';

const LANGUAGE_IDS = { '.js': 'javascript', '.cjs': 'javascript', '.mjs': 'javascript', '.jsx': 'javascriptreact', '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact' };

export async function runServerMemory({ server, corpus, workDir, workspaceFiles = 10_000, openDocuments = 50, log = console.log }) {
  const tree = buildLargeTree(corpus.allDir, join(workDir, `workspace-${workspaceFiles}`), workspaceFiles);
  const documents = listFiles(tree.root)
    .filter((f) => LANGUAGE_IDS[extensionOf(f.path)] && f.size >= 5_000 && f.size <= 100_000)
    .slice(0, openDocuments);
  const client = new BenchClient(server, { workspace: tree.root });
  const result = { workspaceFiles: tree.files, workspaceMB: round(tree.bytes / 1e6, 1), openDocuments: documents.length };
  try {
    const init = await client.initialize();
    const pull = !!init.capabilities.diagnosticProvider;
    await sleep(500);
    result.idle = processMemory(client.pid);
    let openKB = 0;
    for (const [index, file] of documents.entries()) {
      const text = readFileSync(join(tree.root, file.path), 'utf8');
      openKB += text.length / 1024;
      const uri = pathToFileURL(join(tree.root, file.path)).href;
      await client.open(uri, LANGUAGE_IDS[extensionOf(file.path)], text);
      if (pull) await client.pull(uri);
      else await client.waitForVersion(uri, 1, 120_000);
      if (index === documents.length - 1) await sleep(200);
    }
    result.openKB = round(openKB, 0);
    result.withDocuments = processMemory(client.pid);
    log(`  server: ${result.idle.rssMB} MB idle, ${result.withDocuments.rssMB} MB with ${documents.length} documents open`);
    const started = performance.now();
    let peakDuringScan = 0;
    const sampler = setInterval(() => (peakDuringScan = Math.max(peakDuringScan, processMemory(client.pid).rssMB || 0)), 250);
    try {
      const scan = await client.sendRequest('guardline/scanWorkspace', {});
      result.scan = { seconds: round((performance.now() - started) / 1000, 1), ...scan, notes: scan?.notes?.length ?? 0 };
      await sleep(500);
      result.afterScan = processMemory(client.pid);
      result.peakDuringScanMB = peakDuringScan;
      log(`  server: ${result.afterScan.rssMB} MB after scanning ${scan?.filesScanned} files in ${result.scan.seconds} s (peak ${result.afterScan.peakMB} MB)`);
    } catch (error) {
      result.scan = { error: `guardline/scanWorkspace failed: ${error.message}` };
      log(`  server: workspace scan not measured (${error.message})`);
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await client.shutdown();
  }
  return result;
}

export async function runCliMemory({ cli, corpus, workDir, files = 48_000, log = console.log }) {
  const tree = buildLargeTree(corpus.allDir, join(workDir, `tree-${files}`), files);
  const run = await timeProcess(process.execPath, [cli, 'scan', tree.root, '--format', 'json', '--output', join(workDir, 'cli-memory.out.json'), '--fail-on', 'none'], { cwd: workDir });
  const result = { files: tree.files, MB: round(tree.bytes / 1e6, 1), wallS: round(run.wallS, 1), cpuS: round(run.cpuS, 1), peakMB: round(run.peakMB, 0), exitCode: run.exitCode };
  log(`  cli: ${result.peakMB} MB peak scanning ${result.files} files (${result.MB} MB) in ${result.wallS} s`);
  return result;
}
