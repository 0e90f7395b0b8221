// The status bar item: findings by priority and the analysis state; a click opens the Problems view.
import * as vscode from 'vscode';
import { PRIORITY_LEVELS, type StatusParams } from '../../server/src/protocol';

export const SHOW_FINDINGS_COMMAND = 'guardline.showFindings';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('guardline.status', vscode.StatusBarAlignment.Left, 50);
  /** The latest status; undefined until the server sends one (starting) or after it stopped. */
  private last: StatusParams | undefined;

  constructor() {
    this.item.name = 'Guardline';
    this.item.command = SHOW_FINDINGS_COMMAND;
    this.render();
    this.item.show();
  }

  /** The latest status the server sent (tests read it). */
  get status(): StatusParams | undefined {
    return this.last;
  }

  get text(): string {
    return this.item.text;
  }

  update(status: StatusParams): void {
    this.last = status;
    this.render();
  }

  stopped(reason: string): void {
    this.last = undefined;
    this.item.text = '$(error) Guardline';
    this.item.tooltip = `Guardline is not running: ${reason}`;
    this.item.command = 'guardline.showOutput';
  }

  private render(): void {
    this.item.command = SHOW_FINDINGS_COMMAND;
    if (!this.last) {
      this.item.text = '$(sync~spin) Guardline';
      this.item.tooltip = 'Guardline is starting';
      return;
    }
    const { counts, state, scan } = this.last;
    if (state === 'disabled') {
      this.item.text = '$(circle-slash) Guardline: off';
      this.item.tooltip = 'Guardline is turned off by the guardline.enable setting.';
      this.item.backgroundColor = undefined;
      return;
    }
    const shown = PRIORITY_LEVELS.filter((level) => counts[level] > 0);
    const total = PRIORITY_LEVELS.reduce((sum, level) => sum + counts[level], 0);
    const icon = state === 'analyzing' || state === 'scanning' ? '$(sync~spin)' : total ? '$(shield)' : '$(check)';
    const summary = shown.length ? shown.slice(0, 2).map((level) => `${counts[level]} ${level}`).join(', ') + (shown.length > 2 ? ', …' : '') : 'no findings';
    this.item.text = `${icon} Guardline: ${summary}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**Guardline**: ${state === 'scanning' ? `scanning the workspace (${scan?.done ?? 0} files)` : state === 'analyzing' ? 'analysing' : 'up to date'}\n\n`);
    for (const level of PRIORITY_LEVELS) tooltip.appendMarkdown(`- ${level}: ${counts[level]}\n`);
    tooltip.appendMarkdown('\nClick to show Guardline findings in the Problems view.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = counts.critical > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
