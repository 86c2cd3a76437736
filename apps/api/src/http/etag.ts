/** ETag of a stream version: a strong validator, the version number in quotes. */
export function etag(version: number): string {
  return `"${version}"`;
}

export interface ReplyWithHeaders {
  header(name: string, value: string): unknown;
}
