// The language server driven over a real LSP connection (stdio, vscode-languageserver-protocol):
// diagnostics after open and edit (push and pull), code actions whose edits give the fixed text,
// hover, re-ranking when guardline.yaml or settings change, cancellation and staleness, and the
// workspace scan. The bundled server (dist/server.js) is what runs.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DiagnosticSeverity,
  DocumentDiagnosticRequest,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { ExplainRequest, ScanWorkspaceRequest, type ScanWorkspaceResult } from '../../server/src/protocol';
import { ensureBundle, TestClient, uriOf } from './lsp-client';

const VULNERABLE = `const { exec } = require('child_process');
const express = require('express');
const app = express();

app.get('/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(out));
});
`;
const FIXED = VULNERABLE.replace("exec('ping -c 1 ' + req.query.host,", "require('child_process').execFile('ping', ['-c', '1', req.query.host],");
const SAFE = VULNERABLE.replace("exec('ping -c 1 ' + req.query.host,", "exec('uptime',");

const isInjection = (d: Diagnostic): boolean => d.code === 'no-command-injection';

interface ScanUpdate {
  /** Files analysed, relative to their folder, as the server's log lists them (at most ten). */
  analysed: string[];
  count: number;
  removed: number;
  reloaded: boolean;
}

/** The first "Workspace scan updated" line the server logged after `from` log entries. */
async function nextScanUpdate(client: TestClient, from: number): Promise<ScanUpdate> {
  const pattern = /Workspace scan updated: (\d+) files? analysed(?: \(([^)]*)\))?; (\d+) removed(; project reloaded)?/;
  const match = await client.waitFor(() => client.logs.slice(from).map((line) => pattern.exec(line)).find((m): m is RegExpExecArray => m !== null), 30_000, 'a workspace scan update in the server log');
  return { count: Number(match[1]), analysed: match[2] ? match[2].split(', ').sort() : [], removed: Number(match[3]), reloaded: !!match[4] };
}

function applyAction(text: string, action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `action "${action.title}" has no document edit`);
  const document = TextDocument.create('file:///x.js', 'javascript', 1, text);
  return TextDocument.applyEdits(document, change.edits as TextEdit[]);
}

