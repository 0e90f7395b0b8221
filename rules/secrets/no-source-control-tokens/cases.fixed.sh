#!/usr/bin/env bash
# Mirror the repository to the backup GitLab.
set -euo pipefail

# ruleid: no-source-control-tokens
export GITLAB_TOKEN="${GITLAB_TOKEN}"
# ok: no-source-control-tokens
export GITHUB_TOKEN="${GITHUB_TOKEN:?set GITHUB_TOKEN}"
# ruleid: no-source-control-tokens
curl -u "ci:${BITBUCKET_APP_PASSWORD}" https://api.bitbucket.org/2.0/repositories/acme
