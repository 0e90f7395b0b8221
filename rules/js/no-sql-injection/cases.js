const express = require('express');
const mysql = require('mysql');
const { Pool } = require('pg');
const sqlite3 = require('sqlite3');
const { Sequelize, QueryTypes } = require('sequelize');
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
const SqlString = require('sqlstring');
const format = require('pg-format');

const app = express();
app.use(express.json());

const connection = mysql.createConnection({ host: 'localhost', user: 'app', database: 'shop' });
const pool = new Pool();
const db = new sqlite3.Database('shop.db');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const SORT_COLUMNS = { name: 'name', price: 'price' };

app.get('/products/:id', (req, res) => {
  // ruleid: no-sql-injection
  connection.query('SELECT * FROM products WHERE id = ' + req.params.id, (err, rows) => res.json(rows));
});

app.post('/login', (req, res) => {
  const query = "SELECT name, id FROM users WHERE login = '" + req.body.login + "'";
  // ruleid: no-sql-injection
  connection.query(query, (err, rows) => res.json(rows[0]));
});

app.get('/orders', async (req, res) => {
  // ruleid: no-sql-injection
  const { rows } = await pool.query(`SELECT * FROM orders WHERE status = '${req.query.status}' AND customer_id = ${req.query.customer}`);
  res.json(rows);
});

app.get('/reviews', (req, res) => {
  // ruleid: no-sql-injection
  db.all(`SELECT * FROM reviews WHERE product = '${req.query.product}'`, (err, rows) => res.json(rows));
});

app.post('/reports/join', async (req, res) => {
  // DDL counts too: the connection here comes from elsewhere, so the text must read as SQL.
  const createStmt = 'CREATE TEMPORARY TABLE ' + req.body.table + '_join (seq int, code varchar(100))';
  // ruleid: no-sql-injection
  await req.app.locals.conn.query(createStmt);
  res.sendStatus(204);
});

app.post('/reviews', (req, res) => {
  const { product, text } = req.body;
  // ruleid: no-sql-injection
  db.run(`INSERT INTO reviews (product, text) VALUES (${product}, '${text}')`);
  res.sendStatus(201);
});

app.get('/search', async (req, res) => {
  const criteria = req.query.q || '';
  // ruleid: no-sql-injection
  const products = await sequelize.query(`SELECT * FROM Products WHERE name LIKE '%${criteria}%' OR description LIKE '%${criteria}%'`, { type: QueryTypes.SELECT });
  res.json(products);
});

app.get('/catalog', async (req, res) => {
  let sql = 'SELECT * FROM products';
  if (req.query.category) sql += " WHERE category = '" + req.query.category + "'";
  // ruleid: no-sql-injection
  connection.query(sql, (err, rows) => res.json(rows));
});

app.get('/items', async (req, res) => {
  // ruleid: no-sql-injection
  const items = await knex('items').whereRaw(`owner = '${req.query.owner}'`).orderBy('name');
  res.json(items);
});

app.get('/items/sorted', async (req, res) => {
  // ruleid: no-sql-injection
  res.json(await knex('items').orderByRaw(req.query.sort));
});

app.get('/stats', async (req, res) => {
  // ruleid: no-sql-injection
  const result = await knex.raw('SELECT count(*) FROM events WHERE type = ' + req.query.type);
  res.json(result.rows);
});

app.get('/users', async (req, res) => {
  // ruleid: no-sql-injection
  const users = await sequelize.models.User.findAll({ where: Sequelize.literal(`role = '${req.query.role}'`) });
  res.json(users);
});

app.get('/report', async (req, res) => {
  // pg-format's %s inserts text as is
  // ruleid: no-sql-injection
  const { rows } = await pool.query(format('SELECT * FROM sales ORDER BY %s', req.query.column));
  res.json(rows);
});

app.get('/accounts', (req, res) => {
  // ruleid: no-sql-injection
  connection.query({ sql: 'SELECT * FROM accounts WHERE owner = "' + req.query.owner + '"', timeout: 4000 }, (err, rows) => res.json(rows));
});

function reviewsQuery(product) {
  return "SELECT * FROM reviews WHERE product = '" + product + "' ORDER BY created DESC";
}
app.get('/v1/reviews', (req, res) => {
  // ruleid: no-sql-injection
  db.all(reviewsQuery(req.query.product), (err, rows) => res.json(rows));
});

