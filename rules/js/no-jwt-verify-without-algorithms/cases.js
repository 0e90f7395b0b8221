// An identity service that signs RS256 tokens with its private key and checks them with the public
// key. Without an algorithms list, a token marked HS256 and signed with the (public) public key as
// an HMAC secret passes verification in jsonwebtoken before 4.2.2 and with key lookups before 9.
const express = require('express');
const fs = require('fs');
const jwt = require('jsonwebtoken');
const util = require('util');

const router = express.Router();
const privateKey = fs.readFileSync('/etc/identity/keys/signing.key');
const publicKey = fs.readFileSync('/etc/identity/keys/signing.pub.pem');
const verifyAsync = util.promisify(jwt.verify);

router.post('/token', async (req, res) => {
  const user = await login(req.body.username, req.body.password);
  res.json({ token: jwt.sign({ sub: user.id, role: user.role }, privateKey, { algorithm: 'RS256', expiresIn: '1h' }) });
});

function requireUser(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  try {
    // ruleid: no-jwt-verify-without-algorithms
    req.user = jwt.verify(token, publicKey);
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function requireAdmin(req, res, next) {
  // ruleid: no-jwt-verify-without-algorithms
  jwt.verify(req.cookies.token, publicKey, (err, claims) => {
    if (err || claims.role !== 'admin') return res.sendStatus(403);
    next();
  });
}

async function refresh(req, res) {
  // ruleid: no-jwt-verify-without-algorithms
  const claims = await verifyAsync(req.body.refreshToken, publicKey, { issuer: 'auth.acme-corp.com' });
  res.json({ token: jwt.sign({ sub: claims.sub }, privateKey, { algorithm: 'RS256', expiresIn: '1h' }) });
}

// Safe: the accepted algorithms are pinned.
function requireUserPinned(req, res, next) {
  // ok: no-jwt-verify-without-algorithms
  req.user = jwt.verify(req.cookies.token, publicKey, { algorithms: ['RS256'] });
  next();
}

async function login() {
  return { id: 1, role: 'user' };
}

module.exports = { router, requireUser, requireAdmin, refresh, requireUserPinned };
