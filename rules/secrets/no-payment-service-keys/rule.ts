// Payment or commerce API key in code: Stripe, Square, Braintree, PayPal, Shopify, Flutterwave, Shippo, EasyPost, Plaid and Razorpay. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-payment-service-keys',
  title: 'Payment or commerce API key in code',
  severity: 'critical',
  tags: ['payments'],
});
