const express = require('express');
const cp = require('child_process');
const { exec, execSync, spawn } = require('node:child_process');
const util = require('util');
const execAsync = util.promisify(cp.exec);

const app = express();
const ALLOWED_TOOLS = ['ls', 'df'];

app.get('/ping', (req, res) => {
  // ruleid: no-command-injection
  require('child_process').execFile('ping', ['-c', '1', req.query.host], (err, stdout) => res.send(stdout));
});

app.post('/convert', (req, res) => {
  const { input, format } = req.body;
  const target = `/tmp/out.${format}`;
  // ruleid: no-command-injection
  cp.execFileSync('convert', [input, target]);
  res.sendStatus(204);
});

app.get('/archive', async (req, res) => {
  const name = req.params.name;
  // ruleid: no-command-injection
  await execAsync(buildTar(name));
  res.end();
});

function buildTar(name) {
  return 'tar czf /backups/' + name + '.tgz /srv/data';
}

app.get('/grep', (req, res) => {
  // ruleid: no-command-injection
  spawn('grep', [req.query.pattern, '/var/log/app.log'], { shell: true });
  // ruleid: no-command-injection
  spawn('sh', ['-c', 'grep ' + req.query.pattern + ' /var/log/app.log']);
  // ok: no-command-injection
  spawn('grep', ['--', req.query.pattern, '/var/log/app.log']);
  res.end();
});

app.get('/count', (req, res) => {
  const lines = parseInt(req.query.lines, 10);
  // ok: no-command-injection
  exec('tail -n ' + lines + ' /var/log/app.log', (err, out) => res.send(out));
});

app.get('/tool', (req, res) => {
  const tool = req.query.tool;
  if (!ALLOWED_TOOLS.includes(tool)) {
    return res.status(400).send('unknown tool');
  }
  // ok: no-command-injection
  exec(tool, (err, out) => res.send(out));
});

app.get('/version', (req, res) => {
  // ok: no-command-injection
  exec('git rev-parse HEAD', (err, out) => res.send(out));
  const branch = 'main';
  // ok: no-command-injection
  execSync(`git log -1 ${branch}`);
});

// Library code: an exported wrapper whose argument callers pass through.
module.exports.gitClone = function gitClone(url, dir) {
  // ruleid: no-command-injection
  return require('child_process').execFileSync('git', ['clone', url, dir]);
};

app.listen(3000);
