// The README's rule table is generated from the rules' metadata and must match it.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { README, withTable } from '../scripts/gen-readme-rules';
import { REGISTRY } from '../rules';

describe('README', () => {
  it('has the rule table generated from the current metadata (run `npm run docs`)', () => {
    const readme = readFileSync(README, 'utf8');
    assert.equal(readme, withTable(readme));
  });

  it('lists every rule', () => {
    const readme = readFileSync(README, 'utf8');
    for (const { rule } of REGISTRY) if (rule.kind !== 'engine') assert.ok(readme.includes(`\`${rule.meta.id}\``), rule.meta.id);
  });

  it('meets the first rule pack: at least 35 JS/TS rules, 10 of them with a fix', () => {
    const js = REGISTRY.filter(({ folder }) => folder.startsWith('js/'));
    assert.ok(js.length >= 35, `${js.length} JS/TS rules`);
    assert.ok(js.filter(({ rule }) => rule.meta.fixable === 'safe').length >= 10);
  });
});
