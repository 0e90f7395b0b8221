// The prefilter may only skip work, never findings: every rule's annotated cases and explain.md
// examples (every rule's, so most files lack most rules' strings) give the same findings with and
// without it, and with a rule's strings mangled out of a file the rule finds nothing there.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY } from '../../rules';
import { defineAstRule } from '../../rules/api/define-rule';
import type { AstRule } from '../../rules/api/types';
import { analyze } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { Prefilter, textForms } from '../../server/src/engine/prefilter';
import { parseExplanation } from '../harness/explain';
import { materialise } from '../harness/fake-secrets';

const RULES_DIR = join(__dirname, '..', '..', 'rules');
const AST_RULES = REGISTRY.map((entry) => entry.rule).filter((rule): rule is AstRule => rule.kind === 'ast');
const SCRIPT = /\.(?:[cm]?[jt]sx?|html?|vue|svelte)$/;

interface Sample {
  /** Where it comes from, for messages. */
  name: string;
  path: string;
  text: string;
}

let cachedSamples: Sample[] | undefined;

/** Every rule's cases (fixed twins too) and script examples from explain.md. */
function samples(): Sample[] {
  if (cachedSamples) return cachedSamples;
  const found: Sample[] = [];
  for (const { folder, explain } of REGISTRY) {
    const dir = join(RULES_DIR, folder);
    if (existsSync(dir)) {
      for (const name of readdirSync(dir).filter((f) => /^cases\./.test(f) && SCRIPT.test(f))) {
        found.push({ name: `${folder}/${name}`, path: `rules/${folder}/${name}`, text: materialise(readFileSync(join(dir, name), 'utf8')) });
      }
    }
    for (const example of parseExplanation(explain).examples) {
      if (SCRIPT.test(example.path)) found.push({ name: `${folder}/explain.md:${example.line + 1}`, path: example.path, text: materialise(example.code) });
    }
  }
  return (cachedSamples = found);
}

