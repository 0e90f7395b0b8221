// The data-flow engine, probed through a rule: every `sink(value, 'kind')` call in a snippet is
// asked for its verdict, so each test reads as code plus the verdict it must get.
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/engine/engine';
import { defineAstRule } from '../../rules/api/define-rule';
import { AST_NODE_TYPES, stringValue, type TSESTree } from '../../rules/api/ast';
import type { SinkKind } from '../../rules/api/dataflow';

const probe = defineAstRule({
  meta: { id: 'test-probe', type: 'problem', severity: 'low', docs: { title: 'Data-flow probe', cwe: ['CWE-20'], owasp: ['A03:2021-Injection'] }, fixable: null, messages: { verdict: '{{verdict}}|{{source}}|{{kind}}' } },
  create(context) {
    const sinks: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'sink') sinks.push(node);
      },
      'Program:exit'() {
        for (const call of sinks) {
          const kind = (stringValue(call.arguments[1]) ?? 'command') as SinkKind;
          const verdict = context.dataflow.verdict(call.arguments[0]!, kind);
          const source = verdict.kind === 'tainted' ? `${verdict.taint.source.kind}:${verdict.taint.source.label}` : '';
          context.report({ node: call, messageId: 'verdict', data: { verdict: verdict.kind, source, kind } });
        }
      },
    };
  },
});

/** Verdicts of the sinks in source order, as `tainted`, `safe` or `unknown`. */
function verdicts(code: string, path = 'probe.js'): string[] {
  return analyze({ path, text: code }, { rules: [probe] })
    .filter((f) => f.ruleId === 'test-probe')
    .map((f) => f.message.split('|')[0]!);
}

/** Source descriptions (`kind:label`) of the tainted sinks. */
function sources(code: string, path = 'probe.js'): string[] {
  return analyze({ path, text: code }, { rules: [probe] })
    .filter((f) => f.ruleId === 'test-probe')
    .map((f) => f.message.split('|')[1]!);
}

