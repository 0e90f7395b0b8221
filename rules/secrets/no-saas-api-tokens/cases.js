// Syncs issues between Linear, Notion and Jira.
// ruleid: no-saas-api-tokens
const linear = new LinearClient({ apiKey: '{{fake:linear}}' });

// ruleid: no-saas-api-tokens
const notion = new NotionClient({ auth: '{{fake:notion}}' });

// ruleid: no-saas-api-tokens
const jira = { email: 'bot@acme.dev', apiToken: '{{fake:atlassian-api-token}}' };

// ok: no-saas-api-tokens
const fromEnv = new LinearClient({ apiKey: process.env.LINEAR_API_KEY });

// ok: no-saas-api-tokens
const secretName = 'secret_notion_token';
