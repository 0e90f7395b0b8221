const express = require('express');
const jwt = require('jsonwebtoken');
const { expressjwt } = require('express-jwt');
const passport = require('passport');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');

const app = express();
const SECRET = process.env.JWT_SECRET;
const ACCEPTED_ALGORITHMS = ['HS256', 'none'];

function authenticate(req, res, next) {
  const token = req.headers.authorization.replace('Bearer ', '');
  // ruleid: no-jwt-none-algorithm
  jwt.verify(token, SECRET, { algorithms: ['HS256', 'none'] }, (err, claims) => {
    if (err) return res.sendStatus(401);
    req.user = claims;
    next();
  });
}

function authenticateLegacy(req) {
  // ruleid: no-jwt-none-algorithm
  return jwt.verify(req.cookies.token, SECRET, { algorithms: ACCEPTED_ALGORITHMS });
}

function readClaims(req) {
  // ruleid: no-jwt-none-algorithm
  return jwt.verify(req.cookies.token, null);
}

function issueGuestToken(user) {
  // ruleid: no-jwt-none-algorithm
  return jwt.sign({ sub: user.id, role: 'guest' }, '', { algorithm: 'none' });
}

// ruleid: no-jwt-none-algorithm
app.use('/api', expressjwt({ secret: SECRET, algorithms: ['NONE'] }));

passport.use(new JwtStrategy({
  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  secretOrKey: SECRET,
  // ruleid: no-jwt-none-algorithm
  algorithms: ['none', 'HS512'],
}, (payload, done) => done(null, payload)));

// Safe: an explicit list of real algorithms.
function authenticateSafely(req, res, next) {
  try {
    // ok: no-jwt-none-algorithm
    req.user = jwt.verify(req.cookies.token, SECRET, { algorithms: ['HS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

// ok: no-jwt-none-algorithm
app.use('/admin', expressjwt({ secret: SECRET, algorithms: ['HS256'] }));

function issueToken(user) {
  // ok: no-jwt-none-algorithm
  return jwt.sign({ sub: user.id }, SECRET, { algorithm: 'HS256', expiresIn: '15m' });
}

function verifyWithKey(token, publicKey) {
  // ok: no-jwt-none-algorithm
  return jwt.verify(token, publicKey, { algorithms: ['RS256'] });
}

module.exports = { authenticate, authenticateLegacy, readClaims, issueGuestToken, authenticateSafely, issueToken, verifyWithKey };
