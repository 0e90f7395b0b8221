const express = require('express');
const Koa = require('koa');
const Router = require('@koa/router');

const app = express();
const ALLOWED_RETURN_URLS = ['https://shop.example.com/', 'https://help.example.com/'];

app.get('/learn', (req, res) => {
  // ruleid: no-open-redirect
  return res.redirect(req.query.url);
});

app.post('/login', (req, res) => {
  const returnTo = req.body.returnTo || '/';
  // ruleid: no-open-redirect
  res.redirect(302, returnTo);
});

app.get('/out', (req, res) => {
  // `/` followed by `/evil.com` is `//evil.com`, a link to another host.
  // ruleid: no-open-redirect
  res.redirect('/' + req.query.path);
});

app.get('/legacy', (req, res) => {
  // ruleid: no-open-redirect
  res.writeHead(301, { Location: req.query.target });
  res.end();
});

app.get('/sso/callback', (req, res) => {
  const next = req.cookies.next_url;
  // ruleid: no-open-redirect
  res.set('Location', next);
  res.sendStatus(302);
});

app.get('/moved', (req, res) => {
  // A request path of `//evil.com/` makes originalUrl `//evil.com/`.
  // ruleid: no-open-redirect
  res.location(req.originalUrl.replace(/\/old$/, '/new')).sendStatus(301);
});

function finishLogin(res, destination) {
  // ruleid: no-open-redirect
  res.redirect(destination);
}
app.post('/admin/login', (req, res) => finishLogin(res, req.body.redirectPage));

const koa = new Koa();
const router = new Router();
router.get('/logout', async (ctx) => {
  ctx.session = null;
  // ruleid: no-open-redirect
  ctx.redirect(ctx.query.returnTo);
});

// A start that can still become a scheme: 'http' + 's://evil.example' leaves the site.
app.get('/bounce', (req, res) => {
  // ruleid: no-open-redirect
  res.redirect('http' + req.query.rest);
});

// ---- safe

app.get('/profile/:id', (req, res) => {
  // ok: no-open-redirect
  res.redirect('/users/' + req.params.id + '/profile');
});

// Relative to the current page: no scheme and no leading slash, so the host stays this site.
app.get('/users/:name/go', (req, res) => {
  // ok: no-open-redirect
  res.redirect('u' + req.params.name);
  // ok: no-open-redirect
  res.redirect('profile?tab=' + req.query.tab);
});


app.get('/search', (req, res) => {
  // ok: no-open-redirect
  res.redirect(`/results?q=${encodeURIComponent(req.query.q)}`);
});

app.get('/docs', (req, res) => {
  // ok: no-open-redirect
  res.redirect(301, 'https://docs.example.com/' + req.query.page);
});

app.post('/signin', (req, res) => {
  const next = req.body.next;
  if (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//')) {
    // ok: no-open-redirect
    return res.redirect(next);
  }
  res.redirect('/');
});

app.get('/continue', (req, res) => {
  const target = req.query.target;
  if (!ALLOWED_RETURN_URLS.includes(target)) return res.status(400).send('unknown target');
  // ok: no-open-redirect
  res.redirect(target);
});

const SHORT_LINKS = { github: 'https://github.com/example', blog: 'https://blog.example.com' };
app.get('/go/:name', (req, res) => {
  // ok: no-open-redirect
  res.redirect(SHORT_LINKS[req.params.name]);
});

app.use((req, res, next) => {
  if (req.secure) return next();
  // The Host header comes from the victim's own browser: it names this site.
  // ok: no-open-redirect
  res.redirect(301, 'https://' + req.headers.host + req.url);
});

router.get('/home', async (ctx) => {
  // ok: no-open-redirect
  ctx.redirect('/dashboard?tab=' + ctx.query.tab);
});

app.get('/back', (req, res) => {
  // ok: no-open-redirect
  res.redirect('back');
});

const settings = require('./settings');
app.get('/continue-to-app', (req, res) => {
  // The configured application URL names the host; the request only adds the path.
  // ok: no-open-redirect
  res.redirect(settings.appUrl + req.query.next);
});

app.get('/sso/return', (req, res) => {
  const target = `${process.env.PORTAL_URL}${req.query.path}`;
  // ok: no-open-redirect
  res.redirect(target);
});

app.get('/sso/start', (req, res) => {
  // A base that is empty or a single slash when the setting is missing is still a constant prefix.
  const base = req.query.local ? '' : '/';
  // ruleid: no-open-redirect
  res.redirect(base + req.query.next);
});

app.listen(3000);
koa.use(router.routes());
