const express = require('express');
const crypto = require('crypto');
const md5 = require('md5');
const CryptoJS = require('crypto-js');
const sha1 = require('sha1');
const fs = require('fs');
const db = require('./db');

const app = express();

app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  // ruleid: no-weak-password-hash
  const hash = crypto.createHash('md5').update(password).digest('hex');
  await db.users.insert({ email, password: hash });
  res.sendStatus(201);
});

app.post('/login', async (req, res) => {
  const user = await db.users.findByEmail(req.body.email);
  // ruleid: no-weak-password-hash
  if (!user || user.password !== md5(req.body.pass)) return res.sendStatus(401);
  res.json({ ok: true });
});

app.post('/login-sql', (req, res) => {
  db.query('SELECT id FROM users WHERE username = ? AND password = ?', [
    req.body.username,
    // ruleid: no-weak-password-hash
    sha1(req.body.pw),
  ], (err, rows) => res.json(rows));
});

// A helper: callers pass the password.
function hash(data) {
  // ruleid: no-weak-password-hash
  return crypto.createHash('sha1').update(data).digest('base64');
}
app.post('/change-password', async (req, res) => {
  await db.users.update(req.user.id, { password: hash(req.body.newPassword) });
  res.sendStatus(204);
});

function hashPassword(plain) {
  // ruleid: no-weak-password-hash
  const digest = crypto.createHash('sha256');
  digest.update(plain);
  return digest.digest('hex');
}

class User {
  setPassword(pwd) {
    // ruleid: no-weak-password-hash
    this.passwordHash = CryptoJS.MD5(pwd).toString();
  }
}

// Salted MD5 is still MD5.
function legacyHash(user, salt) {
  // ruleid: no-weak-password-hash
  return crypto.createHash('md5').update(salt + user.password).digest('hex');
}

// Known gap: an exported generic helper whose callers (in other files) pass passwords.
module.exports.hash = (data) =>
  // todoruleid: no-weak-password-hash
  crypto.createHash('md5').update(data).digest('hex');

// Safe: a password hashing function.
async function storePassword(userId, password) {
  const salt = crypto.randomBytes(16);
  const key = await new Promise((resolve, reject) => crypto.scrypt(password, salt, 64, (e, k) => (e ? reject(e) : resolve(k))));
  await db.users.update(userId, { password: `${salt.toString('hex')}:${key.toString('hex')}` });
}

// Safe: a salted SHA-256 is not reported (a fast hash, but salted: reported by no rule here).
function saltedSha256(password, salt) {
  // ok: no-weak-password-hash
  return crypto.createHash('sha256').update(salt).update(password).digest('hex');
}

// Safe: MD5 and SHA-1 for things that are not passwords.
app.get('/files/:name', (req, res) => {
  const body = fs.readFileSync(`/srv/files/${req.params.name}`);
  // ok: no-weak-password-hash
  res.set('ETag', crypto.createHash('md5').update(body).digest('hex'));
  res.send(body);
});
function cacheKey(url, params) {
  // ok: no-weak-password-hash
  return md5(url + JSON.stringify(params));
}
function gravatar(user) {
  // ok: no-weak-password-hash
  return `https://www.gravatar.com/avatar/${md5(user.email.trim().toLowerCase())}`;
}
function checksum(path) {
  // ok: no-weak-password-hash
  return crypto.createHash('sha1').update(fs.readFileSync(path)).digest('hex');
}
function resetTokenDigest(token) {
  // ok: no-weak-password-hash
  return crypto.createHash('sha256').update(token).digest('hex');
}
function passwordResetKey(user) {
  // ok: no-weak-password-hash
  return crypto.createHash('sha256').update(user.passwordResetToken).digest('hex');
}

module.exports = { app, User, hashPassword, legacyHash, storePassword, saltedSha256, cacheKey, gravatar, checksum, resetTokenDigest, passwordResetKey };
