// ESLint 9 flat config for the peer run: every rule of eslint-plugin-security,
// @microsoft/eslint-plugin-sdl and eslint-plugin-no-unsanitized, espree for JavaScript and
// typescript-estree (the parser typescript-eslint wraps) for TypeScript, nothing else.
import security from 'eslint-plugin-security';
import sdl from '@microsoft/eslint-plugin-sdl';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import { parse } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/**
 * Each listener runs inside try/catch: on real node_modules code some of these rules throw
 * (sdl/no-insecure-random on `require(variable)`), and one throw would stop ESLint's whole run.
 * The wrapper costs one extra call per listener call.
 */
function tolerant(plugin) {
  const rules = {};
  for (const [name, rule] of Object.entries(plugin.rules)) {
    rules[name] = {
      ...rule,
      create(context) {
        const listeners = rule.create(context);
        const wrapped = {};
        for (const [key, listener] of Object.entries(listeners)) {
          wrapped[key] = function (...args) {
            try {
              return listener.apply(this, args);
            } catch {
              return undefined;
            }
          };
        }
        return wrapped;
      },
    };
  }
  return { ...plugin, rules };
}

const plugins = { security: tolerant(security), '@microsoft/sdl': tolerant(sdl), 'no-unsanitized': tolerant(noUnsanitized) };
const rules = {};
for (const [prefix, plugin] of Object.entries(plugins)) {
  for (const name of Object.keys(plugin.rules)) rules[`${prefix}/${name}`] = 'warn';
}

/** typescript-estree as an ESLint parser (what @typescript-eslint/parser does, minus type info). */
const typescriptParser = {
  meta: { name: 'bench-typescript-estree' },
  parseForESLint(code, options = {}) {
    const ast = parse(code, {
      filePath: options.filePath,
      range: true,
      loc: true,
      tokens: true,
      comment: true,
      jsx: /\.tsx$/i.test(options.filePath ?? ''),
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ast, visitorKeys };
  },
};

export default [
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins,
    rules,
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: typescriptParser, sourceType: 'module' },
    plugins,
    rules,
  },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
];
