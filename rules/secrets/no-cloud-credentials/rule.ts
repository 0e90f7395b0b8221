// Cloud provider credential in code: AWS, Google Cloud, Azure, DigitalOcean, Heroku, Cloudflare, Alibaba, HashiCorp, Databricks and other cloud platforms. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-cloud-credentials',
  title: 'Cloud provider credential in code',
  severity: 'critical',
  tags: ['cloud'],
});