describe('language server over LSP', function () {
  this.timeout(60_000);
  let workspace: string;

  before(() => {
    ensureBundle();
    workspace = mkdtempSync(join(tmpdir(), 'guardline-lsp-'));
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));

  describe('push diagnostics', () => {
    let client: TestClient;
    before(async () => {
      client = new TestClient({ workspaceFolders: [workspace] });
      await client.initialize();
    });
    after(() => client.stop());

    it('publishes findings after open, with code, link, severity and data flow', async () => {
      const uri = await client.open(join(workspace, 'ping.js'), VULNERABLE);
      const diagnostics = await client.diagnostics(uri, (d) => d.some(isInjection));
      const finding = diagnostics.find(isInjection)!;
      assert.equal(finding.source, 'guardline');
      assert.equal(finding.range.start.line, 5);
      assert.match(String(finding.codeDescription!.href), /rules\/js\/no-command-injection\/explain\.md$/);
      assert.equal(finding.severity, DiagnosticSeverity.Error);
      assert.match(String(finding.message), /req\.query\.host.*shell command/);
      assert.ok(finding.relatedInformation?.some((r) => /^Source: /.test(r.message)), 'the source of the data flow is related information');
    });

    it('re-analyses the unsaved buffer after an edit', async () => {
      const uri = await client.open(join(workspace, 'edit.js'), VULNERABLE);
      await client.diagnostics(uri, (d) => d.some(isInjection));
      const version = await client.change(uri, SAFE);
      const after = await client.diagnostics(uri, (_d, p) => p.version === version);
      assert.deepEqual(after.filter(isInjection), []);
      const again = await client.change(uri, VULNERABLE);
      await client.diagnostics(uri, (d, p) => p.version === again && d.some(isInjection));
    });

    it('debounces typing: only the last version of a burst of edits is published', async () => {
      const uri = await client.open(join(workspace, 'burst.js'), SAFE);
      await client.diagnostics(uri);
      const before = client.published.length;
      let last = 0;
      for (let i = 0; i < 6; i++) last = await client.change(uri, `${VULNERABLE}// edit ${i}\n`);
      await client.diagnostics(uri, (_d, p) => p.version === last);
      const versions = client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version);
      assert.deepEqual(versions, [last], `published versions ${versions.join(', ')}`);
    });

    it('answers other requests while a large document is analysed', async () => {
      const small = await client.open(join(workspace, 'small.js'), VULNERABLE);
      const [finding] = await client.diagnostics(small, (d) => d.some(isInjection));
      const large = Array.from({ length: 60 }, () => `{\n${VULNERABLE}}\n`).join('');
      const order: string[] = [];
      const bigUri = await client.open(join(workspace, 'large.js'), large);
      const published = client.diagnostics(bigUri, (d) => d.filter(isInjection).length === 60, 60_000).then(() => order.push('large analysed'));
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position: finding!.range.start });
      order.push('hover answered');
      await published;
      assert.deepEqual(order, ['hover answered', 'large analysed']);
    });

    it('offers the rule fix as the preferred quick fix, and its edit gives the fixed text', async () => {
      const uri = await client.open(join(workspace, 'fix.js'), VULNERABLE);
      const diagnostics = await client.diagnostics(uri, (d) => d.some(isInjection));
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics.find(isInjection)!.range,
        context: { diagnostics: diagnostics.filter(isInjection), only: ['quickfix'] },
      })) as CodeAction[];
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1);
      assert.match(preferred[0]!.title, /execFile/);
      assert.equal(applyAction(VULNERABLE, preferred[0]!), FIXED);
      const edit = preferred[0]!.edit!.documentChanges![0] as TextDocumentEdit;
      assert.equal(edit.textDocument.version, client.version(uri), 'the edit is bound to the version it was computed on');
      assert.ok(actions.some((a) => a.title === 'Ignore no-command-injection on this line (with a reason)'));
    });

    it('"Ignore on this line" inserts the suppression comment, which then suppresses the finding', async () => {
      const uri = await client.open(join(workspace, 'ignore.js'), VULNERABLE);
      const diagnostics = await client.diagnostics(uri, (d) => d.some(isInjection));
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics.find(isInjection)!.range,
        context: { diagnostics: diagnostics.filter(isInjection) },
      })) as CodeAction[];
      const ignore = actions.find((a) => a.title.startsWith('Ignore no-command-injection'))!;
      const inserted = applyAction(VULNERABLE, ignore);
      assert.equal(inserted.split('\n')[5], '  // guardline-ignore no-command-injection: ');
      const version = await client.change(uri, inserted.replace('no-command-injection: ', 'no-command-injection: host is checked by the gateway'));
      const after = await client.diagnostics(uri, (_d, p) => p.version === version);
      assert.deepEqual(after.filter(isInjection), []);
    });

    it('offers no "Ignore" for the engine\'s own findings, such as a syntax error', async () => {
      const uri = await client.open(join(workspace, 'broken.js'), 'const a = (;\n');
      const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'parse-error'));
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics[0]!.range,
        context: { diagnostics },
      })) as CodeAction[];
      assert.ok(!actions.some((a) => a.title.startsWith('Ignore')), actions.map((a) => a.title).join(' | '));
    });

    it('offers source.fixAll.guardline with every safe fix', async () => {
      const twice = `${VULNERABLE}app.get('/ping2', (req, res) => {\n  exec('ping -c 2 ' + req.query.host);\n});\n`;
      const uri = await client.open(join(workspace, 'fixall.js'), twice);
      await client.diagnostics(uri, (d) => d.filter(isInjection).length === 2);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      assert.equal(actions.length, 1);
      assert.equal(actions[0]!.kind, 'source.fixAll.guardline');
      const fixed = applyAction(twice, actions[0]!);
      assert.equal((fixed.match(/execFile\('ping'/g) ?? []).length, 2);
      assert.ok(!/\bexec\('ping/.test(fixed));
    });

    it('gives no edits for a document version the findings were not computed on', async () => {
      const uri = await client.open(join(workspace, 'stale.js'), VULNERABLE);
      const diagnostics = await client.diagnostics(uri, (d) => d.some(isInjection));
      await client.change(uri, `// a new first line\n${VULNERABLE}`);
      // Asked at once, before the debounced analysis of the new version ran.
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostics.find(isInjection)!.range,
        context: { diagnostics: diagnostics.filter(isInjection) },
      })) as CodeAction[];
      assert.deepEqual(actions, []);
    });

    it('hovers with what, why and how to fix, and the rule examples', async () => {
      const uri = await client.open(join(workspace, 'hover.js'), VULNERABLE);
      const diagnostics = await client.diagnostics(uri, (d) => d.some(isInjection));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: diagnostics.find(isInjection)!.range.start });
      const value = (hover!.contents as { value: string }).value;
      assert.match(value, /Untrusted data in a shell command/);
      assert.match(value, /critical priority/);
      assert.match(value, /\*\*Data flow:\*\*/);
      assert.match(value, /\*\*Why it matters:\*\*/);
      assert.match(value, /\*\*How to fix:\*\*/);
      assert.match(value, /\*\*Vulnerable:\*\*\n\n```js\n/);
      assert.match(value, /\*\*Safe:\*\*\n\n```js\n[\s\S]*execFile/);
      const nowhere = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 0 } });
      assert.equal(nowhere, null);
    });

    it('explains a rule with the finding context (the "Why this matters" panel)', async () => {
      const uri = await client.open(join(workspace, 'explain.js'), VULNERABLE);
      const diagnostics = await client.diagnostics(uri, (d) => d.some(isInjection));
      const fingerprint = (diagnostics.find(isInjection)!.data as { fingerprint: string }).fingerprint;
      const explanation = await client.connection.sendRequest(ExplainRequest.type, { ruleId: 'no-command-injection', uri, fingerprint });
      assert.ok(explanation);
      assert.match(explanation.markdown, /## Why this matters/);
      assert.deepEqual(explanation.cwe, ['CWE-78']);
      assert.equal(explanation.finding?.line, 5);
      assert.equal(explanation.finding?.file, 'explain.js', 'shown relative to the workspace folder');
      assert.equal(explanation.finding?.priority.level, 'critical');
      assert.equal(await client.connection.sendRequest(ExplainRequest.type, { ruleId: 'no-such-rule' }), null);
    });

    it('applies editor settings per resource and re-analyses when they change', async () => {
      const uri = await client.open(join(workspace, 'settings.js'), VULNERABLE);
      await client.diagnostics(uri, (d) => d.some(isInjection));
      client.settings = { ...client.settings, rules: { 'no-command-injection': 'low' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics(uri, (d) => d.some((x) => isInjection(x) && x.severity === DiagnosticSeverity.Information));
      client.settings = { ...client.settings, minimumPriority: 'medium' };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics(uri, (d) => !d.some(isInjection));
      client.settings = { enable: true, rules: {}, minimumPriority: 'info', audit: false };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics(uri, (d) => d.some(isInjection));
    });
  });

  describe('guardline.yaml', () => {
    let client: TestClient;
    let folder: string;
    before(async () => {
      folder = join(workspace, 'configured');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'guardline.yaml'), 'version: 1\nrules:\n  no-command-injection: low\n');
      client = new TestClient({ workspaceFolders: [folder] });
      await client.initialize();
    });
    after(() => client.stop());

    it('ranks by the project settings and re-ranks open documents when guardline.yaml changes', async () => {
      const uri = await client.open(join(folder, 'app.js'), VULNERABLE);
      await client.diagnostics(uri, (d) => d.some((x) => isInjection(x) && x.severity === DiagnosticSeverity.Information));
      writeFileSync(join(folder, 'guardline.yaml'), 'version: 1\nrules:\n  no-command-injection: medium\n');
      await client.filesChanged([{ uri: uriOf(join(folder, 'guardline.yaml')), type: FileChangeType.Changed }]);
      await client.diagnostics(uri, (d) => d.some((x) => isInjection(x) && x.severity === DiagnosticSeverity.Warning));
    });

    it('shows problems of guardline.yaml as diagnostics on it, and clears them once fixed', async () => {
      const config = join(folder, 'guardline.yaml');
      writeFileSync(config, 'version: 1\nrules: [unclosed\n');
      await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
      const problems = await client.diagnostics(uriOf(config), (d) => d.length > 0);
      const invalid = problems.find((p) => /Invalid YAML/.test(String(p.message)));
      assert.ok(invalid, `an "Invalid YAML" problem among: ${problems.map((p) => p.message).join(' | ')}`);
      assert.equal(invalid.source, 'guardline');
      writeFileSync(config, 'version: 1\nrules:\n  no-command-injection: medium\n');
      await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
      await client.diagnostics(uriOf(config), (d) => d.length === 0);
    });

    it('keeps ranking with the last valid guardline.yaml while the file has errors', async () => {
      const config = join(folder, 'guardline.yaml');
      const uri = await client.open(join(folder, 'last-good.js'), VULNERABLE);
      writeFileSync(config, 'version: 1\nrules:\n  no-command-injection: low\n');
      await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
      await client.diagnostics(uri, (d) => d.some((x) => isInjection(x) && x.severity === DiagnosticSeverity.Information));
      writeFileSync(config, 'version: 1\nrules:\n  no-command-injection: lowest\n');
      const before = client.published.length;
      await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
      const problems = await client.diagnostics(uriOf(config), (d) => d.some((p) => /last valid version/.test(String(p.message))));
      assert.ok(problems.some((p) => /lowest/.test(String(p.message))), 'the bad value is reported');
      const republished = await client.waitFor(() => client.published.slice(before).find((p) => p.uri === uri), 15_000, 're-ranked diagnostics');
      assert.equal(republished.diagnostics.find(isInjection)?.severity, DiagnosticSeverity.Information, 'still ranked by the last valid file (low), not the rule default');
      writeFileSync(config, 'version: 1\nrules:\n  no-command-injection: medium\n');
      await client.filesChanged([{ uri: uriOf(config), type: FileChangeType.Changed }]);
      await client.diagnostics(uriOf(config), (d) => d.length === 0);
    });

    it('ignores guardline.yaml in an untrusted workspace', async () => {
      const untrusted = new TestClient({ workspaceFolders: [folder], initializationOptions: { workspaceTrusted: false } });
      try {
        await untrusted.initialize();
        const uri = await untrusted.open(join(folder, 'app.js'), VULNERABLE);
        const diagnostics = await untrusted.diagnostics(uri, (d) => d.some(isInjection));
        assert.equal(diagnostics.find(isInjection)!.severity, DiagnosticSeverity.Error, 'the rule default (critical), not the workspace override');
      } finally {
        await untrusted.stop();
      }
    });
  });

  describe('pull diagnostics', () => {
    let client: TestClient;
    before(async () => {
      client = new TestClient({ pull: true, workspaceFolders: [workspace] });
      await client.initialize();
    });
    after(() => client.stop());

    const pull = (uri: string, token?: CancellationTokenSource): Promise<DocumentDiagnosticReport> =>
      client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, token?.token);

    it('answers textDocument/diagnostic after open and after an edit, and pushes nothing', async () => {
      const uri = await client.open(join(workspace, 'pull.js'), VULNERABLE);
      const first = await pull(uri);
      assert.equal(first.kind, 'full');
      assert.ok(first.kind === 'full' && first.items.some(isInjection));
      await client.change(uri, SAFE);
      const second = await pull(uri);
      assert.ok(second.kind === 'full' && !second.items.some(isInjection));
      assert.deepEqual(client.published.filter((p) => p.uri === uri), []);
    });

    it('answers "unchanged" for a result the client already has', async () => {
      const uri = await client.open(join(workspace, 'unchanged.js'), VULNERABLE);
      const first = await pull(uri);
      assert.ok(first.kind === 'full' && first.resultId);
      const second = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: first.resultId });
      assert.equal(second.kind, 'unchanged');
    });

    it('cancels a request for a stale version and keeps serving', async () => {
      const uri = await client.open(join(workspace, 'cancel.js'), VULNERABLE);
      await client.change(uri, `${VULNERABLE}// typing\n`);
      const source = new CancellationTokenSource();
      const pending = pull(uri, source);
      source.cancel();
      await assert.rejects(pending, (error: { code?: number }) => error.code === -32800 || error.code === -32802);
      // A request made while the document changes under it is answered for the newest text.
      await client.change(uri, SAFE);
      const fresh = await pull(uri);
      assert.ok(fresh.kind === 'full' && !fresh.items.some(isInjection));
    });
  });

  describe('workspace scan', () => {
    let client: TestClient;
    let folder: string;
    before(async () => {
      folder = join(workspace, 'scanned');
      mkdirSync(join(folder, 'src'), { recursive: true });
      mkdirSync(join(folder, 'node_modules', 'dep'), { recursive: true });
      mkdirSync(join(folder, 'build'), { recursive: true });
      writeFileSync(join(folder, '.gitignore'), 'build/\n');
      writeFileSync(join(folder, 'src', 'ping.js'), VULNERABLE);
      writeFileSync(join(folder, 'src', 'clean.js'), SAFE);
      writeFileSync(join(folder, 'node_modules', 'dep', 'index.js'), VULNERABLE);
      writeFileSync(join(folder, 'build', 'out.js'), VULNERABLE);
      client = new TestClient({ workspaceFolders: [folder] });
      await client.initialize();
    });
    after(() => client.stop());

    it('publishes findings of files that are not open, with progress, honouring ignores', async () => {
      const result = (await client.connection.sendRequest(ScanWorkspaceRequest.type, { workDoneToken: 'scan-1' })) as ScanWorkspaceResult;
      assert.equal(result.cancelled, false);
      assert.equal(result.filesScanned, 3); // .gitignore, src/ping.js, src/clean.js
      assert.equal(result.filesWithFindings, 1);
      await client.diagnostics(uriOf(join(folder, 'src', 'ping.js')), (d) => d.some(isInjection));
      assert.ok(!client.published.some((p) => /node_modules|build/.test(p.uri)));
      const kinds = client.progress.filter((p) => (p as { token: string }).token === 'scan-1').map((p) => (p as { value: { kind: string } }).value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds[kinds.length - 1], 'end');
    });

    it('re-analyses a changed file on disk and clears a deleted one', async () => {
      const clean = join(folder, 'src', 'clean.js');
      writeFileSync(clean, VULNERABLE);
      await client.filesChanged([{ uri: uriOf(clean), type: FileChangeType.Changed }]);
      await client.diagnostics(uriOf(clean), (d) => d.some(isInjection));
      rmSync(clean);
      await client.filesChanged([{ uri: uriOf(clean), type: FileChangeType.Deleted }]);
      await client.diagnostics(uriOf(clean), (d) => d.length === 0);
    });

    it('an open document shows its buffer, not the file on disk', async () => {
      const ping = join(folder, 'src', 'ping.js');
      const uri = await client.open(ping, SAFE);
      await client.diagnostics(uri, (d, p) => p.version === 1 && !d.some(isInjection));
    });

    it('stops when cancelled', async () => {
      for (let i = 0; i < 200; i++) writeFileSync(join(folder, 'src', `gen-${i}.js`), VULNERABLE);
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest(ScanWorkspaceRequest.type, { workDoneToken: 'scan-2' }, source.token);
      setTimeout(() => source.cancel(), 50);
      const outcome = await pending.then(
        (result) => (result as ScanWorkspaceResult).cancelled,
        () => true,
      );
      assert.equal(outcome, true);
      // And the server still answers, and its scan worker scans again.
      const explanation = await client.connection.sendRequest(ExplainRequest.type, { ruleId: 'no-command-injection' });
      assert.ok(explanation);
      const again = (await client.connection.sendRequest(ScanWorkspaceRequest.type, {})) as ScanWorkspaceResult;
      assert.equal(again.cancelled, false);
      assert.equal(again.filesScanned, 202);
    });
  });

  describe('workspace scan, incremental', () => {
    let client: TestClient;
    let folder: string;
    const path = (file: string): string => join(folder, file);
    const write = (file: string, text: string): void => {
      mkdirSync(dirname(path(file)), { recursive: true });
      writeFileSync(path(file), text);
    };
    const config = (exposure: string, extra = ''): string => `version: 1\nservices:\n  api:\n    paths: ["api/**"]\n    exposure: ${exposure}\n${extra}`;
    const injectionIn = async (file: string, test: (d: Diagnostic) => boolean = () => true): Promise<Diagnostic> =>
      (await client.diagnostics(uriOf(path(file)), (d) => d.some((x) => isInjection(x) && test(x)))).find((x) => isInjection(x) && test(x))!;
    const cleared = (file: string): Promise<Diagnostic[]> => client.diagnostics(uriOf(path(file)), (d) => d.length === 0);

    before(async () => {
      folder = join(workspace, 'incremental');
      write('guardline.yaml', config('internet'));
      write('api/a.js', VULNERABLE);
      write('api/b.js', SAFE);
      write('jobs/c.js', VULNERABLE);
      write('jobs/keep.js', SAFE);
      write('lib/d.js', SAFE);
      write('lib/e.js', SAFE);
      client = new TestClient({ workspaceFolders: [folder] });
      await client.initialize();
      const result = (await client.connection.sendRequest(ScanWorkspaceRequest.type, {})) as ScanWorkspaceResult;
      assert.equal(result.filesScanned, 7);
      assert.match(String((await injectionIn('api/a.js')).message), /Priority critical: internet-facing/);
    });
    after(() => client.stop());

    it('analyses a changed file again, and only that file', async () => {
      const from = client.logs.length;
      write('lib/d.js', VULNERABLE);
      await client.filesChanged([{ uri: uriOf(path('lib/d.js')), type: FileChangeType.Changed }]);
      await injectionIn('lib/d.js');
      assert.deepEqual(await nextScanUpdate(client, from), { analysed: ['lib/d.js'], count: 1, removed: 0, reloaded: false });
    });

    it('analyses a created file, clears a deleted one, and counts both in the status', async () => {
      const counted = (): number => {
        const status = client.statuses[client.statuses.length - 1];
        return status ? Object.values(status.counts).reduce((a, b) => a + b, 0) : -1;
      };
      /** Findings in the Problems view: the latest diagnostics of each file, config problems aside. */
      const shown = (): number => {
        const latest = new Map(client.published.map((p) => [p.uri, p.diagnostics]));
        return [...latest.values()].reduce((sum, d) => sum + d.filter((x) => x.code !== 'config').length, 0);
      };
      const from = client.logs.length;
      write('lib/new.js', VULNERABLE);
      rmSync(path('jobs/c.js'));
      await client.filesChanged([
        { uri: uriOf(path('lib/new.js')), type: FileChangeType.Created },
        { uri: uriOf(path('jobs/c.js')), type: FileChangeType.Deleted },
      ]);
      await injectionIn('lib/new.js');
      await cleared('jobs/c.js');
      assert.deepEqual(await nextScanUpdate(client, from), { analysed: ['lib/new.js'], count: 1, removed: 1, reloaded: false });
      await client.waitFor(() => (counted() === shown() ? true : undefined), 15_000, `the status to count the ${shown()} findings shown`);
    });

    it('clears every file of a deleted folder', async () => {
      const from = client.logs.length;
      rmSync(path('lib'), { recursive: true });
      await client.filesChanged([{ uri: uriOf(path('lib')), type: FileChangeType.Deleted }]);
      await cleared('lib/d.js');
      await cleared('lib/new.js');
      assert.deepEqual(await nextScanUpdate(client, from), { analysed: [], count: 0, removed: 3, reloaded: false });
    });

    it('re-ranks on a guardline.yaml change, analysing only the files whose context changed', async () => {
      const from = client.logs.length;
      write('guardline.yaml', config('isolated'));
      await client.filesChanged([{ uri: uriOf(path('guardline.yaml')), type: FileChangeType.Changed }]);
      await injectionIn('api/a.js', (d) => /Priority high: isolated/.test(String(d.message)));
      // The services' files, and guardline.yaml itself (a scanned file that changed).
      assert.deepEqual(await nextScanUpdate(client, from), { analysed: ['api/a.js', 'api/b.js', 'guardline.yaml'], count: 3, removed: 0, reloaded: true });
    });

    it('analyses every scanned file again when guardline.yaml changes a rule', async () => {
      const from = client.logs.length;
      write('guardline.yaml', config('internet', 'rules:\n  no-command-injection: low\n'));
      await client.filesChanged([{ uri: uriOf(path('guardline.yaml')), type: FileChangeType.Changed }]);
      const finding = await injectionIn('api/a.js', (d) => d.severity === DiagnosticSeverity.Warning);
      assert.match(String(finding.message), /Priority medium: internet-facing/);
      assert.deepEqual(await nextScanUpdate(client, from), { analysed: ['api/a.js', 'api/b.js', 'guardline.yaml', 'jobs/keep.js'], count: 4, removed: 0, reloaded: true });
    });

    it('analyses the scanned files again when an editor setting changes a rule, and re-filters on the minimum priority', async () => {
      let from = client.logs.length;
      client.settings = { ...client.settings, rules: { 'no-command-injection': 'off' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics(uriOf(path('api/a.js')), (d) => !d.some(isInjection));
      assert.equal((await nextScanUpdate(client, from)).count, 4);
      from = client.logs.length;
      client.settings = { ...client.settings, rules: {} };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await injectionIn('api/a.js');
      assert.equal((await nextScanUpdate(client, from)).count, 4);
      // The minimum priority only filters: the findings are shown again without a new analysis.
      client.settings = { ...client.settings, minimumPriority: 'high' };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics(uriOf(path('api/a.js')), (d) => !d.some(isInjection));
      from = client.logs.length;
      client.settings = { ...client.settings, minimumPriority: 'info' };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await injectionIn('api/a.js');
      assert.equal((await nextScanUpdate(client, from)).count, 0);
    });

    it('takes out of the scan what a new .gitignore or ignore glob leaves out', async () => {
      let from = client.logs.length;
      write('jobs/late.js', VULNERABLE);
      write('.gitignore', 'jobs/\n');
      await client.filesChanged([
        { uri: uriOf(path('jobs/late.js')), type: FileChangeType.Created },
        { uri: uriOf(path('.gitignore')), type: FileChangeType.Created },
      ]);
      assert.deepEqual(await nextScanUpdate(client, from), { analysed: ['.gitignore'], count: 1, removed: 1, reloaded: false });
      assert.ok(!client.published.some((p) => p.uri === uriOf(path('jobs/late.js')) && p.diagnostics.length), 'an ignored file is not reported');
      from = client.logs.length;
      write('guardline.yaml', config('internet', 'rules:\n  no-command-injection: low\nignore: ["api/a.js"]\n'));
      await client.filesChanged([{ uri: uriOf(path('guardline.yaml')), type: FileChangeType.Changed }]);
      await cleared('api/a.js');
      assert.deepEqual(await nextScanUpdate(client, from), { analysed: ['guardline.yaml'], count: 1, removed: 1, reloaded: true });
    });

    it('shuts down with the server, scan worker and all', async () => {
      const other = new TestClient({ workspaceFolders: [folder] });
      try {
        await other.initialize();
        await other.connection.sendRequest(ScanWorkspaceRequest.type, {});
        const exited = new Promise<number | null>((resolve) => other.process.once('exit', (code) => resolve(code)));
        await other.connection.sendRequest('shutdown');
        await other.connection.sendNotification('exit');
        assert.equal(await exited, 0);
      } finally {
        await other.stop();
      }
    });
  });
});

