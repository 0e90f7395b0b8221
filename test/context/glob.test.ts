// The glob matcher of guardline.yaml: the syntax people know (picomatch agrees on every case below),
// .gitignore-style names and folders, negation order, and globs built to be slow staying fast.
import { strict as assert } from 'node:assert';
import picomatch from 'picomatch';
import { compileGlob, GlobError, globsMatcher, GLOB_LIMITS } from '../../server/src/engine/context/glob';

const PATHS = [
  'services/payments/src/server.ts',
  'services/payments/src/server.test.ts',
  'services/payments/Dockerfile',
  'services/catalog/index.js',
  'services/.hidden/config.yaml',
  'jobs/reports/build.js',
  'a/b/c/d/e/f.min.js',
  'README.md',
  'src/[id].tsx',
  'file1.txt',
  'file22.txt',
];

describe('glob matching', () => {
  it('agrees with picomatch on globs with a folder part', () => {
    const globs = [
      'services/payments/**',
      'services/*/src/*.ts',
      'services/**/*.test.ts',
      '**/*.js',
      'services/{payments,catalog}/**',
      'services/pay*/**/server.?s',
      'a/**/f.min.js',
      'services/[pc]a*/**',
      '**/Dockerfile',
      'jobs/reports/build.js',
      'src/\\[id\\].tsx',
      'services/**',
      '**',
    ];
    for (const glob of globs) {
      const ours = compileGlob(glob);
      const theirs = picomatch(glob, { dot: true });
      for (const path of PATHS) assert.equal(ours.match(path), theirs(path), `${glob} on ${path}`);
    }
  });

  it('negates a set with [!...] or [^...], as shells do', () => {
    for (const glob of ['services/[!p]*/**', 'services/[^p]*/**']) {
      assert.equal(compileGlob(glob).match('services/payments/src/server.ts'), false, glob);
      assert.equal(compileGlob(glob).match('services/catalog/index.js'), true, glob);
    }
  });

  it('matches a glob without a folder part at any depth, like .gitignore', () => {
    const tests = compileGlob('*.test.ts');
    assert.equal(tests.match('services/payments/src/server.test.ts'), true);
    assert.equal(tests.match('server.test.ts'), true);
    assert.equal(tests.match('services/payments/src/server.ts'), false);
    assert.equal(compileGlob('/README.md').match('docs/README.md'), false, 'a leading / anchors to the root');
    assert.equal(compileGlob('/README.md').match('README.md'), true);
  });

  it('covers everything inside a folder it matches', () => {
    for (const glob of ['services/payments', 'services/payments/', './services/payments', 'services/pay*']) {
      const match = compileGlob(glob);
      assert.equal(match.match('services/payments/src/server.ts'), true, glob);
      assert.equal(match.match('services/payments'), true, glob);
      assert.equal(match.match('services/catalog/index.js'), false, glob);
    }
  });

  it('takes files back with ! in order, later globs winning', () => {
    const covered = globsMatcher(['services/**', '!**/*.test.ts', 'services/payments/src/server.test.ts']);
    assert.equal(covered('services/catalog/index.js'), true);
    assert.equal(covered('services/catalog/index.test.ts'), false);
    assert.equal(covered('services/payments/src/server.test.ts'), true);
    assert.equal(covered('jobs/reports/build.js'), false);
    assert.equal(globsMatcher([])('anything'), false);
  });

  it('rejects globs it cannot honour, with a reason', () => {
    assert.throws(() => compileGlob(''), GlobError);
    assert.throws(() => compileGlob('a/{b,c'), /never closed/);
    assert.throws(() => compileGlob('../secrets/**'), /cannot climb out/);
    assert.throws(() => compileGlob('x'.repeat(GLOB_LIMITS.maxLength + 1)), /limited to 256/);
    assert.throws(() => compileGlob('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}'), /expand to more than 64 globs/);
  });

  it('stays linear on globs built to backtrack', () => {
    // Each of these takes picomatch's RegExp minutes or more on the paths below.
    const hostile = [
      `${'*a'.repeat(60)}*b`,
      `${'**/'.repeat(40)}x`,
      `${'*/'.repeat(30)}**/${'*a'.repeat(20)}*b`,
      `{${'*a*c,'.repeat(30)}*b}`,
    ];
    const paths = [`${'a'.repeat(200)}`, `${'a/'.repeat(100)}y`, `${'aaaa/'.repeat(50)}${'a'.repeat(100)}`];
    for (const glob of hostile) {
      const compiled = compileGlob(glob);
      for (const path of paths) assert.equal(compiled.match(path), false, glob.slice(0, 30));
    }
  });

  it('gives up on a glob that uses its step budget, and says so through exhausted', () => {
    // One star then a long literal: the greedy matcher retries the literal at every position.
    const compiled = compileGlob(`*${'a'.repeat(200)}b`);
    const path = 'a'.repeat(250);
    let calls = 0;
    while (!compiled.exhausted && calls < 10_000) {
      compiled.match(path);
      calls++;
    }
    assert.equal(compiled.exhausted, true);
    assert.equal(compiled.match(path), false);
  });
});
