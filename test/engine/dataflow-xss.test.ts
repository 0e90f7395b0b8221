// Data-flow behaviour the XSS and code-injection rules rely on: browser sources read as text, the
// `url` sink kind (only the scheme matters), field checks that do not vouch for a whole object, and
// JSON.stringify as a code-safe encoder. Probed through a rule, like test/engine/dataflow.test.ts.
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/engine/engine';
import { defineAstRule } from '../../rules/api/define-rule';
import { AST_NODE_TYPES, stringValue, type TSESTree } from '../../rules/api/ast';
import type { SinkKind } from '../../rules/api/dataflow';

const probe = defineAstRule({
  meta: { id: 'test-probe-xss', type: 'problem', severity: 'low', docs: { title: 'Data-flow probe', cwe: ['CWE-20'], owasp: ['A03:2021-Injection'] }, fixable: null, messages: { verdict: '{{verdict}}|{{source}}' } },
  create(context) {
    const sinks: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'sink') sinks.push(node);
      },
      'Program:exit'() {
        for (const call of sinks) {
          const kind = (stringValue(call.arguments[1]) ?? 'xss') as SinkKind;
          const verdict = context.dataflow.verdict(call.arguments[0]!, kind);
          const source = verdict.kind === 'tainted' ? `${verdict.taint.source.kind}:${verdict.taint.source.label}` : '';
          context.report({ node: call, messageId: 'verdict', data: { verdict: verdict.kind, source } });
        }
      },
    };
  },
});

function results(code: string, path = 'probe.js'): string[] {
  return analyze({ path, text: code }, { rules: [probe] }).filter((f) => f.ruleId === 'test-probe-xss').map((f) => f.message);
}
const verdicts = (code: string, path?: string): string[] => results(code, path).map((m) => m.split('|')[0]!);

describe('data flow for XSS and code injection', () => {
  it('reads the page location as the URL when it is turned into text', () => {
    const code = `
      sink('<a href="' + document.location + '">');
      sink(\`\${window.location}\`);
      sink(new URLSearchParams(location.search).get('q'));
      sink(location.pathname.length);
    `;
    assert.deepEqual(results(code), ['tainted|browser:document.location', 'tainted|browser:window.location', 'tainted|browser:location.search', 'safe|']);
  });

  it('reads URL parts from Next.js useRouter() and Vue useRoute()', () => {
    const code = `
      const router = useRouter();
      sink(router.query.q);
      const route = useRoute();
      sink(route.hash);
      sink(route.name);
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'unknown']);
  });

  it('does not let a check on one field of a message vouch for its other fields', () => {
    const code = `
      window.addEventListener('message', (event) => {
        if (event.data.type === 'run') sink(event.data.code, 'code');
        if (['a', 'b'].includes(event.data.kind)) sink(event.data.html);
        if (event.data.kind === 'a') sink(event.data.kind);
      });
      app.get('/go', (req, res) => {
        const url = new URL(req.query.next);
        if (url.hostname !== 'example.com') return;
        sink(url, 'ssrf');
      });
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'safe', 'safe']);
  });

  it('treats a URL sink as safe after a scheme check or behind a fixed scheme, not after HTML escaping', () => {
    const code = `
      app.get('/a', (req, res) => {
        const link = req.query.link;
        sink(link, 'url');
        sink(escapeHtml(link), 'url');
        sink(encodeURIComponent(link), 'url');
        if (link.startsWith('https://')) sink(link, 'url');
        if (/^https?:\\/\\//i.test(link)) sink(link, 'url');
        if (link.startsWith('java')) sink(link, 'url');
        const parsed = new URL(link);
        if (['http:', 'https:'].includes(parsed.protocol)) sink(parsed.href, 'url');
      });
    `;
    // The checked URL object reads as untraced (not tainted) once a property is taken from it.
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'safe', 'safe', 'safe', 'tainted', 'unknown']);
  });

  it('keeps a startsWith("https://") check from making a value safe for HTML or redirects', () => {
    const code = `
      app.get('/a', (req, res) => {
        const link = req.query.link;
        if (link.startsWith('https://')) { sink(link, 'xss'); sink(link, 'redirect'); }
      });
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted']);
  });

  it('reads Angular route snapshot parameters as page URL data', () => {
    const code = `
      class Search {
        constructor(private route: ActivatedRoute) {}
        load() {
          sink(this.route.snapshot.queryParams.q);
          sink(this.route.snapshot.paramMap.get('id'));
          sink(this.route.snapshot.data.title);
        }
      }
    `;
    assert.deepEqual(verdicts(code, 'probe.ts'), ['tainted', 'tainted', 'unknown']);
  });

  it('treats jQuery plugin options as exported parameters, through $.extend', () => {
    const code = `
      $.fn.tip = function (options) {
        const settings = $.extend({}, $.fn.tip.defaults, options);
        sink(settings.title);
      };
      function internal(options) { sink(options.title); }
    `;
    assert.deepEqual(results(code), ['tainted|exported-param:parameter options of exported $.fn.tip()', 'unknown|']);
  });

  it('treats destructured and defaulted parameters of exported functions as untrusted', () => {
    const code = `
      export function RichText({ content, title }) { sink(content); }
      export function compile(template, options = {}) { sink(options.prefix, 'code'); }
      export function run(...args) { sink(args[0], 'command'); }
    `;
    assert.deepEqual(results(code), [
      'tainted|exported-param:parameter { content, title } of exported RichText()',
      'tainted|exported-param:parameter options of exported compile()',
      'tainted|exported-param:parameter args of exported run()',
    ]);
  });

  it('carries taint through Markdown renderers that keep raw HTML', () => {
    const code = `
      import { marked } from 'marked';
      const md = new URLSearchParams(location.search).get('md');
      sink(marked(md));
      sink(marked.parse(md));
    `;
    assert.deepEqual(verdicts(code, 'probe.mjs'), ['tainted', 'tainted']);
  });

  it('treats JSON.stringify as an encoder for generated code only', () => {
    const code = `
      app.get('/a', (req, res) => {
        sink('return ' + JSON.stringify(req.query.name), 'code');
        sink('<p>' + JSON.stringify(req.query.name), 'xss');
      });
    `;
    assert.deepEqual(verdicts(code), ['safe', 'tainted']);
  });
});
