const https = require('https');
const tls = require('tls');
const axios = require('axios');
const got = require('got');
const request = require('request');
const { Agent } = require('undici');
const { Pool } = require('pg');
const { MongoClient } = require('mongodb');
const fs = require('fs');

// ruleid: no-tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

// ruleid: no-tls-verification-disabled
const insecureAgent = new https.Agent({ rejectUnauthorized: false });

const partnerApi = axios.create({
  baseURL: 'https://partner.payments-provider.com/v2',
  // ruleid: no-tls-verification-disabled
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
});

async function fetchInvoice(id) {
  return got(`https://billing.acme-corp.com/invoices/${id}`, {
    // ruleid: no-tls-verification-disabled
    https: { rejectUnauthorized: false },
  }).json();
}

function legacySoapCall(body, callback) {
  request.post({
    url: 'https://soap.legacy-bank.com/Service.asmx',
    body,
    // ruleid: no-tls-verification-disabled
    strictSSL: false,
  }, callback);
}

function connectToBroker(port) {
  return tls.connect({
    host: 'mq.acme-corp.com',
    port,
    // ruleid: no-tls-verification-disabled
    checkServerIdentity: () => undefined,
  });
}

const dispatcher = new Agent({
  // ruleid: no-tls-verification-disabled
  connect: { rejectUnauthorized: false },
});

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // ruleid: no-tls-verification-disabled
  ssl: { rejectUnauthorized: false },
});

const mongo = new MongoClient(process.env.MONGO_URL, {
  tls: true,
  // ruleid: no-tls-verification-disabled
  tlsAllowInvalidCertificates: true,
});

const VERIFY_TLS = false;
const options = {
  hostname: 'api.acme-corp.com',
  // ruleid: no-tls-verification-disabled
  rejectUnauthorized: VERIFY_TLS,
};

// ruleid: no-tls-verification-disabled
https.globalAgent.options.rejectUnauthorized = false;

// Safe: verification on, with a private CA.
// ok: no-tls-verification-disabled
const trustedAgent = new https.Agent({ ca: fs.readFileSync('/etc/ssl/internal-ca.pem'), rejectUnauthorized: true });

// Safe: configurable, on by default in production.
const agent = new https.Agent({
  // ok: no-tls-verification-disabled
  rejectUnauthorized: process.env.NODE_ENV === 'production',
});

// Safe: a local development server with a self-signed certificate.
// ok: no-tls-verification-disabled
https.get({ host: 'localhost', port: 8443, path: '/health', rejectUnauthorized: false }, (res) => res.resume());

// Safe: a TLS server reads rejectUnauthorized as "require client certificates".
// ok: no-tls-verification-disabled
tls.createServer({ key: fs.readFileSync('key.pem'), cert: fs.readFileSync('cert.pem'), requestCert: false, rejectUnauthorized: false });

// Safe: a real identity check.
tls.connect({
  host: 'mq.acme-corp.com',
  // ok: no-tls-verification-disabled
  checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert),
});

// Safe: turning verification back on.
// ok: no-tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

module.exports = { insecureAgent, partnerApi, fetchInvoice, legacySoapCall, connectToBroker, dispatcher, pool, mongo, options, trustedAgent, agent };