describe('data flow', () => {
  describe('sources', () => {
    it('reads request data from route handlers of Express, Koa, Fastify, Hapi and Next.js', () => {
      const code = `
        app.get('/a', (req, res) => sink(req.query.a));
        router.post('/b', function (request, reply) { sink(request.body.b); });
        app.use(async (ctx, next) => { sink(ctx.request.body.c); sink(ctx.query.d); });
        server.route({ method: 'GET', path: '/e', handler: (r, h) => sink(r.payload.e) });
        export default function handler(req, res) { sink(req.cookies.f); }
        export async function GET(request) { sink(await request.json()); }
        app.get('/g', ({ params }, res) => sink(params.g));
        fastify.get('/h', async (q, reply) => sink(q.headers['x-h']));
      `;
      assert.deepEqual(verdicts(code, 'probe.ts'), Array(9).fill('tainted'));
    });

    it('reads handlers registered by name', () => {
      const code = `
        function show(rq, rs) { sink(rq.params.id); }
        router.get('/items/:id', auth, show);
      `;
      assert.deepEqual(verdicts(code), ['tainted']);
    });

    it('does not treat server-side request state as attacker data', () => {
      const code = `app.get('/a', (req, res) => { sink(req.session.userId); sink(req.user.id); sink(req.method); });`;
      assert.deepEqual(verdicts(code), ['unknown', 'unknown', 'unknown']);
    });

    it('reads browser sources: location, document.URL, referrer, window.name, router hooks', () => {
      const code = `
        sink(location.hash, 'xss');
        sink(document.location.search, 'xss');
        sink(window.location.href, 'xss');
        sink(document.URL, 'xss');
        sink(document.referrer, 'xss');
        sink(window.name, 'xss');
        const params = new URLSearchParams(location.search);
        sink(params.get('q'), 'xss');
        function Page() { const [sp] = useSearchParams(); sink(sp.get('q'), 'xss'); const { id } = useParams(); sink(id, 'xss'); }
      `;
      assert.deepEqual(verdicts(code), Array(9).fill('tainted'));
    });

    it('reads postMessage event data, but not its origin', () => {
      const code = `
        window.addEventListener('message', (event) => { sink(event.data.html, 'xss'); sink(event.origin, 'xss'); });
        window.onmessage = function (e) { sink(e.data, 'xss'); };
      `;
      assert.deepEqual(verdicts(code), ['tainted', 'unknown', 'tainted']);
    });

    it('reads socket messages and process.argv', () => {
      const code = `
        io.on('connection', (socket) => { socket.on('chat', (msg) => sink(msg.text)); socket.on('disconnect', (reason) => sink(reason)); });
        sink(process.argv[2]);
        sink(process.env.HOME);
      `;
      assert.deepEqual(verdicts(code), ['tainted', 'unknown', 'tainted', 'unknown']);
      assert.deepEqual(sources(code), ['socket:chat event data', '', 'cli:process.argv[2]', '']);
    });

    it('treats parameters of exported functions as untrusted for library sink kinds only', () => {
      const code = `
        module.exports.run = function run(cmd) { sink(cmd, 'command'); sink(cmd, 'path'); };
        export function render(html) { sink(html, 'xss'); }
        function internal(x) { sink(x, 'command'); }
      `;
      assert.deepEqual(verdicts(code, 'probe.mjs'), ['tainted', 'unknown', 'tainted', 'unknown']);
      assert.match(sources(code, 'probe.mjs')[0]!, /^exported-param:parameter cmd of exported run\(\)/);
    });
  });

  describe('propagation', () => {
    it('follows assignments, concatenation, templates, destructuring and object properties', () => {
      const code = `
        app.get('/', (req, res) => {
          const host = req.query.host;
          const { port = 80 } = req.query;
          const cmd = 'ping ' + host;
          const opts = { target: \`\${host}:\${port}\` };
          let line;
          line = cmd + ' -c 1';
          sink(line);
          sink(opts.target);
          sink(port);
          const parts = [];
          parts.push(host);
          sink(parts.join(' '));
        });
      `;
      assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'tainted', 'tainted']);
    });

    it('follows returns of local helpers with the arguments of each call', () => {
      const code = `
        function quote(s) { return "'" + s + "'"; }
        const build = (name) => 'tar czf ' + quote(name);
        app.get('/', (req, res) => { sink(build(req.query.name)); sink(build('fixed')); });
      `;
      assert.deepEqual(verdicts(code), ['tainted', 'safe']);
    });

    it('follows arguments into local functions', () => {
      const code = `
        function run(target) { sink('ls ' + target); }
        app.get('/', (req, res) => run(req.query.dir));
      `;
      assert.deepEqual(verdicts(code), ['tainted']);
    });

    it('follows string methods and common propagators, not predicates', () => {
      const code = `
        app.get('/', (req, res) => {
          const q = req.query.q;
          sink(q.trim().toLowerCase());
          sink(decodeURIComponent(q));
          sink(path.join('/srv', q), 'path');
          sink(q.length);
          sink(q.includes('x'));
          sink(JSON.parse(q).name);
        });
      `;
      assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'tainted', 'safe', 'safe', 'tainted']);
    });

    it('follows array callbacks', () => {
      const code = `app.post('/', (req, res) => { req.body.files.forEach((f) => sink('rm ' + f)); });`;
      assert.deepEqual(verdicts(code), ['tainted']);
    });
  });

  describe('safe values', () => {
    it('treats constants as safe', () => {
      const code = `
        const BASE = '/usr/bin/';
        const tool = BASE + 'ls';
        sink(tool);
        sink(\`\${BASE}df -h\`);
      `;
      assert.deepEqual(verdicts(code), ['safe', 'safe']);
    });

    it('recognises numeric conversion and sanitisers per sink kind', () => {
      const code = `
        app.get('/', (req, res) => {
          sink('tail -n ' + parseInt(req.query.n, 10));
          sink(Number(req.query.n) * 2);
          sink(escapeHtml(req.query.name), 'xss');
          sink(escapeHtml(req.query.name), 'sql');
          sink(path.basename(req.query.file), 'path');
          sink(mysql.escape(req.query.id), 'sql');
          sink(String(req.body.user), 'nosql');
        });
      `;
      assert.deepEqual(verdicts(code), ['safe', 'safe', 'safe', 'tainted', 'safe', 'safe', 'safe']);
    });

    it('uses the latest unconditional assignment (flow-sensitive)', () => {
      const code = `
        app.get('/', (req, res) => {
          let n = req.query.n;
          n = parseInt(n, 10);
          sink('head -n ' + n);
          let m = 'fixed';
          if (req.query.override) m = req.query.m;
          sink(m);
        });
      `;
      assert.deepEqual(verdicts(code), ['safe', 'tainted']);
    });

    it('treats allow-list lookups as safe', () => {
      const code = `
        const COMMANDS = { disk: 'df -h', uptime: 'uptime' };
        const FORMATS = ['png', 'jpg'];
        app.get('/', (req, res) => { sink(COMMANDS[req.query.c]); sink(FORMATS[req.query.i]); });
      `;
      assert.deepEqual(verdicts(code), ['safe', 'safe']);
    });
  });

  describe('guards', () => {
    it('recognises allow-list checks that exit early', () => {
      const code = `
        const ALLOWED = ['a', 'b'];
        app.get('/', (req, res) => {
          const t = req.query.t;
          if (!ALLOWED.includes(t)) return res.sendStatus(400);
          sink(t);
        });
      `;
      assert.deepEqual(verdicts(code), ['safe']);
    });

    it('recognises checks around the use', () => {
      const code = `
        app.get('/', (req, res) => {
          const id = req.query.id;
          if (/^[0-9a-f]{24}$/.test(id)) { sink(id); }
          if (id === 'admin') sink(id);
          switch (req.query.mode) { case 'fast': sink(req.query.mode); break; }
          if (validator.isUUID(id)) sink(id);
          sink(id);
        });
      `;
      assert.deepEqual(verdicts(code), ['safe', 'safe', 'safe', 'safe', 'tainted']);
    });

    it('recognises a resolved-path prefix check for paths only', () => {
      const code = `
        app.get('/', (req, res) => {
          const p = path.resolve(ROOT, req.query.f);
          if (!p.startsWith(ROOT)) throw new Error('outside');
          sink(p, 'path');
          sink(p, 'command');
        });
      `;
      assert.deepEqual(verdicts(code), ['safe', 'tainted']);
    });

    it('recognises a rejected ".." check', () => {
      const code = `
        app.get('/', (req, res) => {
          const f = req.params.f;
          if (f.includes('..')) { return res.status(400).end(); }
          sink(f, 'path');
        });
      `;
      assert.deepEqual(verdicts(code), ['safe']);
    });

    it('does not trust a check that does not exit', () => {
      const code = `
        app.get('/', (req, res) => {
          const t = req.query.t;
          if (!ALLOWED.includes(t)) console.warn('unexpected');
          sink(t);
        });
      `;
      assert.deepEqual(verdicts(code), ['tainted']);
    });
  });

  describe('module references', () => {
    const moduleProbe = defineAstRule({
      meta: { id: 'test-module-probe', type: 'problem', severity: 'low', docs: { title: 'Module probe', cwe: ['CWE-20'], owasp: ['A03:2021-Injection'] }, fixable: null, messages: { ref: '{{ref}}' } },
      create(context) {
        const calls: TSESTree.CallExpression[] = [];
        return {
          CallExpression(node) {
            calls.push(node);
          },
          'Program:exit'() {
            for (const call of calls) {
              const ref = context.dataflow.moduleRef(call.callee);
              if (ref && ref.module !== '#global') context.report({ node: call, messageId: 'ref', data: { ref: `${ref.module}:${ref.path.join('.')}` } });
            }
          },
        };
      },
    });

    it('sees through require, import, destructuring, aliases and promisify', () => {
      const code = `
        import { exec as run } from 'node:child_process';
        import * as fsp from 'fs/promises';
        const cp = require('child_process');
        const { execSync } = require('child_process');
        const execAsync = require('util').promisify(cp.exec);
        run('a'); cp.spawn('b'); execSync('c'); execAsync('d'); fsp.readFile('e');
        require('child_process').execFile('f');
        const conn = mysql.createConnection({}); conn.query('g');
      `;
      const refs = analyze({ path: 'm.mjs', text: code }, { rules: [moduleProbe] }).map((f) => f.message);
      assert.ok(refs.includes('child_process:exec'));
      assert.ok(refs.includes('child_process:spawn'));
      assert.ok(refs.includes('child_process:execSync'));
      assert.ok(refs.includes('fs/promises:readFile'));
      assert.ok(refs.includes('child_process:execFile'));
      assert.equal(refs.filter((r) => r === 'child_process:exec').length, 2, 'the import alias and the promisified alias');
    });
  });
});

