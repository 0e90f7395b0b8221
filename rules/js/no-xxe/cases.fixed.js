const express = require('express');
const libxmljs = require('libxmljs');
const { parseXmlString } = require('libxmljs2');
const xml2js = require('xml2js');
const { XMLParser } = require('fast-xml-parser');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'] }));

// An invoice upload that expands entities: <!ENTITY x SYSTEM "file:///etc/passwd"> ends up in the
// parsed document and is echoed back.
app.post('/invoices', (req, res) => {
  // ruleid: no-xxe
  const doc = libxmljs.parseXml(req.body, { noent: false, noblanks: true });
  res.send(doc.get('//customer').text());
});

const PARSE_OPTIONS = { noent: true };

app.post('/orders', (req, res) => {
  const xml = req.body.toString();
  // ruleid: no-xxe
  const doc = parseXmlString(xml, PARSE_OPTIONS);
  res.json({ items: doc.find('//item').length });
});

app.post('/catalog/validate', (req, res) => {
  // ruleid: no-xxe
  const doc = libxmljs.parseXml(req.body, { dtdload: true, dtdvalid: true });
  res.json({ valid: doc.validate(doc) });
});

app.post('/feed', (req, res) => {
  // Entity substitution stays off: external entities are not fetched.
  // ok: no-xxe
  const doc = libxmljs.parseXml(req.body, { noent: false, noblanks: true });
  // ok: no-xxe
  const plain = libxmljs.parseXmlString(req.body);
  res.json({ root: doc.root().name(), plainRoot: plain.root().name() });
});

app.post('/legacy', async (req, res) => {
  // xml2js, fast-xml-parser and xmldom never load external entities.
  // ok: no-xxe
  const parsed = await xml2js.parseStringPromise(req.body);
  // ok: no-xxe
  const fast = new XMLParser({ processEntities: true }).parse(req.body);
  // ok: no-xxe
  const dom = new DOMParser().parseFromString(req.body, 'text/xml');
  res.json({ parsed, fast, tag: dom.documentElement.tagName });
});

// Our own template, shipped with the code.
// ok: no-xxe
const TEMPLATE = libxmljs.parseXml('<!DOCTYPE t [<!ENTITY brand "Acme">]><t>&brand;</t>', { noent: true });

app.listen(3000);
