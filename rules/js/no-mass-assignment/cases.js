const express = require('express');
const _ = require('lodash');
const Joi = require('joi');
const crypto = require('crypto');
const User = require('./models/user');
const Post = require('./models/post');
const { Order, Invoice } = require('./models/sequelize');

const app = express();
app.use(express.json());

const profileSchema = Joi.object({ name: Joi.string().max(80), bio: Joi.string().max(500) });
const EDITABLE = ['name', 'bio', 'avatarUrl'];

app.post('/register', async (req, res) => {
  // ruleid: no-mass-assignment
  const user = await User.create(req.body);
  res.status(201).json(user);
});

app.post('/posts', async (req, res) => {
  // ruleid: no-mass-assignment
  const post = new Post({ ...req.body, author: req.user.id });
  await post.save();
  res.status(201).json(post);
});

app.put('/users/:id', async (req, res) => {
  // ruleid: no-mass-assignment
  const user = await User.findByIdAndUpdate(req.params.id, req.body, { new: true });
  res.json(user);
});

app.patch('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  // ruleid: no-mass-assignment
  Object.assign(user, req.body);
  await user.save();
  res.json(user);
});

app.patch('/me', async (req, res) => {
  const updates = req.body;
  // ruleid: no-mass-assignment
  await User.updateOne({ _id: req.user.id }, { $set: updates });
  res.sendStatus(204);
});

app.patch('/me/settings', async (req, res) => {
  // ruleid: no-mass-assignment
  req.user.set(req.body.settings);
  await req.user.save();
  res.sendStatus(204);
});

app.put('/orders/:id', async (req, res) => {
  // ruleid: no-mass-assignment
  await Order.update(req.body, { where: { id: req.params.id, customerId: req.user.id } });
  res.sendStatus(204);
});

app.post('/invoices', async (req, res) => {
  // ruleid: no-mass-assignment
  const invoice = Invoice.build(Object.assign({}, req.body));
  await invoice.save();
  res.json(invoice);
});

app.put('/profile', async (req, res) => {
  const user = await User.findById(req.user.id);
  for (const key of Object.keys(req.body)) {
    // ruleid: no-mass-assignment
    user[key] = req.body[key];
  }
  await user.save();
  res.json(user);
});

// Safe: picked fields, lodash pick, validated values, an allow-list loop.
app.post('/register/safe', async (req, res) => {
  const { name, email, password } = req.body;
  // ok: no-mass-assignment
  const user = await User.create({ name, email, password });
  res.status(201).json(user);
});

app.patch('/users/:id/safe', async (req, res) => {
  // ok: no-mass-assignment
  const user = await User.findByIdAndUpdate(req.params.id, _.pick(req.body, EDITABLE), { new: true });
  res.json(user);
});

app.put('/profile/safe', async (req, res) => {
  const { value, error } = profileSchema.validate(req.body, { stripUnknown: true });
  if (error) return res.status(400).json(error.details);
  // ok: no-mass-assignment
  await User.updateOne({ _id: req.user.id }, { $set: value });
  const user = await User.findById(req.user.id);
  for (const key of Object.keys(req.body)) {
    if (!EDITABLE.includes(key)) continue;
    // ok: no-mass-assignment
    user[key] = req.body[key];
  }
  await user.save();
  res.sendStatus(204);
});

app.post('/webhooks/payments', (req, res) => {
  // A signature over the raw body is not a write.
  // ok: no-mass-assignment
  const digest = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(req.body).digest('hex');
  res.json({ ok: digest === req.get('x-signature') });
});

app.get('/search', async (req, res) => {
  // Reading with the query as a filter is not a write (NoSQL injection is another rule's business).
  // ok: no-mass-assignment
  const url = new URL(req.originalUrl, 'https://shop.example.com');
  // ok: no-mass-assignment
  const params = new URLSearchParams(req.query);
  // ok: no-mass-assignment
  const options = Object.assign({ limit: 20 }, req.query);
  res.json({ url: url.pathname, params: params.toString(), options });
});

// Known gap: the body reaches the write through a helper's parameter.
function saveProfile(id, changes) {
  // todoruleid: no-mass-assignment
  return User.findByIdAndUpdate(id, changes, { new: true });
}
app.put('/profile/:id', async (req, res) => res.json(await saveProfile(req.params.id, req.body)));

app.listen(3000);
