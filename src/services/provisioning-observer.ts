// What the provisioning use case tells whoever counts (the metrics adapter): plain calls with plain
// values, so the services need no metrics library and a fetch costs a few function calls. Every
// method must be cheap and must not throw: they run on the phones' hot path.
import type { FetchOutcome } from './provisioning-contract.js';

export type LockoutScope = 'username' | 'address';

export interface ProvisioningObserver {
  /**
   * A fetch ended. `tenant`: the slug of the existing tenant it was for, undefined when the request
   * named none that exists (so what strangers send never becomes a label). `seconds`: from arrival
   * to the answer.
   */
  fetched(outcome: FetchOutcome, tenant: string | undefined, seconds: number): void;
  /** A username or a client address has just been locked out. */
  lockedOut(scope: LockoutScope): void;
  /** A login was looked up among the remembered ones: found (no slow hash) or not. */
  loginCache(hit: boolean): void;
  /** A user's document was asked for: already rendered for this data generation, or rendered now. */
  documentCache(hit: boolean): void;
  /** One audit entry went into the buffer. */
  auditBuffered(): void;
  /** A batch of audit entries was written. */
  auditWritten(entries: number): void;
  /** Audit entries were given up after the audit log could not be written. */
  auditDropped(entries: number): void;
  /** A storage call failed (not a refusal such as "not found": the database itself). */
  databaseError(operation: string): void;
}

const nothing = (): void => undefined;

export const NO_OBSERVER: ProvisioningObserver = {
  fetched: nothing,
  lockedOut: nothing,
  loginCache: nothing,
  documentCache: nothing,
  auditBuffered: nothing,
  auditWritten: nothing,
  auditDropped: nothing,
  databaseError: nothing,
};
