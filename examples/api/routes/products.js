// Product catalogue: search and product pages.
const express = require('express');
const mysql = require('mysql2');

const router = express.Router();
const db = mysql.createPool({ host: process.env.DB_HOST, user: 'shop', database: 'shop' });

router.get('/search', (req, res) => {
  const term = req.query.q;
  const sql = "SELECT id, name, price FROM products WHERE name LIKE '%" + term + "%'";
  db.query(sql, (err, rows) => {
    if (err) return res.status(500).send('search failed');
    res.json(rows);
  });
});

router.get('/:id', (req, res) => {
  // Safe: a placeholder and a values array.
  db.query('SELECT * FROM products WHERE id = ?', [req.params.id], (err, rows) => {
    if (err || !rows.length) {
      return res.status(404).send(`<h1>No product ${req.params.id}</h1>`);
    }
    res.json(rows[0]);
  });
});

router.get('/:id/reviews', (req, res) => {
  const page = parseInt(req.query.page, 10) || 0;
  // Safe: the only dynamic part is a number.
  db.query(`SELECT * FROM reviews WHERE product_id = ? LIMIT 20 OFFSET ${page * 20}`, [req.params.id], (err, rows) => {
    res.json(rows || []);
  });
});

module.exports = router;
