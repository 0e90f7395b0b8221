// Image proxy and post-login redirect.
const express = require('express');
const axios = require('axios');

const router = express.Router();

router.get('/image', async (req, res) => {
  // Fetches any URL, including http://169.254.169.254/ (cloud metadata).
  const response = await axios.get(req.query.url, { responseType: 'arraybuffer' });
  res.type(response.headers['content-type']).send(response.data);
});

router.get('/catalog/:sku', async (req, res) => {
  // Safe: the host is fixed; only the path carries the SKU.
  const response = await axios.get('https://catalog.internal.example.com/items/' + encodeURIComponent(req.params.sku));
  res.json(response.data);
});

router.get('/continue', (req, res) => {
  res.redirect(req.query.next);
});

module.exports = router;
