// Scaling: in-process analysis time against file size (1,000 to 20,000 lines of real code), and a
// search for inputs that make any rule or the data-flow engine super-linear: long lines, deep
// nesting, long concatenation chains, many assignments to one variable, many uses, many guards.
// Each family is measured at doubling sizes; the log-log slope says how time grows (1 = linear).
import { parse } from '@typescript-eslint/typescript-estree';
import { analyze } from '../server/src/engine/engine';
import { generateFile, pickSourceFiles } from './lib/corpus.mjs';
import { logLogSlope, median, round } from './lib/util.mjs';

const FLOOR_OPTIONS = { range: true, loc: true, tokens: false, comment: false, jsDocParsingMode: 'none', errorOnUnknownASTType: false, suppressDeprecatedPropertyWarnings: true } as const;

interface Timing {
  ms: number;
  findings: number;
  /** Engine findings that mean the analysis did not complete (rule errors, parse errors). */
  problems: string[];
}

/** Median wall time of `analyze` on one text, after one warm-up run. */
export function timeAnalyze(path: string, text: string, runs = 5): Timing {
  let findings = analyze({ path, text });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    findings = analyze({ path, text });
    times.push(performance.now() - start);
  }
  const problems = findings.filter((f) => f.ruleId === 'rule-error' || f.ruleId === 'parse-error' || f.ruleId === 'analysis-limited').map((f) => `${f.ruleId}: ${f.message.slice(0, 160)}`);
  return { ms: median(times), findings: findings.length, problems: [...new Set(problems)] };
}

export function timeParse(text: string, filePath = 'file.js', runs = 5): number {
  try {
    parse(text, { ...FLOOR_OPTIONS, filePath });
  } catch {
    return NaN;
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parse(text, { ...FLOOR_OPTIONS, filePath });
    times.push(performance.now() - start);
  }
  return median(times);
}

/** analyze() time in ms for the latency table (engine alone, no LSP). */
export function analyzeMs(path: string, text: string): number {
  return timeAnalyze(path, text, 5).ms;
}

// ------------------------------------------------------------------ inputs

const HANDLER_HEAD = [
  "const express = require('express');",
  "const { exec } = require('child_process');",
  'const app = express();',
  "app.get('/run', (req, res) => {",
];
const HANDLER_TAIL = ['});', ''];

function handler(body: string[]): string {
  return [...HANDLER_HEAD, ...body.map((line) => `  ${line}`), ...HANDLER_TAIL].join('\n');
}

function repeat<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

/** Families of adversarial inputs, each a text for a size n, with the sizes to try. */
export const FAMILIES: Record<string, { sizes: number[]; unit: string; make: (n: number) => string }> = {
  'long line (string literal)': {
    unit: 'chars',
    sizes: [25_000, 50_000, 100_000, 200_000],
    make: (n) => `const blob = "${'aZ0+/x9Qk='.repeat(n / 10)}";\nmodule.exports = blob;\n`,
  },
  'long line (minified code)': {
    unit: 'chars',
    sizes: [25_000, 50_000, 100_000, 200_000],
    make: (n) => `var a=0;${repeat(n / 20, (i) => `a=a+f(${i % 97},"k${i}");`).join('')}\n`,
  },
  'long line of secret-like tokens': {
    unit: 'chars',
    sizes: [25_000, 50_000, 100_000, 200_000],
    make: (n) => `const keys = [${repeat(n / 50, (i) => `"key_${(i * 7919).toString(36).padEnd(12, 'x')}_AKIA${i}"`).join(',')}];\n`,
  },
  'deeply nested blocks': {
    unit: 'levels',
    sizes: [100, 200, 400, 800],
    make: (n) => handler([...repeat(n, (i) => `${' '.repeat(i % 8)}if (req.query.a${i}) {`), 'exec(req.query.cmd);', ...repeat(n, () => '}')]),
  },
  'deeply nested functions': {
    unit: 'levels',
    sizes: [50, 100, 200, 400],
    make: (n) => handler([...repeat(n, (i) => `const f${i} = (v${i}) => {`), `exec(v${n - 1});`, ...repeat(n, (i) => `}; f${n - 1 - i}(req.query.cmd);`)]),
  },
  'long + concatenation chain': {
    unit: 'terms',
    sizes: [250, 500, 1000, 2000],
    make: (n) => handler([`const cmd = 'ls ' +`, ...repeat(n, (i) => (i === n - 1 ? '  req.query.dir;' : `  'a${i}' +`)), 'exec(cmd);']),
  },
  'many += to one variable': {
    unit: 'assignments',
    sizes: [250, 500, 1000, 2000],
    make: (n) => handler(["let cmd = 'ls ';", ...repeat(n, (i) => (i % 50 === 49 ? 'cmd += req.query.dir;' : `cmd += ' -a${i}';`)), 'exec(cmd);']),
  },
  'many = to one variable': {
    unit: 'assignments',
    sizes: [250, 500, 1000, 2000],
    make: (n) => handler(["let cmd = 'ls';", ...repeat(n, (i) => `if (req.query.f${i}) cmd = cmd + ' -${i}';`), 'cmd = cmd + req.query.dir;', 'exec(cmd);']),
  },
  'chain of variables': {
    unit: 'variables',
    sizes: [250, 500, 1000, 2000],
    make: (n) => handler(['const v0 = req.query.dir;', ...repeat(n, (i) => `const v${i + 1} = v${i} + '/';`), `exec('ls ' + v${n});`]),
  },
  'many sinks in one function': {
    unit: 'sinks',
    sizes: [250, 500, 1000, 2000],
    make: (n) => handler(["const base = 'ls ';", ...repeat(n, (i) => `exec(base + (req.query.d${i % 10} || '.'));`)]),
  },
  'many top-level statements before a sink': {
    unit: 'statements',
    sizes: [500, 1000, 2000, 4000],
    make: (n) => ["const { exec } = require('child_process');", 'let cmd = process.argv[2];', ...repeat(n, (i) => `if (cmd === 'x${i}') console.log(${i});`), ...repeat(n / 10, () => 'exec(cmd);')].join('\n'),
  },
  'many call sites of one function': {
    unit: 'calls',
    sizes: [250, 500, 1000, 2000],
    make: (n) => [...HANDLER_HEAD, '  run(req.query.cmd);', '});', 'function run(c) { exec(c); }', ...repeat(n, (i) => `app.get('/r${i}', (req, res) => run('ls ' + req.query.d${i % 7}));`)].join('\n'),
  },
  'wide object literal': {
    unit: 'properties',
    sizes: [1000, 2000, 4000, 8000],
    make: (n) => handler(['const table = {', ...repeat(n, (i) => `  k${i}: 'v${i}',`), '};', 'exec(table[req.query.k]);', ...repeat(n / 20, (i) => `exec(table.k${i});`)]),
  },
  'long template literal': {
    unit: 'expressions',
    sizes: [250, 500, 1000, 2000],
    make: (n) => handler(['const cmd = `ls', ...repeat(n, (i) => `  \${req.query.a${i}}`), '`;', 'exec(cmd);']),
  },
  'many guard-shaped ifs before many uses': {
    unit: 'statements',
    sizes: [500, 1000, 2000, 4000],
    make: (n) => handler(['let dir = req.query.dir;', ...repeat(n / 2, (i) => `if (req.query.x${i}) return res.end();`), ...repeat(n / 2, () => "exec('ls ' + dir);")]),
  },
  'many suppression comments': {
    unit: 'comments',
    sizes: [250, 500, 1000, 2000],
    make: (n) => handler(repeat(n, (i) => `exec(req.query.c${i}); // guardline-ignore no-command-injection: bench`)),
  },
};

