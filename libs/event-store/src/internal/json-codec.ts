/**
 * Events are stored as JSON text by every adapter (the in-memory one included), so all adapters give the
 * same round-trip: what comes back is what JSON.parse(JSON.stringify(x)) gives (Dates become strings,
 * undefined properties disappear, an undefined payload becomes null) and never shares objects with the caller.
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

export function decodeJson<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}
