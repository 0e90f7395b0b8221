// An auth service that issues and checks its own tokens with a shared secret (the default, HS256).
// With a secret string jsonwebtoken accepts only HS256/384/512, so no token can switch to a public
// key or to `none`: a missing algorithms list is reported only as an audit finding (hardening).
const express = require('express');
const jwt = require('jsonwebtoken');
const util = require('util');

const router = express.Router();
const SECRET = process.env.JWT_SECRET;
const verifyAsync = util.promisify(jwt.verify);

router.post('/token', async (req, res) => {
  const user = await login(req.body.username, req.body.password);
  res.json({ token: jwt.sign({ sub: user.id, role: user.role }, SECRET, { expiresIn: '1h' }) });
});

function requireUser(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  try {
    // ok: no-jwt-verify-without-algorithms
    req.user = jwt.verify(token, SECRET);
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function requireAdmin(req, res, next) {
  // ok: no-jwt-verify-without-algorithms
  jwt.verify(req.cookies.token, SECRET, (err, claims) => {
    if (err || claims.role !== 'admin') return res.sendStatus(403);
    next();
  });
}

async function refresh(req, res) {
  // ok: no-jwt-verify-without-algorithms
  const claims = await verifyAsync(req.body.refreshToken, SECRET, { issuer: 'auth.acme-corp.com' });
  res.json({ token: jwt.sign({ sub: claims.sub }, SECRET, { expiresIn: '1h' }) });
}

// Safe: the accepted algorithms are pinned.
function requireUserPinned(req, res, next) {
  // ok: no-jwt-verify-without-algorithms
  req.user = jwt.verify(req.cookies.token, SECRET, { algorithms: ['HS256'] });
  next();
}

const VERIFY_OPTIONS = { algorithms: ['HS256'], issuer: 'auth.acme-corp.com' };
function requireUserShared(req, res, next) {
  // ok: no-jwt-verify-without-algorithms
  req.user = jwt.verify(req.cookies.token, SECRET, VERIFY_OPTIONS);
  next();
}

// Options built elsewhere cannot be judged here.
function requireUserWith(options) {
  // ok: no-jwt-verify-without-algorithms
  return (req, res, next) => jwt.verify(req.cookies.token, SECRET, options, next);
}

// A verify method of some other object.
const signer = { verify: (a, b) => a === b };
// ok: no-jwt-verify-without-algorithms
signer.verify('a', 'b');

async function login() {
  return { id: 1, role: 'user' };
}

// A secret from the configuration is a secret too.
const config = { jwt: { secret: process.env.JWT_SECRET, issuer: 'auth.acme-corp.com' } };
function requireMember(req, res, next) {
  const options = { expiresIn: '2d', issuer: config.jwt.issuer };
  // ok: no-jwt-verify-without-algorithms
  req.user = jwt.verify(req.headers.authorization.split(' ')[1], config.jwt.secret, options);
  next();
}

module.exports = { requireMember, router, requireUser, requireAdmin, refresh, requireUserPinned, requireUserShared, requireUserWith };
