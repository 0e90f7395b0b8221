// The "Why this matters" panel (a webview without scripts) showing explain-html.ts's page.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Explanation } from '../../server/src/protocol';
import { explanationHtml } from './explain-html';

let panel: vscode.WebviewPanel | undefined;

export function showExplanation(explanation: Explanation): vscode.WebviewPanel {
  if (!panel) {
    panel = vscode.window.createWebviewPanel('guardline.explain', 'Why this matters', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableCommandUris: false,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => {
      panel = undefined;
    });
  }
  panel.title = `Why this matters: ${explanation.title}`;
  panel.webview.html = explanationHtml(explanation, randomBytes(16).toString('base64'));
  panel.reveal(undefined, true);
  return panel;
}
