// Fake credentials built at run time from the providers' token formats, so that no real-looking
// secret is ever committed. Fixtures and explain.md examples write `{{fake:<name>}}`; the harness
// replaces each placeholder before analysis. Values are random but seeded by the placeholder
// (`{{fake:github-pat.2}}` always gives the same token), so a case file and its fixed twin agree.
// Where a format has a checksum (GitHub's and npm's CRC32) the fake carries a valid one.
import { base62, crc32 } from '../../rules/api/secrets/checksum';

type Generator = (seed: string) => string;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';
const BASE64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

/** A deterministic random source per seed (mulberry32 over an FNV-1a hash of the seed). */
function randomFor(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  let state = h;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `pick(seed)` returns a function drawing `n` characters from an alphabet. */
function drawer(seed: string): (n: number, alphabet?: string) => string {
  const random = randomFor(seed);
  return (n, alphabet = ALNUM) => {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)]!;
    return out;
  };
}

const simple = (build: (draw: ReturnType<typeof drawer>) => string): Generator => (seed) => build(drawer(seed));

/** GitHub/npm style: prefix + 30 random + base62(crc32(random)) in 6 characters. */
const checksummed = (prefix: string): Generator => simple((d) => {
  const random = d(30);
  return `${prefix}${random}${base62(crc32(random), 6)}`;
});

const uuid = (d: ReturnType<typeof drawer>): string => `${d(8, HEX)}-${d(4, HEX)}-4${d(3, HEX)}-a${d(3, HEX)}-${d(12, HEX)}`;
const b64url = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');

function pem(label: string, lines: number): Generator {
  return simple((d) => {
    const body = Array.from({ length: lines }, () => d(64, BASE64)).join('\n');
    return `-----BEGIN ${label}-----\n${body}\n${d(24, BASE64)}==\n-----END ${label}-----`;
  });
}

