const express = require('express');
const vm = require('node:vm');
const { VM, NodeVM } = require('vm2');

const app = express();
app.use(express.json());

// A "calculator" endpoint, the classic eval injection.
app.get('/calc', (req, res) => {
  // ruleid: no-code-injection
  const result = eval('(' + req.query.formula + ')');
  res.json({ result });
});

app.post('/rules/preview', (req, res) => {
  const { condition } = req.body;
  // ruleid: no-code-injection
  const predicate = new Function('order', `return (${condition});`);
  res.json({ matches: predicate(req.body.order) });
});

app.post('/sandbox', (req, res) => {
  const sandbox = { result: null };
  // ruleid: no-code-injection
  vm.runInNewContext(req.body.script, sandbox, { timeout: 50 });
  res.json(sandbox);
});

app.post('/script', (req, res) => {
  const source = buildScript(req.body.expr);
  // ruleid: no-code-injection
  const script = new vm.Script(source);
  res.json({ value: script.runInNewContext({}) });
});

function buildScript(expr) {
  return 'result = ' + expr + ';';
}

app.post('/plugins/run', async (req, res) => {
  const runner = new NodeVM({ console: 'off' });
  // ruleid: no-code-injection
  const out = runner.run(req.body.plugin, 'plugin.js');
  const sandbox = new VM({ timeout: 100 });
  // ruleid: no-code-injection
  const value = sandbox.run(`(${req.body.expression})`);
  res.json({ out, value });
});

app.get('/jsonp-ish', (req, res) => {
  // Indirect eval still evaluates the string.
  // ruleid: no-code-injection
  const data = (0, eval)(req.query.data);
  res.json(data);
});

// An old mathjs (its evaluator was called eval before v6) let expressions escape to JavaScript.
const mathjs = require('mathjs');
app.post('/calculator', (req, res) => {
  // ruleid: no-code-injection
  res.json({ output: mathjs.eval(req.body.eqn) });
  // ok: no-code-injection
  res.json({ output: mathjs.evaluate(req.body.eqn) });
});

// Safe: the value is a number, an allow-listed name, or data embedded with JSON.stringify.
const OPERATIONS = { add: 'a + b', sub: 'a - b', mul: 'a * b' };

app.get('/op', (req, res) => {
  const a = parseInt(req.query.a, 10);
  const b = Number(req.query.b);
  // ok: no-code-injection
  const fn = new Function('a', 'b', 'return ' + OPERATIONS[req.query.op] + ';');
  // ok: no-code-injection
  const sum = eval(a + '+' + b);
  res.json({ value: fn(a, b), sum });
});

app.get('/greeting.js', (req, res) => {
  // ok: no-code-injection
  const render = new Function('return "Hello, " + ' + JSON.stringify(req.query.name) + ';');
  res.type('js').send(render());
});

app.get('/field', (req, res) => {
  const field = req.query.field;
  if (!/^[A-Za-z_$][\w$]*$/.test(field)) return res.status(400).end();
  // ok: no-code-injection
  const getter = new Function('row', 'return row.' + field + ';');
  res.json({ field, sample: getter({}) });
});

app.get('/health', (req, res) => {
  // ok: no-code-injection
  const globalObject = Function('return this')();
  // ok: no-code-injection
  setTimeout(() => res.json({ ok: !!globalObject }), 10);
});

app.get('/parse', (req, res) => {
  // ok: no-code-injection
  const parsed = JSON.parse(req.query.json);
  res.json(parsed);
});

// Library code: a tiny template compiler whose template callers pass in.
module.exports.compile = function compile(template) {
  const body = 'return `' + template.replace(/`/g, '\\`') + '`;';
  // ruleid: no-code-injection
  return new Function('data', 'with (data) { ' + body + ' }');
};

module.exports.evaluate = function evaluate(expression, scope) {
  // ruleid: no-code-injection
  return vm.runInContext(expression, vm.createContext(scope));
};

// A headless browser rendering previews: strings handed to the page run as script there.
const puppeteer = require('puppeteer');

app.post('/preview', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  const theme = req.body.theme;
  // ruleid: no-code-injection
  await page.evaluateOnNewDocument(`window.THEME = ${theme};`);
  // ruleid: no-code-injection
  await page.evaluate('document.title = "' + req.body.title + '"');
  // ruleid: no-code-injection
  await page.addScriptTag({ content: req.body.script });
  // A function is sent as its own source; the request value travels as a serialised argument.
  // ok: no-code-injection
  await page.evaluate((title) => { document.title = title; }, req.body.title);
  // ok: no-code-injection
  await page.addScriptTag({ url: 'https://cdn.example.com/render.js' });
  // ok: no-code-injection
  await page.evaluate(`document.title = ${JSON.stringify(req.body.title)}`);
  const pdf = await page.pdf();
  await browser.close();
  res.type('pdf').send(pdf);
});

// Library code: a helper that runs whatever the caller wants in the page, usually a function.
module.exports.inPage = async function inPage(page, fn, ...args) {
  // ok: no-code-injection
  return page.evaluate(fn, ...args);
};

// XPath's document.evaluate() and mathjs' evaluate() are not page scripts.
app.get('/xpath', (req, res) => {
  const math = require('mathjs');
  // ok: no-code-injection
  res.json({ value: math.evaluate(req.query.expr) });
});

app.listen(3000);
