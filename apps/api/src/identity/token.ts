import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: 32 random bytes, base64url (43 characters), prefixed so that it is recognisable in logs and scanners. */
export function generateToken(): string {
  return `okr_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as their SHA-256 (they are high-entropy, so no slow hash is needed). So are session secrets. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The secret of a new browser session (the `okr_session` cookie): 32 random bytes, base64url; stored only as its hash. */
export function generateSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The CSRF token of a session (the `okr_csrf` cookie, which scripts of the page read and send back as X-CSRF-Token):
 * derived from the session's secret, so that the server checks it without storing anything, and it fits only that
 * session. Another hash than the stored one (a different prefix): knowing it tells nothing of the secret or its hash.
 */
export function csrfTokenOf(sessionSecret: string): string {
  return createHash('sha256').update(`okr-csrf\u0000${sessionSecret}`, 'utf8').digest('base64url');
}
