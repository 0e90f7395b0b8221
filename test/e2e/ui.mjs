// The UI test in a real VS Code (code-server in headless Chromium), as a person would use it, with
// Guardline installed from its .vsix: open a file of the demo app with Quick Open, see the squiggle
// and the Problems entry, hover it, open "Why this matters", apply the quick fix with Ctrl+., save,
// and check the file on disk. Screenshots of each step go to the artefacts folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './browser.mjs';

/**
 * target: { file (workspace-relative), line (1-based), message (Problems text), fixTitle, fixedLine }.
 * Returns a list of { title, error? } checks.
 */
export async function runUi({ url, workspace, artifacts, target }) {
  const checks = [];
  const started = Date.now();
  const log = (message) => process.stdout.write(`  [ui +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  const browser = await launch();
  const { page } = browser;
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  const shot = async (name) => {
    await page.screenshot({ path: join(artifacts, name) });
    log(`screenshot ${name}`);
  };
  const step = async (title, body) => {
    try {
      await body();
      checks.push({ title });
      log(`ok   ${title}`);
    } catch (error) {
      checks.push({ title, error: String(error?.stack ?? error) });
      log(`FAIL ${title}: ${error?.message ?? error}`);
      await shot(`failure-${checks.length}.png`).catch(() => {});
      throw error;
    }
  };
  const base = target.file.split('/').pop();
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const visibleText = () => page.evaluate(() => (document.querySelector('.editor-instance .view-lines')?.innerText ?? '').replace(/\u00a0/g, ' '));

  try {
    await step('the workbench opens the demo workspace', async () => {
      await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
      await shot('01-workbench.png');
    });

    await step(`Quick Open opens ${target.file}`, async () => {
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(target.file);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator(`.tab[data-resource-name="${base}"]`).waitFor({ timeout: 15_000 });
      await editor.locator('.view-line').first().waitFor();
    });

    const squiggle = editor.locator('.squiggly-error').first();
    // Decorations are re-rendered whenever diagnostics arrive: ask again until one is laid out.
    const squiggleBox = async () => {
      for (let i = 0; i < 50; i++) {
        const box = await squiggle.boundingBox().catch(() => null);
        if (box && box.width > 0) return box;
        await page.waitForTimeout(200);
      }
      throw new Error('no squiggle on screen');
    };
    await step('the finding is underlined in the editor and listed in the Problems view', async () => {
      await squiggle.waitFor({ timeout: 60_000 });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: target.message }).first().waitFor({ timeout: 30_000 });
      await shot('02-squiggle-and-problems.png');
    });

    await step('hovering the finding explains it', async () => {
      const box = await squiggleBox();
      await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2 - 4);
      await page.locator('.monaco-hover', { hasText: target.hoverTitle }).first().waitFor({ timeout: 30_000 });
      const hover = await page.locator('.monaco-hover', { hasText: target.hoverTitle }).first().innerText();
      for (const part of ['How to fix', 'Safe']) if (!hover.includes(part)) throw new Error(`hover lacks "${part}":\n${hover}`);
      await shot('03-hover.png');
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 5);
    });

    // While the built-in TypeScript extension still initialises, Ctrl+. can answer "No code
    // actions available" (see test/e2e/README.md): wait for it, and retry like a person would.
    const quickFix = async (title, screenshot) => {
      await page
        .waitForFunction(() => ![...document.querySelectorAll('.statusbar-item')].some((e) => /Analyzing|Initializing JS\/TS/.test(e.textContent ?? '')), null, { timeout: 60_000, polling: 250 })
        .catch(() => log('TypeScript status still busy after 60 s; trying anyway'));
      const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
      for (let attempt = 1; ; attempt++) {
        const box = await squiggleBox();
        await page.mouse.click(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2 - 4);
        await page.keyboard.press('Control+.');
        try {
          await item.waitFor({ timeout: 3_000 });
          break;
        } catch (error) {
          if (attempt >= 10) throw error;
          await page.keyboard.press('Escape');
          await page.waitForTimeout(1_000);
        }
      }
      if (screenshot) await shot(screenshot);
      // A mouse click on the menu is swallowed by .context-view-pointerBlock: use the keyboard.
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      for (let i = 0; i < 15 && !(await focused.innerText().catch(() => '')).includes(title); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    };

    await step('"Why this matters" opens the explanation with the finding context', async () => {
      await quickFix(`Why this matters: ${target.hoverTitle}`);
      const panel = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await panel.locator('h1', { hasText: target.hoverTitle }).waitFor({ timeout: 30_000 });
      await panel.locator('h2', { hasText: 'How to fix' }).waitFor({ timeout: 5_000 });
      await panel.locator('.finding .message', { hasText: target.message }).waitFor({ timeout: 5_000 });
      await shot('04-why-this-matters.png');
    });

    await step('Ctrl+. offers the fix, and applying it rewrites the line', async () => {
      await quickFix(target.fixTitle, '05-quick-fix-menu.png');
      await page.waitForFunction((expected) => (document.querySelector('.editor-instance .view-lines')?.innerText ?? '').replace(/\u00a0/g, ' ').includes(expected), target.fixedLine.trim(), { timeout: 15_000 });
    });

    await step('after saving, the file on disk holds the fix and the finding is gone', async () => {
      await page.keyboard.press('Control+S');
      const path = join(workspace, target.file);
      for (let i = 0; i < 50 && !readFileSync(path, 'utf8').includes(target.fixedLine); i++) await page.waitForTimeout(200);
      const text = readFileSync(path, 'utf8');
      if (!text.split('\n').includes(target.fixedLine)) throw new Error(`the file on disk is not fixed:\n${text}`);
      await page.locator('.markers-panel .monaco-list-row', { hasText: target.message }).first().waitFor({ state: 'detached', timeout: 30_000 });
      if (!(await visibleText()).includes(target.fixedLine.trim())) throw new Error('the editor does not show the fix');
      await shot('06-fixed-and-saved.png');
    });
  } catch {
    // the failing step is recorded in checks
  } finally {
    await browser.close();
  }
  return checks;
}
