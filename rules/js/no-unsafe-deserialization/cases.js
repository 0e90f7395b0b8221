const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');
const { deserialize } = require('serialize-to-js');
const funcster = require('funcster');
const Cryo = require('cryo');
const BSON = require('bson');
const serializeJs = require('serialize-javascript');

const app = express();
app.use(cookieParser());
app.use(express.json());

// The textbook node-serialize RCE: the profile cookie is base64 JSON with a function in it.
app.get('/profile', (req, res) => {
  const raw = Buffer.from(req.cookies.profile, 'base64').toString();
  // ruleid: no-unsafe-deserialization
  const profile = serialize.unserialize(raw);
  res.send(`Hello ${profile.username}`);
});

app.post('/import', (req, res) => {
  // ruleid: no-unsafe-deserialization
  const settings = deserialize(req.body.settings);
  // ruleid: no-unsafe-deserialization
  const widgets = funcster.deepDeserialize(req.body.widgets);
  // ruleid: no-unsafe-deserialization
  const state = Cryo.parse(req.body.state);
  res.json({ settings, widgets, state });
});

app.post('/bson', express.raw({ type: 'application/bson' }), (req, res) => {
  // ruleid: no-unsafe-deserialization
  const doc = BSON.deserialize(req.body, { evalFunctions: true });
  // ok: no-unsafe-deserialization
  const plain = BSON.deserialize(req.body);
  res.json({ doc, plain });
});

app.get('/state', (req, res) => {
  // ruleid: no-unsafe-deserialization
  const state = serializeJs({ query: req.query.q }, { unsafe: true });
  // ok: no-unsafe-deserialization
  const escaped = serializeJs({ query: req.query.q });
  // ok: no-unsafe-deserialization
  const constant = serializeJs({ version: 3 }, { unsafe: true });
  res.send(`<script>window.__STATE__ = ${state}; window.__Q__ = ${escaped}; window.__V__ = ${constant}</script>`);
});

app.get('/prefs', (req, res) => {
  // JSON.parse never creates functions.
  // ok: no-unsafe-deserialization
  const prefs = JSON.parse(req.cookies.prefs || '{}');
  // A server-side constant cannot be crafted by anyone.
  // ok: no-unsafe-deserialization
  const defaults = serialize.unserialize('{"theme":"light"}');
  res.json({ ...defaults, ...prefs });
});

app.listen(3000);
