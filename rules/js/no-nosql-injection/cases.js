const express = require('express');
const mongoose = require('mongoose');
const { MongoClient, ObjectId } = require('mongodb');
const sanitize = require('mongo-sanitize');

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: true }));

const User = mongoose.model('User', new mongoose.Schema({ username: String, password: String, role: String }));
const Order = mongoose.model('Order', new mongoose.Schema({ orderId: String, total: Number }));
const client = new MongoClient(process.env.MONGO_URL);
const db = client.db('shop');
const SORTABLE = ['price', 'name'];

// Login bypass: {"username": "admin", "password": {"$ne": null}}
app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  // ruleid: no-nosql-injection
  const user = await User.findOne({ username, password });
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
});

app.get('/users', async (req, res) => {
  // ?role[$ne]=admin: qs turns the query string into an object
  // ruleid: no-nosql-injection
  res.json(await User.find(req.query));
});

app.post('/reviews/update', async (req, res) => {
  await db.collection('reviews').updateMany(
    // ruleid: no-nosql-injection
    { _id: req.body.id },
    { $set: { message: req.body.message } },
  );
  res.sendStatus(204);
});

app.post('/orders/search', async (req, res) => {
  const filter = { $or: [
    { customer: req.body.customer },
    { status: 'open' },
  ] };
  // ruleid: no-nosql-injection
  res.json(await db.collection('orders').find(filter).toArray());
});

app.get('/track/:id', async (req, res) => {
  // $where runs JavaScript: ?id=' || sleep(5000) || '
  // ruleid: no-nosql-injection
  const orders = await db.collection('orders').find({ $where: `this.orderId === '${req.params.id}'` }).toArray();
  res.json(orders);
});

app.get('/stats', async (req, res) => {
  const rows = await Order.aggregate([
    // ruleid: no-nosql-injection
    { $match: { region: req.query.region } },
    { $group: { _id: '$status', total: { $sum: '$total' } } },
  ]);
  res.json(rows);
});

app.delete('/users', async (req, res) => {
  // ruleid: no-nosql-injection
  await User.deleteMany(JSON.parse(req.query.filter));
  res.sendStatus(204);
});

app.get('/users/search', async (req, res) => {
  const query = { active: true };
  if (req.query.team) query.team = String(req.query.team);
  if (req.query.name) query.name = req.query.name;
  // ruleid: no-nosql-injection
  res.json(await User.find(query));
});

app.get('/profile', async (req, res) => {
  // ruleid: no-nosql-injection
  res.json(await User.findById(req.query.id));
});

// A data-access object in the NodeGoat style: its methods are called with request data elsewhere.
function AllocationsDAO(database) {
  const allocations = database.collection('allocations');
  this.getByUserIdAndThreshold = function (userId, threshold, callback) {
    const parsedUserId = parseInt(userId, 10);
    function searchCriteria() {
      if (threshold) {
        // ruleid: no-nosql-injection
        return { $where: `this.userId == ${parsedUserId} && this.stocks > '${threshold}'` };
      }
      return { userId: parsedUserId };
    }
    allocations.find(searchCriteria()).toArray(callback);
  };
}
module.exports.AllocationsDAO = AllocationsDAO;

// ---- safe

app.post('/login-safe', async (req, res) => {
  const { username, password } = req.body;
  if (typeof username !== 'string' || typeof password !== 'string') return res.status(400).end();
  // ok: no-nosql-injection
  const user = await User.findOne({ username, password: hash(password) });
  res.json({ found: !!user });
});

app.post('/login-coerced', async (req, res) => {
  // ok: no-nosql-injection
  const user = await User.findOne({ username: String(req.body.username), email: `${req.body.email}` });
  res.json({ found: !!user });
});

app.get('/users/:name', async (req, res) => {
  // Route parameters are always strings.
  // ok: no-nosql-injection
  res.json(await User.findOne({ username: req.params.name }));
});

app.post('/sanitized', async (req, res) => {
  // ok: no-nosql-injection
  res.json(await User.find({ username: sanitize(req.body.username) }));
});

app.get('/orders/:id', async (req, res) => {
  // ok: no-nosql-injection
  res.json(await db.collection('orders').findOne({ _id: new ObjectId(req.params.id) }));
});

app.get('/by-role', async (req, res) => {
  // The developer wrote the operator; the value is compared as data.
  // ok: no-nosql-injection
  res.json(await User.find({ role: { $eq: req.query.role } }));
});

app.get('/products', async (req, res) => {
  const sort = SORTABLE.includes(req.query.sort) ? req.query.sort : 'name';
  // ok: no-nosql-injection
  res.json(await db.collection('products').find({ category: req.query.category.toLowerCase() }).sort({ [sort]: 1 }).toArray());
});

app.get('/users/by-team', async (req, res) => {
  const query = { active: true };
  if (req.query.team) query.team = String(req.query.team);
  // ok: no-nosql-injection
  res.json(await User.find(query));
});

app.get('/count', async (req, res) => {
  const page = parseInt(req.query.page, 10) || 0;
  // ok: no-nosql-injection
  res.json({ total: await Order.countDocuments({ page }) });
});

app.get('/in-memory', (req, res) => {
  const items = [{ id: '1' }, { id: '2' }];
  // ok: no-nosql-injection
  res.json(items.find((item) => item.id === req.query.id));
});

// A record already fetched: its update() takes new field values, not a filter.
app.post('/profile/image', (req, res, next) => {
  User.findById(req.session.userId).then((user) => {
    // ok: no-nosql-injection
    return user.update({ profileImage: req.body.imageUrl });
  }).catch(next);
  res.redirect('/profile');
});

app.post('/profile/name', async (req, res) => {
  const user = await User.findOne({ _id: req.session.userId });
  // ok: no-nosql-injection
  await user.updateOne({ displayName: req.body.displayName });
  // The model's update() takes a filter first: the request value picks which users change.
  // ruleid: no-nosql-injection
  await User.update({ username: req.body.username }, { $set: { displayName: req.body.displayName } });
  res.sendStatus(204);
});

function hash(value) {
  return require('crypto').createHash('sha256').update(value).digest('hex');
}

app.listen(3000);
