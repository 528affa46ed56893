import { createHash, randomBytes } from 'node:crypto';

/** Prefix of Dossier API tokens: easy to spot in logs and secret scanners. */
export const TOKEN_PREFIX = 'dsr_';

/** A new random API token: 256 bits, base64url. */
export function newApiToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What the store keeps of a token: its SHA-256, lower-case hex. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
