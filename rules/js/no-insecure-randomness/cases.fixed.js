const express = require('express');
const crypto = require('crypto');
const db = require('./db');
const mailer = require('./mailer');

const app = express();
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// A helper whose callers decide what it is for.
function randomString(length) {
  let result = '';
  for (let i = 0; i < length; i++) {
    // ruleid: no-insecure-randomness
    result += ALPHABET.charAt(crypto.randomInt(ALPHABET.length));
  }
  return result;
}

app.post('/forgot-password', async (req, res) => {
  const user = await db.users.findByEmail(req.body.email);
  const resetToken = randomString(32);
  await db.users.update(user.id, { resetToken, resetExpires: Date.now() + 3600000 });
  await mailer.send(user.email, `https://shop.acme-corp.com/reset?token=${resetToken}`);
  res.sendStatus(204);
});

function generateOtp() {
  // ruleid: no-insecure-randomness
  return crypto.randomInt(100000, 1000000).toString();
}

function createSession(userId) {
  // ruleid: no-insecure-randomness
  const sessionId = crypto.randomBytes(8).toString('hex');
  return db.sessions.insert({ id: sessionId, userId });
}

function newApiKey() {
  // ruleid: no-insecure-randomness
  return 'sk_' + Math.random().toString(36).slice(2);
}

function uuidv4() {
  return crypto.randomUUID();
}

app.post('/invite', async (req, res) => {
  const invite = {
    email: req.body.email,
    // ruleid: no-insecure-randomness
    code: crypto.randomInt(1e8),
  };
  // ruleid: no-insecure-randomness
  invite.inviteCode = Math.floor(Math.random() * (99999 - 10000)) + 10000;
  await db.invites.insert(invite);
  res.sendStatus(201);
});

app.get('/login', (req, res) => {
  // ruleid: no-insecure-randomness
  res.cookie('sid', crypto.randomBytes(5).toString('hex').slice(0, 9), { httpOnly: true, secure: true });
  res.end();
});

function tempPassword() {
  const chars = [];
  for (let i = 0; i < 12; i++) {
    // ruleid: no-insecure-randomness
    chars.push(ALPHABET[crypto.randomInt(62)]);
  }
  return chars.join('');
}

// Known gap: a password generator exported as the module itself has no name that says so.
module.exports.generate = function (length) {
  let out = '';
  // todoruleid: no-insecure-randomness
  while (out.length < length) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return out;
};

// Safe: cryptographic randomness.
function secureToken() {
  // ok: no-insecure-randomness
  return crypto.randomBytes(32).toString('hex');
}

// Safe: randomness that protects nothing.
function backoff(attempt) {
  // ok: no-insecure-randomness
  return Math.min(30000, 2 ** attempt * 100) + Math.floor(Math.random() * 100);
}

function pickVariant() {
  // ok: no-insecure-randomness
  return Math.random() < 0.5 ? 'A' : 'B';
}

function shuffle(items) {
  // ok: no-insecure-randomness
  return items.sort(() => Math.random() - 0.5);
}

const sampleRate = 0.1;
function shouldTrace() {
  // ok: no-insecure-randomness
  return Math.random() < sampleRate;
}

function randomColor() {
  // ok: no-insecure-randomness
  return '#' + Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0');
}

// ok: no-insecure-randomness
const requestId = Math.random().toString(36).slice(2);

function dropMarker(map) {
  // ok: no-insecure-randomness
  const pinX = Math.random() * map.width;
  // ok: no-insecure-randomness
  const sessionDuration = 1000 + Math.random() * 500;
  return { pinX, sessionDuration };
}

module.exports = { app, randomString, generateOtp, createSession, newApiKey, uuidv4, tempPassword, secureToken, backoff, pickVariant, shuffle, shouldTrace, randomColor, requestId, dropMarker };