describe('language server with a failing rule', function () {
  this.timeout(60_000);
  let client: TestClient;
  let workspace: string;
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'guardline-lsp-crash-'));
    client = new TestClient({
      workspaceFolders: [workspace],
      command: { command: process.execPath, args: ['--import', 'tsx', join(__dirname, 'fixtures', 'crashing-server.ts'), '--stdio'] },
    });
    await client.initialize();
  });
  after(async () => {
    await client.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('reports the rule failure on the file and still reports the other rules', async () => {
    const uri = await client.open(join(workspace, 'app.js'), VULNERABLE);
    const diagnostics = await client.diagnostics(uri, (d) => d.some(isInjection));
    const failure = diagnostics.find((d) => d.code === 'rule-error');
    assert.ok(failure, 'the failing rule is reported');
    assert.match(String(failure.message), /test-throws-on-calls.*deliberate failure in a rule/);
  });

  it('reports an analysis that fails as a whole on that file only, and keeps serving', async () => {
    const broken = await client.open(join(workspace, 'crash.js'), VULNERABLE);
    const diagnostics = await client.diagnostics(broken, (d) => d.length > 0);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'engine-error');
    assert.match(String(diagnostics[0]!.message), /could not analyse this file \(deliberate failure outside any rule listener\)/);
    const healthy = await client.open(join(workspace, 'other.js'), VULNERABLE);
    await client.diagnostics(healthy, (d) => d.some(isInjection));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: healthy }, position: { line: 5, character: 8 } });
    assert.ok(hover, 'hover still answers');
  });

  it('survives the analysis worker dying on one file', async () => {
    const fatal = await client.open(join(workspace, 'exit.js'), VULNERABLE);
    const diagnostics = await client.diagnostics(fatal, (d) => d.length > 0);
    assert.equal(diagnostics[0]!.code, 'engine-error');
    assert.match(String(diagnostics[0]!.message), /analysis worker stopped \(exit code 3\)/);
    const next = await client.open(join(workspace, 'after.js'), VULNERABLE);
    await client.diagnostics(next, (d) => d.some(isInjection));
  });

  it('starts the scan worker again when it dies on a file, without that file until it changes', async () => {
    const folder = join(workspace, 'scanned');
    mkdirSync(folder);
    writeFileSync(join(folder, 'app.js'), VULNERABLE);
    writeFileSync(join(folder, 'exit-on-scan.js'), VULNERABLE);
    const scanner = new TestClient({
      workspaceFolders: [folder],
      command: { command: process.execPath, args: ['--import', 'tsx', join(__dirname, 'fixtures', 'crashing-server.ts'), '--stdio'] },
    });
    try {
      await scanner.initialize();
      const result = (await scanner.connection.sendRequest(ScanWorkspaceRequest.type, {})) as ScanWorkspaceResult;
      assert.equal(result.cancelled, false);
      assert.equal(result.filesScanned, 1);
      assert.ok(result.notes.some((n) => n.path === 'exit-on-scan.js' && /stopped the scan worker/.test(n.message)), JSON.stringify(result.notes));
      assert.ok(scanner.logs.some((line) => /scan worker stopped \(exit code 3\) while analysing .*exit-on-scan\.js; starting it again without that file/.test(line)));
      await scanner.diagnostics(uriOf(join(folder, 'app.js')), (d) => d.some(isInjection));
      // The new worker keeps the scan: a change is one file's analysis.
      let from = scanner.logs.length;
      writeFileSync(join(folder, 'app.js'), SAFE);
      await scanner.filesChanged([{ uri: uriOf(join(folder, 'app.js')), type: FileChangeType.Changed }]);
      await scanner.diagnostics(uriOf(join(folder, 'app.js')), (d) => !d.some(isInjection));
      assert.deepEqual(await nextScanUpdate(scanner, from), { analysed: ['app.js'], count: 1, removed: 0, reloaded: false });
      // The file is tried again once it changes: the worker dies again, and the next one lists the folder anew.
      from = scanner.logs.length;
      writeFileSync(join(folder, 'exit-on-scan.js'), `${VULNERABLE}// changed\n`);
      writeFileSync(join(folder, 'app.js'), VULNERABLE);
      await scanner.filesChanged([
        { uri: uriOf(join(folder, 'exit-on-scan.js')), type: FileChangeType.Changed },
        { uri: uriOf(join(folder, 'app.js')), type: FileChangeType.Changed },
      ]);
      assert.deepEqual(await nextScanUpdate(scanner, from), { analysed: ['app.js'], count: 1, removed: 0, reloaded: false });
      assert.ok(scanner.logs.slice(from).some((line) => /scan worker stopped \(exit code 3\) while analysing .*exit-on-scan\.js/.test(line)));
      assert.ok(scanner.logs.slice(from).some((line) => /listed anew/.test(line)));
      await scanner.diagnostics(uriOf(join(folder, 'app.js')), (d) => d.some(isInjection));
    } finally {
      await scanner.stop();
    }
  });
});

describe('guardline lsp --stdio (the CLI)', function () {
  this.timeout(60_000);
  it('serves the same diagnostics as the bundled server', async () => {
    ensureBundle();
    const workspace = mkdtempSync(join(tmpdir(), 'guardline-cli-lsp-'));
    const client = new TestClient({ workspaceFolders: [workspace], command: { command: process.execPath, args: [join(__dirname, '..', '..', 'bin', 'guardline.js'), 'lsp', '--stdio'] } });
    try {
      await client.initialize();
      const uri = await client.open(join(workspace, 'app.js'), VULNERABLE);
      await client.diagnostics(uri, (d) => d.some(isInjection));
    } finally {
      await client.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
