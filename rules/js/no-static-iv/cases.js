const crypto = require('crypto');
const CryptoJS = require('crypto-js');

const ALGORITHM = 'aes-256-cbc';
const KEY = crypto.scryptSync(process.env.ENCRYPTION_PASSWORD, 'app-salt', 32);
const STATIC_IV = Buffer.from('a1b2c3d4e5f6a7b8');
const IV_AT_STARTUP = crypto.randomBytes(16);

function encryptWithLiteral(text) {
  // ruleid: no-static-iv
  const cipher = crypto.createCipheriv(ALGORITHM, KEY, STATIC_IV);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function encryptWithZeros(text) {
  // ruleid: no-static-iv
  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, Buffer.alloc(16));
  return cipher.update(text, 'utf8', 'base64') + cipher.final('base64');
}

function encryptWithStartupIv(text) {
  // ruleid: no-static-iv
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, IV_AT_STARTUP);
  return Buffer.concat([cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

function encryptWithEnvIv(text) {
  const iv = Buffer.from(process.env.ENCRYPTION_IV, 'hex');
  // ruleid: no-static-iv
  const cipher = crypto.createCipheriv('aes-256-ctr', KEY, iv);
  return Buffer.concat([cipher.update(text), cipher.final()]).toString('hex');
}

function encryptWithKeyAsIv(text, secret) {
  const key = Buffer.from(secret);
  // ruleid: no-static-iv
  const cipher = crypto.createCipheriv('aes-128-cbc', key, key.slice(0, 16));
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function decryptWithLiteral(hex) {
  // ruleid: no-static-iv
  const decipher = crypto.createDecipheriv('aes-128-cbc', KEY.subarray(0, 16), '0000000000000000');
  return decipher.update(hex, 'hex', 'utf8') + decipher.final('utf8');
}

function encryptWithByteArray(text) {
  const iv = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  // ruleid: no-static-iv
  const cipher = crypto.createCipheriv('chacha20-poly1305', KEY, iv, { authTagLength: 16 });
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

function cryptoJsFixedIv(message, key) {
  // ruleid: no-static-iv
  return CryptoJS.AES.encrypt(message, CryptoJS.enc.Utf8.parse(key), { iv: CryptoJS.enc.Hex.parse('00000000000000000000000000000000') }).toString();
}

async function webCryptoZeroNonce(key, data) {
  // ruleid: no-static-iv
  return crypto.webcrypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data);
}

// Known gap: an IV drawn once per instance and reused by every call of the method.
class Vault {
  constructor(key) {
    this.key = key;
    this.iv = crypto.randomBytes(16);
  }
  seal(text) {
    // todoruleid: no-static-iv
    const cipher = crypto.createCipheriv('aes-256-cbc', this.key, this.iv);
    return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
  }
}

// Safe: a fresh IV per message, stored next to the ciphertext.
function encrypt(text) {
  const iv = crypto.randomBytes(16);
  // ok: no-static-iv
  const cipher = crypto.createCipheriv(ALGORITHM, KEY, iv);
  return iv.toString('hex') + ':' + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

// Safe: decryption reads the IV that encryption stored with the message.
function decrypt(payload) {
  const [ivHex, data] = payload.split(':');
  // ok: no-static-iv
  const decipher = crypto.createDecipheriv(ALGORITHM, KEY, Buffer.from(ivHex, 'hex'));
  return decipher.update(data, 'hex', 'utf8') + decipher.final('utf8');
}

function decryptGcm(key, iv, data, tag) {
  // ok: no-static-iv
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

async function webCrypto(key, data) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  // ok: no-static-iv
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);
  return { iv, sealed };
}

function cryptoJsRandomIv(message, key) {
  const iv = CryptoJS.lib.WordArray.random(16);
  // ok: no-static-iv
  return { iv: iv.toString(), data: CryptoJS.AES.encrypt(message, key, { iv }).toString() };
}

// ECB takes no IV at all; no-weak-cipher reports the mode.
// ok: no-static-iv
crypto.createCipheriv('aes-128-ecb', KEY.subarray(0, 16), null);

// A one-off script at module level: encrypts exactly one message with its own IV.
const scriptIv = crypto.randomBytes(16);
// ok: no-static-iv
const once = crypto.createCipheriv('aes-256-cbc', KEY, scriptIv);

module.exports = { Vault, encryptWithLiteral, encryptWithZeros, encryptWithStartupIv, encryptWithEnvIv, encryptWithKeyAsIv, decryptWithLiteral, encryptWithByteArray, cryptoJsFixedIv, webCryptoZeroNonce, encrypt, decrypt, decryptGcm, webCrypto, cryptoJsRandomIv, once };
