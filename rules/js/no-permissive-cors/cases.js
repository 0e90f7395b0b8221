const express = require('express');
const cors = require('cors');
const http = require('http');
const { Server } = require('socket.io');

const app = express();
const ALLOWED_ORIGINS = ['https://app.acme-corp.com', 'https://admin.acme-corp.com'];

// ruleid: no-permissive-cors
app.use(cors({ origin: true, credentials: true }));

// ruleid: no-permissive-cors
app.use('/v1', cors({ origin: '*', credentials: true }));

app.use('/v2', cors({
  // ruleid: no-permissive-cors
  origin: (origin, callback) => callback(null, true),
  credentials: true,
}));

const corsOptions = {
  // ruleid: no-permissive-cors
  origin: /acme-corp\.com/,
  credentials: true,
};
app.use('/v3', cors(corsOptions));

// ruleid: no-permissive-cors
app.use('/v4', cors({ origin: /.*/, credentials: true, methods: ['GET', 'POST'] }));

app.use('/v5', (req, res, next) => {
  // ruleid: no-permissive-cors
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

app.use('/v6', (req, res, next) => {
  const origin = req.get('Origin');
  // ruleid: no-permissive-cors
  res.header('Access-Control-Allow-Origin', origin || '*');
  next();
});

app.get('/v7', (req, res) => {
  // ruleid: no-permissive-cors
  res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' });
  res.json({});
});

const server = http.createServer(app);
const io = new Server(server, {
  // ruleid: no-permissive-cors
  cors: { origin: true, credentials: true },
});

// Safe: an allow-list, with or without credentials.
// ok: no-permissive-cors
app.use('/ok1', cors({ origin: ALLOWED_ORIGINS, credentials: true }));
app.use('/ok2', cors({
  // ok: no-permissive-cors
  origin: (origin, callback) => {
    if (!origin || ALLOWED_ORIGINS.includes(origin)) callback(null, true);
    else callback(new Error('Not allowed by CORS'));
  },
  credentials: true,
}));
// ok: no-permissive-cors
app.use('/ok3', cors({ origin: /^https:\/\/([a-z0-9-]+\.)?acme-corp\.com$/, credentials: true }));
// ok: no-permissive-cors
app.use('/ok4', cors({ origin: [/\.acme-corp\.com$/, 'https://acme-corp.com'], credentials: true }));

// Safe: a public, read-only API without credentials.
// ok: no-permissive-cors
app.use('/public', cors());
// ok: no-permissive-cors
app.use('/public2', cors({ origin: '*' }));
app.get('/public3', (req, res) => {
  // ok: no-permissive-cors
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.json({ status: 'ok' });
});

// Safe: the origin is echoed only after the allow-list check.
app.use('/ok5', (req, res, next) => {
  const origin = req.headers.origin;
  if (ALLOWED_ORIGINS.includes(origin)) {
    // ok: no-permissive-cors
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
});

module.exports = { app, io };
