// Entry point of the shop API.
const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const cors = require('cors');

const products = require('./routes/products');
const orders = require('./routes/orders');
const files = require('./routes/files');
const admin = require('./routes/admin');
const proxy = require('./routes/proxy');
const { authenticate } = require('./lib/auth');

const app = express();
app.use(express.json());
app.use(cookieParser());
app.use(cors({ origin: true, credentials: true }));
app.use(
  session({
    secret: 'keyboard cat',
    resave: false,
    saveUninitialized: true,
    cookie: { secure: false },
  }),
);

app.use('/products', products);
app.use('/orders', authenticate, orders);
app.use('/files', files);
app.use('/admin', authenticate, admin);
app.use('/proxy', proxy);

app.listen(process.env.PORT || 8080, () => console.log('shop api listening'));
