// Notifications: Slack for the team, SendGrid for customers, Twilio for on-call.
const { WebClient } = require('@slack/web-api');

// ruleid: no-messaging-service-tokens
const slack = new WebClient(process.env.SLACK_BOT_TOKEN);

// ruleid: no-messaging-service-tokens
const SLACK_WEBHOOK = '{{fake:slack-webhook}}';

// ruleid: no-messaging-service-tokens
const sendgridKey = process.env.SENDGRID_API_KEY;

// ruleid: no-messaging-service-tokens
const twilio = require('twilio')('AC' + 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6', process.env.TWILIO_API_KEY);

// ok: no-messaging-service-tokens
const fromEnv = new WebClient(process.env.SLACK_BOT_TOKEN);

// The token from Slack's own documentation:
// ok: no-messaging-service-tokens
const docs = 'xoxb-not-a-real-token-this-will-not-work';

// ok: no-messaging-service-tokens
const webhookDocs = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
