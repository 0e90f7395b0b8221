const express = require('express');
const fs = require('fs');
const fsp = require('node:fs/promises');
const fse = require('fs-extra');
const path = require('path');
const http = require('http');
const url = require('url');
const send = require('send');
const { promisify } = require('util');
const readFileAsync = promisify(fs.readFile);
const storage = require('./lib/storage');
const { extractArchive } = require('./lib/archive');

const app = express();
const UPLOAD_DIR = path.join(__dirname, 'uploads');
const TEMPLATES = { invoice: 'invoice.html', receipt: 'receipt.html' };

app.get('/files', (req, res) => {
  // ruleid: no-path-traversal
  fs.readFile(path.join(__dirname, 'public', req.query.name), (err, data) => res.send(data));
});

app.get('/download/:file', (req, res) => {
  // ruleid: no-path-traversal
  res.download(path.resolve('reports', req.params.file));
});

app.get('/avatar', (req, res) => {
  // ruleid: no-path-traversal
  res.sendFile(req.query.path);
});

app.post('/notes', async (req, res) => {
  const file = path.join(UPLOAD_DIR, req.body.title + '.txt');
  // ruleid: no-path-traversal
  await fsp.writeFile(file, req.body.text);
  res.sendStatus(201);
});

app.delete('/attachments', async (req, res) => {
  const { name } = req.body;
  // ruleid: no-path-traversal
  await fse.remove(`${UPLOAD_DIR}/${name}`);
  res.sendStatus(204);
});

app.get('/logs', async (req, res) => {
  // ruleid: no-path-traversal
  const text = await readFileAsync('/var/log/app/' + req.query.file, 'utf8');
  res.type('text').send(text);
});

app.get('/export', (req, res) => {
  // ruleid: no-path-traversal
  fs.createReadStream(path.normalize(UPLOAD_DIR + '/' + req.query.file)).pipe(res);
});

app.post('/archive', (req, res) => {
  // ruleid: no-path-traversal
  fs.renameSync(path.join(UPLOAD_DIR, 'inbox', 'current.zip'), path.join(UPLOAD_DIR, req.body.target));
  res.sendStatus(204);
});

app.get('/themes', (req, res, next) => {
  // ruleid: no-path-traversal
  express.static(path.join(__dirname, 'themes', req.query.theme))(req, res, next);
});

app.get('/check', (req, res) => {
  const target = UPLOAD_DIR + '/' + req.query.file;
  // A prefix check on a path that was never normalised: uploads/../../etc/passwd passes it.
  if (!target.startsWith(UPLOAD_DIR)) return res.sendStatus(403);
  // ruleid: no-path-traversal
  fs.createReadStream(target).pipe(res);
});

// A plain Node server, as in many static-file packages.
http.createServer((req, res) => {
  const pathname = url.parse(req.url).pathname;
  const file = path.join(process.cwd(), decodeURIComponent(pathname));
  // ruleid: no-path-traversal
  fs.readFile(file, (err, data) => (err ? res.writeHead(404).end() : res.end(data)));
}).listen(8080);

// ---- safe

app.get('/files-safe', (req, res) => {
  // ok: no-path-traversal
  fs.readFile(path.join(__dirname, 'public', path.basename(req.query.name)), (err, data) => res.send(data));
});

app.get('/resolved', (req, res) => {
  const resolved = path.resolve(UPLOAD_DIR, req.query.file);
  if (!resolved.startsWith(UPLOAD_DIR + path.sep)) return res.sendStatus(403);
  // ok: no-path-traversal
  fs.createReadStream(resolved).pipe(res);
});

app.get('/docs/:name', (req, res) => {
  // `root` makes send() refuse `..` and keep the file inside the folder.
  // ok: no-path-traversal
  res.sendFile(req.params.name, { root: path.join(__dirname, 'docs') });
});

app.get('/docs-concat', (req, res) => {
  // Without root, send() still refuses a path that contains `..` segments; only normalised paths escape.
  // ok: no-path-traversal
  res.sendFile(__dirname + '/docs/' + req.query.name);
});

app.get('/template', (req, res) => {
  // ok: no-path-traversal
  res.sendFile(path.join(__dirname, 'templates', TEMPLATES[req.query.kind]));
});

