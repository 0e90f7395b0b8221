// The engine's contract: one parse and walk, rules isolated from each other's crashes, a clear
// finding for unparsable files, suppressions, limits for minified and huge files, determinism.
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/engine/engine';
import { defineAstRule, defineTextRule } from '../../rules/api/define-rule';
import { findRule } from '../../rules';

const commandInjection = findRule('no-command-injection')!.rule;

const crashing = defineAstRule({
  meta: { id: 'test-crashing', type: 'problem', severity: 'high', docs: { title: 'Crashes on calls', cwe: ['CWE-1'], owasp: ['A01:2021-Broken Access Control'] }, fixable: null, messages: { boom: 'never reported' } },
  create: () => ({
    CallExpression() {
      throw new Error('deliberate failure');
    },
  }),
});

const todoText = defineTextRule({
  meta: { id: 'test-todo', type: 'hardening', severity: 'low', docs: { title: 'Finds TODO', cwe: ['CWE-1'], owasp: ['A01:2021-Broken Access Control'] }, fixable: null, messages: { todo: 'TODO found' } },
  check(context) {
    for (const match of context.file.text.matchAll(/TODO/g)) context.report({ start: match.index!, end: match.index! + 4, messageId: 'todo' });
  },
});

const VULNERABLE = `const { exec } = require('child_process');
app.get('/x', (req, res) => {
  exec('ls ' + req.query.dir); // TODO
});
`;

