// The `guardline` command: argument parsing, exit codes, and which formatter writes where.
// Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or config error.
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { formatBaseline } from './baseline';
import { SEVERITIES, type Severity } from '../../../rules/api/types';
import { VERSION } from '../version';
import { formatJson } from './format-json';
import { formatSarif } from './sarif';
import { configProblemLine, formatText } from './format-text';
import { DEFAULT_MAX_FILE_SIZE, scan, type ScanOptions, type ScanResult } from './scan';
import { isCliScanWorker, runCliScanWorker } from './scan-worker';

const USAGE = `Usage: guardline <command> [options]

Commands:
  scan [paths...]          Analyse files and folders (default: the current folder)
  baseline [paths...]      Write the current findings to a baseline file; later scans report only new ones
  lsp [--stdio]            Run the language server over stdio (for editors)

Options for scan:
  --format text|json|sarif Output format (default: text)
  --output FILE            Write the report to FILE instead of standard output
  --fail-on LEVEL          Exit 1 when a finding's priority is at or above LEVEL:
                           critical, high, medium, low, info or none (default: high)
  --config FILE            Use this guardline.yaml instead of looking for one
  --audit                  Also report risky calls whose input could not be traced (marked "audit")
  --max-file-size BYTES    Skip files larger than this (default: ${DEFAULT_MAX_FILE_SIZE})
  --no-ignore              Do not read .gitignore or skip node_modules and .git
  --baseline FILE          Leave out the findings listed in this baseline (default: guardline.yaml's
                           baseline, else guardline.baseline.jsonl next to it if present)
  --no-baseline            Report every finding, ignoring any baseline
  --jobs N                 Analyse in N threads (default: from the cores and the number of files;
                           1: this thread only)
  --no-color               Plain text output
  -h, --help               Show this help
  -v, --version            Show the version
`;

class UsageError extends Error {}

interface ScanArgs {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn: Severity | 'none';
  config?: string;
  audit: boolean;
  maxFileSize: number;
  noIgnore: boolean;
  color: boolean;
  /** undefined: guardline.yaml's baseline; false: none. */
  baseline?: string | false;
  /** undefined: one worker per core. */
  jobs?: number;
}

function parseScanArgs(argv: string[]): ScanArgs {
  const args: ScanArgs = { paths: [], format: 'text', failOn: 'high', audit: false, maxFileSize: DEFAULT_MAX_FILE_SIZE, noIgnore: false, color: !!process.stdout.isTTY && !process.env.NO_COLOR };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
        args.format = format;
        break;
      }
      case '--output':
      case '-o':
        args.output = value();
        break;
      case '--fail-on': {
        const level = value();
        if (level !== 'none' && !(SEVERITIES as readonly string[]).includes(level)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} or none, not "${level}"`);
        args.failOn = level as Severity | 'none';
        break;
      }
      case '--config':
        args.config = value();
        break;
      case '--audit':
        args.audit = true;
        break;
      case '--max-file-size': {
        const size = Number(value());
        if (!Number.isInteger(size) || size <= 0) throw new UsageError('--max-file-size must be a positive whole number of bytes');
        args.maxFileSize = size;
        break;
      }
      case '--no-ignore':
        args.noIgnore = true;
        break;
      case '--baseline':
        args.baseline = value();
        break;
      case '--no-baseline':
        args.baseline = false;
        break;
      case '--jobs':
      case '-j': {
        const jobs = Number(value());
        if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs must be a whole number of at least 1');
        args.jobs = jobs;
        break;
      }
      case '--no-color':
        args.color = false;
        break;
      case '--color':
        args.color = true;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        args.paths.push(arg);
    }
  }
  return args;
}

/** Whether a scan should fail the build. */
function exitCodeFor(result: ScanResult, failOn: Severity | 'none'): number {
  if (result.configProblems.some((p) => p.severity === 'error')) return 2;
  if (failOn === 'none') return 0;
  const threshold = SEVERITIES.indexOf(failOn);
  const failing = result.files.some((file) => file.findings.some((f) => SEVERITIES.indexOf(f.priority.level) <= threshold));
  return failing ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case 'scan':
      case 'baseline': {
        if (rest.includes('-h') || rest.includes('--help')) {
          process.stdout.write(USAGE);
          return 0;
        }
        const args = parseScanArgs(rest);
        limitHeapGrowth();
        return await (command === 'scan' ? runScan(args) : runBaseline(args));
      }
      case 'lsp': {
        const { startServer } = await import('../server');
        startServer();
        return -1; // keep running
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`guardline: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/**
 * A scan holds little from one file to the next (about 70 MB live on a 48,000-file tree), but V8
 * lets a heap grow to about four times what survived the last full collection before it collects
 * again, and the syntax trees of thousands of files are garbage of that kind: the process peaked
 * at 550-600 MB. Growing by half instead keeps the peak near 300 MB for about the same CPU time.
 * The flag is read at each collection, so setting it before the first file is in time; it applies
 * to the worker threads too.
 */
function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

function scanOptions(args: ScanArgs): ScanOptions {
  return { paths: args.paths, ...(args.config ? { configPath: args.config } : {}), audit: args.audit, maxFileSize: args.maxFileSize, noIgnore: args.noIgnore, ...(args.baseline !== undefined ? { baseline: args.baseline } : {}), ...(args.jobs !== undefined ? { jobs: args.jobs } : {}) };
}

async function runScan(args: ScanArgs): Promise<number> {
  const result = await scan(scanOptions(args));
  const report = args.format === 'json' ? formatJson(result) : args.format === 'sarif' ? formatSarif(result) : formatText(result, { color: args.color && !args.output });
  if (args.output) writeFileSync(args.output, report);
  else process.stdout.write(report);
  for (const problem of result.configProblems) {
    if (args.format !== 'text' || args.output) process.stderr.write(`${configProblemLine(result, problem)}\n`);
  }
  return exitCodeFor(result, args.failOn);
}

/** `guardline baseline [paths] [--output FILE]`: records every current finding as accepted. */
async function runBaseline(args: ScanArgs): Promise<number> {
  const result = await scan({ ...scanOptions(args), baseline: false });
  for (const problem of result.configProblems) process.stderr.write(`${configProblemLine(result, problem)}\n`);
  if (result.configProblems.some((p) => p.severity === 'error')) return 2;
  const output = args.output ?? result.baselineFile;
  writeFileSync(output, formatBaseline(result.files));
  const count = result.files.reduce((n, f) => n + f.findings.length, 0);
  process.stdout.write(`Wrote ${count} finding${count === 1 ? '' : 's'} to ${output}; \`guardline scan\` now reports only findings not in it.\n`);
  return 0;
}

/** Runs the command line and sets the exit code; used by bin/guardline.js and `node dist/cli.js`. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`guardline: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

// dist/cli.js is also the scan's worker thread (scan-pool.ts starts it with a flag in workerData).
if (require.main === module) {
  if (isCliScanWorker()) runCliScanWorker();
  else run();
}