export const FAKE_SECRETS: Record<string, Generator> = {
  // Source control
  'github-pat': checksummed('ghp_'),
  'github-oauth': checksummed('gho_'),
  'github-app': checksummed('ghs_'),
  'github-fine-grained': simple((d) => `github_pat_${d(22)}_${d(59)}`),
  'gitlab-pat': simple((d) => `glpat-${d(20, URLSAFE)}`),
  'bitbucket-app-password': simple((d) => `ATBB${d(32)}`),
  'atlassian-api-token': simple((d) => `ATATT3xFfGF0${d(180, URLSAFE)}`),
  'azure-devops-pat': simple((d) => d(52, BASE32)),
  // Package registries
  npm: checksummed('npm_'),
  pypi: simple((d) => `pypi-AgEIcHlwaS5vcmc${d(120, URLSAFE)}`),
  'docker-hub': simple((d) => `dckr_pat_${d(27, URLSAFE)}`),
  rubygems: simple((d) => `rubygems_${d(48, HEX)}`),
  nuget: simple((d) => `oy2${d(43, LOWER_ALNUM)}`),
  // Cloud
  'aws-access-key-id': simple((d) => `AKIA${d(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`),
  'aws-secret-access-key': simple((d) => d(40, BASE64)),
  'gcp-api-key': simple((d) => `AIza${d(35, URLSAFE)}`),
  'gcp-oauth-client-secret': simple((d) => `GOCSPX-${d(28, URLSAFE)}`),
  'azure-storage-key': simple((d) => `${d(86, BASE64)}==`),
  'azure-sas-signature': simple((d) => `${d(43, ALNUM)}%3D`),
  'azure-ad-client-secret': simple((d) => `${d(3)}${d(1, '0123456789')}Q~${d(34, `${ALNUM}_~.`)}`),
  digitalocean: simple((d) => `dop_v1_${d(64, HEX)}`),
  heroku: simple((d) => `HRKU-AA${d(58, URLSAFE)}`),
  'heroku-legacy': simple((d) => uuid(d)),
  'cloudflare-token': simple((d) => d(40, URLSAFE)),
  'vault-token': simple((d) => `hvs.${d(94, URLSAFE)}`),
  databricks: simple((d) => `dapi${d(32, HEX)}`),
  pulumi: simple((d) => `pul-${d(40, HEX)}`),
  doppler: simple((d) => `dp.pt.${d(43)}`),
  // Messaging and e-mail
  'slack-bot': simple((d) => `xoxb-${d(12, '0123456789')}-${d(13, '0123456789')}-${d(24)}`),
  'slack-user': simple((d) => `xoxp-${d(12, '0123456789')}-${d(12, '0123456789')}-${d(13, '0123456789')}-${d(32, HEX)}`),
  'slack-webhook': simple((d) => `https://hooks.slack.com/services/T${d(10, UPPER_ALNUM)}/B${d(10, UPPER_ALNUM)}/${d(24)}`),
  'discord-webhook': simple((d) => `https://discord.com/api/webhooks/${d(19, '0123456789')}/${d(68, URLSAFE)}`),
  telegram: simple((d) => `${d(10, '0123456789')}:AA${d(33, URLSAFE)}`),
  'twilio-api-key': simple((d) => `SK${d(32, HEX)}`),
  'twilio-auth-token': simple((d) => d(32, HEX)),
  sendgrid: simple((d) => `SG.${d(22, URLSAFE)}.${d(43, URLSAFE)}`),
  mailgun: simple((d) => `key-${d(32, HEX)}`),
  mailchimp: simple((d) => `${d(32, HEX)}-us${d(1, '123456789')}${d(1, '0123456789')}`),
  brevo: simple((d) => `xkeysib-${d(64, HEX)}-${d(16)}`),
  // Payments
  'stripe-live': simple((d) => `sk_live_${d(99)}`),
  'stripe-restricted': simple((d) => `rk_live_${d(99)}`),
  'stripe-test': simple((d) => `sk_test_${d(99)}`),
  'stripe-webhook-secret': simple((d) => `whsec_${d(32)}`),
  shopify: simple((d) => `shpat_${d(32, HEX)}`),
  square: simple((d) => `EAAA${d(60, URLSAFE)}`),
  // AI services
  openai: simple((d) => `sk-proj-${d(74, URLSAFE)}T3BlbkFJ${d(74, URLSAFE)}`),
  'openai-legacy': simple((d) => `sk-${d(20)}T3BlbkFJ${d(20)}`),
  anthropic: simple((d) => `sk-ant-api03-${d(93, URLSAFE)}AA`),
  huggingface: simple((d) => `hf_${d(34, LETTERS)}`),
  groq: simple((d) => `gsk_${d(52)}`),
  replicate: simple((d) => `r8_${d(37)}`),
  // Monitoring
  'datadog-api-key': simple((d) => d(32, HEX)),
  'datadog-app-key': simple((d) => d(40, HEX)),
  'newrelic-user-key': simple((d) => `NRAK-${d(27, UPPER_ALNUM)}`),
  'sentry-secret': simple((d) => d(32, HEX)),
  'sentry-public': simple((d) => d(32, HEX)),
  'grafana-service-account': simple((d) => `glsa_${d(32)}_${d(8, HEX)}`),
  // Identity
  'okta-token': simple((d) => `00${d(40, URLSAFE)}`),
  'auth0-client-secret': simple((d) => d(64, URLSAFE)),
  'fcm-server-key': simple((d) => `AAAA${d(7, URLSAFE)}:APA91b${d(134, URLSAFE)}`),
  jwt: simple((d) => {
    const header = b64url({ alg: 'HS256', typ: 'JWT' });
    const payload = b64url({ sub: d(12, '0123456789'), role: 'service', iat: 1_700_000_000, exp: 4_102_444_800 });
    return `${header}.${payload}.${d(43, URLSAFE)}`;
  }),
  'jwt-expired': simple((d) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: d(8, '0123456789'), exp: 1_500_000_000 })}.${d(43, URLSAFE)}`),
  'jwt-anon': simple((d) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ iss: 'supabase', ref: d(20, LETTERS.toLowerCase()), role: 'anon', exp: 4_102_444_800 })}.${d(43, URLSAFE)}`),
  // Other SaaS
  linear: simple((d) => `lin_api_${d(40)}`),
  notion: simple((d) => `secret_${d(43)}`),
  postman: simple((d) => `PMAK-${d(24, HEX)}-${d(34, HEX)}`),
  'sonar-token': simple((d) => `squ_${d(40, HEX)}`),
  // Private keys
  'rsa-private-key': pem('RSA PRIVATE KEY', 20),
  'private-key': pem('PRIVATE KEY', 20),
  'ec-private-key': pem('EC PRIVATE KEY', 3),
  'openssh-private-key': pem('OPENSSH PRIVATE KEY', 6),
  'encrypted-private-key': pem('ENCRYPTED PRIVATE KEY', 20),
  'pgp-private-key': pem('PGP PRIVATE KEY BLOCK', 20),
  'public-key': pem('PUBLIC KEY', 6),
  certificate: pem('CERTIFICATE', 12),
  'age-secret-key': simple((d) => `AGE-SECRET-KEY-1${d(58, BECH32)}`),
  // Generic values
  password: simple((d) => `${d(6)}#${d(3, '0123456789')}!${d(4, LETTERS)}`),
  'db-password': simple((d) => `${d(18)}`),
  'hex-32': simple((d) => d(32, HEX)),
  'hex-40': simple((d) => d(40, HEX)),
  'base64-32': simple((d) => `${d(43, BASE64)}=`),
  token: simple((d) => d(32, URLSAFE)),
  uuid: simple((d) => uuid(d)),
};

/** Replaces every `{{fake:<name>}}` with a fake built for that placeholder; the same placeholder always gives the same value. */
export function materialise(text: string): string {
  const made = new Map<string, string>();
  return text.replace(/\{\{fake:([\w.-]+)\}\}/g, (_whole, name: string) => {
    let value = made.get(name);
    if (value === undefined) {
      const generate = FAKE_SECRETS[name.replace(/\.\d+$/, '')];
      if (!generate) throw new Error(`no fake secret generator named "${name}"`);
      value = generate(name);
      made.set(name, value);
    }
    return value;
  });
}
