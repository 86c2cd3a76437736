/**
 * What the MongoDB read-model store reads from a connection string itself: the default database (its path), and
 * a form of it that is safe to show in errors and logs. Parsing proper (hosts, options) is the driver's job.
 */

/** The database used when neither the options nor the URL's path name one. */
export const DEFAULT_DATABASE = 'okr';

/** `mongodb://` or `mongodb+srv://`, then the credentials (anything up to the last `@` before the path), hosts, path, options. */
const URL_PATTERN = /^(mongodb(?:\+srv)?:\/\/)(?:([^/?#]*)@)?([^/?#@]*)(?:\/([^?#]*))?(\?[^#]*)?(#.*)?$/i;

/**
 * The database a connection string names in its path (`mongodb://host/okr` → `okr`), percent-decoded;
 * undefined when it names none (or the string is not a MongoDB URL: the driver reports that).
 */
export function databaseFromUrl(url: string): string | undefined {
  const path = URL_PATTERN.exec(url)?.[4];
  if (!path) return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Characters MongoDB refuses in a database name (any platform), and its length limit in bytes.
 * See "Naming Restrictions" in the MongoDB manual.
 */
// eslint-disable-next-line no-control-regex -- the NUL character is one of MongoDB's forbidden ones
const FORBIDDEN_IN_DATABASE_NAME = /[/\\. "$*<>:|?\u0000]/;
const MAX_DATABASE_NAME_BYTES = 63;

export function validateDatabaseName(name: unknown): asserts name is string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    FORBIDDEN_IN_DATABASE_NAME.test(name) ||
    Buffer.byteLength(name) > MAX_DATABASE_NAME_BYTES
  ) {
    throw new TypeError(
      `Invalid MongoDB database name ${JSON.stringify(name)}: 1-${MAX_DATABASE_NAME_BYTES} bytes, none of / \\ . space " $ * < > : | ?`,
    );
  }
}

/**
 * The URL without its secrets, for messages: credentials become `***` and the options are elided (they may
 * hold secrets too, e.g. authMechanismProperties), as in `mongodb://***@db1:27017,db2/okr?…`. A string that is
 * not a MongoDB URL shows as `(unparsable MongoDB URL)`, since it may be anything, a password included.
 */
export function redactMongoUrl(url: string): string {
  const match = typeof url === 'string' ? URL_PATTERN.exec(url.trim()) : null;
  if (!match) return '(unparsable MongoDB URL)';
  const [, scheme, credentials, hosts, path, query] = match;
  return `${scheme}${credentials !== undefined ? '***@' : ''}${hosts}${path !== undefined ? `/${path}` : ''}${query ? '?…' : ''}`;
}

/**
 * A message with every trace of the URL's secrets replaced: the URL itself, its credentials (raw and
 * percent-decoded), its password. For driver errors, which usually name only host and port, but not always.
 */
export function scrubUrlSecrets(message: string, url: string): string {
  const secrets = new Set<string>();
  if (typeof url === 'string' && url.length > 0) {
    secrets.add(url);
    const match = URL_PATTERN.exec(url.trim());
    const credentials = match?.[2];
    const query = match?.[5];
    if (credentials) {
      secrets.add(credentials);
      const password = credentials.includes(':') ? credentials.slice(credentials.indexOf(':') + 1) : '';
      for (const value of [password, safeDecode(password), safeDecode(credentials)]) if (value.length >= 3) secrets.add(value);
    }
    if (query && query.length > 1) secrets.add(query.slice(1));
  }
  let scrubbed = message;
  // Longest first, so that a secret containing another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.split(secret).join(secret === url ? redactMongoUrl(url) : '***');
  }
  return scrubbed;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
