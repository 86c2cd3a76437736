import { createHash } from 'node:crypto';

/**
 * The ids made by a request sent with an Idempotency-Key: derived from the caller, the key and the request (method,
 * URL, body), so that a retry of the request makes exactly the same ones: the same ids for what it creates, the same
 * event ids for what it appends. The key is thus recorded with the events themselves: a retry whose idempotency
 * record was lost (the process died after the append, before the record) finds its events in their streams and
 * answers from them (StreamExecutor), instead of doing the work twice. Concurrent retries in several processes append
 * the same event ids at the same revision, which the event store answers as one append (an idempotent retry).
 */
export class RequestIds {
  private created = 0;
  private readonly appends = new Map<string, number>();

  private readonly seed: string;

  constructor(request: IdempotentRequest) {
    this.seed = createHash('sha256').update(`${request.scope}\n${request.key}\n${request.requestHash}`).digest('hex');
  }

  /** The id of the next thing the request creates (a stream, a check-in), in the order the handler asks for them. */
  newId(): string {
    return derivedUuid(`${this.seed}\nid\n${this.created++}`);
  }

  /** The event ids of the request's next append to `streamId` (its first, second... append there): index → id. */
  nextAppend(streamId: string): (index: number) => string {
    const append = this.appends.get(streamId) ?? 0;
    this.appends.set(streamId, append + 1);
    return (index) => derivedUuid(`${this.seed}\nevent\n${streamId}\n${append}\n${index}`);
  }
}

/** What the ids of a request derive from: who sent it, its Idempotency-Key and its hash (method, URL, body). */
export interface IdempotentRequest {
  /** `${tenantId}:${userId}`: keys are the caller's own. */
  scope: string;
  key: string;
  requestHash: string;
}

/** A UUID (RFC 9562 version 8: custom, here SHA-256 based) named by `name`. */
function derivedUuid(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