describe('engine', () => {
  it('isolates a rule that throws and still runs the others', () => {
    const findings = analyze({ path: 'a.js', text: VULNERABLE }, { rules: [crashing, commandInjection, todoText] });
    const ids = findings.map((f) => f.ruleId).sort();
    assert.deepEqual(ids, ['no-command-injection', 'rule-error', 'test-todo']);
    const error = findings.find((f) => f.ruleId === 'rule-error')!;
    assert.match(error.message, /test-crashing.*deliberate failure/);
    assert.equal(error.severity, 'info');
  });

  it('reports one clear finding for a syntax error and still runs text rules', () => {
    // (child_process lets no-command-injection's prefilter through: a file no AST rule reads is not parsed)
    const text = "const cp = require('child_process');\nconst a = {\n  b: 1,\n  c: (;\n}; // TODO\n";
    const findings = analyze({ path: 'broken.ts', text }, { rules: [commandInjection, todoText] });
    const parse = findings.filter((f) => f.ruleId === 'parse-error');
    assert.equal(parse.length, 1);
    assert.equal(parse[0]!.range.start.line, 3);
    assert.match(parse[0]!.message, /Could not parse this file .*line 4/);
    assert.ok(findings.some((f) => f.ruleId === 'test-todo'));
  });

  it('parses legacy octal literals and escapes of sloppy-mode JavaScript at their real positions', () => {
    const text = `var fs = require('fs');\nfs.mkdirSync(dir, 0777);\nvar bold = "\\033[1m";\nconst { exec } = require('child_process');\nmodule.exports = function run(cmd) { exec('sh -c ' + cmd); };\n`;
    const findings = analyze({ path: 'legacy.js', text }, { rules: [commandInjection] });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line]), [['no-command-injection', 4]]);
  });

  it('survives self-referencing definitions in every rule', () => {
    const text = `const o = { ...o };\nconst a = b;\nconst b = a;\napp.get('/x', (req, res) => {\n  res.send(o.url);\n  exec(a);\n  fs.readFile(b, () => {});\n  db.query(a + req.query.id);\n});\n`;
    const findings = analyze({ path: 'cycles.js', text });
    assert.deepEqual(findings.filter((f) => f.ruleId === 'rule-error').map((f) => f.message), []);
  });

  it('is deterministic', () => {
    const a = analyze({ path: 'a.js', text: VULNERABLE });
    const b = analyze({ path: 'a.js', text: VULNERABLE });
    assert.deepEqual(a, b);
  });

  it('handles an empty file', () => {
    assert.deepEqual(analyze({ path: 'empty.ts', text: '' }), []);
  });

  it('analyses <script> blocks of HTML, Vue and Svelte at their real positions', () => {
    const html = `<html>\n<body>\n<script>\nconst { exec } = require('child_process');\napp.get('/x', (req, res) => exec('ls ' + req.query.dir));\n</script>\n</body>\n</html>\n`;
    const findings = analyze({ path: 'page.html', text: html }, { rules: [commandInjection] });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.range.start.line, 4);
    const vue = `<template><div>{{ x }}</div></template>\n<script lang="ts">\nimport { execSync } from 'child_process';\nexport function run(cmd: string) { return execSync('sh ' + cmd); }\n</script>\n`;
    assert.equal(analyze({ path: 'c.vue', text: vue }, { rules: [commandInjection] }).length, 1);
  });

  it('runs only text rules on minified code, and says so', () => {
    const line = 'var a=1;'.repeat(2000);
    const findings = analyze({ path: 'bundle.min.js', text: `${line}\n// TODO\n` }, { rules: [commandInjection, todoText] });
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['analysis-limited', 'test-todo']);
  });

  it('runs only text rules on files over the size limit', () => {
    const findings = analyze({ path: 'big.js', text: VULNERABLE }, { rules: [commandInjection, todoText], maxAstBytes: 10 });
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['analysis-limited', 'test-todo']);
  });

  describe('suppressions', () => {
    const suppressed = (comment: string, trailing = false): string =>
      trailing
        ? `const { exec } = require('child_process');\napp.get('/x', (req, res) => {\n  exec('ls ' + req.query.dir); ${comment}\n});\n`
        : `const { exec } = require('child_process');\napp.get('/x', (req, res) => {\n  ${comment}\n  exec('ls ' + req.query.dir);\n});\n`;

    it('suppresses with a reason on the line before', () => {
      const findings = analyze({ path: 'a.js', text: suppressed('// guardline-ignore no-command-injection: dir is checked by the proxy') }, { rules: [commandInjection] });
      assert.deepEqual(findings, []);
    });

    it('suppresses with a reason at the end of the line', () => {
      const findings = analyze({ path: 'a.js', text: suppressed('// guardline-ignore no-command-injection: checked upstream', true) }, { rules: [commandInjection] });
      assert.deepEqual(findings, []);
    });

    it('reports a suppression without a reason and keeps the finding', () => {
      const findings = analyze({ path: 'a.js', text: suppressed('// guardline-ignore no-command-injection') }, { rules: [commandInjection] });
      assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['invalid-suppression', 'no-command-injection']);
    });

    it('reports a suppression naming an unknown rule', () => {
      const findings = analyze({ path: 'a.js', text: suppressed('// guardline-ignore no-such-rule: typo') }, { rules: [commandInjection] });
      const invalid = findings.find((f) => f.ruleId === 'invalid-suppression')!;
      assert.match(invalid.message, /unknown rule "no-such-rule"/);
      assert.ok(findings.some((f) => f.ruleId === 'no-command-injection'));
    });

    it('works in other comment styles', () => {
      const findings = analyze({ path: 'a.yaml', text: '# guardline-ignore test-todo: tracked in JIRA-12\nkey: TODO\n' }, { rules: [todoText] });
      assert.deepEqual(findings, []);
    });
  });

  it('applies rule settings: off and severity override', () => {
    assert.deepEqual(analyze({ path: 'a.js', text: VULNERABLE }, { rules: [commandInjection], settings: { 'no-command-injection': 'off' } }), []);
    const [finding] = analyze({ path: 'a.js', text: VULNERABLE }, { rules: [commandInjection], settings: { 'no-command-injection': 'low' } });
    assert.equal(finding!.severity, 'low');
  });

  it('keeps fingerprints when lines move', () => {
    const before = analyze({ path: 'a.js', text: VULNERABLE }, { rules: [commandInjection] });
    const after = analyze({ path: 'a.js', text: `// a new header comment\n\n${VULNERABLE}` }, { rules: [commandInjection] });
    assert.equal(before[0]!.fingerprint, after[0]!.fingerprint);
    assert.notEqual(before[0]!.range.start.line, after[0]!.range.start.line);
  });

  it('refuses a fix from a rule that does not declare one', () => {
    const sneaky = defineAstRule({
      meta: { id: 'test-sneaky', type: 'problem', severity: 'low', docs: { title: 'Undeclared fix', cwe: ['CWE-1'], owasp: ['A01:2021-Broken Access Control'] }, fixable: null, messages: { m: 'message text' } },
      create: (context) => ({ Program(node) { context.report({ node, messageId: 'm', fix: { title: 't', edits: [] } }); } }),
    });
    const findings = analyze({ path: 'a.js', text: 'x;' }, { rules: [sneaky] });
    assert.deepEqual(findings.map((f) => f.ruleId), ['rule-error']);
  });
});
