// Text helpers for rules: identifiers split into words (to read what a name says) and code
// shortened for a finding's message.

/** Splits an identifier such as `dbPassword`, `AWS_SECRET_ACCESS_KEY` or `api-key` into lower-case words. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Code for a message: white space folded to single spaces, cut to `max` characters with `...`. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
