const express = require('express');
const _ = require('lodash');
const deepmerge = require('deepmerge');
const objectPath = require('object-path');

const app = express();
app.use(express.json());

const settings = { ui: { theme: 'light' }, mail: { digest: true } };
const SECTIONS = ['ui', 'mail'];
const DEFAULT_PREFS = { ui: { theme: 'light', density: 'comfortable' } };

app.post('/settings', (req, res) => {
  const { section, key, value } = req.body;
  // ruleid: no-prototype-pollution
  settings[section][key] = value;
  res.json(settings);
});

app.post('/settings/safe', (req, res) => {
  const { section, key, value } = req.body;
  if (!SECTIONS.includes(section)) return res.sendStatus(400);
  // ok: no-prototype-pollution
  settings[section][key] = value;
  res.json(settings);
});

app.post('/settings/owned', (req, res) => {
  const { section, key, value } = req.body;
  if (!Object.prototype.hasOwnProperty.call(settings, section)) return res.sendStatus(404);
  // ok: no-prototype-pollution
  settings[section][key] = value;
  res.json(settings);
});

app.put('/preferences', (req, res) => {
  // ruleid: no-prototype-pollution
  const prefs = _.merge({}, DEFAULT_PREFS, req.body);
  // ruleid: no-prototype-pollution
  _.set(prefs, req.body.path, req.body.value);
  // ruleid: no-prototype-pollution
  const merged = deepmerge(DEFAULT_PREFS, req.body.overrides);
  // ruleid: no-prototype-pollution
  objectPath.set(merged, req.query.field, req.query.value);
  res.json({ prefs, merged });
});

app.put('/preferences/safe', (req, res) => {
  // A constant path and picked values cannot reach Object.prototype.
  const prefs = _.cloneDeep(DEFAULT_PREFS);
  // ok: no-prototype-pollution
  _.set(prefs, 'ui.theme', req.body.theme);
  // ok: no-prototype-pollution
  const merged = _.merge({}, DEFAULT_PREFS, { ui: { theme: String(req.body.theme) } });
  // A shallow copy has no nested walk.
  // ok: no-prototype-pollution
  const shallow = Object.assign({}, req.body);
  res.json({ merged, shallow });
});

// A hand-written query-string parser: a[b][c]=1 becomes nested objects.
function parseNested(query) {
  const result = {};
  for (const [rawKey, value] of Object.entries(query)) {
    const keys = rawKey.replace(/\]/g, '').split('[');
    let node = result;
    keys.slice(0, -1).forEach((k) => {
      node = node[k] = node[k] || {};
    });
    // ruleid: no-prototype-pollution
    node[keys[keys.length - 1]] = value;
  }
  return result;
}

function parseNestedSafely(query) {
  const result = Object.create(null);
  for (const [rawKey, value] of Object.entries(query)) {
    const keys = rawKey.replace(/\]/g, '').split('[');
    let node = result;
    for (const k of keys.slice(0, -1)) node = node[k] = node[k] || Object.create(null);
    // ok: no-prototype-pollution
    node[keys[keys.length - 1]] = value;
  }
  return result;
}

app.get('/filters', (req, res) => {
  res.json({ filters: parseNested(req.query), safe: parseNestedSafely(req.query) });
});

app.listen(3000);
