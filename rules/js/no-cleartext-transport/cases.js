const axios = require('axios');
const got = require('got');
const request = require('request');
const http = require('http');
const WebSocket = require('ws');
const fetch = require('node-fetch');
const { parseStringPromise } = require('xml2js');

const PAYMENTS_API = 'http://api.payments-provider.com/v1';
const CATALOG_URL = 'http://catalog.acme-corp.com:8080/items';

async function chargeCard(card, amount) {
  // ruleid: no-cleartext-transport
  const res = await axios.post(`${PAYMENTS_API}/charges`, { card, amount });
  return res.data;
}

async function getWeather(city) {
  // ruleid: no-cleartext-transport
  const res = await fetch('http://api.openweathermap.org/data/2.5/weather?q=' + encodeURIComponent(city));
  return res.json();
}

async function listItems() {
  // ruleid: no-cleartext-transport
  return got(CATALOG_URL).json();
}

const crm = axios.create({
  // ruleid: no-cleartext-transport
  baseURL: 'http://crm.acme-corp.com/api',
  headers: { Authorization: `Bearer ${process.env.CRM_TOKEN}` },
});

function syncUser(user, callback) {
  request({
    // ruleid: no-cleartext-transport
    uri: 'http://legacy.acme-corp.com/users',
    method: 'POST',
    json: user,
  }, callback);
}

function pingPartner() {
  // ruleid: no-cleartext-transport
  http.get('http://status.partner-bank.com/health', (res) => res.resume());
}

function pushMetrics(body) {
  // ruleid: no-cleartext-transport
  const req = http.request({ hostname: 'metrics.acme-corp.com', path: '/ingest', method: 'POST' });
  req.end(body);
}

function openFeed() {
  // ruleid: no-cleartext-transport
  return new WebSocket('ws://stream.market-data.com/quotes');
}

// Safe: TLS.
async function chargeSecurely(card, amount) {
  // ok: no-cleartext-transport
  return axios.post('https://api.payments-provider.com/v1/charges', { card, amount });
}

// Safe: local development, containers and private networks.
// ok: no-cleartext-transport
fetch('http://localhost:3000/api/health');
// ok: no-cleartext-transport
axios.get('http://127.0.0.1:9200/_cluster/health');
// ok: no-cleartext-transport
got('http://inventory-service:8080/stock');
// ok: no-cleartext-transport
fetch('http://169.254.169.254/latest/meta-data/instance-id');
// ok: no-cleartext-transport
axios.get('http://vault.service.internal/v1/sys/health');
// ok: no-cleartext-transport
fetch('http://api.example.com/users');
// ok: no-cleartext-transport
new WebSocket('ws://localhost:8080/live');

// Safe: the host comes from configuration, so the scheme is not known here.
// ok: no-cleartext-transport
axios.get(`${process.env.API_URL}/users`);
// ok: no-cleartext-transport
fetch('http://' + process.env.UPSTREAM_HOST + '/status');

// Not a request: XML namespaces and links in text.
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
// ok: no-cleartext-transport
parseStringPromise(`<Envelope xmlns="${SOAP_NS}"/>`);
// ok: no-cleartext-transport
console.log('Docs: http://www.acme-corp.com/docs');

module.exports = { chargeCard, getWeather, listItems, crm, syncUser, pingPartner, pushMetrics, openFeed, chargeSecurely };
