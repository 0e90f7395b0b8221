// Checkout service.
// ruleid: no-payment-service-keys
const stripe = require('stripe')('{{fake:stripe-live}}');

// ruleid: no-payment-service-keys
const STRIPE_WEBHOOK_SECRET = '{{fake:stripe-webhook-secret}}';

// ruleid: no-payment-service-keys
const shopify = { accessToken: '{{fake:shopify}}', shop: 'acme.myshopify.com' };

// Publishable keys are meant for the browser:
// ok: no-payment-service-keys
const publishable = 'pk_live_51HqL3eJxYz0aBcDeFgHiJkLmNoPqRsTuVwXyZ';

// Stripe's documentation test key:
// ok: no-payment-service-keys
const docs = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';

// ok: no-payment-service-keys
const fromEnv = require('stripe')(process.env.STRIPE_SECRET_KEY);

// ruleid: no-payment-service-keys
const testMode = '{{fake:stripe-test}}';
