// Every rule proves itself: complete metadata, an explanation with all sections, examples that
// behave as labelled, annotated cases that match, and fixes that produce the expected text.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY } from '../rules';
import { SEVERITIES, type Rule } from '../rules/api/types';
import { analyze } from '../server/src/engine/engine';
import { applyFixes, type Finding } from '../server/src/engine/finding';
import { parseAnnotations } from './harness/annotations';
import { parseExplanation, REQUIRED_SECTIONS } from './harness/explain';
import { materialise } from './harness/fake-secrets';

const RULES_DIR = join(__dirname, '..', 'rules');

/** The engine's own findings that mean a run went wrong: never expected in annotated cases. */
const FAILURES = new Set(['rule-error', 'parse-error']);

/** The rule's findings in `text`, and the failures (a crashed rule, a file that did not parse). */
function analyzeWith(rule: Rule, path: string, text: string): { findings: Finding[]; failures: Finding[] } {
  // Engine rules are reported by the engine itself, so their examples run with every rule.
  const all = analyze({ path, text }, rule.kind === 'engine' ? {} : { rules: [rule] });
  return { findings: all.filter((f) => f.ruleId === rule.meta.id), failures: all.filter((f) => FAILURES.has(f.ruleId)) };
}

function run(rule: Rule, path: string, text: string): Finding[] {
  return analyzeWith(rule, path, text).findings;
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `  line ${f.range.start.line + 1}: ${f.message}`).join('\n') || '  (none)';
}