app.get('/images/:id', (req, res) => {
  if (!/^[a-f0-9]{24}$/.test(req.params.id)) return res.sendStatus(400);
  // ok: no-path-traversal
  fs.createReadStream(path.join(UPLOAD_DIR, req.params.id + '.png')).pipe(res);
});

app.get('/report', (req, res) => {
  const name = req.query.name;
  if (name.includes('..') || name.includes('/')) return res.sendStatus(400);
  // ok: no-path-traversal
  fs.readFile(path.join(__dirname, 'reports', name), (err, data) => res.send(data));
});

app.post('/upload', (req, res) => {
  // multer keeps only the last segment of the client's file name
  // ok: no-path-traversal
  fs.renameSync(req.file.path, path.join(UPLOAD_DIR, req.file.originalname));
  res.sendStatus(201);
});

app.get('/exists', (req, res) => {
  // Metadata only (stat/access/exists) is not reported.
  // ok: no-path-traversal
  res.json({ exists: fs.existsSync(path.join(UPLOAD_DIR, req.query.f)) });
});

app.get('/static-file', (req, res) => {
  // ok: no-path-traversal
  send(req, req.path, { root: path.join(__dirname, 'static') }).pipe(res);
});

app.get('/tutorial/:page', (req, res) => {
  // Route parameters are URL-decoded: `..%2F..%2Fconfig%2Fsecrets` names a file outside the views.
  // ruleid: no-path-traversal
  res.render('tutorial/' + req.params.page);
});

const DEFAULT_REPORT = { title: 'Annual report', layout: 'report-layout' };
const HELP_PAGES = { start: 'help/start', billing: 'help/billing' };
app.get('/help/:topic', (req, res) => {
  // ok: no-path-traversal
  res.render(HELP_PAGES[req.params.topic] || 'help/index', { topic: req.params.topic });
});

app.get('/welcome', (req, res) => {
  // Request data in the template's locals is data, not a file name.
  // ok: no-path-traversal
  res.render('welcome', { name: req.query.name });
});

// The whole request body as view data: hbs and express-handlebars read `layout` from it and render
// that file (`{"layout": "../../.env"}`); EJS reads settings that run code.
app.post('/account/delete', (req, res) => {
  // ruleid: no-path-traversal
  res.render('goodbye', { ...req.body });
});

app.get('/report', (req, res) => {
  const view = Object.assign({}, req.query);
  // ruleid: no-path-traversal
  res.render('report', view);
  // Picked fields are only data.
  // ok: no-path-traversal
  res.render('report', { year: Number(req.query.year), ...DEFAULT_REPORT });
});

app.delete('/attachments/:name', async (req, res) => {
  // A joined path handed to another module's file helper.
  // ruleid: no-path-traversal
  const target = path.join(UPLOAD_DIR, req.params.name);
  await storage.remove(target);
  res.sendStatus(204);
});

app.post('/import', async (req, res) => {
  // ruleid: no-path-traversal
  await extractArchive({ source: req.file.path, destination: path.resolve(UPLOAD_DIR, req.body.folder) });
  res.sendStatus(201);
});

app.post('/import/checked', async (req, res) => {
  const destination = path.resolve(UPLOAD_DIR, req.body.folder);
  if (!destination.startsWith(UPLOAD_DIR + path.sep)) return res.sendStatus(400);
  // ok: no-path-traversal
  await extractArchive({ source: req.file.path, destination });
  res.sendStatus(201);
});

function describeUpload(file) {
  return { name: path.basename(file), size: fs.statSync(UPLOAD_DIR + '/' + path.basename(file)).size };
}
app.get('/uploads/:name/info', (req, res) => {
  // A local helper is followed into its body instead (it keeps only the base name).
  // ok: no-path-traversal
  res.json(describeUpload(path.join(UPLOAD_DIR, req.params.name)));
});

app.get('/uploads/:name/log', (req, res) => {
  // ok: no-path-traversal
  console.log('requested', path.join(UPLOAD_DIR, req.params.name));
  res.sendStatus(204);
});

// Library code: an exported function that reads the path its caller gives it.
module.exports.loadConfig = function loadConfig(file) {
  // ok: no-path-traversal
  return JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
};

// A command-line tool reading the file its user named.
if (require.main === module) {
  // ok: no-path-traversal
  console.log(fs.readFileSync(process.argv[2], 'utf8'));
}

app.listen(3000);