export interface FamilyResult {
  family: string;
  unit: string;
  points: Array<{ n: number; lines: number; KB: number; parseMs: number; analyzeMs: number; findings: number }>;
  slope: number;
  /** Slope of the time beyond the parse (rules, data flow, text rules). */
  ruleSlope: number;
  problems: string[];
  superLinear: boolean;
}

const SUPER_LINEAR = 1.25;
/** Stop growing a family once one analysis takes this long. */
const GIVE_UP_MS = 8000;

function measureFamily(family: string, { sizes, unit, make }: (typeof FAMILIES)[string], path = 'bench.js'): FamilyResult {
  const points: FamilyResult['points'] = [];
  const problems = new Set<string>();
  for (const n of sizes) {
    const text = make(n);
    const parseMs = timeParse(text, path, 3);
    const timing = timeAnalyze(path, text, 3);
    for (const p of timing.problems) problems.add(p);
    points.push({ n, lines: text.split('\n').length, KB: round(text.length / 1024, 0), parseMs: round(parseMs, 2), analyzeMs: round(timing.ms, 2), findings: timing.findings });
    if (timing.ms > GIVE_UP_MS) break;
  }
  const xs = points.map((p) => p.n);
  const slope = logLogSlope(xs, points.map((p) => p.analyzeMs));
  const beyond = points.map((p) => Math.max(0.05, p.analyzeMs - (Number.isFinite(p.parseMs) ? p.parseMs : 0)));
  const ruleSlope = logLogSlope(xs, beyond);
  return { family, unit, points, slope: round(slope, 2), ruleSlope: round(ruleSlope, 2), problems: [...problems], superLinear: slope > SUPER_LINEAR || (ruleSlope > SUPER_LINEAR && beyond[beyond.length - 1]! > 20) };
}

export function runScaling({ nodeModules, sizes = [1000, 2000, 5000, 10000, 20000], families = Object.keys(FAMILIES), log = console.log }: { nodeModules: string; sizes?: number[]; families?: string[]; log?: (line: string) => void }) {
  const pool = pickSourceFiles(nodeModules);
  const bySize = sizes.map((size, index) => {
    const text = generateFile(pool, size, index * 53);
    const lines = text.split('\n').length - 1;
    const parseMs = timeParse(text, 'generated.js', 5);
    const timing = timeAnalyze('generated.js', text, 5);
    log(`  ${String(lines).padStart(6)} lines: analyze ${round(timing.ms, 1)} ms, parse ${round(parseMs, 1)} ms`);
    return { lines, KB: round(text.length / 1024, 0), parseMs: round(parseMs, 1), analyzeMs: round(timing.ms, 1), overParse: round(timing.ms / parseMs, 2), findings: timing.findings, problems: timing.problems };
  });
  const sizeSlope = round(logLogSlope(bySize.map((r) => r.lines), bySize.map((r) => r.analyzeMs)), 2);
  const search: FamilyResult[] = [];
  for (const family of families) {
    const result = measureFamily(family, FAMILIES[family]!);
    search.push(result);
    const last = result.points[result.points.length - 1]!;
    log(`  ${family.padEnd(42)} slope ${result.slope} (beyond parse ${result.ruleSlope}), ${last.n} ${result.unit}: ${last.analyzeMs} ms${result.superLinear ? '  SUPER-LINEAR' : ''}${result.problems.length ? `  problems: ${result.problems.join('; ')}` : ''}`);
  }
  return { bySize, sizeSlope, search };
}
