const express = require('express');
const escapeStringRegexp = require('escape-string-regexp');
const _ = require('lodash');
const User = require('./models/user');
const Product = require('./models/product');
const Note = require('./models/note');
const router = require('./routes');

const app = express();
const SORT_FIELDS = ['name', 'createdAt'];

app.get('/users/search', async (req, res) => {
  // ruleid: no-regex-injection
  const users = await User.find({ name: new RegExp(req.query.name, 'i') });
  res.json(users);
});

app.get('/products/search', async (req, res) => {
  // MongoDB compiles $regex on the server and runs it on every document.
  // ruleid: no-regex-injection
  const products = await Product.find({ name: { $regex: req.query.q, $options: 'i' } });
  // ok: no-regex-injection
  const safe = await Product.find({ name: { $regex: escapeStringRegexp(req.query.q), $options: 'i' } });
  res.json({ products, safe });
});

app.get('/logs', (req, res) => {
  const term = req.query.term;
  // ruleid: no-regex-injection
  const matcher = new RegExp('^' + term + '.*$', 'm');
  res.json(readLog().filter((line) => matcher.test(line)));
});

app.get('/highlight', (req, res) => {
  const { word } = req.query;
  // ruleid: no-regex-injection
  const html = req.body.text.replace(RegExp(`\\b${word}\\b`, 'g'), '<mark>$&</mark>');
  res.send(html);
});

app.get('/grep', (req, res) => {
  // A string argument to match() is compiled as a regular expression too.
  // ruleid: no-regex-injection
  const found = readLog().join('\n').match(req.query.pattern);
  res.json({ found: !!found });
});

app.get('/notes/search', async (req, res) => {
  const note = await Note.findById(req.params.id);
  const body = note.title + '\n' + note.text;
  // ruleid: no-regex-injection
  const at = body.toLowerCase().search(req.query.term);
  // A model's or a search index's own search() and a router's match() take the text as data.
  // ok: no-regex-injection
  const hits = await Note.search(req.query.term);
  // ok: no-regex-injection
  const route = router.match(req.query.path);
  res.json({ at, hits, route });
});

app.get('/users/find', async (req, res) => {
  // ok: no-regex-injection
  const byLib = new RegExp(escapeStringRegexp(req.query.name), 'i');
  // ok: no-regex-injection
  const byLodash = new RegExp('^' + _.escapeRegExp(req.query.prefix));
  const escaped = req.query.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // ok: no-regex-injection
  const byHand = new RegExp(escaped, 'i');
  res.json(await User.find({ $or: [{ name: byLib }, { name: byLodash }, { email: byHand }] }));
});

app.get('/users/sorted', async (req, res) => {
  const field = req.query.field;
  if (!SORT_FIELDS.includes(field)) return res.sendStatus(400);
  // ok: no-regex-injection
  const pattern = new RegExp(`^${field}$`);
  res.json({ pattern: pattern.source });
});

app.get('/codes/:code', (req, res) => {
  const code = req.params.code;
  if (!/^[A-Z0-9]{4,8}$/.test(code)) return res.sendStatus(400);
  // ok: no-regex-injection
  res.json({ ok: new RegExp(code).test('ABCD1234') });
});

app.get('/split', (req, res) => {
  // split() and replace() take a string argument literally.
  // ok: no-regex-injection
  const parts = req.query.list.split(req.query.separator);
  // ok: no-regex-injection
  const flags = new RegExp('\\s+', 'g');
  res.json({ parts, flags: flags.flags });
});

function readLog() {
  return ['GET /', 'POST /login'];
}

app.listen(3000);
