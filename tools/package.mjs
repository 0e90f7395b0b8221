// `npm run package`: builds the bundles and packs guardline-<version>.vsix with @vscode/vsce (from
// tools/, installed by tools/install.sh). The bundles carry every dependency, so node_modules is
// not packed, and .vscodeignore lets only the bundles, schema, README, licence and icon in.
// Usage: node tools/package.mjs [out.vsix] [--no-build]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vsce = join(root, 'tools', 'node_modules', '@vscode', 'vsce', 'vsce');
if (!existsSync(vsce)) {
  process.stderr.write('vsce is not installed: run `bash tools/install.sh` first.\n');
  process.exit(2);
}
const args = process.argv.slice(2);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = args.find((a) => !a.startsWith('--')) ?? join(root, `guardline-${version}.vsix`);
if (!args.includes('--no-build')) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
// README links are relative; on the Marketplace page they point at the project's repository, the
// same place the diagnostics' rule links go (RULE_DOCS_BASE in server/src/protocol.ts).
const base = 'https://github.com/guardline/guardline/blob/main/';
execFileSync(
  process.execPath,
  [
    vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--baseContentUrl', base, '--baseImagesUrl', base,
    // The secret scanner keeps an allow-list of documented placeholder tokens (Slack's own
    // examples), which vsce's own secret check reads as tokens.
    '--allow-package-secrets', 'slack',
    '--out', out,
  ],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
process.stdout.write(`packed ${out}\n`);
