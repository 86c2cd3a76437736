/** How the hash chains are verified (ApiModuleOptions.auditVerify, CliModuleOptions.auditVerify). */
export const AUDIT_VERIFY_SETTINGS = Symbol('AUDIT_VERIFY_SETTINGS');

export interface AuditVerifySettings {
  /**
   * Long verifications check the later half of the log in a worker thread on this file (the embedded SQLite event
   * store's), in parallel with this thread's half. Unset: one thread.
   */
  segmentWorker?: {
    eventStoreFile: string;
    /** From how many events in the log the worker is used (default 100,000). */
    from?: number;
  };
}
