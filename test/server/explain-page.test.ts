// The "Why this matters" page the client renders from the server's explanation: the rule text and
// the finding's context, everything escaped, and a Content Security Policy that loads nothing.
import { strict as assert } from 'node:assert';
import { explanationHtml } from '../../client/src/explain-html';
import { renderMarkdown } from '../../client/src/markdown';
import { findRule } from '../../rules';
import { explanationOf } from '../../server/src/engine/explain';
import type { Explanation } from '../../server/src/protocol';

function explanation(): Explanation {
  const text = explanationOf('no-command-injection')!;
  return {
    ruleId: 'no-command-injection',
    title: text.title,
    markdown: text.markdown,
    cwe: findRule('no-command-injection')!.rule.meta.docs.cwe,
    owasp: findRule('no-command-injection')!.rule.meta.docs.owasp,
    finding: {
      message: 'req.query.host reaches a shell command in child_process.exec(); <img src=x onerror=alert(1)>',
      priority: { level: 'critical', score: 100, reasons: ['internet-facing', 'no authentication'], service: 'shop-api', attackPath: 'internet -> shop-api' },
      flow: [{ label: 'req.query.host (HTTP request)', line: 7 }, { label: 'child_process.exec() runs it in a shell', line: 7 }],
      line: 7,
      file: '/ws/api/routes/admin.js',
    },
  };
}

describe('"Why this matters" page', () => {
  it('renders the explanation with the finding context', () => {
    const html = explanationHtml(explanation(), 'n0nce');
    assert.match(html, /<h1>Untrusted data in a shell command<\/h1>/);
    assert.match(html, /<h2>Why this matters<\/h2>/);
    assert.match(html, /<h2>How to fix<\/h2>/);
    assert.match(html, /<div class="example-label invalid">Vulnerable<\/div><pre data-lang="js"><code>/);
    assert.match(html, /<strong>Why here:<\/strong> service <code>shop-api<\/code>; internet-facing, no authentication/);
    assert.match(html, /<strong>Attack path:<\/strong> internet -&gt; shop-api/);
    assert.match(html, /admin\.js:8/);
    assert.match(html, /<span class="tag">CWE-78<\/span>/);
  });

  it('allows no script, no remote content, and only its own style', () => {
    const html = explanationHtml(explanation(), 'n0nce');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src 'nonce-n0nce'/);
    assert.match(csp, /script-src 'none'/);
    assert.ok(!/<script/i.test(html));
    assert.ok(!html.includes('<img'), 'markup in a finding message is escaped');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('renders Markdown safely: only http(s) links, escaped code', () => {
    const html = renderMarkdown('See [docs](https://example.com/a?b=1&c=2) and [x](javascript:alert(1)).\n\n```js invalid\nif (a < b) run(`<b>`);\n```\n\n- one `<i>`\n- two');
    assert.match(html, /<a href="https:\/\/example\.com\/a\?b=1&amp;c=2">docs<\/a>/);
    assert.ok(!html.includes('javascript:alert(1)"'), 'a javascript: link is not an anchor');
    assert.match(html, /<code>if \(a &lt; b\) run\(`&lt;b&gt;`\);<\/code>/);
    assert.match(html, /<ul><li>one <code>&lt;i&gt;<\/code><\/li><li>two<\/li><\/ul>/);
  });
});
