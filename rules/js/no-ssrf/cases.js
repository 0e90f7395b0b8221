const express = require('express');
const http = require('http');
const https = require('node:https');
const axios = require('axios');
const got = require('got');
const request = require('request');
const needle = require('needle');
const superagent = require('superagent');
const fetch = require('node-fetch');
const puppeteer = require('puppeteer');
const phantom = require('phantom');
const wkhtmltopdf = require('wkhtmltopdf');
const escapeHtml = require('escape-html');

const app = express();
app.use(express.json());

const ALLOWED_HOSTS = new Set(['images.example.com', 'cdn.example.com']);
const api = axios.create({ baseURL: 'https://api.example.com/v2' });
const { API_BASE } = process.env;

// Profile picture "upload by URL": the classic SSRF.
app.post('/profile/image-url', async (req, res) => {
  const url = req.body.imageUrl;
  // ruleid: no-ssrf
  const response = await fetch(url);
  res.type(response.headers.get('content-type')).send(await response.buffer());
});

app.get('/proxy', (req, res) => {
  // ruleid: no-ssrf
  request.get(req.query.target).pipe(res);
});

app.get('/research', (req, res) => {
  const url = req.query.url + req.query.symbol;
  // ruleid: no-ssrf
  needle.get(url, (err, upstream) => res.send(upstream.body));
});

app.get('/status', (req, res) => {
  // ruleid: no-ssrf
  http.get('http://' + req.query.host + ':8080/health', (upstream) => upstream.pipe(res));
});

app.get('/status-by-options', (req, res) => {
  // ruleid: no-ssrf
  https.request({ hostname: req.query.host, path: '/health', method: 'GET' }, (upstream) => upstream.pipe(res)).end();
});

app.post('/webhooks/test', async (req, res) => {
  const { callbackUrl } = req.body;
  // ruleid: no-ssrf
  await axios.post(callbackUrl, { ping: true });
  res.sendStatus(204);
});

app.get('/tenant/:tenant/report', async (req, res) => {
  // No slash after the host: `?tenant=.evil.com` or `@evil.com` moves the request elsewhere.
  // ruleid: no-ssrf
  const { body } = await got(`https://${req.params.tenant}.reports.example.com/latest`);
  res.send(body);
});

app.get('/suffix', async (req, res) => {
  // ruleid: no-ssrf
  const { data } = await axios.get('https://api.example.com' + req.query.path);
  res.json(data);
});

app.get('/client', async (req, res) => {
  // ruleid: no-ssrf
  const client = axios.create({ baseURL: req.query.server });
  res.json((await client.get('/info')).data);
});

app.get('/instance-absolute', async (req, res) => {
  // An absolute URL passed to an instance replaces its baseURL.
  // ruleid: no-ssrf
  const { data } = await api.get(req.query.resource);
  res.json(data);
});

app.get('/screenshot', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  // ruleid: no-ssrf
  await page.goto(req.query.page);
  res.type('png').send(await page.screenshot());
  await browser.close();
});

app.get('/agent', (req, res) => {
  // ruleid: no-ssrf
  superagent.get(new URL(req.query.next, 'https://example.com').href).end((err, r) => res.send(r.text));
});

// ---- safe: the host is fixed; data only reaches the path or the query

app.get('/users/:id', async (req, res) => {
  // ok: no-ssrf
  const { data } = await axios.get('https://api.example.com/users/' + req.params.id);
  res.json(data);
});

app.get('/search', async (req, res) => {
  // ok: no-ssrf
  const response = await fetch(`https://search.example.com/q?term=${encodeURIComponent(req.query.q)}&page=${req.query.page}`);
  res.json(await response.json());
});

app.get('/v2/items', async (req, res) => {
  // ok: no-ssrf
  const { data } = await api.get(`/items/${req.query.id}`);
  res.json(data);
});

app.get('/configured', async (req, res) => {
  // ok: no-ssrf
  const { body } = await got(`${API_BASE}/orders/${req.query.order}`);
  res.send(body);
});

app.get('/weather', (req, res) => {
  // ok: no-ssrf
  https.get({ host: 'weather.example.com', path: '/v1/today?city=' + encodeURIComponent(req.query.city) }, (r) => r.pipe(res));
});

app.post('/image-proxy', async (req, res) => {
  const target = new URL(req.body.url);
  if (!ALLOWED_HOSTS.has(target.hostname)) return res.status(400).send('host not allowed');
  // ok: no-ssrf
  const response = await fetch(target);
  res.send(await response.buffer());
});

app.get('/avatar', async (req, res) => {
  const url = req.query.url;
  if (!url.startsWith('https://images.example.com/')) return res.sendStatus(400);
  // ok: no-ssrf
  res.send((await axios.get(url, { responseType: 'arraybuffer' })).data);
});

app.get('/fixed', async (req, res) => {
  // ok: no-ssrf
  const { data } = await axios({ method: 'get', url: 'https://api.example.com/stats', params: { day: req.query.day } });
  res.json(data);
});

app.get('/internal-link', async (req, res) => {
  // ok: no-ssrf
  const response = await fetch(new URL('/api/summary?day=' + req.query.day, 'https://internal.example.com'));
  res.json(await response.json());
});

// A command-line tool fetching the URL its user typed is doing its job.
async function main() {
  // ok: no-ssrf
  const response = await fetch(process.argv[2]);
  console.log(await response.text());
}

// Server-side rendering of HTML and pages: the renderer fetches whatever the markup or URL names.
app.post('/invoice.pdf', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  // ruleid: no-ssrf
  await page.setContent('<html><body>' + req.body.notes + '</body></html>');
  res.type('pdf').send(await page.pdf());
});

app.post('/invoice-escaped.pdf', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  // ok: no-ssrf
  await page.setContent(`<html><body>${escapeHtml(req.body.notes)}</body></html>`);
  res.type('pdf').send(await page.pdf());
});

app.get('/snapshot', async (req, res) => {
  const instance = await phantom.create();
  const page = await instance.createPage();
  // ruleid: no-ssrf
  await page.open(req.query.url);
  res.send(await page.property('content'));
});

app.get('/report.pdf', (req, res) => {
  // ruleid: no-ssrf
  wkhtmltopdf(req.query.page, { pageSize: 'A4' }).pipe(res);
});

const wkhtmltoimage = require('wkhtmltoimage');
app.post('/preview.png', (req, res) => {
  // ruleid: no-ssrf
  wkhtmltoimage.generate(req.body.html).pipe(res);
});

app.get('/statement.pdf', (req, res) => {
  // ok: no-ssrf
  wkhtmltopdf('https://reports.example.com/statements/' + encodeURIComponent(req.query.id)).pipe(res);
});

// Raw TCP and TLS connections: a "port checker" that connects wherever it is told.
const net = require('net');
const tls = require('tls');

app.post('/tools/port-check', (req, res) => {
  const socket = new net.Socket();
  // ruleid: no-ssrf
  socket.connect(Number(req.body.port), req.body.host, () => socket.end());
  // ruleid: no-ssrf
  const probe = net.createConnection({ host: req.query.host, port: 443 });
  // ruleid: no-ssrf
  const secure = tls.connect(443, req.query.host, { servername: req.query.host });
  // The port alone does not choose the machine.
  // ok: no-ssrf
  const local = net.connect(Number(req.body.port), '127.0.0.1');
  // ok: no-ssrf
  const ipc = net.connect('/var/run/app.sock');
  socket.on('error', () => res.json({ open: false }));
  [probe, secure, local, ipc].forEach((s) => s.destroy());
  res.json({ open: true });
});

if (require.main === module) main();
app.listen(3000);
