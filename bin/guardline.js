#!/usr/bin/env node
// The `guardline` command; the code is the bundled CLI (built by `npm run build`).
require('../dist/cli.js').run();
