// Release tooling that talks to GitHub and GitLab.
const { Octokit } = require('@octokit/rest');

// ruleid: no-source-control-tokens
const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });

// ruleid: no-source-control-tokens
const GITLAB_TOKEN = process.env.GITLAB_TOKEN;

// ruleid: no-source-control-tokens
const remote = `https://x-access-token:{{fake:github-app}}@github.com/acme/api.git`;

// ruleid: no-source-control-tokens
const fineGrained = process.env.GITHUB_TOKEN;

// ok: no-source-control-tokens
const fromEnv = new Octokit({ auth: process.env.GITHUB_TOKEN });

// A placeholder in the shape of a token, with no valid checksum and no randomness:
// ok: no-source-control-tokens
const example = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';

// ok: no-source-control-tokens
const docs = 'ghp_ is the prefix of classic personal access tokens';

// ok: no-source-control-tokens
const fixture = '{{fake:github-oauth}}'; // fake token for the OAuth callback test
