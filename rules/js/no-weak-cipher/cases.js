const crypto = require('crypto');
const { createCipheriv, createDecipheriv, randomBytes, scryptSync } = require('node:crypto');
const CryptoJS = require('crypto-js');
const TripleDES = require('crypto-js/tripledes');
const forge = require('node-forge');
const config = require('./config');

const LEGACY_ALGORITHM = 'des-ede3-cbc';
const ALGORITHM = 'aes-256-gcm';

// Legacy token encryption copied from an old tutorial.
function encryptLegacy(text, password) {
  // ruleid: no-weak-cipher
  const cipher = crypto.createCipher('aes-256-cbc', password);
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

function decryptLegacy(data, password) {
  // ruleid: no-weak-cipher
  const decipher = crypto.createDecipher('aes-256-cbc', password);
  return decipher.update(data, 'hex', 'utf8') + decipher.final('utf8');
}

function encryptCard(pan, key) {
  const iv = randomBytes(8);
  // ruleid: no-weak-cipher
  const cipher = createCipheriv(LEGACY_ALGORITHM, key, iv);
  return Buffer.concat([iv, cipher.update(pan), cipher.final()]);
}

function encryptRecord(record, key) {
  // ruleid: no-weak-cipher
  const cipher = crypto.createCipheriv('aes-128-ecb', key, null);
  return cipher.update(JSON.stringify(record), 'utf8', 'base64') + cipher.final('base64');
}

function rc4Stream(key) {
  // ruleid: no-weak-cipher
  return crypto.createCipheriv('rc4', key, '');
}

function blowfish(key, iv) {
  // ruleid: no-weak-cipher
  return createDecipheriv('bf-cbc', key, iv);
}

function cryptoJsDes(message, key) {
  // ruleid: no-weak-cipher
  return CryptoJS.DES.encrypt(message, key).toString();
}

function cryptoJsTripleDes(message, key) {
  // ruleid: no-weak-cipher
  return TripleDES.decrypt(message, key).toString(CryptoJS.enc.Utf8);
}

function cryptoJsEcb(message, key) {
  const options = { mode: CryptoJS.mode.ECB, padding: CryptoJS.pad.Pkcs7 };
  // ruleid: no-weak-cipher
  return CryptoJS.AES.encrypt(message, CryptoJS.enc.Utf8.parse(key), options).toString();
}

function forgeDes(key, iv, bytes) {
  // ruleid: no-weak-cipher
  const cipher = forge.cipher.createCipher('3DES-CBC', key);
  cipher.start({ iv });
  cipher.update(forge.util.createBuffer(bytes));
  cipher.finish();
  return cipher.output;
}

// Modern authenticated encryption: quiet.
function encrypt(plaintext, secret) {
  const key = scryptSync(secret, 'salt-from-config', 32);
  const iv = randomBytes(12);
  // ok: no-weak-cipher
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

function decrypt({ iv, data, tag }, key) {
  // ok: no-weak-cipher
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

function chacha(key, nonce) {
  // ok: no-weak-cipher
  return crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
}

function fromConfig(key, iv) {
  // ok: no-weak-cipher
  return crypto.createCipheriv(config.cipherAlgorithm, key, iv);
}

function cryptoJsCbc(message, key, iv) {
  // ok: no-weak-cipher
  return CryptoJS.AES.encrypt(message, key, { iv, mode: CryptoJS.mode.CBC }).toString();
}

// A look-alike: an unrelated createCipher on a local helper object.
const vault = { createCipher: (name) => ({ name }) };
// ok: no-weak-cipher
vault.createCipher('des');

// Hashing with a "des" in the name is not a cipher.
// ok: no-weak-cipher
crypto.createHash('sha256').update('description').digest('hex');

module.exports = { encryptLegacy, decryptLegacy, encryptCard, encryptRecord, rc4Stream, blowfish, cryptoJsDes, cryptoJsTripleDes, cryptoJsEcb, forgeDes, encrypt, decrypt, chacha, fromConfig, cryptoJsCbc };
