// Syncs issues between Linear, Notion and Jira.
// ruleid: no-saas-api-tokens
const linear = new LinearClient({ apiKey: process.env.LINEAR_API_KEY });

// ruleid: no-saas-api-tokens
const notion = new NotionClient({ auth: process.env.NOTION_TOKEN });

// ruleid: no-saas-api-tokens
const jira = { email: 'bot@acme.dev', apiToken: process.env.ATLASSIAN_API_TOKEN };

// ok: no-saas-api-tokens
const fromEnv = new LinearClient({ apiKey: process.env.LINEAR_API_KEY });

// ok: no-saas-api-tokens
const secretName = 'secret_notion_token';
