// Starts a worker thread on the server itself: dist/server.js next to the running bundle (server.js
// or cli.js), or, when the server runs from source under tsx, server.ts through tsx's require hook
// (loader hooks of the main thread do not reach workers).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startServerWorker(options: WorkerOptions): Worker {
  const bundled = join(__dirname, 'server.js');
  if (existsSync(bundled)) return new Worker(bundled, options);
  const source = join(__dirname, '..', 'server.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...options, eval: true });
}
