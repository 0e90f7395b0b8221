// Edit latency over a real LSP connection to the bundled server: open generated files of about
// 500, 2,000 and 10,000 lines, type one character at a time into a string literal (the file stays
// valid, so every edit is fully analysed), and time didChange -> diagnostics for that version.
// Beside it, the time typescript-estree alone needs to parse the same text: the floor.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from '@typescript-eslint/typescript-estree';
import { BenchClient } from './lib/lsp-client.mjs';
import { writeGeneratedFiles } from './lib/corpus.mjs';
import { load, median, percentile, round, sleep } from './lib/util.mjs';

const TYPING_LINE = "var guardlineBenchTyping = '';";
const TYPED = 'abcdefghijklmnopqrstuvwxyz';

/** Puts the line the benchmark types into near the middle of the file, between two modules. */
function withTypingLine(text) {
  const lines = text.split('\n');
  let at = Math.floor(lines.length / 2);
  while (at < lines.length && !lines[at].startsWith('// ---- ')) at++;
  if (at >= lines.length) at = lines.length - 1;
  lines.splice(at, 0, TYPING_LINE);
  return { text: lines.join('\n'), line: at, character: TYPING_LINE.indexOf("''") + 1 };
}

/** The cheapest option set of typescript-estree that still yields a tree with ranges. */
const FLOOR_OPTIONS = { range: true, loc: true, tokens: false, comment: false, jsDocParsingMode: 'none', errorOnUnknownASTType: false, suppressDeprecatedPropertyWarnings: true };

export function parseFloorMs(text, filePath = 'file.js', runs = 15) {
  for (let i = 0; i < 3; i++) parse(text, { ...FLOOR_OPTIONS, filePath });
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parse(text, { ...FLOOR_OPTIONS, filePath });
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function runLatency({ server, nodeModules, workDir, sizes = [500, 2000, 10000], edits = 40, warmup = 5, analyzeMs, log = console.log }) {
  const workspace = join(workDir, 'latency-workspace');
  mkdirSync(workspace, { recursive: true });
  const generated = writeGeneratedFiles(nodeModules, workspace, sizes);
  const client = new BenchClient(server, { workspace });
  const results = [];
  try {
    const init = await client.initialize();
    const offersPull = !!init.capabilities.diagnosticProvider;
    for (const file of generated) {
      const { text, line, character } = withTypingLine(readFileSync(file.path, 'utf8'));
      writeFileSync(file.path, text);
      const uri = pathToFileURL(file.path).href;
      // A server that offers pull diagnostics to a client that can pull waits to be asked.
      const mode = offersPull ? 'pull' : 'push';
      const openedAt = performance.now();
      await client.open(uri, 'javascript', text);
      const first = mode === 'push' ? await client.waitForVersion(uri, 1, 120_000) : await client.pull(uri);
      const latencies = [];
      let current = text;
      for (let i = 0; i < warmup + edits; i++) {
        const version = i + 2;
        const ch = TYPED[i % TYPED.length];
        const position = { line, character: character + i };
        const start = performance.now();
        await client.change(uri, version, [{ range: { start: position, end: position }, text: ch }]);
        const done = mode === 'push' ? await client.waitForVersion(uri, version) : await client.pull(uri);
        if (i >= warmup) latencies.push(done.at - start);
        current = insertAt(current, line, character + i, ch);
        await sleep(20);
      }
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      const floor = parseFloorMs(current);
      const engine = analyzeMs ? analyzeMs(file.path, current) : undefined;
      const p50 = percentile(latencies, 50);
      const p95 = percentile(latencies, 95);
      const row = {
        lines: file.lines,
        KB: round(file.bytes / 1024, 0),
        mode,
        openMs: round(first.at - openedAt, 1),
        edits: latencies.length,
        p50Ms: round(p50, 1),
        p95Ms: round(p95, 1),
        parseFloorMs: round(floor, 1),
        ...(engine !== undefined ? { engineMs: round(engine, 1) } : {}),
        p95OverFloor: round(p95 / floor, 2),
        diagnostics: first.count,
        load: load()[0],
      };
      results.push(row);
      log(`  ${String(file.lines).padStart(6)} lines: p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms, parse floor ${row.parseFloorMs} ms${engine !== undefined ? `, engine ${row.engineMs} ms` : ''} (${mode})`);
    }
  } catch (error) {
    throw new Error(`${error.message}\nserver stderr: ${client.stderr}`);
  } finally {
    await client.shutdown();
  }
  return { edits, warmup, files: results };
}

function insertAt(text, line, character, inserted) {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  offset += character;
  return text.slice(0, offset) + inserted + text.slice(offset);
}
