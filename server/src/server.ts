// The language server: connection, capabilities and handler wiring. Analysis lives in the engine,
// scheduling in lsp/analysis.ts, and each LSP feature in its own lsp/ module. The same file is the
// entry of its worker threads (document analysis, workspace scan).
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WorkDoneProgress,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer, Stale, type AnalysisRecord } from './lsp/analysis';
import { codeActions, FIX_ALL_KIND, type CodeActionOptions } from './lsp/code-actions';
import { toDiagnostic } from './lsp/diagnostics';
import { explanation, hover } from './lsp/hover';
import { Projects } from './lsp/projects';
import { meetsMinimum, SettingsCache } from './lsp/settings';
import { uriToPath, pathToUri } from './lsp/uri';
import { WorkspaceScanner } from './lsp/workspace-scan';
import { isScanWorker, runScanWorker, type FileChange } from './lsp/scan-worker';
import { AnalysisWorker, isAnalysisWorker, runAnalysisWorker } from './lsp/analysis-worker';
import { DEFAULT_MAX_FILE_SIZE } from './cli/scan';
import type { Finding } from './engine/finding';
import {
  ExplainRequest,
  PRIORITY_LEVELS,
  ScanWorkspaceRequest,
  StatusNotification,
  type GuardlineInitializationOptions,
  type PriorityLevel,
  type StatusParams,
} from './protocol';
import { VERSION } from './version';

export interface ServerOptions {
  /** A module exporting `rules`, run instead of the registry (tests add a failing rule). */
  rulesModule?: string;
  /** An existing connection (tests); by default one from the command line (--stdio, --node-ipc...) or stdio. */
  connection?: Connection;
}

/** Files whose change can change findings: guardline.yaml, deployment files, and anything a scan covers. */
const WATCHED_GLOBS = ['**/*'];

