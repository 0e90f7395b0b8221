// js-yaml 4: load() is safe by default; the JavaScript types come back only when asked for.
import yaml from 'js-yaml';
import jsTypes from 'js-yaml-js-types';
import express from 'express';

const app = express();
app.use(express.text({ type: 'application/yaml' }));

const FULL = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);

app.post('/pipeline', (req, res) => {
  // ok: no-unsafe-deserialization
  const pipeline = yaml.load(req.body);
  res.json(pipeline);
});

app.post('/pipeline/legacy', (req, res) => {
  // ruleid: no-unsafe-deserialization
  const pipeline = yaml.load(req.body, { schema: FULL });
  res.json(pipeline);
});

app.post('/pipeline/many', (req, res) => {
  // ok: no-unsafe-deserialization
  const docs = yaml.loadAll(req.body, { schema: yaml.JSON_SCHEMA });
  res.json(docs);
});

export default app;
