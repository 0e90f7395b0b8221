// A small Express route with a command injection, for the editor tests.
const { exec } = require('child_process');
const express = require('express');

const app = express();

app.get('/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(out));
});

module.exports = app;