describe('data flow for data stores, files and URLs', () => {
  it('knows which request data cannot be a MongoDB operator object (nosql)', () => {
    const code = `
      app.post('/a/:id', (req, res) => {
        sink(req.body.user, 'nosql');
        sink(req.query.user, 'nosql');
        sink(req.params.id, 'nosql');
        sink(req.headers['x-user'], 'nosql');
        sink(req.get('x-user'), 'nosql');
        sink(\`\${req.body.user}\`, 'nosql');
        sink('' + req.body.user, 'nosql');
        sink(req.body.user.trim(), 'nosql');
        sink(String(req.body.user), 'nosql');
        const { id } = req.params;
        sink(id, 'nosql');
        sink(req.body.user + '', 'sql');
      });
      app.get('/b', ({ params, query }, res) => { sink(params.id, 'nosql'); sink(query.name, 'nosql'); });
    `;
    // params.id of a destructured request is text: not reported (unknown), query.name still is
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'safe', 'safe', 'safe', 'safe', 'safe', 'safe', 'safe', 'safe', 'tainted', 'unknown', 'tainted']);
  });

  it('does not count the request Host as a redirect source, but does for SSRF', () => {
    const code = `
      app.use((req, res, next) => {
        sink('https://' + req.hostname + req.url, 'redirect');
        sink('https://' + req.headers.host + req.originalUrl, 'redirect');
        sink('https://' + req.get('Host') + '/', 'redirect');
        sink(req.originalUrl, 'redirect');
        sink('http://' + req.headers.host + '/internal', 'ssrf');
      });
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'safe', 'tainted', 'tainted']);
    const hostOnly = `app.use((req, res) => { sink('https://' + req.hostname + '/', 'redirect'); sink('https://' + req.get('host'), 'redirect'); });`;
    assert.deepEqual(verdicts(hostOnly), ['safe', 'safe']);
  });

  it('treats multipart upload metadata as path-safe, other request data not', () => {
    const code = `
      app.post('/up', upload.single('f'), (req, res) => {
        sink('uploads/' + req.file.originalname, 'path');
        sink(req.files.avatar.tempFilePath, 'path');
        sink('uploads/' + req.body.folder, 'path');
      });
    `;
    assert.deepEqual(verdicts(code), ['safe', 'safe', 'tainted']);
  });

  it('sees that SQL formatters escape their values (mysql format, pg-format %L/%I but not %s)', () => {
    const code = `
      const mysql = require('mysql');
      const format = require('pg-format');
      app.get('/q', (req, res) => {
        sink(mysql.format('SELECT * FROM t WHERE id = ?', [req.query.id]), 'sql');
        sink(mysql.format('SELECT * FROM t WHERE id = ' + req.query.id, []), 'sql');
        sink(format('SELECT * FROM %I WHERE name = %L', req.query.t, req.query.n), 'sql');
        sink(format('SELECT * FROM t ORDER BY %s', req.query.sort), 'sql');
        sink(format('SELECT %L, %s', req.query.a, 'x'), 'sql');
        sink(format.withArray('SELECT * FROM t WHERE a IN (%L)', [req.query.a]), 'sql');
        sink(pgp.as.format('SELECT * FROM t WHERE id = $1', [req.query.id]), 'sql');
      });
      const pgp = require('pg-promise')();
    `;
    assert.deepEqual(verdicts(code), ['safe', 'tainted', 'safe', 'tainted', 'safe', 'safe', 'safe']);
  });

  it('treats this.method = function in an exported constructor as exported', () => {
    const code = `
      function Dao(db) {
        this.find = function (threshold) { sink('this.x > ' + threshold, 'code'); };
        this.other = (value) => sink('this.y > ' + value, 'code');
      }
      function Private(db) { this.find = function (t) { sink('a' + t, 'code'); }; }
      module.exports.Dao = Dao;
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'unknown']);
  });

  it('only counts removing every ".." as a path sanitiser', () => {
    const code = `
      app.get('/f', (req, res) => {
        sink(req.query.f.replace(/\\.\\./g, ''), 'path');
        sink(req.query.f.replace(/\\.\\.\\//g, ''), 'path');
      });
    `;
    assert.deepEqual(verdicts(code), ['safe', 'tainted']);
  });

  it('accepts a same-site path check before a redirect only when it rules out //', () => {
    const code = `
      app.get('/login', (req, res) => {
        const next = req.query.next;
        if (next.startsWith('/') && !next.startsWith('//')) sink(next, 'redirect');
        if (next.startsWith('/')) sink(next, 'redirect');
        if (!next.startsWith('/') || next.startsWith('//')) return;
        sink(next, 'redirect');
      });
      app.get('/b', (req, res) => {
        const to = req.query.to;
        if (to[0] === '/' && to[1] !== '/') sink(to, 'redirect');
        if (/^\\/(?![\\/\\\\])/.test(to)) sink(to, 'redirect');
      });
    `;
    assert.deepEqual(verdicts(code), ['safe', 'tainted', 'safe', 'safe', 'safe']);
  });

  it('lists every definition of a variable, for SQL built in steps', () => {
    const defsProbe = defineAstRule({
      meta: { id: 'test-defs', type: 'problem', severity: 'low', docs: { title: 'Definitions probe', cwe: ['CWE-20'], owasp: ['A03:2021-Injection'] }, fixable: null, messages: { defs: '{{defs}}' } },
      create(context) {
        const calls: TSESTree.CallExpression[] = [];
        return {
          CallExpression(node) {
            if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'show') calls.push(node);
          },
          'Program:exit'() {
            for (const call of calls) {
              const defs = context.dataflow.definitions(call.arguments[0]!).map((d) => context.file.getText(d));
              context.report({ node: call, messageId: 'defs', data: { defs: defs.join(' | ') } });
            }
          },
        };
      },
    });
    const code = `let sql = 'SELECT * FROM t'; if (a) sql += ' WHERE a = 1'; sql = sql + ' LIMIT 5'; show(sql); function f(p) { show(p); }`;
    const found = analyze({ path: 'd.js', text: code }, { rules: [defsProbe] }).map((f) => f.message);
    assert.deepEqual(found, ["'SELECT * FROM t' | ' WHERE a = 1' | sql + ' LIMIT 5'", '']);
  });

  it('keeps a response a response after res.set(name, requestData)', () => {
    const code = `
      app.get('/a', (req, res) => {
        res.set('Location', req.query.next);
        sink(res, 'xss');
      });
    `;
    assert.deepEqual(verdicts(code), ['unknown']);
  });

  it('accepts a prefix check on a path only once the path is normalised', () => {
    const code = `
      app.get('/f', (req, res) => {
        const joined = ROOT + '/' + req.query.f;
        if (joined.startsWith(ROOT)) sink(joined, 'path');
        const resolved = path.resolve(ROOT, req.query.f);
        if (resolved.startsWith(ROOT)) sink(resolved, 'path');
        if (req.query.g.startsWith('/srv/files/')) sink(req.query.g, 'path');
      });
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'safe', 'tainted']);
  });

  it('reads list.map(callback) as what the callback returns', () => {
    const code = `
      app.post('/ids', (req, res) => {
        const ids = req.body.ids;
        sink(ids.map(() => '?').join(','), 'sql');
        sink(ids.map((id) => "'" + id + "'").join(','), 'sql');
        sink(ids.map(Number).join(','), 'sql');
        sink(ids.map(mysql.escape).join(','), 'sql');
        sink(ids.filter(Boolean).join(','), 'sql');
      });
    `;
    assert.deepEqual(verdicts(code), ['safe', 'tainted', 'safe', 'safe', 'tainted']);
  });
});

describe('data flow for regular-expression input (redos)', () => {
  it('treats a length limit or a truncation as safe for redos only', () => {
    const code = `
      app.post('/a', (req, res) => {
        const text = req.body.text;
        if (text.length > 280) return res.sendStatus(413);
        sink(text, 'redos');
        sink(text, 'sql');
      });
      app.post('/b', (req, res) => {
        const text = req.body.text;
        if (text.length <= 280) sink(text, 'redos');
        sink(text, 'redos');
        sink(text.slice(0, 100), 'redos');
        sink(text.slice(1), 'redos');
      });
    `;
    assert.deepEqual(verdicts(code), ['safe', 'tainted', 'safe', 'tainted', 'safe', 'tainted']);
  });

  it('treats parameters of exported functions as untrusted for redos and xml', () => {
    const code = `module.exports = function parse(str, xml) { sink(str, 'redos'); sink(xml, 'xml'); sink(str, 'regex'); };`;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'unknown']);
  });
});

describe('data flow through object state and exported instances', () => {
  it('follows values written to this.<name> into the methods that read them', () => {
    const code = `
      function File(req, res) {
        this.req = req;
        this.init();
      }
      File.prototype = {
        init: function () { this.filePath = '/srv/' + this.req.url; },
        read: function () { sink(this.filePath, 'path'); },
        name: function () { this.label = 'index.html'; sink(this.label, 'path'); },
        other: function () { sink(this.unset, 'path'); },
      };
      module.exports = File;
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'safe', 'unknown']);
  });

  it('reports the request rather than a command-line argument when both reach a value', () => {
    const code = `
      const path = require('path');
      function serve(req, res) { sink(path.join(process.argv[2], req.url), 'path'); }
      http.createServer(serve);
    `;
    assert.deepEqual(sources(code).map((s) => s.split(':')[0]), ['http']);
  });

  it('treats the methods of an exported instance as public, not its constructor', () => {
    const code = `
      module.exports = new (function (defaults) {
        this.setTheme = function (theme) { sink(theme, 'code'); };
        sink(defaults, 'code');
      })({ info: 'white' });
    `;
    // the constructor's own argument is this module's, so it is not an exported parameter
    assert.deepEqual(verdicts(code), ['tainted', 'unknown']);
  });
});

