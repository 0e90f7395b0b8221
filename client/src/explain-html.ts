// The "Why this matters" page: the rule's explain.md with the finding's own context (priority,
// deployment reasons, attack path, data flow), in the editor's theme colours. No scripts and no
// remote content: the Content Security Policy allows only the page's own inline style.
import type { Explanation } from '../../server/src/protocol';
import { escapeHtml, inline, renderMarkdown } from './markdown';

export function explanationHtml(explanation: Explanation, nonce: string): string {
  // The title is shown from the rule metadata; drop explain.md's own top heading.
  const body = renderMarkdown(explanation.markdown.replace(/^#\s+[^\n]*\n/, ''));
  const finding = explanation.finding;
  const facts: string[] = [];
  if (finding) {
    facts.push(`<p class="message">${escapeHtml(finding.message)}</p>`);
    facts.push(`<p><span class="badge ${finding.priority.level}">${finding.priority.level} priority · ${finding.priority.score}</span> <span class="where">${escapeHtml(finding.file)}:${finding.line + 1}</span></p>`);
    const why: string[] = [];
    if (finding.priority.service) why.push(`service <code>${escapeHtml(finding.priority.service)}</code>`);
    if (finding.priority.reasons.length) why.push(escapeHtml(finding.priority.reasons.join(', ')));
    if (why.length) facts.push(`<p><strong>Why here:</strong> ${why.join('; ')}</p>`);
    if (finding.priority.attackPath) facts.push(`<p><strong>Attack path:</strong> ${escapeHtml(finding.priority.attackPath)}</p>`);
    if (finding.flow.length > 1) {
      facts.push(`<p><strong>Data flow:</strong></p><ol class="flow">${finding.flow.map((s) => `<li>${escapeHtml(s.label)} <span class="where">line ${s.line + 1}</span></li>`).join('')}</ol>`);
    }
  }
  const tags = [...explanation.cwe, ...explanation.owasp].map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join(' ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(explanation.title)}</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.5; padding: 0 20px 20px; max-width: 860px; }
  h1 { font-size: 1.5em; margin-bottom: 0.2em; }
  h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border, transparent); padding-bottom: 0.2em; }
  a { color: var(--vscode-textLink-foreground); }
  code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 0.25em; border-radius: 3px; }
  pre { background: var(--vscode-textCodeBlock-background); padding: 10px 12px; overflow-x: auto; border-radius: 4px; }
  pre code { background: none; padding: 0; }
  .finding { border-left: 3px solid var(--vscode-editorWarning-foreground); padding: 4px 12px; margin: 12px 0; background: var(--vscode-editorWidget-background); }
  .message { font-weight: 600; }
  .badge { padding: 1px 8px; border-radius: 10px; font-size: 0.9em; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); }
  .badge.critical, .badge.high { color: var(--vscode-editor-background); background: var(--vscode-editorError-foreground); }
  .badge.medium { color: var(--vscode-editor-background); background: var(--vscode-editorWarning-foreground); }
  .where { opacity: 0.8; font-family: var(--vscode-editor-font-family); }
  .tag { font-size: 0.85em; border: 1px solid var(--vscode-panel-border, currentColor); border-radius: 3px; padding: 0 4px; margin-right: 4px; }
  .example-label { font-weight: 600; margin-top: 1em; }
  .example-label.invalid { color: var(--vscode-editorError-foreground); }
  .example-label.valid { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
</style>
</head>
<body>
<h1>${inline(explanation.title)}</h1>
<p><code>${escapeHtml(explanation.ruleId)}</code> ${tags}</p>
${facts.length ? `<section class="finding">${facts.join('\n')}</section>` : ''}
${body}
</body>
</html>`;
}
