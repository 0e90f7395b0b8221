// Turns one bench result into the readable table printed at the end of a run, kept in
// bench/results/latest.md and copied into the README's Performance section.
const LATENCY_FLOOR_FACTOR = 1.5;
const LATENCY_MS_AT_2000 = 100;
const SERVER_MB = 400;
const CLI_MB = 500;

const mark = (ok) => (ok === undefined ? '' : ok ? 'yes' : '**no**');

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function formatTable(result) {
  const m = result.machine;
  const out = [];
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node.replace(/^v/, '')}, ${m.platform}; commit ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''}; load average ${m.loadAtStart[0]} at start, ${m.loadAtEnd?.[0]} at end${result.quick ? '; **quick run (tiny inputs), not for comparison**' : ''}.`);
  out.push(`Corpus: ${result.corpus.all.files} files (${(result.corpus.all.bytes / 1e6).toFixed(1)} MB) from this project's node_modules, ${result.corpus.js.files} of them JS/TS (${(result.corpus.js.bytes / 1e6).toFixed(1)} MB).`);
  const { latency, throughput, memory, scaling, secrets } = result.sections;
  if (latency) {
    out.push('', `**Edit latency** over LSP (${latency.files[0]?.mode} diagnostics), ${latency.edits} single-character edits per file after ${latency.warmup} warm-up edits; floor = typescript-estree parse of the same text; engine = analyze() in process.`, '');
    out.push(table(['lines', 'KB', 'parse floor ms', 'engine ms', 'p50 ms', 'p95 ms', 'p95 / floor', 'p95 <= 1.5x floor', 'load'], latency.files.map((f) => {
      const target = f.lines <= 5 ? undefined : f.p95OverFloor <= LATENCY_FLOOR_FACTOR && (Math.abs(f.lines - 2000) > 300 || f.p95Ms < LATENCY_MS_AT_2000);
      return [f.lines, f.KB, f.parseFloorMs, f.engineMs ?? '', f.p50Ms, f.p95Ms, f.lines <= 5 ? '(fixed delay)' : f.p95OverFloor, mark(target), f.load];
    })));
  }
  if (throughput) {
    out.push('', `**Workspace throughput**, each tool a whole process, ${throughput.runs} alternating runs, medians (load ${throughput.loadDuring.min}-${throughput.loadDuring.max} during the runs).`, '');
    out.push(table(['tool', 'files', 'MB', 'wall s', 'CPU s', 'files/s', 'MB/s', 'peak MB'], Object.entries(throughput.tools).map(([name, t]) => [name, t.files, t.MB, t.wallS, t.cpuS, t.filesPerS, t.MBPerS, t.peakMB])));
    out.push('', table(['pair', 'peer / guardline, wall', 'CPU', 'target', 'met'], throughput.pairs.map((p) => [`${p.ours} vs ${p.peer}`, `${p.wallRatio}x`, `${p.cpuRatio}x`, p.target ? `>= ${p.target}x` : '', p.target ? mark(p.wallRatio >= p.target) : ''])));
  }
  if (secrets) {
    out.push('', `**Secret scanning in process** (bench/secrets-speed.mjs, every text file of the corpus plus generated application files): ${secrets.mbPerSecond} MB/s read + scan, ${secrets.scanOnlyMbPerSecond} MB/s scan only, ${secrets.files} files, peak ${secrets.peakRssMb} MB.`);
  }
  if (memory) {
    const s = memory.server;
    const scanned = s.scan && !s.scan.error;
    out.push('', '**Memory**', '');
    out.push(table(['measure', 'MB', 'target', 'met'], [
      ['server idle (RSS)', s.idle?.rssMB, '', ''],
      [`server with ${s.openDocuments} documents open`, s.withDocuments?.rssMB, `< ${SERVER_MB}`, mark(s.withDocuments?.rssMB < SERVER_MB)],
      [`server after scanning ${scanned ? s.scan.filesScanned : '(not available)'} files, RSS / peak`, scanned ? `${s.afterScan.rssMB} / ${s.afterScan.peakMB}` : s.scan?.error ?? '', `< ${SERVER_MB}`, scanned ? mark(s.afterScan.peakMB < SERVER_MB) : ''],
      memory.cli ? [`CLI peak on ${memory.cli.files} files (${memory.cli.MB} MB, ${memory.cli.wallS} s)`, memory.cli.peakMB, `< ${CLI_MB}`, mark(memory.cli.peakMB < CLI_MB)] : ['CLI on a large tree', '(not measured)', `< ${CLI_MB}`, ''],
    ]));
  }
  if (scaling) {
    out.push('', `**Scaling** (in process): analysis time grows with slope ${scaling.sizeSlope} against file size (1 = linear).`, '');
    out.push(table(['lines', 'KB', 'parse ms', 'analyze ms', 'analyze / parse'], scaling.bySize.map((r) => [r.lines, r.KB, r.parseMs, r.analyzeMs, r.overParse])));
    out.push('', 'Search for super-linear inputs: each family at doubling sizes; slope of analysis time (and of the time beyond the parse) against size.', '');
    out.push(table(['input', 'sizes', 'slope', 'beyond parse', 'largest: ms', 'linear', 'note'], scaling.search.map((f) => {
      const last = f.points[f.points.length - 1];
      const note = f.problems.length ? f.problems.map((p) => p.replace(/\(lines of \d+ characters\)/, '').slice(0, 70)).filter((p, i, all) => all.indexOf(p) === i).join('; ') : '';
      return [f.family, `${f.points[0].n}-${last.n} ${f.unit}`, f.slope, f.ruleSlope, last.analyzeMs, mark(!f.superLinear), note];
    })));
  }
  return out.join('\n');
}
