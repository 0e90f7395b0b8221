// SaaS API token in code: Atlassian, Linear, Notion, Postman, Airtable, Figma, Contentful, Mapbox, SonarQube, Snyk, CircleCI and other hosted services. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-saas-api-tokens',
  title: 'SaaS API token in code',
  severity: 'high',
  tags: ['saas'],
});
