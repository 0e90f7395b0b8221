// Cheap measurements of a candidate value: Shannon entropy, character classes, and the shapes
// (UUID, hex digest, identifier, sequence) that tell a random credential from ordinary text.
import { identifierWords } from '../text';

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many of lower case, upper case, digits and symbols the value uses. */
export function charClasses(value: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c > 127 && /\p{L}/u.test(value[i]!))) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const HEX = /^[0-9a-f]+$/i;

/** One character repeated, or a run like `123456789`, `abcdefgh`, `qwerty`. */
export function isTrivialSequence(value: string): boolean {
  if (value.length < 2) return true;
  if (/^(.)\1+$/.test(value)) return true;
  if (/^(..?.?)\1{2,}$/.test(value)) return true; // abcabcabc, 121212
  let ascending = true;
  for (let i = 1; i < value.length && ascending; i++) if (value.charCodeAt(i) - value.charCodeAt(i - 1) !== 1) ascending = false;
  if (ascending) return true;
  return /^(?:qwerty|asdf|zxcv|0123456789|1234567890|abcdefghij)/i.test(value) && value.length <= 12;
}

/**
 * Looks like a program identifier or a phrase (`refreshToken`, `user_password_field`, `Bearer`),
 * not a random string: letters only in word-shaped chunks, no digits.
 */
export function looksLikeWords(value: string): boolean {
  const bare = value.replace(/^[_$]+/, ''); // _PrivateKey, $token
  if (!/^\p{L}+(?:[_\-. ]\p{L}+)*$/u.test(bare)) return false;
  const words = bare.split(/[_\-. ]|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u).filter(Boolean);
  // Random base62 strings of this length almost always hold a digit; most words also have vowels
  // (acronyms such as DSA or RSA may not).
  const voiced = words.filter((w) => w.length <= 2 || /[aeiouyAEIOUY]|[^\x00-\x7f]/.test(w)).length;
  return voiced * 2 >= words.length && words.every((w) => w.length < 16);
}

/** `dbPassword` -> `DB_PASSWORD`: the environment variable a key's value should come from. */
export function envNameFor(key: string): string {
  const words = identifierWords(key);
  const name = words.join('_').toUpperCase();
  return /^[A-Z_][A-Z0-9_]*$/.test(name) ? name : 'SECRET';
}