export function startServer(options: ServerOptions = {}): void {
  const connection = options.connection ?? defaultConnection();
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let pullDiagnostics = false;
  let actionOptions: CodeActionOptions = { documentChanges: false, snippets: false, explainCommand: false };
  const log = (message: string): void => connection.console.log(`[${new Date().toISOString()}] ${message}`);

  const settings = new SettingsCache(connection, () => !!capabilities.workspace?.configuration);
  let projects = new Projects(true, log);
  const analysisWorker = new AnalysisWorker(options.rulesModule);
  /** Shared with the analyzer; filled in once the client's capabilities are known. */
  const diagnosticOptions = { relatedInformation: false };
  const analyzer = new DocumentAnalyzer({
    documents,
    settings,
    get projects() {
      return projects;
    },
    diagnosticOptions,
    log,
    worker: analysisWorker,
    onBusyChange: () => scheduleStatus(),
  });
  let scanner = newScanner();
  const configDiagnostics = new Map<string, Diagnostic[]>();
  /** Documents just opened: their first content event is not an edit, so it is not debounced. */
  const justOpened = new Set<string>();

  function newScanner(): WorkspaceScanner {
    return new WorkspaceScanner({
      trusted: projects.trusted,
      maxFileSize: DEFAULT_MAX_FILE_SIZE,
      ...(options.rulesModule ? { rulesModule: options.rulesModule } : {}),
      settingsFor: (rootUri) => settings.get(rootUri),
      onFileResult: (uri) => void publish(uri),
      onProgress: (filesScanned) => {
        scanProgress = filesScanned;
        scheduleStatus();
      },
      log,
    });
  }

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    const init = (params.initializationOptions ?? {}) as GuardlineInitializationOptions;
    pullDiagnostics = !!capabilities.textDocument?.diagnostic;
    actionOptions = {
      documentChanges: !!capabilities.workspace?.workspaceEdit?.documentChanges,
      snippets: !!(capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport,
      explainCommand: init.explainCommand === true,
    };
    projects = new Projects(init.workspaceTrusted !== false, log);
    scanner = newScanner();
    diagnosticOptions.relatedInformation = !!capabilities.textDocument?.publishDiagnostics?.relatedInformation;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    projects.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'guardline', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'guardline', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'guardline' });
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const current = projects.folderRoots.map(pathToUri);
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        projects.setFolders([...current.filter((uri) => !removed.has(uriToPath(uri))), ...event.added.map((f) => f.uri)]);
        contextChanged();
        scanner.setFolders(projects.folderRoots);
      });
    }
    log(`Guardline ${VERSION} started (${pullDiagnostics ? 'pull' : 'push'} diagnostics, workspace ${projects.trusted ? 'trusted' : 'untrusted: guardline.yaml is not read'}).`);
    refreshConfigProblems();
    scheduleStatus();
  });

  // ---- documents
  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    // An open document's diagnostics come from the editor buffer, no longer from a scan.
    if (scanner.results.size) void publish(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    const { uri } = event.document;
    if (!justOpened.delete(uri)) analyzer.changed(uri);
    if (!pullDiagnostics) validate(event.document);
  });
  documents.onDidClose((event) => {
    const { uri } = event.document;
    justOpened.delete(uri);
    analyzer.closed(uri);
    settings.forget(uri);
    // A closed file shows its scan findings again (re-analysed from disk when a scan is active).
    if (uri.startsWith('file:')) scanner.changed([{ path: uriToPath(uri), deleted: false }]);
    void publish(uri);
    scheduleStatus();
  });

  function validate(document: TextDocument): void {
    analyzer.analyse(document).then(
      () => void publish(document.uri),
      (error: unknown) => {
        if (!(error instanceof Stale)) log(`Analysis failed: ${String(error)}`);
      },
    );
  }

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: 'full', items: [] };
    try {
      const record = await analyzer.analyse(document, token);
      scheduleStatus();
      const resultId = `${record.version}:${record.generation}`;
      if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
      return { kind: 'full', resultId, items: record.diagnostics };
    } catch (error) {
      if (error instanceof Stale) throw new ResponseError(LSPErrorCodes.ServerCancelled, error.message, { retriggerRequest: true });
      throw error;
    }
  });

  /** Sends the pushed diagnostics of a URI: config problems, plus open-document findings in push mode or scan findings when closed. */
  async function publish(uri: string): Promise<void> {
    const diagnostics = [...(configDiagnostics.get(uri) ?? [])];
    const document = openDocument(uri);
    let version: number | undefined;
    if (document) {
      const record = analyzer.recordFor(document);
      if (!pullDiagnostics && record) {
        diagnostics.push(...record.diagnostics);
        version = record.version;
      }
    } else {
      for (const f of await shownScanFindings(uri, scanner.results.get(uri))) diagnostics.push(toDiagnostic(f, uri, null, diagnosticOptions));
    }
    await connection.sendDiagnostics({ uri: document?.uri ?? uri, ...(version !== undefined ? { version } : {}), diagnostics });
    scheduleStatus();
  }

  /** The scan findings of a file that is not open which its folder's settings show (enabled, at or above the minimum priority). */
  async function shownScanFindings(uri: string, findings: readonly Finding[] | undefined): Promise<Finding[]> {
    if (!findings?.length) return [];
    const root = projects.rootOf(uriToPath(uri));
    const folderSettings = await settings.get(root ? pathToUri(root) : uri);
    return folderSettings.enable ? findings.filter((f) => meetsMinimum(f.priority.level, folderSettings.minimumPriority)) : [];
  }

  function openDocument(uri: string): TextDocument | undefined {
    const direct = documents.get(uri);
    if (direct || !uri.startsWith('file:')) return direct;
    const path = uriToPath(uri);
    return documents.all().find((d) => d.uri.startsWith('file:') && uriToPath(d.uri) === path);
  }

  // ---- guardline.yaml, deployment files, settings
  function refreshConfigProblems(): void {
    const previous = new Set(configDiagnostics.keys());
    configDiagnostics.clear();
    for (const [uri, problems] of projects.problems()) {
      configDiagnostics.set(
        uri,
        problems.map((p) => ({
          range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: 10_000 } },
          severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          source: 'guardline',
          code: 'config',
          message: p.message,
        })),
      );
    }
    for (const uri of new Set([...previous, ...configDiagnostics.keys()])) void publish(uri);
  }

  /**
   * Settings, guardline.yaml or deployment files changed: re-rank the open documents. The workspace
   * scan's worker keeps its own project and re-ranks the scanned files it tells apart itself.
   */
  function contextChanged(): void {
    analyzer.invalidate();
    refreshConfigProblems();
    if (pullDiagnostics) {
      if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) validate(document);
    }
  }

  connection.onDidChangeConfiguration((params) => {
    settings.clear(params.settings);
    contextChanged();
    scanner.settingsChanged();
    // The minimum priority filters what is shown without a new analysis.
    for (const uri of scanner.results.keys()) void publish(uri);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let reload = false;
    const onDisk: FileChange[] = [];
    for (const change of changes) {
      const contextFile = projects.isContextFile(change.uri);
      if (contextFile) {
        projects.reload(change.uri);
        reload = true;
      }
      if (!change.uri.startsWith('file:')) continue;
      const deleted = change.type === FileChangeType.Deleted;
      // A file open in the editor shows its buffer; the scan reads it again when it is closed.
      if (deleted || contextFile || !openDocument(change.uri)) onDisk.push({ path: uriToPath(change.uri), deleted });
    }
    if (reload) {
      log('guardline.yaml or a deployment file changed: reloading the project and re-ranking findings.');
      contextChanged();
    }
    scanner.changed(onDisk);
  });

  // ---- code actions, hover, explanation
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return codeActions(params, document, analyzer.recordFor(document), actionOptions);
  });

  connection.onHover(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    let record: AnalysisRecord | undefined = analyzer.recordFor(document);
    if (!record) {
      try {
        record = await analyzer.analyse(document, token);
      } catch {
        return null;
      }
    }
    return hover(document, params.position, record, actionOptions.explainCommand);
  });

  connection.onRequest(ExplainRequest.type, (ref) =>
    explanation(ref, analyzer.openRecords(), (uri) => scanner.results.get(uri), (uri) => projects.locate(uri).path),
  );

  // ---- workspace scan
  let scanProgress: number | undefined;
  connection.onRequest(ScanWorkspaceRequest.type, async (params, token) => {
    const progressToken = params.workDoneToken;
    if (progressToken !== undefined) void connection.sendProgress(WorkDoneProgress.type, progressToken, { kind: 'begin', title: 'Guardline: scanning the workspace', cancellable: true, message: 'starting' });
    scanProgress = 0;
    scheduleStatus();
    const stopReporting = setInterval(() => {
      if (progressToken !== undefined && scanProgress !== undefined) void connection.sendProgress(WorkDoneProgress.type, progressToken, { kind: 'report', message: `${scanProgress} files` });
    }, 250);
    try {
      const result = await scanner.scanAll(projects.folderRoots, () => token.isCancellationRequested);
      log(`Workspace scan ${result.cancelled ? 'cancelled' : 'finished'}: ${result.filesScanned} files, ${result.findings} findings in ${result.filesWithFindings} files.`);
      return result;
    } finally {
      clearInterval(stopReporting);
      scanProgress = undefined;
      if (progressToken !== undefined) void connection.sendProgress(WorkDoneProgress.type, progressToken, { kind: 'end' });
      scheduleStatus();
    }
  });

  // ---- status (finding counts and analysis state for the client's status bar)
  let statusTimer: NodeJS.Timeout | undefined;
  function scheduleStatus(): void {
    if (statusTimer) return;
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      void sendStatus();
    }, 100);
  }
  async function sendStatus(): Promise<void> {
    const counts = Object.fromEntries(PRIORITY_LEVELS.map((l) => [l, 0])) as Record<PriorityLevel, number>;
    const openPaths = new Set<string>();
    for (const record of analyzer.openRecords()) {
      openPaths.add(uriToPath(record.uri));
      for (const f of record.shown) counts[f.priority.level]++;
    }
    for (const [uri, findings] of scanner.results) {
      if (openPaths.has(uriToPath(uri))) continue;
      for (const f of await shownScanFindings(uri, findings)) counts[f.priority.level]++;
    }
    const roots = projects.folderRoots;
    const enabled = roots.length === 0 || (await Promise.all(roots.map((root) => settings.get(pathToUri(root))))).some((s) => s.enable);
    const status: StatusParams = {
      state: !enabled ? 'disabled' : scanProgress !== undefined ? 'scanning' : analyzer.busy ? 'analyzing' : 'idle',
      counts,
      ...(scanProgress !== undefined ? { scan: { done: scanProgress } } : {}),
    };
    void connection.sendNotification(StatusNotification.type, status);
  }

  connection.onShutdown(() => {
    scanner.dispose();
    analysisWorker.dispose();
  });
  connection.onExit(() => {
    scanner.dispose();
    analysisWorker.dispose();
  });
  documents.listen(connection);
  connection.listen();
}

/** `guardline lsp` and the bundled server: the transport named on the command line, else stdio. */
function defaultConnection(): Connection {
  const named = process.argv.some((arg) => /^--(stdio|node-ipc|socket|pipe)\b/.test(arg)) || typeof process.send === 'function';
  if (named) return createConnection(ProposedFeatures.all);
  return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
}

if (isScanWorker()) runScanWorker();
else if (isAnalysisWorker()) runAnalysisWorker();
else if (require.main === module) startServer();