function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character} ${f.confidence} ${f.message}`;
}

/** Each letter of every occurrence of `strings` moved one place on in the alphabet, until none is left. */
function mangle(text: string, strings: readonly string[]): string {
  const pattern = (needle: string): RegExp => new RegExp(needle.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), needle === needle.toLowerCase() ? 'gi' : 'g');
  let out = text;
  for (let pass = 0; pass < 6; pass++) {
    let changed = false;
    for (const needle of [...strings].sort((a, b) => b.length - a.length)) {
      out = out.replace(pattern(needle), (hit) => {
        changed = true;
        return hit.replace(/[a-z]/gi, (c) => (c === 'z' ? 'a' : c === 'Z' ? 'A' : String.fromCharCode(c.charCodeAt(0) + 1)));
      });
    }
    if (!changed) break;
  }
  return out;
}

describe('prefilter', () => {
  describe('the scan', () => {
    const rule = (id: string, prefilter?: string[]): AstRule =>
      defineAstRule({
        meta: { id, type: 'problem', severity: 'low', docs: { title: `Test rule ${id}`, cwe: ['CWE-1'], owasp: ['A01:2021-Broken Access Control'] }, fixable: null, messages: { found: 'found something' } },
        ...(prefilter ? { prefilter } : {}),
        create: () => ({}),
      });
    const ids = (rules: AstRule[]): string[] => rules.map((r) => r.meta.id);

    it('lets in the rules whose strings occur, and every rule without strings', () => {
      const filter = new Prefilter([rule('shell', ['child_process']), rule('always'), rule('crypto', ['createHash'])]);
      assert.deepEqual(ids(filter.applicable("const cp = require('child_process');")), ['shell', 'always']);
      assert.deepEqual(ids(filter.applicable('const x = 1;')), ['always']);
    });

    it('matches a lower-case string in any case and a string with capitals exactly (smart case)', () => {
      const filter = new Prefilter([rule('location', ['location']), rule('function', ['Function'])]);
      assert.deepEqual(ids(filter.applicable("res.set('LOCATION', next)")), ['location']);
      assert.deepEqual(ids(filter.applicable('function f() {}')), []);
      assert.deepEqual(ids(filter.applicable("new Function('return 1')")), ['function']);
    });

    it('sees strings written with escapes and JSX character references', () => {
      const filter = new Prefilter([rule('shell', ['child_process']), rule('eval', ['eval']), rule('url', ['javascript:'])]);
      assert.deepEqual(ids(filter.applicable("require('\\x63hild\\u005fprocess')")), ['shell']);
      assert.deepEqual(ids(filter.applicable("require('child_pr\\ocess')")), ['shell']);
      assert.deepEqual(ids(filter.applicable('\\u0065val(code)')), ['eval']);
      assert.deepEqual(ids(filter.applicable('<a href="&#106;avascript&#x3a;alert(1)">x</a>')), ['url']);
      assert.ok(textForms('plain text').length === 1, 'a text without escapes is scanned once');
    });

    it('finds strings that overlap or contain one another', () => {
      const filter = new Prefilter([rule('long', ['execSync']), rule('short', ['exec']), rule('tail', ['Sync('])]);
      assert.deepEqual(ids(filter.applicable('cp.execSync(cmd)')), ['long', 'short', 'tail']);
      assert.deepEqual(ids(filter.applicable('re.exec(s)')), ['short']);
    });

    it('skips the parse when no AST rule applies, and text rules still run', () => {
      const shell = rule('shell', ['child_process']);
      const broken = 'const a = (;\n';
      assert.deepEqual(analyze({ path: 'a.js', text: broken }, { rules: [shell] }), []);
      assert.deepEqual(analyze({ path: 'a.js', text: broken }, { rules: [shell], prefilter: false }).map((f) => f.ruleId), ['parse-error']);
      const secret = REGISTRY.find((e) => e.rule.kind === 'text')!.rule;
      assert.doesNotThrow(() => analyze({ path: 'a.js', text: broken }, { rules: [shell, secret] }));
    });
  });

  it('lists strings a scan can match: printable ASCII without backslashes or character references', () => {
    for (const rule of AST_RULES) {
      if (!rule.prefilter) continue;
      assert.ok(rule.prefilter.length > 0, `${rule.meta.id}: an empty list would skip every file; leave the field out instead`);
      for (const needle of rule.prefilter) assert.match(needle, /^[\x21-\x25\x27-\x5b\x5d-\x7e]+$/, `${rule.meta.id}: "${needle}"`);
    }
  });

  // One analysis of every sample with every rule, with and without the prefilter, shared by the
  // per-rule comparisons below.
  let compared: Array<{ sample: Sample; on: Finding[]; off: Finding[] }> | undefined;
  const comparison = (): NonNullable<typeof compared> =>
    (compared ??= samples().map((sample) => {
      const run = (prefilter: boolean): Finding[] => analyze({ path: sample.path, text: sample.text }, { audit: true, prefilter });
      return { sample, on: run(true), off: run(false) };
    }));

  for (const rule of AST_RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has the same findings in every rule\'s cases and examples with and without the prefilter', function () {
        this.timeout(600_000);
        const differences: string[] = [];
        for (const { sample, on, off } of comparison()) {
          const a = on.filter((f) => f.ruleId === id).map(describeFinding);
          const b = off.filter((f) => f.ruleId === id).map(describeFinding);
          if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${sample.name}:\n  with: ${a.join('\n        ') || '(none)'}\n  without: ${b.join('\n           ') || '(none)'}`);
        }
        assert.deepEqual(differences, [], differences.join('\n'));
      });

      if (!rule.prefilter) return;
      it('finds nothing in a sample once its prefilter strings are mangled out of it', function () {
        this.timeout(600_000);
        const filter = new Prefilter([rule]);
        const problems: string[] = [];
        let checked = 0;
        for (const sample of samples()) {
          const text = mangle(sample.text, rule.prefilter!);
          if (text === sample.text) continue;
          if (filter.applicable(text).length) continue; // still spelled out with escapes: nothing to learn
          checked++;
          const findings = analyze({ path: sample.path, text }, { rules: [rule], audit: true, prefilter: false }).filter((f) => f.ruleId === id);
          for (const f of findings) problems.push(`${sample.name} ${describeFinding(f)}`);
        }
        assert.ok(checked > 0, 'at least one sample contained the strings');
        assert.deepEqual(problems, [], `findings the prefilter would have skipped:\n${problems.join('\n')}`);
      });
    });
  }
});
