// Which assignment keys name a secret: `password`, `DB_PASS`, `stripeSecretKey`, `api-key`,
// `client_secret`, `Authorization`... and which only look like it (`password_length`,
// `tokenType`, `secret_name`, `showPassword`, `authDomain`).
import { identifierWords } from '../text';

export type KeyStrength = 'password' | 'secret' | 'weak';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'pword']);
/** Words that make a key secret on their own. */
const SECRET_WORDS = new Set(['secret', 'secrets', 'credential', 'credentials', 'creds', 'apikey', 'privatekey', 'secretkey', 'accesskey', 'authtoken', 'accesstoken', 'authorization', 'bearer', 'pat', 'passkey', 'sas', 'dsn']);
/** Words that make a key secret when `key` follows: `api_key`, `signing-key`, `masterKey`. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'master', 'app', 'account', 'subscription', 'shared', 'client', 'consumer', 'license', 'session', 'auth', 'hmac', 'jwt', 'webhook', 'service', 'admin', 'write', 'server', 'deploy', 'crypt', 'cipher', 'aes', 'enc']);
/** `token` is secret unless it is clearly not a credential (`csrf_token` still is). */
const TOKEN_WORDS = new Set(['token', 'tokens']);
/** After the secret word, these turn the key into metadata about the secret. */
const METADATA_SUFFIXES = new Set([
  'length', 'len', 'color', 'colour', 'bg', 'background', 'border', 'width', 'height', 'margin', 'padding', 'font', 'sha', 'sha1', 'sha256', 'checksum', 'min', 'max', 'size', 'type', 'types', 'kind', 'name', 'names', 'id', 'ids', 'url', 'uri', 'urls', 'endpoint', 'path',
  'file', 'filename', 'dir', 'field', 'fields', 'label', 'placeholder', 'hint', 'regex', 'regexp', 'pattern', 'policy', 'hash', 'hashed', 'digest',
  'salt', 'header', 'prefix', 'suffix', 'expiry', 'expires', 'expiration', 'expire', 'ttl', 'timeout', 'lifetime', 'count', 'index', 'idx', 'enabled',
  'required', 'mode', 'strategy', 'format', 'provider', 'version', 'reset', 'changed', 'updated', 'at', 'date', 'time', 'validator', 'validation',
  'error', 'errors', 'message', 'msg', 'input', 'prompt', 'visible', 'shown', 'strength', 'rules', 'rule', 'param', 'location', 'store',
  'manager', 'ref', 'reference', 'env', 'var', 'variable', 'domain', 'method', 'host', 'server', 'service', 'scheme', 'flow', 'callback',
  'redirect', 'scope', 'scopes', 'audience', 'issuer', 'realm', 'user', 'username', 'email', 'login', 'level', 'status', 'state', 'source',
  'arn', 'key_id', 'keyid', 'version_id', 'storage', 'cache', 'mask', 'char', 'chars', 'class', 'style', 'icon', 'button', 'link', 'text',
  'title', 'description', 'desc', 'help', 'doc', 'docs', 'example', 'sample', 'schema', 'property', 'properties', 'column', 'col', 'table',
  'option', 'options', 'config', 'settings', 'handler', 'helper', 'util', 'utils', 'service', 'client', 'factory', 'builder', 'generator',
  'parser', 'serializer', 'component', 'spec', 'test', 'tests', 'mock', 'stub', 'list', 'map', 'set', 'keys', 'values', 'position', 'pos',
  'start', 'end', 'offset', 'line', 'lines', 'kind', 'flag', 'flags', 'sent', 'received', 'request', 'response', 'event', 'events', 'path',
]);
/** Before the secret word, these turn the key into a question or a command about it. */
const NEGATING_PREFIXES = new Set(['is', 'has', 'show', 'hide', 'toggle', 'use', 'uses', 'enable', 'disable', 'allow', 'require', 'requires', 'no', 'min', 'max', 'forgot', 'validate', 'num', 'total', 'invalid', 'should', 'can', 'need', 'needs', 'check', 'verify', 'compare', 'encode', 'decode', 'parse', 'get', 'fetch', 'load', 'read', 'on', 'handle', 'render', 'last', 'next', 'prev', 'previous']);

/** Words written together (`PGPASSWORD`, `dbpasswd`, `slacktoken`) read as their secret part. */
const COMPOUND_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'secretkey', 'privatekey', 'accesskey'];
function compoundWord(word: string): string {
  if (PASSWORD_WORDS.has(word) || SECRET_WORDS.has(word) || TOKEN_WORDS.has(word)) return word;
  const suffix = COMPOUND_SUFFIXES.find((s) => word.length > s.length + 1 && word.endsWith(s));
  return suffix ?? word;
}

/** How strongly a key names a secret, or undefined when it does not. */
export function keyStrength(key: string): KeyStrength | undefined {
  const words = identifierWords(key);
  if (!words.length || words.length > 8) return undefined;
  let found = -1;
  let strength: KeyStrength | undefined;
  for (let i = words.length - 1; i >= 0 && found < 0; i--) {
    const word = compoundWord(words[i]!);
    if (PASSWORD_WORDS.has(word)) {
      found = i;
      strength = 'password';
    } else if (SECRET_WORDS.has(word)) {
      found = i;
      strength = 'secret';
    } else if (TOKEN_WORDS.has(word)) {
      found = i;
      strength = 'weak';
    } else if (word === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)) {
      found = i;
      strength = 'secret';
    } else if (word === 'auth' && i === words.length - 1) {
      found = i;
      strength = 'weak'; // `_auth=` in .npmrc, `auth: user:pass`
    }
  }
  if (found < 0 || !strength) return undefined;
  const after = words.slice(found + 1);
  if (after.some((w) => METADATA_SUFFIXES.has(w))) return undefined;
  if (after.length > 1) return undefined;
  if (words.slice(0, found).some((w) => NEGATING_PREFIXES.has(w))) return undefined;
  if (words.includes('public') || words.includes('publishable') || words.includes('pub')) return undefined;
  return strength;
}
