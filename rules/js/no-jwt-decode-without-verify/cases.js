const express = require('express');
const jwt = require('jsonwebtoken');
const jwtSimple = require('jwt-simple');
const jwksClient = require('jwks-rsa');

const app = express();
const client = jwksClient({ jwksUri: 'https://login.acme-corp.com/.well-known/jwks.json' });

// Middleware that "authenticates" by reading the claims only.
function currentUser(req, res, next) {
  const token = req.headers.authorization && req.headers.authorization.split(' ')[1];
  if (!token) return res.sendStatus(401);
  // ruleid: no-jwt-decode-without-verify
  const claims = jwt.decode(token);
  req.user = { id: claims.sub, role: claims.role };
  next();
}

app.delete('/admin/users/:id', (req, res) => {
  // ruleid: no-jwt-decode-without-verify
  const { role } = jwt.decode(req.cookies.access_token);
  if (role !== 'admin') return res.sendStatus(403);
  res.sendStatus(204);
});

function userIdFrom(token) {
  // ruleid: no-jwt-decode-without-verify
  return jwt.decode(token).sub;
}
app.get('/orders', (req, res) => {
  res.json(findOrders(userIdFrom(req.query.token)));
});

app.get('/legacy', (req, res) => {
  // ruleid: no-jwt-decode-without-verify
  const claims = jwtSimple.decode(req.headers['x-token'], process.env.JWT_SECRET, true);
  res.json(claims);
});

// Safe: verify, then use the claims.
app.get('/me', (req, res) => {
  try {
    const claims = jwt.verify(req.cookies.access_token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    res.json({ id: claims.sub });
  } catch {
    res.sendStatus(401);
  }
});

// Safe: decode only to find the signing key, then verify with it.
function authenticateWithJwks(req, res, next) {
  const token = req.headers.authorization.slice(7);
  // ok: no-jwt-decode-without-verify
  const decoded = jwt.decode(token, { complete: true });
  client.getSigningKey(decoded.header.kid, (err, key) => {
    if (err) return next(err);
    req.user = jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'] });
    next();
  });
}

// Safe: reading the expiry of a token we are about to refresh.
app.post('/refresh', (req, res) => {
  // ok: no-jwt-decode-without-verify
  const expiresAt = jwt.decode(req.body.token).exp;
  res.json({ refreshIn: expiresAt * 1000 - Date.now() });
});

// Safe: decoding a token this server just issued (not request data).
function issue(user) {
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
  // ok: no-jwt-decode-without-verify
  const { exp } = jwt.decode(token);
  return { token, exp };
}

// Safe: jwt-simple decodes and verifies by default.
app.get('/simple', (req, res) => {
  // ok: no-jwt-decode-without-verify
  res.json(jwtSimple.decode(req.headers['x-token'], process.env.JWT_SECRET));
});

function findOrders() {
  return [];
}

module.exports = { app, currentUser, authenticateWithJwks, issue };
