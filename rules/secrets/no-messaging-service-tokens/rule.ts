// Messaging or e-mail service token in code: Slack, Discord, Telegram, Microsoft Teams, Twilio, SendGrid, Mailgun, Mailchimp, Brevo and Postmark. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-messaging-service-tokens',
  title: 'Messaging or e-mail service token in code',
  severity: 'high',
  tags: ['messaging'],
});
