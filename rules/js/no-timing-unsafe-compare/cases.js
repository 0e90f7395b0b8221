const express = require('express');
const crypto = require('crypto');
const bcrypt = require('bcrypt');
const db = require('./db');

const app = express();
const API_KEY = process.env.API_KEY;
const ADMIN_KEY = 'adm-8d1f0c2e-static';

app.post('/webhooks/github', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.get('X-Hub-Signature-256');
  const expected = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('hex');
  // ruleid: no-timing-unsafe-compare
  if (signature !== expected) return res.sendStatus(401);
  res.sendStatus(204);
});

app.use('/api', (req, res, next) => {
  // ruleid: no-timing-unsafe-compare
  if (req.headers['x-api-key'] !== API_KEY) return res.sendStatus(401);
  next();
});

app.use('/admin', (req, res, next) => {
  // ruleid: no-timing-unsafe-compare
  if (req.headers['x-admin-key'] === ADMIN_KEY) return next();
  res.sendStatus(403);
});

app.post('/reset-password', async (req, res) => {
  const user = await db.users.findByEmail(req.body.email);
  // ruleid: no-timing-unsafe-compare
  if (!user || user.resetToken !== req.body.token) return res.sendStatus(400);
  res.sendStatus(204);
});

app.post('/transfer', (req, res) => {
  // ruleid: no-timing-unsafe-compare
  if (req.session.csrfToken != req.body._csrf) return res.sendStatus(403);
  res.sendStatus(200);
});

// Library code: a signature check exported for callers.
function verifyPayload(payload, signature, secret) {
  const digest = crypto.createHmac('sha1', secret).update(payload).digest('base64');
  // ruleid: no-timing-unsafe-compare
  return digest === signature;
}

// A password check against a stored PBKDF2 hash.
function checkPassword(stored, password) {
  const [salt, hash] = stored.split(':');
  const derived = crypto.pbkdf2Sync(password, salt, 100000, 64, 'sha512').toString('hex');
  // ruleid: no-timing-unsafe-compare
  return derived === hash;
}

// Library code: callers pass the token they received.
module.exports.isServiceToken = function isServiceToken(token) {
  // ruleid: no-timing-unsafe-compare
  return token === process.env.SERVICE_TOKEN;
};

// Safe: an ETag is a hash of content the client may read anyway.
app.get('/report', (req, res) => {
  const body = JSON.stringify({ total: 42 });
  const etag = crypto.createHash('md5').update(body).digest('hex');
  // ok: no-timing-unsafe-compare
  if (req.headers['if-none-match'] === etag) return res.sendStatus(304);
  res.set('ETag', etag).send(body);
});

// Safe: constant-time comparison.
app.post('/webhooks/stripe', (req, res) => {
  const expected = Buffer.from(crypto.createHmac('sha256', process.env.STRIPE_SECRET).update(req.body).digest('hex'));
  const received = Buffer.from(String(req.get('Stripe-Signature')));
  // ok: no-timing-unsafe-compare
  if (received.length !== expected.length || !crypto.timingSafeEqual(received, expected)) return res.sendStatus(401);
  res.sendStatus(204);
});

app.post('/login', async (req, res) => {
  const user = await db.users.findByEmail(req.body.email);
  // ok: no-timing-unsafe-compare
  if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) return res.sendStatus(401);
  res.json({ ok: true });
});

// Safe: not secrets.
app.get('/items', (req, res) => {
  // ok: no-timing-unsafe-compare
  if (req.query.sort === 'price') return res.json([]);
  // ok: no-timing-unsafe-compare
  if (req.headers.authorization === undefined) return res.sendStatus(401);
  // ok: no-timing-unsafe-compare
  if (req.body.password !== req.body.confirmPassword) return res.sendStatus(400);
  // ok: no-timing-unsafe-compare
  if (req.user.tokenType !== 'Bearer') return res.sendStatus(400);
  res.json([]);
});

// Safe for this rule: a value written at the comparison is no secret to time (a demo account here;
// a real password written in the code is a hard-coded credential, which other rules report).
app.post('/login/demo', (req, res) => {
  // ok: no-timing-unsafe-compare
  if (req.body.email === 'demo@acme-corp.com' && req.body.password === 'demo1234') return res.json({ demo: true });
  res.sendStatus(401);
});

// Safe: a test vector compared with a digest.
// ok: no-timing-unsafe-compare
console.assert(crypto.createHmac('sha256', 'key').update('data').digest('hex') === '5031fe3d989c6d1537a013fa6e739da23463fdaec3b70137d828e36ace221bd0');

module.exports.app = app;
module.exports.verifyPayload = verifyPayload;
module.exports.checkPassword = checkPassword;
