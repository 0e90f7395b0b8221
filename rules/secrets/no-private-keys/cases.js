// Signs webhooks sent to partners.
const crypto = require('node:crypto');

// ruleid: no-private-keys
const signingKey = `{{fake:ec-private-key}}`;

// ok: no-private-keys
const key = require('node:fs').readFileSync(process.env.SIGNING_KEY_PATH, 'utf8');

module.exports = (body) => crypto.sign('sha256', Buffer.from(body), key);
