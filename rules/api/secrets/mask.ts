// The only forms in which a secret may leave the scanner: a masked preview (first characters and
// the length) and a keyed hash for fingerprints and baselines. Every output goes through these.
import { createHmac } from 'node:crypto';

/**
 * `ghp_… (40 chars)`. Shows at most 4 characters, and never more than a quarter of the value, so a
 * short password gives almost nothing away.
 */
export function maskSecret(value: string): string {
  const shown = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}… (${value.length} chars)`;
}

/**
 * Fixed application key for the fingerprint HMAC. A keyed hash (rather than a bare SHA) means a
 * baseline or SARIF file cannot be matched against a public list of hashed leaked tokens; the
 * values the detectors report are random enough that the hash cannot be reversed by guessing.
 */
const FINGERPRINT_KEY = 'guardline/secret-fingerprint/v1';

/** Keyed hash of a secret for one rule: stable across line moves, never the secret itself. */
export function secretFingerprint(ruleId: string, secret: string): string {
  return createHmac('sha256', FINGERPRINT_KEY).update(`${ruleId}\u0000${secret}`).digest('hex').slice(0, 32);
}
