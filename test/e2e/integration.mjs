// Runs the mocha suite (test/e2e/suite) inside code-server's real Node extension host. The browser
// only opens the workbench URL with the "payload" query parameter VS Code's web workbench reads
// for extension development (extensionDevelopmentPath / extensionTestsPath, as vscode-remote URIs);
// when the suite's promise settles the workbench calls window.codeAutomationExit(code).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './browser.mjs';

/** Returns { passes: string[], failures: {title, error}[] }; never throws for a failing test. */
export async function runIntegration({ url, workspace, extensionPath, testsPath, resultsFile, artifacts, timeoutMs = 300_000 }) {
  const authority = new URL(url).host;
  const remote = (path) => `vscode-remote://${authority}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
  ];
  const target = `${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await launch();
  const { page } = browser;
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  // Mocha's spec output reaches the page console from the extension host.
  page.on('console', (message) => {
    const text = message.text();
    if (/passing|failing|pending|✔|✓|\d+\) |AssertionError|Error:/.test(text)) process.stdout.write(`  [extension host] ${text.replace(/^%c|\[Extension Host\]\s*/g, '').replace(/color: [^)]*\)?/g, '')}\n`);
  });
  try {
    await page.goto(target);
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs))]);
    await page.screenshot({ path: join(artifacts, 'integration-end.png') }).catch(() => {});
    if (code === 'timeout') return { passes: [], failures: [{ title: 'integration suite', error: `no result after ${timeoutMs / 1000} s` }] };
    if (!existsSync(resultsFile)) return { passes: [], failures: [{ title: 'integration suite', error: `the extension host exited with ${code} and wrote no results` }] };
    return JSON.parse(readFileSync(resultsFile, 'utf8'));
  } finally {
    await browser.close();
  }
}
