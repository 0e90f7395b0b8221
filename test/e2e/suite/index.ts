// Mocha runner loaded by the extension host (extensionTestsPath points at its compiled form). The
// same suite runs in code-server (test/e2e/run.mjs) and in VS Code desktop (test/e2e/electron.mjs).
// Results also go to $GUARDLINE_TEST_RESULTS as JSON, since the extension host's stdout is not the
// terminal that started the run.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of readdirSync(__dirname).sort()) if (file.endsWith('.test.js')) mocha.addFile(join(__dirname, file));
  const results: { passes: string[]; failures: Array<{ title: string; error: string }> } = { passes: [], failures: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.GUARDLINE_TEST_RESULTS;
      if (out) writeFileSync(out, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passes.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) => results.failures.push({ title: test.fullTitle(), error: String(error?.stack ?? error) }));
  });
}
