const express = require('express');
const winston = require('winston');
const pino = require('pino');
const bcrypt = require('bcrypt');
const debug = require('debug')('shop:auth');
const User = require('./models/user');

const app = express();
app.use(express.json());
const logger = winston.createLogger({ transports: [new winston.transports.Console()] });
const audit = pino();

app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  // ruleid: no-sensitive-data-in-logs
  console.log('login attempt', email, password);
  // ruleid: no-sensitive-data-in-logs
  logger.info(`login for ${email} with ${req.body.password}`);
  // ruleid: no-sensitive-data-in-logs
  audit.info({ email, password }, 'login attempt');
  const user = await User.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    // Logging the attempt, the address and the length is fine.
    // ok: no-sensitive-data-in-logs
    logger.warn('failed login', { email, passwordLength: password.length, hasPassword: !!password });
    return res.sendStatus(401);
  }
  const token = user.issueToken();
  // ruleid: no-sensitive-data-in-logs
  debug('issued token %s for %s', token, email);
  // ok: no-sensitive-data-in-logs
  debug('issued token ending in %s for %s', token.slice(-4), email);
  res.json({ token });
});

app.use((req, res, next) => {
  // ruleid: no-sensitive-data-in-logs
  console.log(req.method, req.url, req.headers);
  // ruleid: no-sensitive-data-in-logs
  logger.debug('auth header', req.headers.authorization);
  // ruleid: no-sensitive-data-in-logs
  logger.debug('api key', req.get('x-api-key'));
  // ok: no-sensitive-data-in-logs
  logger.info('request', { method: req.method, path: req.path, ip: req.ip, userAgent: req.get('user-agent') });
  next();
});

app.post('/orders', (req, res) => {
  // ruleid: no-sensitive-data-in-logs
  logger.info('new order: ' + JSON.stringify(req.body));
  const { cardNumber, amount } = req.body;
  // ruleid: no-sensitive-data-in-logs
  logger.info('charging card', cardNumber, amount);
  // ok: no-sensitive-data-in-logs
  logger.info('charging card', `****${String(cardNumber).slice(-4)}`, amount);
  res.sendStatus(202);
});

app.post('/password-reset', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  // The message text mentions a password; the logged values are not secrets.
  // ok: no-sensitive-data-in-logs
  console.log('password reset requested for', req.body.email, 'expires', user.passwordResetExpires);
  const hashedPassword = await bcrypt.hash(req.body.newPassword, 12);
  // ok: no-sensitive-data-in-logs
  logger.debug('new hash', hashedPassword);
  // ruleid: no-sensitive-data-in-logs
  logger.debug('new password for', user.email, user.password);
  res.sendStatus(204);
});

function connect(config) {
  // ruleid: no-sensitive-data-in-logs
  console.info('connecting to database', config.db.host, config.db.password);
  // ruleid: no-sensitive-data-in-logs
  logger.info('stripe key', process.env.STRIPE_SECRET_KEY);
  // ok: no-sensitive-data-in-logs
  logger.info('stripe mode', process.env.STRIPE_MODE, 'key set:', Boolean(process.env.STRIPE_SECRET_KEY));
}

// A template parser's debug output: these tokens are pieces of text, not credentials.
function compile(tokens) {
  for (const token of tokens) {
    // ok: no-sensitive-data-in-logs
    debug('token %o', token);
  }
}

// Not loggers: the method names match, the receivers do not.
const cache = new Map();
function remember(token) {
  // ok: no-sensitive-data-in-logs
  cache.set('token', token);
  // ok: no-sensitive-data-in-logs
  Math.log(token.length);
}

module.exports = { app, connect, remember, compile };
