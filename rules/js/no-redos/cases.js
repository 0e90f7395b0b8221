const express = require('express');
const { body, validationResult } = require('express-validator');

const app = express();
app.use(express.json());

// A hand-written email check: the inner [a-z0-9]+ and the optional separator let the outer
// group split a long run of letters in exponentially many ways before '@' fails to match.
// ruleid: no-redos
const EMAIL = /^([a-zA-Z0-9]+[-._]?)+@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

app.post('/signup', (req, res) => {
  if (!EMAIL.test(req.body.email)) return res.status(400).send('bad email');
  res.sendStatus(201);
});

app.get('/tags', (req, res) => {
  // ruleid: no-redos
  const valid = /^(\w+\s?)*$/.test(req.query.tags);
  res.json({ valid });
});

app.get('/quote', (req, res) => {
  // A string literal with the escape alternative overlapping the plain-character class.
  // ruleid: no-redos
  const literal = req.query.q.match(/"((?:\\.|[^"])*)"/);
  res.json({ literal: literal && literal[1] });
});

app.get('/agent', (req, res) => {
  const ua = req.headers['user-agent'] || '';
  // Two adjacent repetitions over the same characters, then a part that can fail: quadratic.
  // ruleid: no-redos
  const version = /^Mozilla\/[\d.]+\s*\d+\s*\(([^)]*)\)$/.exec(ua);
  res.json({ platform: version ? version[1] : null });
});

app.post('/comment', (req, res) => {
  // The classic trim: an unanchored \s+$ is rescanned from every start position.
  // ruleid: no-redos
  const text = req.body.text.replace(/\s+$/, '');
  res.json({ text });
});

// ok: no-redos
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
app.get('/posts/:slug', (req, res) => {
  if (!SLUG.test(req.params.slug)) return res.sendStatus(404);
  res.send('post');
});

app.get('/search', (req, res) => {
  // ok: no-redos
  const words = req.query.q.split(/\s*,\s*/);
  // ok: no-redos
  const safeEmail = /^[^\s@]+@example\.com$/.test(req.query.email);
  res.json({ words, safeEmail });
});

app.post('/bio', (req, res) => {
  const bio = req.body.bio;
  if (typeof bio !== 'string' || bio.length > 280) return res.status(400).send('too long');
  // A quadratic pattern on input limited to 280 characters stays fast.
  // ok: no-redos
  const trimmed = bio.replace(/[ \t]+$/, '');
  res.json({ trimmed });
});

app.get('/version', (req, res) => {
  // Exponential in theory, but only ever run on a constant.
  // ok: no-redos
  const parts = /^(\d+\.?)+$/.exec('1.2.3');
  res.json({ parts });
});

// Patterns handed to a validation library run on request data we cannot follow.
app.post(
  '/profile',
  // ruleid: no-redos
  body('nickname').matches(/^([a-z]+\d*)+$/i),
  // ok: no-redos
  body('zip').matches(/^\d{5}(?:-\d{4})?$/),
  (req, res) => {
    const errors = validationResult(req);
    res.json({ ok: errors.isEmpty() });
  },
);

// Known gap: a leading repetition rescanned from every start position, with a part that can fail
// later (moment's aspNetRegex): quadratic, but only trailing runs before $ are recognised.
app.get('/duration', (req, res) => {
  // todoruleid: no-redos
  const parts = /(-)?(?:(\d*)\.)?(\d+):(\d+)(?::(\d+)\.?(\d{3})?)?/.exec(req.query.d);
  res.json({ parts });
});

app.listen(3000);
