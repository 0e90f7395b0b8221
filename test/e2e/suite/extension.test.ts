// Guardline inside a real VS Code, through the `vscode` API: activation, diagnostics in the Problems
// model, quick fixes and the ignore snippet applied to real editors, hover, the "Why this matters"
// panel, the status bar, settings, guardline.yaml re-ranking, the workspace scan and the starter
// config. The workspace is a copy of test/e2e/workspace.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { GuardlineApi } from '../../../client/src/extension';

const EXTENSION_ID = 'guardline.guardline';
const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const file = (path: string): vscode.Uri => vscode.Uri.joinPath(folder(), path);

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

const injections = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'guardline' && codeOf(d) === 'no-command-injection');

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

async function waitFor<T>(what: string, check: () => T | undefined | false | 0 | Promise<T | undefined | false | 0>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(path: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(file(path));
  return vscode.window.showTextDocument(document);
}

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('Guardline in VS Code', () => {
  let api: GuardlineApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<GuardlineApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
    await api.ready;
  });

  it('shows a finding in the Problems model with code, link, severity and context', async () => {
    const editor = await open('src/app.js');
    const [finding] = await waitFor('the command injection diagnostic', () => nonEmpty(injections(editor.document.uri)));
    assert.equal(finding!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(finding!.range.start.line, 7);
    assert.match(finding!.message, /req\.query\.host reaches a shell command/);
    const code = finding!.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /rules\/js\/no-command-injection\/explain\.md$/);
  });

  it('re-analyses the unsaved buffer as it is edited', async () => {
    const editor = await open('src/app.js');
    await waitFor('the finding', () => injections(editor.document.uri).length > 0);
    const line = editor.document.lineAt(7);
    await editor.edit((edit) => edit.replace(line.range, "  exec('uptime', (err, out) => res.send(out));"));
    await waitFor('the finding to go', () => injections(editor.document.uri).length === 0);
    await revert(editor);
    await waitFor('the finding to come back', () => injections(editor.document.uri).length > 0);
  });

  it('applies the preferred quick fix, which gives the fixed code', async () => {
    const editor = await open('src/fix.js');
    const [finding] = await waitFor('the finding', () => nonEmpty(injections(editor.document.uri)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, finding!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.title, 'Use execFile with an argument array (no shell)');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(editor.document.lineAt(7).text, "  require('child_process').execFile('ping', ['-c', '1', req.query.host], (err, out) => res.send(out));");
    await waitFor('the finding to go', () => injections(editor.document.uri).length === 0);
    await revert(editor);
  });

  it('"Ignore on this line" inserts the comment and puts the cursor where the reason goes', async () => {
    const editor = await open('src/ignore.js');
    const [finding] = await waitFor('the finding', () => nonEmpty(injections(editor.document.uri)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, finding!.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => a.title === 'Ignore no-command-injection on this line (with a reason)');
    assert.ok(ignore?.edit, 'the ignore action has an edit');
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    const comment = '  // guardline-ignore no-command-injection: ';
    assert.equal(editor.document.lineAt(7).text, comment);
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [7, comment.length], 'the cursor waits for the reason');
    await editor.edit((edit) => edit.insert(editor.selection.active, 'the host comes from our allow-list'));
    await waitFor('the finding to be suppressed', () => injections(editor.document.uri).length === 0);
    await revert(editor);
  });

  it('offers source.fixAll.guardline', async () => {
    const editor = await open('src/fix.js');
    await waitFor('the finding', () => injections(editor.document.uri).length > 0);
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, whole, 'source.fixAll.guardline');
    assert.deepEqual(actions.map((a) => a.kind?.value), ['source.fixAll.guardline']);
  });

  it('hovers with what, why and how to fix', async () => {
    const editor = await open('src/app.js');
    const [finding] = await waitFor('the finding', () => nonEmpty(injections(editor.document.uri)));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, finding!.range.start.translate(0, 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Untrusted data in a shell command/);
    assert.match(text, /How to fix:/);
    assert.match(text, /Safe:/);
  });

  it('opens the "Why this matters" panel for a finding', async () => {
    const editor = await open('src/app.js');
    const [finding] = await waitFor('the finding', () => nonEmpty(injections(editor.document.uri)));
    editor.selection = new vscode.Selection(finding!.range.start, finding!.range.start);
    await vscode.commands.executeCommand('guardline.explain');
    const tab = await waitFor('the panel', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Why this matters: Untrusted data in a shell command'),
    );
    assert.ok(tab);
  });

  it('counts findings by priority in the status bar', async () => {
    await open('src/app.js');
    const status = await waitFor('a status with findings', () => (api.status()?.counts.critical ? api.status() : undefined));
    assert.ok(status.counts.critical >= 1);
    assert.match(api.statusText(), /Guardline: \d+ critical/);
  });

  it('applies the minimum priority setting', async () => {
    const editor = await open('src/app.js');
    await waitFor('the finding', () => injections(editor.document.uri).length > 0);
    const config = vscode.workspace.getConfiguration('guardline', editor.document.uri);
    try {
      // An informational finding is never raised by the deployment context: it shows as a hint.
      await config.update('rules', { 'no-command-injection': 'info' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('the finding as a hint', () => injections(editor.document.uri)[0]?.severity === vscode.DiagnosticSeverity.Hint);
      await config.update('minimumPriority', 'high', vscode.ConfigurationTarget.Workspace);
      await waitFor('the finding hidden', () => injections(editor.document.uri).length === 0);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('minimumPriority', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the finding back as an error', () => injections(editor.document.uri)[0]?.severity === vscode.DiagnosticSeverity.Error);
  });

  it('re-ranks open files when guardline.yaml changes', async () => {
    const editor = await open('src/app.js');
    await waitFor('the finding as an error', () => injections(editor.document.uri)[0]?.severity === vscode.DiagnosticSeverity.Error);
    const config = file('guardline.yaml');
    const original = await vscode.workspace.fs.readFile(config);
    try {
      const lowered = new TextDecoder().decode(original).replace('no-command-injection: critical', 'no-command-injection: low');
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(lowered));
      // Low, raised by the service's exposure at most to medium: no longer an error.
      await waitFor('the finding re-ranked', () => (injections(editor.document.uri)[0]?.severity ?? 0) > vscode.DiagnosticSeverity.Error);
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
    }
    await waitFor('the finding ranked back', () => injections(editor.document.uri)[0]?.severity === vscode.DiagnosticSeverity.Error);
  });

  it('scans the workspace: findings for files that are not open', async () => {
    const nightly = file('jobs/nightly.js');
    assert.equal(injections(nightly).length, 0, 'nothing before the scan');
    const result = await vscode.commands.executeCommand<{ filesScanned: number; cancelled: boolean }>('guardline.scanWorkspace');
    assert.equal(result.cancelled, false);
    assert.ok(result.filesScanned >= 5);
    await waitFor('the scanned finding', () => injections(nightly).length > 0);
  });

  it('"Open Configuration" creates a commented starter guardline.yaml when there is none', async () => {
    const config = file('guardline.yaml');
    const original = await vscode.workspace.fs.readFile(config);
    await vscode.workspace.fs.delete(config);
    try {
      await vscode.commands.executeCommand('guardline.openConfig');
      const editor = await waitFor('guardline.yaml open', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/guardline.yaml') && vscode.window.activeTextEditor);
      assert.match(editor.document.getText(), /^# Guardline configuration/);
      assert.match(editor.document.getText(), /# services:/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
    }
  });
});
