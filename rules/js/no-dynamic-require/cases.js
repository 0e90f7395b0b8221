const express = require('express');
const path = require('path');
const { createRequire } = require('node:module');

const app = express();
const loadFromApp = createRequire(__filename);

// A "theme" or "locale" loader that trusts the query string.
app.get('/i18n', (req, res) => {
  // ruleid: no-dynamic-require
  const messages = require('./locales/' + req.query.lang);
  res.json(messages);
});

app.post('/reports/:type', async (req, res) => {
  const { type } = req.params;
  // ruleid: no-dynamic-require
  const generator = await import(`./reports/${type}.js`);
  res.json(await generator.default(req.body));
});

app.get('/widgets', (req, res) => {
  const widgetPath = path.join(__dirname, 'widgets', req.query.name);
  // ruleid: no-dynamic-require
  const widget = module.require(widgetPath);
  // ruleid: no-dynamic-require
  const other = loadFromApp(req.query.other);
  res.send(widget.render() + other.render());
});

// Safe: an allow-list, a fixed map of loaders, a sanitised file name, or constant specifiers.
const LOCALES = ['en', 'fr', 'de'];
const EXPORTERS = { csv: () => require('./exporters/csv'), pdf: () => require('./exporters/pdf') };

app.get('/i18n/safe', (req, res) => {
  const lang = req.query.lang;
  if (!LOCALES.includes(lang)) return res.status(404).end();
  // ok: no-dynamic-require
  res.json(require('./locales/' + lang));
});

app.get('/export/:format', (req, res) => {
  const load = EXPORTERS[req.params.format];
  if (!load) return res.status(404).end();
  // ok: no-dynamic-require
  const exporter = require('./exporters/' + 'csv');
  res.send(load().run(exporter));
});

app.get('/theme', (req, res) => {
  const name = path.basename(String(req.query.theme));
  // ok: no-dynamic-require
  const theme = require(path.join(__dirname, 'themes', name));
  res.json(theme);
});

// Library and tooling code loads what its caller or user names; that is its job.
module.exports.loadPlugin = function loadPlugin(name) {
  // ok: no-dynamic-require
  return require(name);
};

const configPath = process.argv[2];
// ok: no-dynamic-require
const config = require(path.resolve(configPath));

app.listen(config.port);
