/**
 * How the port's stream ids map to EventStoreDB stream names: `<prefix>.<streamId>`, e.g.
 * `objective-3f0c…` → `okr.objective-3f0c…`.
 *
 * - The prefix keeps this application's streams apart from other applications (and from other
 *   deployments of this one: staging and production on one cluster use different prefixes), and lets a
 *   server-side `$all` filter select them by name prefix (`okr.`).
 * - The prefix may not contain '-' nor '.', so EventStoreDB's `$by_category` projection (category = the
 *   part before the first '-') still gives one category per stream type: `$ce-okr.objective`,
 *   `$ce-okr.keyresult`… And since the prefix cannot contain '.', `okr.` is never a prefix of another
 *   deployment's streams (`okr_staging.`), so the filter is exact.
 * - The prefix cannot start with '$', so the app's streams are never system streams.
 *
 * Tenants are not part of the name: the port reads streams by id alone, ids are server-generated UUIDs
 * (globally unique), and the tenant of a stream is the tenantId in the metadata of its first event
 * (see docs/decisions/0007-eventstoredb-adapter.md).
 */

/** Letters, digits and '_' only (no '-', '.', '$' or spaces), 1 to 64 characters. */
const PREFIX_PATTERN = /^[A-Za-z0-9_]{1,64}$/;
/** C0 control characters and DEL: they make stream names unreadable in logs, URLs and the admin UI. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export const DEFAULT_STREAM_PREFIX = 'okr';
/** Separates the prefix from the stream id. */
export const PREFIX_SEPARATOR = '.';

/** Throws a RangeError naming the rule when `prefix` cannot be used; returns it otherwise. */
export function validateStreamPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(
      `Invalid EventStoreDB stream prefix ${JSON.stringify(prefix)}: use 1 to 64 letters, digits or '_' ` +
        `(no '-', which would break category streams, no '.', which separates the prefix, no '$')`,
    );
  }
  return prefix;
}

export class StreamNaming {
  /** `<prefix>.`: every stream of this application starts with it. */
  readonly namePrefix: string;

  constructor(readonly prefix: string = DEFAULT_STREAM_PREFIX) {
    validateStreamPrefix(prefix);
    this.namePrefix = `${prefix}${PREFIX_SEPARATOR}`;
  }

  /** The EventStoreDB stream name of a port stream id. Throws a TypeError for an id the port does not allow. */
  toStreamName(streamId: string): string {
    if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
    if (CONTROL_CHARACTERS.test(streamId)) {
      throw new TypeError(`streamId ${JSON.stringify(streamId)} contains control characters`);
    }
    return this.namePrefix + streamId;
  }

  /** True when the EventStoreDB stream belongs to this application (so never for system streams). */
  owns(streamName: string): boolean {
    return streamName.length > this.namePrefix.length && streamName.startsWith(this.namePrefix);
  }

  /** The port stream id of one of this application's streams. Throws for any other stream name. */
  toStreamId(streamName: string): string {
    if (!this.owns(streamName)) {
      throw new RangeError(
        `EventStoreDB stream ${JSON.stringify(streamName)} does not belong to this application (prefix ${this.namePrefix})`,
      );
    }
    return streamName.slice(this.namePrefix.length);
  }

  /**
   * The category stream EventStoreDB's `$by_category` projection (default settings: category = text before
   * the first '-') maintains for a category of this application, e.g. 'objective' → `$ce-okr.objective`.
   */
  categoryStreamName(category: string): string {
    if (typeof category !== 'string' || category.length === 0 || category.includes('-')) {
      throw new TypeError(`Invalid category ${JSON.stringify(category)}: a non-empty string without '-'`);
    }
    return `$ce-${this.namePrefix}${category}`;
  }
}
