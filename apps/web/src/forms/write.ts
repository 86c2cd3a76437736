/**
 * Headers of writes. `Idempotency-Key`: a new one per submit attempt, so a request the network lost and the browser
 * sends again is done once (the API takes it on POST). `If-Match`: the version the form was filled from, so a change
 * someone made meanwhile is not overwritten unseen (412).
 */

/** A random UUID (v4). Not `crypto.randomUUID()`: that exists only in secure contexts, and a LAN server may be plain http. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Headers of a POST: a fresh Idempotency-Key, and If-Match when the POST changes something read at `version`. */
export function postHeaders(version?: number): Record<string, string> {
  return { 'Idempotency-Key': newKey(), ...ifMatch(version) };
}

/** If-Match of a stream version as the ETag gives it ("3"); nothing without a version. */
export function ifMatch(version: number | undefined): Record<string, string> {
  return version === undefined ? {} : { 'If-Match': `"${version}"` };
}
