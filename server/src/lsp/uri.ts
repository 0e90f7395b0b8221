// Document URIs to the `/`-separated paths the engine reads, and back.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri).replace(/\\/g, '/');
  // untitled:Untitled-1 and other schemes: keep the last segment so the extension still tells the language
  return decodeURIComponent(uri.replace(/^[a-z-]+:/i, ''));
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
