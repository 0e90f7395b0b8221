// Suggestions of the parser, object and platform rules: applying one gives the expected code, the
// code still parses, and the finding it was offered for is gone.
import { strict as assert } from 'node:assert';
import { findRule } from '../../rules';
import { analyze } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';

function findings(id: string, text: string, path = 'app.js'): Finding[] {
  return analyze({ path, text }, { rules: [findRule(id)!.rule] }).filter((f) => f.ruleId === id || f.ruleId === 'parse-error');
}

function applySuggestion(text: string, finding: Finding): string {
  const suggestion = finding.suggestions?.[0];
  assert.ok(suggestion, `a suggestion for: ${finding.message}`);
  return [...suggestion.edits].sort((a, b) => b.start - a.start).reduce((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);
}

describe('parser, object and platform rule suggestions', () => {
  it('no-regex-injection escapes only the untrusted part of the pattern', () => {
    const text = "app.get('/l', (req, res) => {\n  const re = new RegExp('^' + req.query.term + '$', 'i');\n  res.json(re.test('x'));\n});\n";
    const [finding] = findings('no-regex-injection', text);
    const fixed = applySuggestion(text, finding!);
    assert.match(fixed, /new RegExp\('\^' \+ String\(req\.query\.term\)\.replace\(\/\[\.\*\+\?\^\$\{\}\(\)\|\[\\\]\\\\\]\/g, '\\\\\$&'\) \+ '\$', 'i'\)/);
    assert.deepEqual(findings('no-regex-injection', fixed), []);
  });

  it('no-prototype-pollution skips the dangerous keys at the top of the loop', () => {
    const text = [
      'module.exports = function merge(target, source) {',
      '  for (const key in source) {',
      "    if (typeof source[key] === 'object') merge(target[key] = target[key] || {}, source[key]);",
      '    else target[key] = source[key];',
      '  }',
      '  return target;',
      '};',
      '',
    ].join('\n');
    const [finding] = findings('no-prototype-pollution', text);
    const fixed = applySuggestion(text, finding!);
    assert.match(fixed, /for \(const key in source\) \{\n {4}if \(key === '__proto__' \|\| key === 'constructor' \|\| key === 'prototype'\) continue;\n {4}if \(typeof/);
    assert.deepEqual(findings('no-prototype-pollution', fixed), []);
  });

  it("no-postmessage-wildcard offers this page's origin instead of '*'", () => {
    const text = "export function send(session) {\n  window.parent.postMessage({ token: session.token }, '*');\n}\n";
    const [finding] = findings('no-postmessage-wildcard', text, 'widget.js');
    const fixed = applySuggestion(text, finding!);
    assert.match(fixed, /postMessage\(\{ token: session\.token \}, window\.location\.origin\)/);
    assert.deepEqual(findings('no-postmessage-wildcard', fixed, 'widget.js'), []);
  });
});
