/**
 * A stored event whose schema version this code cannot read: newer than the current version of its type
 * (written by a later release, e.g. read by an older replica during a rolling upgrade or after a rollback),
 * or not a positive integer. Reading it as if it were an older shape could make a decider decide wrongly or
 * a projection store wrong documents, so readers stop with this error instead of guessing.
 */
export class UnsupportedSchemaVersionError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: unknown,
    readonly currentVersion: number,
  ) {
    super(
      `${eventType} event with schemaVersion ${JSON.stringify(schemaVersion)}: this code reads versions 1 to ${currentVersion} ` +
        `of ${eventType} (was it written by a newer release? run that release or a later one)`,
    );
    this.name = 'UnsupportedSchemaVersionError';
  }
}