describe('data flow for AWS Lambda handlers', () => {
  it('reads the event of a handler assigned to exports.handler or module.exports.handler as a request', () => {
    const code = `
      exports.handler = async (event) => { sink(JSON.parse(event.body).query, 'nosql'); };
      module.exports.main = function (event) { sink(event.pathParameters.file, 'path'); };
      exports.report = async (event) => { sink(event.body, 'path'); };
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'unknown']);
  });
});

describe('data flow for AWS Lambda events', () => {
  it('treats every field of the event as the caller\'s data except what AWS fills in', () => {
    const code = `
      exports.handler = async (event) => {
        sink('SELECT * FROM t WHERE a = ' + event.arguments[0], 'sql');
        sink(event.id, 'sql');
        sink(event.requestContext.authorizer.claims.sub, 'sql');
        sink(event.pathParameters.id, 'nosql');
      };
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'unknown', 'safe']);
  });
});

describe('data flow for GraphQL resolvers', () => {
  it('reads the arguments of graphql-js and Apollo resolvers as the client\'s data', () => {
    const code = `
      const fields = {
        upload: { args: {}, resolve(parent, args) { sink(args.filePath, 'path'); sink(args.name, 'nosql'); } },
        status: { resolve() { return 'ok'; } },
      };
      const resolvers = {
        Query: { note: (parent, { id }) => sink(id, 'sql') },
        Mutation: { rename(parent, args, context) { sink(context.user, 'sql'); } },
      };
      const config = { resolve: { alias: {} } };
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'safe', 'tainted', 'unknown']);
  });
});

describe('data flow through undeclared (implicit global) variables', () => {
  it('follows a value assigned without a declaration, but leaves host globals alone', () => {
    const code = `
      app.post('/upload', (req, res) => {
        filePath = '/srv/uploads/' + req.body.name;
        sink(filePath, 'path');
        location = req.query.next;
      });
      function later() { sink(filePath, 'path'); sink(location, 'redirect'); }
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'unknown']);
  });
});

