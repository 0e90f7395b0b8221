const express = require('express');
const session = require('express-session');
const cookieSession = require('cookie-session');
const cookie = require('cookie');
const jwt = require('jsonwebtoken');

const app = express();

app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
  cookie: {
    // ruleid: no-insecure-cookie
    secure: false,
    // ruleid: no-insecure-cookie
    httpOnly: false,
    maxAge: 3600000,
  },
}));

app.use(cookieSession({
  name: 'session',
  keys: [process.env.COOKIE_KEY],
  // ruleid: no-insecure-cookie
  httpOnly: false,
}));

app.post('/login', async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
  // ruleid: no-insecure-cookie
  res.cookie('token', token);
  // ruleid: no-insecure-cookie
  res.cookie('refresh_token', user.refreshToken, { maxAge: 30 * 24 * 3600 * 1000, path: '/auth/refresh' });
  // ruleid: no-insecure-cookie
  res.cookie('sid', user.sessionId, { httpOnly: true });
  // ruleid: no-insecure-cookie
  res.cookie('jwt', token, {});
  res.json({ ok: true });
});

app.get('/remember', (req, res) => {
  const value = jwt.sign({ sub: req.user.id }, process.env.JWT_SECRET);
  // ruleid: no-insecure-cookie
  res.cookie('u', value, { httpOnly: true, secure: false });
  const opts = { maxAge: 86400000 };
  // ruleid: no-insecure-cookie
  res.cookie('remember_me', req.user.rememberToken, opts);
  // ruleid: no-insecure-cookie
  res.setHeader('Set-Cookie', cookie.serialize('session', req.sessionID, { path: '/' }));
  res.end();
});

app.get('/sso', (req, res) => {
  // ruleid: no-insecure-cookie
  res.cookie('auth', req.user.token, { httpOnly: true, secure: true, sameSite: 'none', ...{ secure: false } });
  res.end();
});

// Safe: the flags a session cookie needs.
app.post('/login2', (req, res) => {
  const token = jwt.sign({ sub: req.user.id }, process.env.JWT_SECRET);
  // ok: no-insecure-cookie
  res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600000 });
  const cookieOptions = { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' };
  // ok: no-insecure-cookie
  res.cookie('session', token, cookieOptions);
  // ok: no-insecure-cookie
  res.cookie('session_id', token, { ...cookieOptions, maxAge: 60000 });
  // A spread of the object being defined (a typo for another name) cannot be read, so stay quiet.
  const looped = { ...looped, maxAge: 60000 };
  // ok: no-insecure-cookie
  res.cookie('session_copy', token, looped);
  res.end();
});

// Safe: the CSRF cookie must be readable by the page script (double-submit pattern).
app.get('/form', (req, res) => {
  // ok: no-insecure-cookie
  res.cookie('XSRF-TOKEN', req.csrfToken(), { secure: true, httpOnly: false, sameSite: 'strict' });
  res.render('form');
});

// Safe: logging out overwrites the cookie with a constant that expires at once.
app.post('/logout', (req, res) => {
  // ok: no-insecure-cookie
  res.cookie('token', 'none', { expires: new Date(Date.now() + 10 * 1000), httpOnly: true });
  // ok: no-insecure-cookie
  res.cookie('session', '', { expires: new Date(0) });
  res.sendStatus(204);
});

// Safe: preferences are not credentials.
app.get('/prefs', (req, res) => {
  // ok: no-insecure-cookie
  res.cookie('theme', req.query.theme === 'dark' ? 'dark' : 'light');
  // ok: no-insecure-cookie
  res.cookie('lang', 'en', { maxAge: 31536000000 });
  // ok: no-insecure-cookie
  res.clearCookie('token');
  res.end();
});

// Safe: options from a shared helper cannot be judged here.
app.get('/other', (req, res) => {
  // ok: no-insecure-cookie
  res.cookie('session', req.sessionID, buildCookieOptions(req));
  res.end();
});

// Safe: express-session with secure cookies behind a proxy.
app.set('trust proxy', 1);
// ok: no-insecure-cookie
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, sameSite: 'lax' } }));

function buildCookieOptions(req) {
  return { httpOnly: true, secure: req.secure };
}

async function authenticate() {
  return { id: 1, refreshToken: 'r', sessionId: 's' };
}

module.exports = app;
