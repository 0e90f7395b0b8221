// Analysis of open documents: debounced per document, dropped when stale (a newer version or a
// cancelled request), run in the analysis worker (analysis-worker.ts) so that other requests are
// answered meanwhile, and recorded with the document version so that code actions and hovers only
// use findings computed on the text the editor still shows.
import { DiagnosticSeverity, type CancellationToken, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzeOptions, RuleSetting } from '../engine/engine';
import type { Finding } from '../engine/finding';
import type { GuardlineClientSettings } from '../protocol';
import { Skipped, type AnalysisWorker } from './analysis-worker';
import { toDiagnostic, type DiagnosticOptions } from './diagnostics';
import type { Projects } from './projects';
import { meetsMinimum, type SettingsCache } from './settings';

/** Quiet time after the last keystroke before a changed document is analysed. */
const DEBOUNCE_MS = 200;

export interface AnalysisRecord {
  uri: string;
  version: number;
  /** Bumped whenever settings or the project change; a record of an older generation is stale. */
  generation: number;
  /** Every finding of the analysis (before the minimum-priority filter). */
  findings: Finding[];
  /** The findings shown, i.e. at or above the minimum priority. */
  shown: Finding[];
  diagnostics: Diagnostic[];
}

export class Stale extends Error {
  constructor() {
    super('The document changed or the request was cancelled before the analysis finished.');
  }
}

export interface AnalyzerHost {
  documents: { get(uri: string): TextDocument | undefined };
  settings: SettingsCache;
  projects: Projects;
  diagnosticOptions: DiagnosticOptions;
  log(message: string): void;
  worker: AnalysisWorker;
  onBusyChange(busy: boolean): void;
}

export class DocumentAnalyzer {
  private readonly records = new Map<string, AnalysisRecord>();
  private readonly inFlight = new Map<string, Promise<AnalysisRecord>>();
  private readonly lastChange = new Map<string, number>();
  private generation = 0;
  private running = 0;

  constructor(private readonly host: AnalyzerHost) {}

  get busy(): boolean {
    return this.running > 0;
  }

  /** Everything computed so far is stale: settings or guardline.yaml changed. */
  invalidate(): void {
    this.generation++;
  }

  changed(uri: string): void {
    this.lastChange.set(uri, Date.now());
  }

  closed(uri: string): void {
    this.records.delete(uri);
    this.lastChange.delete(uri);
  }

  /** The record computed on exactly this version of the document, if any. */
  recordFor(document: TextDocument): AnalysisRecord | undefined {
    const record = this.records.get(document.uri);
    return record && record.version === document.version ? record : undefined;
  }

  openRecords(): Iterable<AnalysisRecord> {
    return this.records.values();
  }

  /**
   * The analysis of the document's current version. Waits out the debounce after a change; throws
   * `Stale` when the document changed meanwhile or `token` was cancelled.
   */
  async analyse(document: TextDocument, token?: CancellationToken): Promise<AnalysisRecord> {
    const { uri, version } = document;
    const cached = this.records.get(uri);
    if (cached && cached.version === version && cached.generation === this.generation) return cached;
    const key = `${uri}\u0000${version}\u0000${this.generation}`;
    let running = this.inFlight.get(key);
    if (!running) {
      running = this.run(document, this.generation).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    const record = await running;
    if (token?.isCancellationRequested) throw new Stale();
    return record;
  }

  private async run(document: TextDocument, generation: number): Promise<AnalysisRecord> {
    const { uri, version } = document;
    const sinceChange = Date.now() - (this.lastChange.get(uri) ?? 0);
    if (sinceChange < DEBOUNCE_MS) await delay(DEBOUNCE_MS - sinceChange);
    const isStale = (): boolean => this.host.documents.get(uri)?.version !== version || generation !== this.generation;
    if (isStale()) throw new Stale();
    const settings = await this.host.settings.get(uri);
    if (isStale()) throw new Stale();
    this.setBusy(+1);
    try {
      const record = await this.compute(document, settings, generation, isStale);
      if (isStale()) throw new Stale();
      this.records.set(uri, record);
      return record;
    } finally {
      this.setBusy(-1);
    }
  }

  private async compute(document: TextDocument, settings: GuardlineClientSettings, generation: number, isStale: () => boolean): Promise<AnalysisRecord> {
    const { uri, version } = document;
    const empty: AnalysisRecord = { uri, version, generation, findings: [], shown: [], diagnostics: [] };
    if (!settings.enable) return empty;
    const { project, path } = this.host.projects.locate(uri);
    if (project?.isIgnored(path)) return empty;
    const options = analyzeOptions(settings, project?.settings.rules, project?.settings.audit, project?.contextFor(path));
    let findings: Finding[];
    const started = performance.now();
    try {
      findings = await this.host.worker.analyze({ path, text: document.getText(), languageId: document.languageId }, options, isStale);
    } catch (error) {
      if (error instanceof Skipped) throw new Stale();
      // A bug in the engine on this one file: say so on the file, keep serving everything else.
      const reason = error instanceof Error ? error.message : String(error);
      const detail = error instanceof Error ? (error as Error & { detail?: string }).detail ?? error.stack ?? reason : reason;
      this.host.log(`Analysis of ${path} failed: ${detail}`);
      const diagnostic: Diagnostic = {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        source: 'guardline',
        code: 'engine-error',
        message: `Guardline could not analyse this file (${truncate(reason, 200)}). Other files are not affected; the Guardline output has the details.`,
      };
      return { ...empty, diagnostics: [diagnostic] };
    }
    const elapsed = performance.now() - started;
    if (elapsed > 500) this.host.log(`Analysis of ${path} took ${Math.round(elapsed)} ms`);
    const shown = findings.filter((f) => meetsMinimum(f.priority.level, settings.minimumPriority));
    const diagnostics = shown.map((f) => toDiagnostic(f, uri, version, this.host.diagnosticOptions));
    return { uri, version, generation, findings, shown, diagnostics };
  }

  private setBusy(delta: number): void {
    const before = this.running > 0;
    this.running += delta;
    if (before !== this.running > 0) this.host.onBusyChange(this.running > 0);
  }
}

/** Engine options from the editor settings layered over guardline.yaml. */
export function analyzeOptions(
  settings: GuardlineClientSettings,
  projectRules: Readonly<Record<string, RuleSetting>> | undefined,
  projectAudit: boolean | undefined,
  context: AnalyzeOptions['context'],
): AnalyzeOptions {
  const merged: Record<string, RuleSetting> = { ...projectRules };
  for (const [id, override] of Object.entries(settings.rules)) {
    const existing = merged[id];
    merged[id] = existing && typeof existing === 'object' ? { ...existing, severity: override } : override;
  }
  return {
    settings: merged,
    audit: settings.audit || !!projectAudit,
    ...(context ? { context } : {}),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
