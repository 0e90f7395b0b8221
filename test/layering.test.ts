// The layering ARCHITECTURE.md promises, checked on every import: rules use only rules/api and the
// typescript-estree types; the engine and the CLI never import vscode*; the client reaches the
// server only through server/src/protocol.ts, which itself needs nothing but the LSP protocol types.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');

/** Every module specifier a file names: static imports and exports, `import()` and `require()`. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** Root-relative `/` path a relative specifier points at (extension left off), or undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(ROOT, resolve(dirname(join(ROOT, file)), specifier)).split(sep).join('/');
}

const within = (path: string, folder: string): boolean => path === folder || path.startsWith(`${folder}/`);
const isVscode = (specifier: string): boolean => specifier === 'vscode' || specifier.startsWith('vscode-');
const isNodeBuiltin = (specifier: string): boolean => specifier.startsWith('node:');
/** The typescript-estree node types, the one package a rule may name. */
const AST_TYPES = '@typescript-eslint/types';

/** Why `file` (root-relative) may not import `specifier`, or undefined when it may. */
function layeringViolation(file: string, specifier: string): string | undefined {
  const to = target(file, specifier);
  if (within(file, 'rules/api')) {
    if (to !== undefined ? within(to, 'rules/api') : specifier === AST_TYPES || isNodeBuiltin(specifier)) return undefined;
    return 'rules/api imports only rules/api, the AST types and Node built-ins';
  }
  if (/^rules\/[^/]+\/[^/]+\//.test(file)) {
    const ruleFolder = file.split('/').slice(0, 3).join('/');
    if (to !== undefined ? within(to, 'rules/api') || within(to, ruleFolder) : specifier === AST_TYPES) return undefined;
    return 'a rule imports only rules/api/* (and its own folder) and the typescript-estree types';
  }
  if (within(file, 'server/src/engine')) {
    if (isVscode(specifier)) return 'the engine never imports vscode*';
    if (to !== undefined && within(to, 'server/src') && !within(to, 'server/src/engine')) return 'the engine imports nothing of the server, the LSP layer or the CLI';
    return undefined;
  }
  if (within(file, 'server/src/cli')) {
    if (isVscode(specifier)) return 'the CLI never imports vscode*';
    return undefined;
  }
  if (file === 'server/src/protocol.ts') {
    return specifier === 'vscode-languageserver-protocol' ? undefined : 'protocol.ts depends on nothing but the LSP protocol types';
  }
  if (within(file, 'client/src')) {
    if (to !== undefined && !within(to, 'client/src') && to !== 'server/src/protocol') return 'the client talks to the server only through LSP and server/src/protocol.ts';
    return undefined;
  }
  return undefined;
}

/** TypeScript source below a root-relative folder, without the rules' annotated cases. */
function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'cases' && entry.name !== 'node_modules') walk(path);
      } else if (/\.tsx?$/.test(entry.name) && !/^cases\./.test(entry.name)) {
        found.push(path);
      }
    }
  };
  walk(folder);
  return found.sort();
}

describe('layering', () => {
  const areas: Array<{ folder: string; atLeast: number }> = [
    { folder: 'rules', atLeast: 50 },
    { folder: 'server/src/engine', atLeast: 10 },
    { folder: 'server/src/cli', atLeast: 5 },
    { folder: 'client/src', atLeast: 3 },
  ];

  for (const { folder, atLeast } of areas) {
    it(`holds for every import in ${folder}`, () => {
      const files = sourceFiles(folder);
      assert.ok(files.length >= atLeast, `read ${files.length} files in ${folder}`);
      const problems: string[] = [];
      for (const file of files) {
        for (const specifier of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
          const why = layeringViolation(file, specifier);
          if (why) problems.push(`${file} imports '${specifier}': ${why}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('holds for protocol.ts, the one server file the client imports', () => {
    const specifiers = importsOf(readFileSync(join(ROOT, 'server/src/protocol.ts'), 'utf8'));
    assert.ok(specifiers.length > 0);
    assert.deepEqual(specifiers.filter((s) => layeringViolation('server/src/protocol.ts', s)), []);
  });

  it('sees static, dynamic, type-only and require imports', () => {
    const text = `import a from 'a';\nimport type { B } from 'b';\nexport * from './c';\nconst d = require('d');\nvoid import('e');\n`;
    assert.deepEqual(importsOf(text), ['a', 'b', './c', 'd', 'e']);
  });

  it('rejects what the architecture forbids', () => {
    const forbidden: Array<[string, string]> = [
      ['rules/js/no-example/rule.ts', '../../../server/src/engine/engine'],
      ['rules/js/no-example/rule.ts', '../no-other-rule/rule'],
      ['rules/js/no-example/rule.ts', 'yaml'],
      ['rules/api/ast.ts', '../../server/src/engine/finding'],
      ['server/src/engine/engine.ts', 'vscode-languageserver/node'],
      ['server/src/engine/engine.ts', '../lsp/settings'],
      ['server/src/cli/main.ts', 'vscode'],
      ['server/src/protocol.ts', './engine/finding'],
      ['client/src/extension.ts', '../../server/src/lsp/analysis'],
      ['client/src/extension.ts', '../../rules/index'],
    ];
    for (const [file, specifier] of forbidden) assert.ok(layeringViolation(file, specifier), `${file} -> ${specifier} should be refused`);
    const allowed: Array<[string, string]> = [
      ['rules/js/no-example/rule.ts', '../../api/ast'],
      ['rules/js/no-example/rule.ts', './fix'],
      ['rules/js/no-example/rule.ts', '@typescript-eslint/types'],
      ['server/src/engine/engine.ts', '../../../rules/api/types'],
      ['client/src/extension.ts', '../../server/src/protocol'],
      ['client/src/extension.ts', 'vscode-languageclient/node'],
    ];
    for (const [file, specifier] of allowed) assert.equal(layeringViolation(file, specifier), undefined, `${file} -> ${specifier} should be allowed`);
  });
});