describe('rules', () => {
  it('has unique ids that match their folders', () => {
    const ids = new Set<string>();
    for (const { rule, folder } of REGISTRY) {
      assert.equal(rule.meta.id, folder.split('/')[1], `rule in ${folder} has id ${rule.meta.id}`);
      assert.ok(!ids.has(rule.meta.id), `duplicate id ${rule.meta.id}`);
      ids.add(rule.meta.id);
    }
  });

  for (const { rule, folder, explain } of REGISTRY) {
    const id = rule.meta.id;
    const dir = join(RULES_DIR, folder);
    describe(id, () => {
      it('has complete metadata', () => {
        const { meta } = rule;
        assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'id is kebab-case');
        assert.ok(meta.docs.title.length > 5, 'title');
        assert.ok(SEVERITIES.includes(meta.severity), 'severity');
        assert.ok(meta.docs.cwe.length > 0 && meta.docs.cwe.every((c) => /^CWE-\d+$/.test(c)), 'CWE ids like CWE-78');
        assert.ok(meta.docs.owasp.length > 0 && meta.docs.owasp.every((o) => /^A\d\d:2021-/.test(o)), 'OWASP 2021 entries like A03:2021-Injection');
        assert.ok(Object.keys(meta.messages).length > 0, 'messages');
        for (const [messageId, text] of Object.entries(meta.messages)) {
          assert.match(messageId, /^[a-z][a-zA-Z0-9]*$/, `messageId ${messageId} is camelCase`);
          assert.ok(text.length > 10, `message ${messageId} says something`);
        }
      });

      it('explains why it matters, how to fix it, and where to read more', () => {
        assert.ok(explain, `${folder}/explain.md exists`);
        const parsed = parseExplanation(explain);
        assert.ok(parsed.title, 'explain.md starts with a # title');
        for (const section of REQUIRED_SECTIONS) {
          const text = parsed.sections.get(section);
          assert.ok(text && text.length > 20, `section "## ${section}" is present and not empty`);
          assert.ok(!/\bTODO\b|\bFIXME\b/.test(text), `section "## ${section}" has no TODO`);
        }
        const invalid = parsed.examples.filter((e) => e.kind === 'invalid').length;
        const valid = parsed.examples.filter((e) => e.kind === 'valid').length;
        if (rule.kind === 'engine') assert.ok(invalid + valid > 0, 'at least one example');
        else assert.ok(invalid > 0 && valid > 0, 'at least one invalid and one valid example');
      });

      const parsed = parseExplanation(explain);
      for (const example of parsed.examples) {
        it(`explain.md example at line ${example.line + 1} is ${example.kind}`, () => {
          const findings = run(rule, example.path, materialise(example.code));
          if (example.kind === 'invalid') assert.equal(findings.length, 1, `expected exactly one finding:\n${describeFindings(findings)}\n---\n${example.code}`);
          else assert.equal(findings.length, 0, `expected no finding:\n${describeFindings(findings)}`);
        });
      }

      if (rule.kind === 'engine') return;
      const caseFiles = existsSync(dir) ? readdirSync(dir).filter((f) => /^cases\./.test(f) && !/^cases\.fixed\./.test(f)) : [];
      it('has annotated cases with both findings and safe code', () => {
        assert.ok(caseFiles.length > 0, `${folder} has a cases.* file`);
        const all = caseFiles.flatMap((f) => parseAnnotations(readFileSync(join(dir, f), 'utf8')));
        assert.ok(all.some((e) => e.kind === 'ruleid' && e.ruleIds.includes(id)), 'at least one ruleid annotation');
        assert.ok(all.some((e) => e.kind === 'ok' && e.ruleIds.includes(id)), 'at least one ok annotation');
      });

      for (const caseFile of caseFiles) {
        it(`matches the annotations in ${caseFile}`, () => {
          const path = join(dir, caseFile);
          const text = materialise(readFileSync(path, 'utf8'));
          const expectations = parseAnnotations(text).filter((e) => e.ruleIds.includes(id));
          const { findings, failures } = analyzeWith(rule, `rules/${folder}/${caseFile}`, text);
          // A rule that crashes reports nothing, which annotations alone cannot always tell from quiet.
          assert.deepEqual(failures.map((f) => `line ${f.range.start.line + 1}: ${f.message}`), [], `${caseFile} runs without failing`);
          const byLine = new Map<number, Finding[]>();
          for (const f of findings) byLine.set(f.range.start.line, [...(byLine.get(f.range.start.line) ?? []), f]);
          const problems: string[] = [];
          const expectedLines = new Set<number>();
          for (const e of expectations) {
            expectedLines.add(e.line);
            const here = byLine.get(e.line) ?? [];
            if (e.kind === 'ruleid' && here.length === 0) problems.push(`line ${e.line + 1}: expected a finding, got none`);
            if (e.kind === 'ok' && here.length > 0) problems.push(`line ${e.line + 1}: expected no finding, got: ${here[0]!.message}`);
          }
          for (const [line, here] of byLine) {
            if (!expectedLines.has(line)) problems.push(`line ${line + 1}: unannotated finding: ${here[0]!.message}`);
          }
          assert.deepEqual(problems, [], `${caseFile}:\n${problems.join('\n')}`);
        });
      }

      const fixedFiles = existsSync(dir) ? readdirSync(dir).filter((f) => /^cases\.fixed\./.test(f)) : [];
      if (rule.meta.fixable === 'safe') {
        it('proves its fix with a cases.fixed file', () => assert.ok(fixedFiles.length > 0, `${folder} has cases.fixed.*`));
      }
      for (const fixedFile of fixedFiles) {
        it(`applying its fixes to the cases gives ${fixedFile}`, () => {
          const original = fixedFile.replace('cases.fixed.', 'cases.');
          const text = materialise(readFileSync(join(dir, original), 'utf8'));
          const findings = run(rule, `rules/${folder}/${original}`, text);
          assert.ok(findings.some((f) => f.fix), 'at least one finding carries a fix');
          const fixed = applyFixes(text, findings);
          assert.equal(fixed, materialise(readFileSync(join(dir, fixedFile), 'utf8')));
          // The fixed text must still parse and no longer have the fixed findings.
          const again = analyzeWith(rule, `rules/${folder}/${original}`, fixed);
          assert.deepEqual(again.failures.map((f) => f.message), [], 'the fixed text parses and the rule runs on it');
          assert.ok(again.findings.filter((f) => f.fix).length === 0, `no fixable finding is left:\n${describeFindings(again.findings.filter((f) => f.fix))}`);
        });
      }
    });
  }
});
