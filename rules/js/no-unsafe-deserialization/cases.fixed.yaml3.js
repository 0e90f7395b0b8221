// A config service on js-yaml 3 (it still calls safeLoad elsewhere), where load() defaults to the
// full schema with !!js/function.
const yaml = require('js-yaml');
const express = require('express');
const fs = require('fs');

const app = express();
app.use(express.text({ type: 'application/yaml' }));

const defaults = yaml.safeLoad(fs.readFileSync('config/defaults.yml', 'utf8'));

app.post('/config/preview', (req, res) => {
  // ruleid: no-unsafe-deserialization
  const config = yaml.safeLoad(req.body);
  res.json({ ...defaults, ...config });
});

app.post('/config/bulk', (req, res) => {
  // ruleid: no-unsafe-deserialization
  const docs = yaml.load(req.body, { schema: yaml.DEFAULT_SAFE_SCHEMA });
  res.json(docs);
});

app.post('/config/all', (req, res) => {
  const docs = [];
  // ruleid: no-unsafe-deserialization
  yaml.safeLoadAll(req.body, (doc) => docs.push(doc));
  res.json(docs);
});

app.post('/config/check', (req, res) => {
  // ok: no-unsafe-deserialization
  const config = yaml.safeLoad(req.body);
  // ok: no-unsafe-deserialization
  const explicit = yaml.load(req.body, { schema: yaml.DEFAULT_SAFE_SCHEMA });
  // Our own file, not request data.
  // ok: no-unsafe-deserialization
  const local = yaml.load(fs.readFileSync('config/local.yml', 'utf8'));
  res.json({ config, explicit, local });
});

app.listen(3000);
