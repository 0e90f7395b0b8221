// Noise filters: each answers "why is this candidate not a real credential?" with a reason, or
// undefined when the candidate stands. Each filter has tests on both sides (test/secrets/filters).
import { HEX, isTrivialSequence, UUID } from './measure';

export type FilterReason =
  | 'placeholder'
  | 'environment'
  | 'documented-example'
  | 'public-key'
  | 'uuid'
  | 'hash'
  | 'integrity'
  | 'data-uri'
  | 'identifier'
  | 'marked-fake';

const PLACEHOLDER_WORDS = [
  'changeme', 'change_me', 'change-me', 'changeit', 'your_', 'your-', 'yourapi', 'yourkey', 'yourtoken', 'yoursecret', 'yourpass',
  'placeholder', 'redacted', 'replace', 'insert', 'fillme', 'fill_me', 'fill-me', 'todo', 'fixme', 'tbd',
  '_here', '-here', 'here_', 'enter_', 'enter-', 'put_your', 'my_api_key', 'myapikey', 'my-api-key', 'my_secret', 'mysecret',
  'my_password', 'mypassword', 'password', 'passwd', 'secret', 'lorem', 'ipsum', 'foobar', 'xxxx', 'yyyy', 'zzzz', '****', '••••', '....', '…', 'sample', 'example',
];
/** Whole values that are words or defaults, not credentials. */
const PLACEHOLDER_VALUES = new Set([
  'password', 'passwd', 'pass', 'secret', 'token', 'apikey', 'api_key', 'api-key', 'key', 'none', 'null', 'nil', 'undefined', 'true', 'false',
  'test', 'testing', 'demo', 'default', 'admin', 'root', 'guest', 'user', 'username', 'empty', 'unset', 'string', 'value', 'required',
  'optional', 'secretkey', 'secret_key', 'accesskey', 'access_key', 'private_key', 'privatekey', 'client_secret', 'clientsecret',
  'postgres', 'mysql', 'redis', 'mongo', 'sa', 'letmein', 'qwerty', 'abc123', 'password1', 'password123', 'pa55word', 'p@ssw0rd', 'hunter2',
]);

