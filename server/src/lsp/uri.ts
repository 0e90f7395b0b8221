// Document URIs to the `/`-separated paths the engine reads.
import { fileURLToPath } from 'node:url';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri).replace(/\\/g, '/');
  // untitled:Untitled-1 and other schemes: keep the last segment so the extension still tells the language
  return decodeURIComponent(uri.replace(/^[a-z-]+:/i, ''));
}
