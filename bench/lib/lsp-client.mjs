// A minimal LSP client for the benchmarks: starts the bundled server over stdio, answers the
// requests a server may send (configuration, capability registration, progress tokens), and
// waits for diagnostics of a given document version, pushed or pulled, whichever the server offers.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, RequestType, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

/** What the client answers for `workspace/configuration` items with the `guardline` section. */
const GUARDLINE_SETTINGS = { enable: true, rules: {}, minimumPriority: 'info', audit: false };

export class BenchClient {
  constructor(serverPath, { workspace, args = ['--stdio'] } = {}) {
    this.child = spawn(process.execPath, [serverPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    // A server that dies must fail the run, not leave it waiting on an empty event loop.
    this.exited = new Promise((_, reject) => this.child.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? `code ${code}`}): ${this.stderr.slice(-1500)}`))));
    this.exited.catch(() => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.workspace = workspace;
    this.waiters = new Map(); // uri -> [{ version, resolve }]
    this.latest = new Map(); // uri -> { version, count, at }
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      this.latest.set(params.uri, { version: params.version, count: params.diagnostics.length, at });
      const list = this.waiters.get(params.uri) ?? [];
      this.waiters.set(params.uri, list.filter((waiter) => {
        if (params.version === undefined || params.version >= waiter.version) {
          waiter.resolve({ at, version: params.version, count: params.diagnostics.length });
          return false;
        }
        return true;
      }));
    });
    this.connection.onRequest((method, params) => {
      if (method === 'workspace/configuration') return (params?.items ?? []).map((item) => (item.section === 'guardline' ? GUARDLINE_SETTINGS : null));
      if (method === 'workspace/workspaceFolders') return this.workspace ? [{ uri: pathToFileURL(this.workspace).href, name: 'bench' }] : null;
      return null; // client/registerCapability, window/workDoneProgress/create, ...
    });
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  get pid() {
    return this.child.pid;
  }

  async initialize() {
    const folder = this.workspace ? { uri: pathToFileURL(this.workspace).href, name: 'bench' } : undefined;
    const result = await this.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder?.uri ?? null,
      workspaceFolders: folder ? [folder] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        },
        window: { workDoneProgress: true },
      },
      initializationOptions: { workspaceTrusted: true },
    });
    this.capabilities = result.capabilities;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves when diagnostics for `version` (or later) of `uri` are published. */
  waitForVersion(uri, version, timeoutMs = 60_000) {
    const latest = this.latest.get(uri);
    if (latest && latest.version !== undefined && latest.version >= version) return Promise.resolve({ at: latest.at, version: latest.version, count: latest.count });
    return new Promise((resolveWait, reject) => {
      this.exited.catch(reject);
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, resolve: (value) => (clearTimeout(timer), resolveWait(value)) });
      this.waiters.set(uri, list);
    });
  }

  async open(uri, languageId, text) {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri, version, changes) {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async pull(uri) {
    const result = await this.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    return { at: performance.now(), count: result?.items?.length ?? 0 };
  }

  /** A request by method name, sent as a typed request (one parameter object), as clients do. */
  sendRequest(method, params, token) {
    return Promise.race([this.connection.sendRequest(new RequestType(method), params, token), this.exited]);
  }

  async shutdown() {
    try {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error('already exited');
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    await new Promise((resolveExit) => {
      if (this.child.exitCode !== null) return resolveExit();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      this.child.once('exit', () => (clearTimeout(timer), resolveExit()));
    });
    this.connection.dispose();
  }
}
