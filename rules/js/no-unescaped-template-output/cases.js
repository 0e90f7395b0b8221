const express = require('express');
const ejs = require('ejs');
const pug = require('pug');
const Handlebars = require('handlebars');
const nunjucks = require('nunjucks');
const _ = require('lodash');
const Mustache = require('mustache');
const escapeHtml = require('escape-html');

const app = express();
app.use(express.urlencoded({ extended: false }));

// Escaping switched off for the whole app.
nunjucks.configure('views', {
  // ruleid: no-unescaped-template-output
  autoescape: false,
  express: app,
});
// ok: no-unescaped-template-output
const mailer = new nunjucks.Environment(new nunjucks.FileSystemLoader('mail'), { autoescape: true });

// Server-side template injection: the request is the template.
app.post('/preview', (req, res) => {
  // ruleid: no-unescaped-template-output
  const html = ejs.render(req.body.template, { user: req.user });
  res.send(html);
});

app.get('/card', (req, res) => {
  // ruleid: no-unescaped-template-output
  const fn = pug.compile('div.card\n  h2 ' + req.query.title);
  res.send(fn({}));
});

app.post('/email/preview', (req, res) => {
  // ruleid: no-unescaped-template-output
  const template = Handlebars.compile(req.body.source);
  // ruleid: no-unescaped-template-output
  const text = _.template(req.body.footer)({ company: 'ACME' });
  // ruleid: no-unescaped-template-output
  const body = mailer.renderString(req.body.source, { name: 'Ann' });
  res.send(template({}) + text + body);
});

// Raw output tags fed with request data.
app.get('/welcome', (req, res) => {
  // ruleid: no-unescaped-template-output
  const page = ejs.render('<h1>Welcome <%- name %></h1>', { name: req.query.name });
  // ok: no-unescaped-template-output
  const safe = ejs.render('<h1>Welcome <%= name %></h1>', { name: req.query.name });
  res.send(page + safe);
});

const bannerTemplate = Handlebars.compile('<div class="banner">{{{message}}}</div>');
const titleTemplate = Handlebars.compile('<h1>{{title}}</h1>');
const rowTemplate = _.template('<tr><td><%= label %></td><td><%- value %></td></tr>');

app.get('/banner', (req, res) => {
  // ruleid: no-unescaped-template-output
  const banner = bannerTemplate({ message: req.query.msg });
  // ok: no-unescaped-template-output
  const title = titleTemplate({ title: req.query.msg });
  // ruleid: no-unescaped-template-output
  const row = rowTemplate({ label: req.query.label, value: req.query.value });
  // ruleid: no-unescaped-template-output
  const note = Mustache.render('<p>{{{note}}}</p>', { note: req.query.note });
  // ok: no-unescaped-template-output
  const safeNote = Mustache.render('<p>{{note}}</p>', { note: req.query.note });
  res.send(banner + title + row + note + safeNote);
});

// Marking request data as safe HTML.
Handlebars.registerHelper('bold', (text) => new Handlebars.SafeString('<b>' + Handlebars.escapeExpression(text) + '</b>'));

app.get('/profile', (req, res) => {
  // ruleid: no-unescaped-template-output
  const bio = new Handlebars.SafeString(req.query.bio);
  // ok: no-unescaped-template-output
  const motto = new Handlebars.SafeString('<em>' + escapeHtml(req.query.motto) + '</em>');
  // ok: no-unescaped-template-output
  const badge = new Handlebars.SafeString('<span class="badge">new</span>');
  res.render('profile', { bio, motto, badge });
});

// The request itself as view data lets it set engine options such as `layout`: no-path-traversal
// reports that (the engine opens a file the request names); nothing here is left unescaped.
app.get('/page', (req, res) => {
  // ok: no-unescaped-template-output
  res.render('page', req.query);
  // ok: no-unescaped-template-output
  res.render('page', { q: req.query.q, page: Number(req.query.page) });
});

// Constant templates are fine.
app.get('/static', (req, res) => {
  // ok: no-unescaped-template-output
  const html = ejs.render('<p><%= new Date().getFullYear() %></p>', {});
  // ok: no-unescaped-template-output
  const text = pug.render('p Hello', {});
  res.send(html + text);
});

app.listen(3000);
