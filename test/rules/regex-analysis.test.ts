// The ReDoS analysis of no-redos on its own: known-vulnerable patterns from npm advisories and
// textbooks are found with the right complexity, their fixed versions and everyday patterns are
// not, odd syntax parses, and the analysis stays linear on very long patterns.
import { strict as assert } from 'node:assert';
import { analyzeRegex, CharSet } from '../../rules/js/no-redos/regex-analysis';

function worst(re: RegExp): string {
  const issues = analyzeRegex(re.source, re.flags);
  assert.ok(issues, `${re} parses`);
  return issues.length ? `${issues[0]!.complexity} ${issues[0]!.subpattern}` : 'none';
}

describe('regex analysis (no-redos)', () => {
  it('finds nested repetition that can split the same text', () => {
    assert.equal(worst(/^(a+)+$/), 'exponential (a+)+');
    assert.equal(worst(/^(\d+)+\.$/), 'exponential (\\d+)+');
    assert.equal(worst(/(\w+\s?)*$/), 'exponential (\\w+\\s?)*');
    assert.equal(worst(/^([a-z0-9]+[-.]?)+@example\.com$/), 'exponential ([a-z0-9]+[-.]?)+');
    assert.equal(worst(/^(?:(?:ab)+c?)+$/), 'exponential (?:(?:ab)+c?)+');
    assert.equal(worst(/^(.*a){12}$/), 'exponential (.*a){12}');
    // the OWASP ReDoS page's email validator
    assert.match(worst(/^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$/), /^exponential \(\(\[\\-\.\]/);
  });

  it('finds overlapping alternatives under a repetition', () => {
    assert.equal(worst(/^(a|a)*$/), 'exponential (a|a)*');
    assert.equal(worst(/^(.|\s)*$/), 'exponential (.|\\s)*');
    assert.equal(worst(/"(\\.|[^"])*"/), 'exponential (\\\\.|[^"])*');
    assert.equal(worst(/^(?:a|b|ab)*c$/), 'exponential (?:a|b|ab)*');
    // marked's emphasis rule (GHSA-xf5p-87ch-gxw2 era)
    assert.equal(worst(/^\b_((?:__|[\s\S])+?)_\b|^\*((?:\*\*|[\s\S])+?)\*(?!\*)/), 'exponential (?:__|[\\s\\S])+?');
  });

  it('finds adjacent repetitions and unanchored trailing runs (polynomial)', () => {
    // ms before 2.0.0
    assert.equal(worst(/^((?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|years?|yrs?|y)?$/i), 'polynomial (?:\\d+)?\\.?\\d+');
    // trim before 0.0.3
    assert.equal(worst(/^\s*|\s*$/g), 'polynomial \\s*$');
    assert.equal(worst(/\s+$/), 'polynomial \\s+$');
    assert.equal(worst(/^\w+\s*\w+$/), 'polynomial \\w+\\s*\\w+');
  });

  it('stays quiet on linear patterns, fixed versions and repetitions that cannot fail', () => {
    for (const re of [
      /^[a-z]+$/, /^(ab)+$/, /(a+)+/, /^(\d+\.)+\d+$/, /^(\.\w+)+$/, /^(a+b+)+$/, /^\s+$/, /^(.|\n)*$/,
      /"(?:[^"\\]|\\.)*"/, /^[\w.+-]+@[\w-]+\.[\w.-]+$/, /^(\w+)\s+(\w+)$/, /(\d+)\s*(px|em)/,
      /^(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}$/i, /^(?=.*\d)(?=.*[a-z]).{8,}$/, /^\w+(?:\s\w+)*\s?$/,
      /^(\d+(?:\.\d+)?) *(ms|s)?$/, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, /^([^"']|"[^"]*"|'[^']*')*$/, /\s*,\s*/,
    ]) {
      assert.equal(worst(re), 'none', String(re));
    }
  });

  it('parses classes, escapes, named groups, lookbehind, unicode and v-flag sets', () => {
    for (const re of [
      /[\]\\-]/, /[\w-]/, /\cJ\x41\u0041/, /(?<year>\d{4})-\k<year>/, /(?<=\$)\d+/, /\p{Lu}+/u,
      /a{2,}b{,3}/, /[^\S\n]+/, /\//, /}{/, /[/]/,
    ]) {
      assert.ok(analyzeRegex(re.source, re.flags), String(re));
    }
    // the v flag (ES2024) as source text, since the compiler targets ES2022
    assert.deepEqual(analyzeRegex('[\\p{L}--\\p{N}]+', 'v'), []);
    assert.equal(analyzeRegex('(a'), undefined);
    assert.equal(analyzeRegex('a**'), undefined);
    assert.equal(analyzeRegex('[a'), undefined);
  });

  it('respects flags: i folds case, s lets the dot match newlines', () => {
    assert.equal(worst(/^(a|A)*$/), 'none');
    assert.equal(worst(/^(a|A)*$/i), 'exponential (a|A)*');
    assert.equal(worst(/^(.|\n)*$/s), 'exponential (.|\\n)*');
  });

  it('keeps character sets exact for ASCII and coarse beyond it', () => {
    const set = (ranges: Array<[number, number]>): CharSet => CharSet.fromRanges(ranges);
    assert.ok(!set([[97, 122]]).overlaps(set([[48, 57]])));
    assert.ok(set([[0x600, 0x6ff]]).overlaps(set([[0x650, 0x650]])));
    assert.ok(!set([[0x600, 0x6ff]]).overlaps(set([[0x4e00, 0x9fff]])));
  });

  it('is linear in the pattern length and bails out on absurd nesting', () => {
    // 20k alternatives would take 4 x 10^8 steps if alternatives were compared pairwise.
    const alternatives = `^(?:${Array.from({ length: 20_000 }, (_, i) => `a${i}`).join('|')})*$`;
    assert.ok(analyzeRegex(alternatives));
    const long = '(?:a|b)'.repeat(10_000) + '(x+x+)+y' + '[a-z]\\d?'.repeat(10_000);
    assert.equal(analyzeRegex(long)![0]!.subpattern, '(x+x+)+');
    assert.equal(analyzeRegex('('.repeat(10_000) + 'a' + ')'.repeat(10_000)), undefined);
  });
});
