// Collects audit entries in memory and writes them in batches: one transaction per batch, every
// flushIntervalMs or maxBatch entries, and on close. Batches stay small (a write of 256 entries holds
// the event loop for about a millisecond), so a busy server's tail latency does not carry the audit.
// The last fetch of each device (time and document hash) rides in the same batch, written when the
// hash changes and otherwise at most once per fetchStateRefreshMs (a phone fetching every few
// seconds need not rewrite its row each time). A served fetch and a revoked device's removal both
// count as the device's last fetch. A failed batch is kept for the next attempt up to
// maxPending entries, beyond which the oldest are dropped and the loss is logged.
import type { ServiceLogger } from './clock.js';
import { deviceOf, type AuditEntry, type FetchState } from './model.js';
import { NO_OBSERVER, type ProvisioningObserver } from './provisioning-observer.js';
import type { AuditLog } from './store.js';

export interface AuditBufferOptions {
  readonly flushIntervalMs?: number;
  readonly maxBatch?: number;
  readonly maxPending?: number;
  /** Default 60 000: how stale a recorded last-fetch time may get while the hash stays the same. */
  readonly fetchStateRefreshMs?: number;
  readonly logger: ServiceLogger;
  readonly observer?: Pick<ProvisioningObserver, 'auditBuffered' | 'auditWritten' | 'auditDropped'>;
}

export class AuditBuffer {
  private entries: AuditEntry[] = [];
  /** Fetch states to write, by device. */
  private fetches = new Map<string, FetchState>();
  /** The last fetch state handed to storage per device, and when (forgotten whole past maxPending). */
  private readonly recorded = new Map<string, { hash: string; passwordId: string | undefined; at: number }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  private readonly fetchStateRefreshMs: number;
  private readonly observer: NonNullable<AuditBufferOptions['observer']>;

  constructor(
    private readonly log: AuditLog,
    private readonly options: AuditBufferOptions,
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 100;
    this.maxBatch = options.maxBatch ?? 256;
    this.maxPending = options.maxPending ?? 200_000;
    this.fetchStateRefreshMs = options.fetchStateRefreshMs ?? 60_000;
    this.observer = options.observer ?? NO_OBSERVER;
  }

  /** `now`: the entry's time in epoch ms. */
  record(entry: AuditEntry, now: number): void {
    this.entries.push(entry);
    this.observer.auditBuffered();
    const taken = entry.outcome === 'served' || entry.outcome === 'removed';
    if (taken && entry.userId !== undefined && entry.documentHash !== undefined) {
      const device = deviceOf(entry.platform, entry.userAgent);
      const key = `${entry.userId}\u0000${device.platform}\u0000${device.userAgent}`;
      const last = this.recorded.get(key);
      // The same document with the same password lately: the stored state says it already. A phone
      // that moves to a new password is news even for the same document.
      if (
        last !== undefined &&
        last.hash === entry.documentHash &&
        last.passwordId === entry.passwordId &&
        now - last.at < this.fetchStateRefreshMs
      )
        return this.schedule();
      if (this.recorded.size >= this.maxPending) this.recorded.clear();
      this.recorded.set(key, { hash: entry.documentHash, passwordId: entry.passwordId, at: now });
      this.fetches.set(key, {
        userId: entry.userId,
        ...device,
        clientVersion: entry.clientVersion,
        lastFetchAt: entry.at,
        lastDocumentHash: entry.documentHash,
        lastClientAddress: entry.clientAddress,
        lastPasswordId: entry.passwordId,
      });
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.entries.length >= this.maxBatch) void this.flush();
    else if (this.timer === undefined && !this.closed) {
      this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes everything recorded so far; resolves when it is stored (or the failure logged). */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.flushing = this.flushing.then(() => this.writeBatch());
    return this.flushing;
  }

  private async writeBatch(): Promise<void> {
    if (this.entries.length === 0 && this.fetches.size === 0) return;
    const entries = this.entries;
    const fetches = this.fetches;
    this.entries = [];
    this.fetches = new Map();
    try {
      await this.log.appendBatch(entries, [...fetches.values()]);
      this.observer.auditWritten(entries.length);
    } catch (error) {
      this.options.logger.error(
        { err: error, entries: entries.length },
        'audit batch could not be written; will retry',
      );
      this.entries = entries.concat(this.entries);
      for (const [device, state] of fetches) if (!this.fetches.has(device)) this.fetches.set(device, state);
      if (this.fetches.size > this.maxPending) {
        this.fetches.clear();
        this.recorded.clear();
      }
      const excess = this.entries.length - this.maxPending;
      if (excess > 0) {
        this.entries.splice(0, excess);
        this.observer.auditDropped(excess);
        this.options.logger.error(
          { dropped: excess },
          'audit entries dropped: the audit log cannot be written',
        );
      }
      if (!this.closed && this.timer === undefined) {
        this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
        this.timer.unref();
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  get pending(): number {
    return this.entries.length;
  }
}
