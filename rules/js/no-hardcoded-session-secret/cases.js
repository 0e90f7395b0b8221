const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const cookieSession = require('cookie-session');
const crypto = require('crypto');
const config = require('./config');

const app = express();

// ruleid: no-hardcoded-session-secret
app.use(cookieParser('kekse'));

app.use(session({
  // ruleid: no-hardcoded-session-secret
  secret: 'keyboard cat',
  resave: false,
  saveUninitialized: true,
}));

const SESSION_OPTIONS = {
  name: 'sid',
  // Fallbacks are audit findings (shown with --audit): whether the variable is set depends on the deployment.
  // ok: no-hardcoded-session-secret
  secret: process.env.SESSION_SECRET || 'dev-only-secret',
  cookie: { httpOnly: true, secure: true },
};
app.use(session(SESSION_OPTIONS));

const COOKIE_KEYS = ['rotate-me-1', 'rotate-me-2'];
app.use(cookieSession({
  name: 'session',
  // ruleid: no-hardcoded-session-secret
  keys: COOKIE_KEYS,
}));

// ruleid: no-hardcoded-session-secret
app.use(session({ secret: ['new secret', process.env.OLD_SESSION_SECRET] }));

const isProduction = process.env.NODE_ENV === 'production';
// ok: no-hardcoded-session-secret
app.use(cookieParser(isProduction ? process.env.COOKIE_SECRET : 'local-cookie-secret'));

const appConfig = { session: { secret: 'session-secret', maxAge: 3600000 } };
// ruleid: no-hardcoded-session-secret
app.use(session({ secret: appConfig.session.secret, cookie: { maxAge: appConfig.session.maxAge } }));

// Safe: secrets come from the environment, configuration or a secret manager.
// ok: no-hardcoded-session-secret
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// ok: no-hardcoded-session-secret
app.use(cookieParser(config.cookieSecret));
// ok: no-hardcoded-session-secret
app.use(cookieSession({ keys: [process.env.COOKIE_KEY_NEW, process.env.COOKIE_KEY_OLD] }));
// ok: no-hardcoded-session-secret
app.use(session({ secret: crypto.randomBytes(32).toString('hex') }));
// ok: no-hardcoded-session-secret
app.use(cookieParser());

// Not a session: a field called secret in another library's options.
// ok: no-hardcoded-session-secret
const totp = { secret: 'JBSWY3DPEHPK3PXP', digits: 6 };

module.exports = { app, totp };
