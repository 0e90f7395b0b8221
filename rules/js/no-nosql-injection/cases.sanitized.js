// express-mongo-sanitize strips `$` keys from every body, query and params object.
const express = require('express');
const mongoSanitize = require('express-mongo-sanitize');
const User = require('./models/user');

const app = express();
app.use(express.json());
app.use(mongoSanitize());

app.post('/login', async (req, res) => {
  // ok: no-nosql-injection
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  res.json({ found: !!user });
});

app.get('/reviews', async (req, res) => {
  // Sanitising keys does not make string-built JavaScript safe.
  // ruleid: no-nosql-injection
  res.json(await User.find({ $where: 'this.name == "' + req.query.name + '"' }));
});
