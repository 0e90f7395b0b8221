// Sign-in, tokens and password handling.
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

const JWT_SECRET = process.env.JWT_SECRET;

function hashPassword(password) {
  return crypto.createHash('md5').update(password).digest('hex');
}

function newResetToken() {
  return Math.random().toString(36).slice(2);
}

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    req.user = jwt.verify(token, JWT_SECRET);
    next();
  } catch (err) {
    res.sendStatus(401);
  }
}

function checkApiKey(req, res, next) {
  if (req.get('x-api-key') === process.env.PARTNER_API_KEY) return next();
  res.sendStatus(403);
}

module.exports = { hashPassword, newResetToken, authenticate, checkApiKey };
