const express = require('express');
const escapeHtml = require('escape-html');
const he = require('he');
const validator = require('validator');

const app = express();
const router = express.Router();

router.get('/greeting', (req, res) => {
  const { name } = req.query;
  // ruleid: no-reflected-xss
  res.send('<h1>Hello, ' + name + '</h1>');
});

router.get('/search', (req, res) => {
  const term = req.query.q;
  const heading = `<h2>Results for ${term}</h2>`;
  const page = '<html><body>' + heading + '<ul></ul></body></html>';
  // ruleid: no-reflected-xss
  res.status(200).send(page);
});

app.get('/error', function (req, res) {
  // ruleid: no-reflected-xss
  res.status(404).send(`No product ${req.params.id}`);
});

app.get('/echo', (req, res) => {
  // ruleid: no-reflected-xss
  res.send(req.query.message);
});

app.get('/stream', (req, res) => {
  res.write('<html><body>');
  // ruleid: no-reflected-xss
  res.write('<p>' + req.query.comment + '</p>');
  // ruleid: no-reflected-xss
  res.end(req.get('Referer'));
});

app.get('/whoami', (req, res) => {
  // A cross-site request cannot set the victim's other headers or cookies.
  // ok: no-reflected-xss
  res.send('<p>Your browser: ' + req.get('User-Agent') + '</p>');
  // ok: no-reflected-xss
  res.send(`<p>Theme: ${req.cookies.theme}</p>`);
});

app.get('/html', (req, res) => {
  res.type('html');
  // ruleid: no-reflected-xss
  res.end('Hello ' + req.query.name);
});

// Escaping, JSON, plain text and numbers are safe.
router.get('/greeting/safe', (req, res) => {
  const { name } = req.query;
  // ok: no-reflected-xss
  res.send('<h1>Hello, ' + escapeHtml(name) + '</h1>');
  // ok: no-reflected-xss
  res.write(`<p>${he.encode(req.query.comment)}</p>`);
  // ok: no-reflected-xss
  res.end('<p>' + validator.escape(req.query.note) + '</p>');
});

app.get('/api/user', (req, res) => {
  // ok: no-reflected-xss
  res.json({ name: req.query.name });
  // ok: no-reflected-xss
  res.send({ name: req.query.name });
  // ok: no-reflected-xss
  res.send(req.query);
  // ok: no-reflected-xss
  res.send([req.params.id]);
});

app.get('/text', (req, res) => {
  // ok: no-reflected-xss
  res.type('text').send('You searched for ' + req.query.q);
  res.set('Content-Type', 'text/plain; charset=utf-8');
  // ok: no-reflected-xss
  res.send(`Echo: ${req.query.q}`);
});

app.get('/plain-headers', (req, res) => {
  res.setHeader('Content-Type', 'application/json');
  // ok: no-reflected-xss
  res.end(JSON.stringify({ q: req.query.q }));
});

app.get('/count', (req, res) => {
  const page = parseInt(req.query.page, 10);
  // ok: no-reflected-xss
  res.send('<p>Page ' + page + '</p>');
  // ok: no-reflected-xss
  res.status(201).send('<p>Created</p>');
});

app.get('/plain-stream', (req, res) => {
  // Without a content type, text that does not start with markup is not rendered as HTML.
  // ok: no-reflected-xss
  res.end('Your id is ' + req.query.id);
});

app.get('/stream-page', (req, res) => {
  // Markup in the text means the page is served as HTML, whatever sets its type.
  const greeting = 'Hello ' + req.query.name;
  // ruleid: no-reflected-xss
  res.write('<br>Response</br>' + greeting);
  // ruleid: no-reflected-xss
  res.end('Results</br>' + req.query('term'));
});

app.get('/greeting', (req, res) => {
  const user = { user: req.query.name };
  // user.name is undefined: the object holds the request value under .user
  // ok: no-reflected-xss
  res.send('<p>Hello ' + user.name + '</p>');
  // ruleid: no-reflected-xss
  res.send('<p>Hello ' + user.user + '</p>');
});

// A list that only ever holds arrays is sent as JSON, whatever the messages in it say.
let messages = [];
app.post('/chat', (req, res) => {
  const message = { icon: 'wave' };
  Object.assign(message, req.body.message, { at: Date.now() });
  messages.push(message);
  messages = messages.slice(-100);
  // ok: no-reflected-xss
  res.send(messages);
});

app.get('/render', (req, res) => {
  // Templates escape by default.
  // ok: no-reflected-xss
  res.render('search', { term: req.query.q });
});

app.use('/', router);
app.listen(3000);
