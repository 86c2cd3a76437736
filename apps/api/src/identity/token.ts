import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: 32 random bytes, base64url (43 characters), prefixed so that it is recognisable in logs and scanners. */
export function generateToken(): string {
  return `okr_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as their SHA-256 (they are high-entropy, so no slow hash is needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
