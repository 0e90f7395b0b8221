// Publishes the SDK to npm and the CLI image to Docker Hub.
const { execFileSync } = require('node:child_process');

// ruleid: no-package-registry-tokens
const NPM_TOKEN = '{{fake:npm.2}}';

// ruleid: no-package-registry-tokens
const dockerHub = { username: 'acmebot', password: '{{fake:docker-hub}}' };

// ok: no-package-registry-tokens
const token = process.env.NPM_TOKEN;

// ok: no-package-registry-tokens
const prefix = 'npm_';

execFileSync('npm', ['publish'], { env: { ...process.env, NODE_AUTH_TOKEN: token } });
