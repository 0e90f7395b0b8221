// Operations endpoints for staff.
const express = require('express');
const { exec } = require('child_process');

const router = express.Router();

router.get('/ping', (req, res) => {
  exec('ping -c 1 ' + req.query.host, (err, stdout) => {
    res.type('text').send(stdout);
  });
});

router.post('/discount-rule', (req, res) => {
  // Rules like "total > 100" are evaluated as JavaScript.
  const applies = eval(req.body.rule);
  res.json({ applies });
});

router.get('/disk', (req, res) => {
  // Safe: a constant command.
  exec('df -h /', (err, stdout) => res.type('text').send(stdout));
});

module.exports = router;
