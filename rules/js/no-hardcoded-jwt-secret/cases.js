const express = require('express');
const jwt = require('jsonwebtoken');
const { expressjwt } = require('express-jwt');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');
const passport = require('passport');
const jwtSimple = require('jwt-simple');
const config = require('./config');

const app = express();
const JWT_SECRET = 'secret';
const SIGNING_KEY = 'a-long-signing-key-that-is-still-in-the-repository';
const FALLBACK_SECRET = process.env.JWT_SECRET || 'dev-secret';

app.post('/login', async (req, res) => {
  const user = await checkPassword(req.body.email, req.body.password);
  // ruleid: no-hardcoded-jwt-secret
  const token = jwt.sign({ sub: user.id, role: user.role }, JWT_SECRET, { expiresIn: '1d' });
  res.json({ token });
});

function authenticate(req, res, next) {
  try {
    // ruleid: no-hardcoded-jwt-secret
    req.user = jwt.verify(req.headers.authorization.slice(7), 'shhhhh', { algorithms: ['HS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

function issueServiceToken(service) {
  // ruleid: no-hardcoded-jwt-secret
  return jwt.sign({ sub: service }, SIGNING_KEY, { algorithm: 'HS512' });
}

// A fallback is reported as an audit finding (shown with --audit): it depends on the deployment.
function issueWithFallback(user) {
  // ok: no-hardcoded-jwt-secret
  return jwt.sign({ sub: user.id }, FALLBACK_SECRET);
}

// ruleid: no-hardcoded-jwt-secret
app.use('/api', expressjwt({ secret: 'my-express-jwt-secret', algorithms: ['HS256'] }));

passport.use(new JwtStrategy({
  jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  // ruleid: no-hardcoded-jwt-secret
  secretOrKey: Buffer.from('changeme'),
  algorithms: ['HS256'],
}, (payload, done) => done(null, payload)));

function legacyToken(payload) {
  // ruleid: no-hardcoded-jwt-secret
  return jwtSimple.encode(payload, 'xxx');
}

const settings = { auth: { jwtSecret: 'abc123', expiresIn: '1h' } };
function issueFromSettings(user) {
  // ruleid: no-hardcoded-jwt-secret
  return jwt.sign({ sub: user.id }, settings.auth.jwtSecret, { expiresIn: settings.auth.expiresIn });
}

// Known gap: a secret in a configuration module is not followed across files.
function issueFromConfigModule(user) {
  // todoruleid: no-hardcoded-jwt-secret
  return jwt.sign({ sub: user.id }, require('./hardcoded-config').jwtSecret);
}

// Safe: secrets from the environment, configuration or a key file.
function issue(user) {
  // ok: no-hardcoded-jwt-secret
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
}
// ok: no-hardcoded-jwt-secret
app.use('/v2', expressjwt({ secret: config.jwt.secret, algorithms: ['HS256'] }));
function verifyWithPublicKey(token, publicKey) {
  // ok: no-hardcoded-jwt-secret
  return jwt.verify(token, publicKey, { algorithms: ['RS256'] });
}
// ok: no-hardcoded-jwt-secret
const decoded = jwt.decode('header.payload.signature');

async function checkPassword() {
  return { id: 1, role: 'user' };
}

module.exports = { app, issueFromSettings, issueFromConfigModule, authenticate, issueServiceToken, issueWithFallback, legacyToken, issue, verifyWithPublicKey, decoded };
