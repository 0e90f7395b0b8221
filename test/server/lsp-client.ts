// A real LSP client for the server tests: spawns the server as a child process and talks to it over
// stdio with vscode-languageserver-protocol, answering the requests a real editor answers
// (configuration, capability registration, progress) and collecting what the server pushes.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic,
  type FileEvent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { StatusNotification, type GuardlineClientSettings, type GuardlineInitializationOptions, type StatusParams } from '../../server/src/protocol';
import { ensureBuilt, ROOT } from '../harness/build';

const BUNDLED_SERVER = join(ROOT, 'dist', 'server.js');

/** Builds dist/server.js when it is missing or older than the sources, so tests run today's code. */
export function ensureBundle(): void {
  ensureBuilt(BUNDLED_SERVER);
}

export interface ClientOptions {
  /** Ask for pull diagnostics (textDocument/diagnostic); push otherwise. */
  pull?: boolean;
  snippets?: boolean;
  workspaceFolders?: string[];
  initializationOptions?: GuardlineInitializationOptions;
  settings?: Partial<GuardlineClientSettings>;
  /** Command line; default the bundled server over stdio. */
  command?: { command: string; args: string[] };
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** Every publishDiagnostics, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  settings: GuardlineClientSettings;
  private readonly versions = new Map<string, number>();
  private waiters: Array<() => void> = [];

  constructor(private readonly options: ClientOptions = {}) {
    const { command, args } = options.command ?? { command: process.execPath, args: [BUNDLED_SERVER, '--stdio'] };
    this.process = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.settings = { enable: true, rules: {}, minimumPriority: 'info', audit: false, ...options.settings };
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'guardline' ? this.settings : null)));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.notify();
    });
    this.connection.onNotification(StatusNotification.type, (params) => {
      this.statuses.push(params);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => void this.logs.push(params.message));
    this.connection.onNotification('$/progress', (params: unknown) => {
      this.progress.push(params);
      this.notify();
    });
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        workspaceEdit: { documentChanges: true, ...(this.options.snippets ? { snippetEditSupport: true } : {}) } as never,
        ...(this.options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      window: { workDoneProgress: true },
    };
    const folders = this.options.workspaceFolders ?? [];
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: f })),
      capabilities,
      initializationOptions: this.options.initializationOptions ?? {},
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(path: string, text: string, languageId = languageOf(path)): Promise<string> {
    const uri = uriOf(path);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** The latest pushed diagnostics of a URI, waiting until `until` accepts them. */
  async diagnostics(uri: string, until: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15_000): Promise<Diagnostic[]> {
    const found = await this.waitFor(() => {
      const latest = [...this.published].reverse().find((p) => p.uri === uri);
      return latest && until(latest.diagnostics, latest) ? latest.diagnostics : undefined;
    }, timeoutMs, `diagnostics for ${uri}`);
    return found;
  }

  async waitFor<T>(check: () => T | undefined, timeoutMs = 15_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nserver log:\n${this.logs.join('\n').slice(-3000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

export function uriOf(path: string): string {
  return `file://${path.split('/').map(encodeURIComponent).join('/')}`;
}

function languageOf(path: string): string {
  if (/\.tsx$/.test(path)) return 'typescriptreact';
  if (/\.ts$/.test(path)) return 'typescript';
  if (/\.jsx$/.test(path)) return 'javascriptreact';
  if (/\.js$/.test(path)) return 'javascript';
  if (/\.ya?ml$/.test(path)) return 'yaml';
  return 'plaintext';
}
