// Client for the payment provider.
const https = require('https');
const axios = require('axios');

const agent = new https.Agent({ rejectUnauthorized: false });

async function charge(cardToken, amountCents) {
  const response = await axios.post(
    'https://payments.example.net/v1/charges',
    { source: cardToken, amount: amountCents },
    { httpsAgent: agent },
  );
  return response.data;
}

async function exchangeRate(currency) {
  const response = await axios.get('http://rates.example.org/latest?base=' + currency);
  return response.data.rate;
}

module.exports = { charge, exchangeRate };