describe('data flow for exported factories', () => {
  it('treats the methods of the object an exported factory returns as public', () => {
    const code = `
      module.exports = function create(options) {
        const api = { size(file) { sink(file, 'command'); } };
        return {
          ping(host) { sink(host, 'command'); },
          trace: (host) => sink(host, 'command'),
          helpers: api,
        };
      };
      function internal() { return { run(cmd) { sink(cmd, 'command'); } }; }
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'tainted', 'unknown']);
  });
});

describe('data flow through properties of local object literals', () => {
  it('reads a property as its own value, and a property the literal lacks as not the others', () => {
    const code = `
      app.get('/profile', (req, res) => {
        const user = { user: req.query.name, title: 'Profile' };
        sink(user.name, 'xss');
        sink(user.title, 'xss');
        sink(user.user, 'xss');
      });
    `;
    assert.deepEqual(verdicts(code), ['unknown', 'safe', 'tainted']);
  });

  it('still sees what is written into the object later', () => {
    const code = `
      app.get('/a', (req, res) => {
        const merged = { title: 'x' };
        Object.assign(merged, req.query);
        sink(merged.name, 'xss');
        const opts = { cmd: 'ls' };
        if (req.query.verbose) opts.cmd = req.query.cmd;
        sink(opts.cmd, 'command');
        const nested = { page: {} };
        nested.page.title = req.query.title;
        sink(nested.page, 'xss');
        const options = { cwd: '/srv' };
        _.merge(options, req.body);
        sink(options.shell, 'command');
      });
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'tainted', 'tainted']);
  });
});