/** `changeme`, `YOUR_API_KEY`, `xxxx`, `<token>`, `****`, `your-token-here`, `%s`, `{}`, trivial runs. */
export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (/^<[^>]*>$|^\[[^\]]*\]$|^\{[^}]*\}$|^\([^)]*\)$/.test(value)) return true; // <token>, [KEY], {key}
  if (/[<>]/.test(value) && /<[\w\s.-]*>/.test(value)) return true; // Bearer <token>
  if (/%[sd]|%\(\w+\)s|\{\d*\}|^\$\d$|^:\w+$/.test(value)) return true; // format strings, :param
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true;
  if (/^[x*•.#_-]+$/i.test(value)) return true;
  if (/(.)\1{5,}/.test(value)) return true; // aaaaaa, 000000 inside a value
  return isTrivialSequence(value);
}

/** Values that name where the secret comes from instead of being it. */
const ENVIRONMENT = [
  /\$\{[^}]*\}?/, /^\$[A-Za-z_][A-Za-z0-9_]*$/, /\$\([^)]*\)?/, /^%[A-Za-z_][A-Za-z0-9_]*%$/, /\{\{.*\}\}|\{\{/, /\{%/, /<%/, /#\{/,
  /^@[A-Za-z_]+@$/, /\bENV\[/, /\benv\(/i, /process\.env/, /os\.environ/, /getenv/i, /Environment\.GetEnvironmentVariable/,
  /secretKeyRef|valueFrom|secretRef/, /^vault:|vault\.read|^vault\//i, /^op:\/\//, /arn:aws:secretsmanager|arn:aws:ssm|^ssm:|^secretsmanager:/i,
  /\{\{resolve:/, /^sm:\/\//, /keyvault|key_vault|akv:/i, /^!(?:Ref|Sub|GetAtt|ImportValue)\b/, /^gcp-secret:|^projects\/[^/]+\/secrets\//,
  /^(?:ENC\[|AQICA|sops:)/, /^\*+$/, /^!vault\b/, /^\$ANSIBLE_VAULT/, /^(?:input|getpass|prompt)\(/,
];

export function isEnvironmentReference(value: string): boolean {
  return ENVIRONMENT.some((re) => re.test(value));
}

/** Values the providers publish in their documentation as examples. */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  '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',
  'xoxb-not-a-real-token-this-will-not-work',
  'xoxp-not-a-real-token',
  'xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx',
  // RFC 5849 (OAuth 1.0) example credentials, quoted in many libraries' docs.
  'dpf43f3p2l4k3l03', 'kd94hf93k423kf44', 'nnch734d00sl2jdk', 'pfkkdhi9sl3r4s00', 'hh5s93j4hdidpola', 'hdhd0244k9j7ao03',
  '0685bd9184jfhq22', 'ad180jjd733klru7', 'lsdkfol23w54jlksdef', 'j49sk3j29djd', 'dh893hdasih9',
  'geheim$parole', // Python's urllib documentation
  'Tr0ub4dor&3', // xkcd 936
  'correcthorsebatterystaple',
]);

export function isDocumentedExample(value: string): boolean {
  if (DOCUMENTED_EXAMPLES.has(value)) return true;
  // AWS documentation keys end in EXAMPLE / EXAMPLEKEY; many vendors copy the convention.
  return /EXAMPLE/.test(value);
}

/** Public material: public keys, certificates, publishable keys. */
export function isPublicKeyMaterial(value: string): boolean {
  return (
    /-----BEGIN (?:[A-Z0-9]+ )*(?:PUBLIC KEY|CERTIFICATE(?: REQUEST)?|PUBLIC KEY BLOCK|X509 CRL)-----/.test(value) ||
    /^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com) AAAA/.test(value) ||
    /^(?:pk_(?:live|test)_|pk\.eyJ|FLWPUBK|pubkey-)/.test(value)
  );
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Well-known digests: the empty input's, all-zero ones. */
const KNOWN_DIGESTS = new Set([
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
]);

/**
 * A hash or git SHA rather than a key: a digest prefix (`sha256:`, `sha512-`), a well-known digest, or
 * a hex string of digest length on a line that talks about commits, checksums or digests.
 */
export function isHashLike(value: string, line: string): boolean {
  if (/^(?:sha1|sha224|sha256|sha384|sha512|md5)[-:=]/i.test(value)) return true;
  if (KNOWN_DIGESTS.has(value.toLowerCase())) return true;
  if (HEX.test(value) && [32, 40, 56, 64, 96, 128].includes(value.length)) {
    return /(?:^|[^a-z])(?:sha\d*|hash\w*|digest|checksum|md5|commit\w*|revision|rev|ref|etag|fingerprint|integrity|git|tree|blob|object|version|build)(?![a-z])/i.test(line) || /\/(?:commit|commits|blob|tree)\//.test(line);
  }
  return false;
}

/** Subresource-integrity and lock-file hashes: `integrity: sha512-...`, `"integrity": "sha1-..."`. */
export function isIntegrityHash(line: string, valueStart: number): boolean {
  const before = line.slice(0, valueStart);
  return /integrity|\bsha(?:1|256|384|512)[-=:][A-Za-z0-9+/=_-]*$/i.test(before) || /checksum/i.test(before);
}

/** Inside a `data:` URI or right after `base64,`. */
export function isInDataUri(line: string, valueStart: number, value: string): boolean {
  if (/^data:/i.test(value)) return true;
  const before = line.slice(Math.max(0, valueStart - 200), valueStart);
  return /data:[\w.+/-]*(?:;[\w=.-]+)*;base64,[A-Za-z0-9+/=]*$/i.test(before) || /base64,$/.test(before);
}

const FAKE_MARKER = /\b(?:fake|dummy|mock(?:ed)?|not[ _-]a[ _-]real|not[ _-]real|fixture)\b|fake|dummy|pragma:\s*allowlist secret|gitleaks:allow|nosecret|guardline:\s*fake/i;

/** A test fixture or documentation marked as fake: in the value, its key, or a comment on the line or the line before. */
export function isMarkedFake(value: string, key: string, line: string, previousLine: string): boolean {
  if (/fake|dummy|mock/i.test(value) || /fake|dummy|mock/i.test(key)) return true;
  return hasComment(line, FAKE_MARKER) || hasComment(previousLine, FAKE_MARKER);
}

function hasComment(line: string, marker: RegExp): boolean {
  const comment = /(?:\/\/|#|\/\*|<!--|--|;|\*)\s*(.*)$/.exec(line);
  return !!comment && marker.test(comment[1] ?? '');
}
