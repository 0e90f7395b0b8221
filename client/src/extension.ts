// Extension entry point: starts the Guardline language server over IPC, connects it to VS Code
// (settings, workspace trust, hovers), and registers the status bar and the commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
  type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import {
  DEFAULT_CLIENT_SETTINGS,
  EXPLAIN_COMMAND,
  ExplainRequest,
  ScanWorkspaceRequest,
  StatusNotification,
  type FindingRef,
  type GuardlineClientSettings,
  type GuardlineInitializationOptions,
  type ScanWorkspaceResult,
  type StatusParams,
} from '../../server/src/protocol';
import { showExplanation } from './explain-view';
import { STARTER_CONFIG } from './starter-config';
import { SHOW_FINDINGS_COMMAND, StatusBar } from './status';

/** What activate() returns: used by the integration tests, and by anyone scripting Guardline. */
export interface GuardlineApi {
  /** Resolves once the language server is running. */
  ready: Promise<void>;
  client(): LanguageClient | undefined;
  status(): StatusParams | undefined;
  statusText(): string;
}

const CONFIG_FILE_NAMES = ['guardline.yaml', '.guardline.yaml', 'guardline.yml', '.guardline.yml'];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export function activate(context: vscode.ExtensionContext): GuardlineApi {
  output = vscode.window.createOutputChannel('Guardline', { log: true });
  const statusBar = new StatusBar();
  context.subscriptions.push(output, statusBar);

  const start = async (): Promise<void> => {
    client = createClient(context, output!);
    client.onNotification(StatusNotification.type, (status) => statusBar.update(status));
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) statusBar.stopped('the language server stopped; see the Guardline output');
    });
    await client.start();
  };
  const ready = start().catch((error: unknown) => {
    output!.appendLine(`Guardline could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    statusBar.stopped(String(error));
    throw error;
  });

  context.subscriptions.push(
    // Trust granted: restart so that guardline.yaml and workspace settings now apply.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      await start();
    }),
    vscode.commands.registerCommand('guardline.scanWorkspace', () => scanWorkspace()),
    vscode.commands.registerCommand(EXPLAIN_COMMAND, (ref?: FindingRef) => explain(ref)),
    vscode.commands.registerCommand('guardline.openConfig', () => openConfig()),
    vscode.commands.registerCommand('guardline.showOutput', () => output?.show(true)),
    vscode.commands.registerCommand(SHOW_FINDINGS_COMMAND, () => showFindings()),
  );

  return {
    ready,
    client: () => client,
    status: () => statusBar.status,
    statusText: () => statusBar.text,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const initializationOptions: GuardlineInitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted, explainCommand: true };
  const clientOptions: LanguageClientOptions = {
    // Secret detection reads every text file; the AST rules pick JS/TS/JSX/TSX and <script> blocks.
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    outputChannel,
    initializationOptions,
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      workspace: {
        // Per-resource settings. In an untrusted workspace VS Code already ignores the workspace's
        // values of these settings (they are restrictedConfigurations in package.json).
        configuration: (params) => params.items.map((item) => (item.section === 'guardline' ? readSettings(item.scopeUri) : null)),
      },
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        // Let the hover's "Why this matters" link run our one command, nothing else.
        for (const content of hover?.contents ?? []) if (content instanceof vscode.MarkdownString) content.isTrusted = { enabledCommands: [EXPLAIN_COMMAND] };
        return hover;
      },
    },
  };
  return new LanguageClient('guardline', 'Guardline', serverOptions, clientOptions);
}

function readSettings(scopeUri: string | undefined): GuardlineClientSettings {
  const config = vscode.workspace.getConfiguration('guardline', scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  return {
    enable: config.get('enable', DEFAULT_CLIENT_SETTINGS.enable),
    rules: config.get('rules', DEFAULT_CLIENT_SETTINGS.rules),
    minimumPriority: config.get('minimumPriority', DEFAULT_CLIENT_SETTINGS.minimumPriority),
    audit: config.get('audit', DEFAULT_CLIENT_SETTINGS.audit),
  };
}

async function scanWorkspace(): Promise<ScanWorkspaceResult | undefined> {
  const running = client;
  if (!running || !vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Guardline: open a folder to scan it.');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Guardline: scanning the workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = `guardline-scan-${Date.now()}`;
      const listener = running.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'report') progress.report({ message: (value as WorkDoneProgressReport).message ?? '' });
      });
      try {
        return await running.sendRequest(ScanWorkspaceRequest.type, { workDoneToken }, token);
      } finally {
        listener.dispose();
      }
    },
  );
  const summary = result.cancelled
    ? `Guardline: scan cancelled after ${result.filesScanned} files.`
    : `Guardline: scanned ${result.filesScanned} files: ${result.findings} findings in ${result.filesWithFindings} files.`;
  void vscode.window.showInformationMessage(summary, 'Show Problems').then((choice) => {
    if (choice) void showFindings();
  });
  return result;
}

/** "Why this matters": for the given finding, else the Guardline finding under the cursor. */
async function explain(ref?: FindingRef): Promise<void> {
  if (!client) return;
  let target = ref;
  if (!target) {
    const editor = vscode.window.activeTextEditor;
    const here = editor
      ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'guardline' && d.range.contains(editor.selection.active))
      : [];
    const first = here[0];
    if (first && editor) {
      const code = typeof first.code === 'object' ? String(first.code.value) : String(first.code ?? '');
      // The language client keeps the server's `data` on its diagnostics: the finding's fingerprint.
      const fingerprint = (first as vscode.Diagnostic & { data?: { fingerprint?: string } }).data?.fingerprint;
      target = { ruleId: code, uri: editor.document.uri.toString(), ...(fingerprint ? { fingerprint } : {}) };
    } else {
      void vscode.window.showInformationMessage('Guardline: put the cursor on a Guardline finding to see why it matters.');
      return;
    }
  }
  const explanation = await client.sendRequest(ExplainRequest.type, target);
  if (!explanation) {
    void vscode.window.showWarningMessage(`Guardline: no explanation for ${target.ruleId}.`);
    return;
  }
  showExplanation(explanation);
}

/** Opens guardline.yaml of the first workspace folder, creating a commented starter file if none. */
async function openConfig(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Guardline: open a folder first; guardline.yaml lives at its root.');
    return;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const uri = vscode.Uri.joinPath(folder.uri, name);
    try {
      await vscode.workspace.fs.stat(uri);
      await vscode.window.showTextDocument(uri);
      return;
    } catch {
      // not there; try the next name
    }
  }
  const uri = vscode.Uri.joinPath(folder.uri, 'guardline.yaml');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STARTER_CONFIG));
  await vscode.window.showTextDocument(uri);
}

/**
 * The Problems view, ready to filter to Guardline. VS Code has no API that sets the view's filter
 * text, so the filter box is focused for typing "guardline" (every finding's source).
 */
async function showFindings(): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('problems.action.focusFilter').then(undefined, () => undefined);
}