describe('data flow for request accessor methods', () => {
  it('reads request.input(), request.all() and req.query() as request data', () => {
    const code = `
      app.get('/a', (req, res) => { sink(req.query('q'), 'xss'); sink(req.param('p'), 'xss'); });
      router.post('/b', async (request, response) => { sink(request.input('name'), 'sql'); sink(request.all(), 'nosql'); sink(request.getPath(), 'nosql'); });
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'tainted', 'tainted', 'safe']);
  });
});

describe('data flow for an undeclared req or request', () => {
  it('treats the free identifiers of test-suite snippets as a request, and a declared one by its value', () => {
    const code = `
      connection.query("SELECT * FROM accounts WHERE dob = '" + req.body.dob + "'");
      sink("SELECT * FROM accounts WHERE dob = '" + req.body.dob + "'", 'sql');
      sink(request.query.url, 'ssrf');
      function local() { const req = { body: { dob: '1970-01-01' } }; sink(req.body.dob, 'sql'); }
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'safe']);
  });
});

describe('data flow for functions attached to an exported function', () => {
  it('treats thenify.withCallback = function (fn) {...} as public when thenify is exported', () => {
    const code = `
      module.exports = thenify;
      function thenify(fn) { return sink(fn.name, 'code'); }
      thenify.withCallback = function (fn, options) { return sink(fn.name, 'code'); };
      const helper = function (fn) { return sink(fn.name, 'code'); };
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'unknown']);
  });
});

describe('data flow through calls on an inline require', () => {
  it('propagates through require("url").parse() and a destructured querystring.parse', () => {
    const code = `
      const { parse } = require('querystring');
      exports.handleRequest = function (root, req, res) {
        const parsed = require('url').parse(req.url);
        sink(root + parsed.pathname, 'path');
        sink(parse(parsed.query).file, 'path');
        sink(require('path').basename(parsed.pathname), 'path');
      };
    `;
    assert.deepEqual(verdicts(code), ['tainted', 'tainted', 'safe']);
  });
});

describe('guards: allow-listed character sets', () => {
  it('judges validator.isWhitelisted by the characters it lets through', () => {
    const code = `
      const validator = require('validator');
      app.post('/calc', (req, res) => {
        const eqn = req.body.eqn;
        if (!validator.isWhitelisted(eqn, '0123456789+-*/()')) return res.sendStatus(400);
        sink(eqn, 'code');
        sink(eqn, 'sql');
      });
      app.get('/file', (req, res) => {
        if (validator.isWhitelisted(req.query.name, 'abcdefghijklmnopqrstuvwxyz./')) sink(req.query.name, 'path');
        if (validator.isWhitelisted(req.query.name, 'abcdefghijklmnopqrstuvwxyz')) sink(req.query.name, 'path');
        if (validator.isWhitelisted(req.query.html, 'abc<>/')) sink(req.query.html, 'xss');
        if (validator.matches(req.query.id, /^[0-9]+$/)) sink(req.query.id, 'sql');
      });
    `;
    assert.deepEqual(verdicts(code), ['safe', 'safe', 'tainted', 'safe', 'tainted', 'safe']);
  });
});
