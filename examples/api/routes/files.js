// Invoices and product images.
const express = require('express');
const fs = require('fs');
const path = require('path');

const router = express.Router();
const INVOICE_DIR = path.join(__dirname, '..', 'invoices');
const IMAGE_DIR = path.join(__dirname, '..', 'images');

router.get('/invoices/:name', (req, res) => {
  // ../../etc/passwd walks out of the invoice folder.
  const file = path.join(INVOICE_DIR, req.params.name);
  fs.readFile(file, (err, data) => {
    if (err) return res.sendStatus(404);
    res.type('pdf').send(data);
  });
});

router.get('/images/:name', (req, res) => {
  // Safe: resolved, then checked to stay inside the image folder.
  const resolved = path.resolve(IMAGE_DIR, req.params.name);
  if (!resolved.startsWith(IMAGE_DIR + path.sep)) {
    return res.sendStatus(400);
  }
  res.sendFile(resolved);
});

module.exports = router;