app.get('/bulk', (req, res) => {
  const ids = req.body.ids.map((id) => "'" + id + "'").join(', ');
  // ruleid: no-sql-injection
  connection.query('DELETE FROM carts WHERE id IN (' + ids + ')', (err) => res.sendStatus(err ? 500 : 204));
});

app.get('/legacy/users', async (req, res) => {
  // Older Sequelize takes `where` as raw SQL text.
  // ruleid: no-sql-injection
  const users = await sequelize.models.User.findAll({ where: "username = '" + req.query.username + "'" });
  // ok: no-sql-injection
  const same = await sequelize.models.User.findAll({ where: { username: req.query.username } });
  res.json({ users, same });
});

// ---- safe

app.post('/v2/auth', (req, res) => {
  // ok: no-sql-injection
  connection.query('SELECT * FROM accounts WHERE username = ? AND password = ?', [String(req.body.username), String(req.body.password)], (err, rows) => res.json({ ok: rows.length > 0 }));
});

app.get('/v2/bulk', (req, res) => {
  const ids = req.body.ids;
  const placeholders = ids.map(() => '?').join(', ');
  // ok: no-sql-injection
  connection.query(`DELETE FROM carts WHERE id IN (${placeholders})`, ids, (err) => res.sendStatus(err ? 500 : 204));
});

app.get('/v2/products/:id', (req, res) => {
  // ok: no-sql-injection
  connection.query('SELECT * FROM products WHERE id = ?', [req.params.id], (err, rows) => res.json(rows));
});

app.get('/v2/orders', async (req, res) => {
  // ok: no-sql-injection
  const { rows } = await pool.query('SELECT * FROM orders WHERE status = $1 AND customer_id = $2', [req.query.status, req.query.customer]);
  res.json(rows);
});

app.get('/v2/search', async (req, res) => {
  // ok: no-sql-injection
  const products = await sequelize.query('SELECT * FROM Products WHERE name LIKE :q', { replacements: { q: `%${req.query.q}%` }, type: QueryTypes.SELECT });
  res.json(products);
});

app.get('/v2/items', async (req, res) => {
  // ok: no-sql-injection
  res.json(await knex('items').whereRaw('owner = ?', [req.query.owner]));
});

app.get('/v2/escaped', (req, res) => {
  // ok: no-sql-injection
  connection.query('SELECT * FROM users WHERE login = ' + connection.escape(req.query.login), (err, rows) => res.json(rows));
});

app.get('/v2/sqlstring', (req, res) => {
  const sql = SqlString.format('SELECT * FROM users WHERE id = ? AND org = ?', [req.query.id, req.query.org]);
  // ok: no-sql-injection
  connection.query(sql, (err, rows) => res.json(rows));
});

app.get('/v2/pg-format', async (req, res) => {
  // ok: no-sql-injection
  const { rows } = await pool.query(format('SELECT * FROM %I WHERE name = %L', 'sales', req.query.name));
  res.json(rows);
});

app.get('/v2/page', (req, res) => {
  const limit = parseInt(req.query.limit, 10) || 20;
  const offset = Number(req.query.offset) || 0;
  // ok: no-sql-injection
  connection.query(`SELECT * FROM products LIMIT ${limit} OFFSET ${offset}`, (err, rows) => res.json(rows));
});

app.get('/v2/sorted', (req, res) => {
  const column = SORT_COLUMNS[req.query.sort] || 'name';
  // ok: no-sql-injection
  connection.query('SELECT * FROM products ORDER BY ' + column, (err, rows) => res.json(rows));
});

app.get('/v2/by-id', (req, res) => {
  if (!/^\d+$/.test(req.query.id)) return res.sendStatus(400);
  // ok: no-sql-injection
  db.get('SELECT * FROM products WHERE id = ' + req.query.id, (err, row) => res.json(row));
});

app.get('/cache', (req, res) => {
  // Not SQL: a Map lookup with a request key.
  const cache = new Map();
  // ok: no-sql-injection
  res.json(cache.get('product:' + req.query.id));
});

app.listen(3000);
