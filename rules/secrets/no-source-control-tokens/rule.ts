// Source-control token in code: GitHub, GitLab, Bitbucket and Azure DevOps. Detection is the shared one-pass scanner in rules/api/secrets.
import { defineSecretRule } from '../../api/secrets/rule';

export default defineSecretRule({
  id: 'no-source-control-tokens',
  title: 'Source-control token in code',
  severity: 'critical',
  tags: ['scm'],
});
