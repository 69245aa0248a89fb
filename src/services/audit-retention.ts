// Keeps the audit log from growing without end: entries older than the retention period are deleted
// by the server at start and then every hour, a bounded chunk per statement with a pause between
// chunks, so a long-neglected log is trimmed without holding the database or the event loop.
import type { Clock, ServiceLogger } from './clock.js';
import type { AuditLog } from './store.js';

const DAY_MS = 86_400_000;

export interface AuditRetentionOptions {
  /** Entries older than this are deleted; 0 keeps them forever. */
  readonly retentionDays: number;
  readonly clock: Clock;
  readonly logger: ServiceLogger;
  /** Entries deleted per statement. */
  readonly chunk?: number;
}

export class AuditRetention {
  private readonly chunk: number;
  private running: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: AuditLog,
    private readonly options: AuditRetentionOptions,
  ) {
    this.chunk = options.chunk ?? 5000;
  }

  /** Deletes every entry older than the retention period; resolves with how many went. */
  prune(): Promise<number> {
    this.running ??= this.pruneAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Prunes now and then every intervalMs, until stop(). */
  start(intervalMs = 3_600_000): void {
    if (this.options.retentionDays === 0 || this.timer !== undefined) return;
    const run = (): void => {
      this.prune().then(
        (deleted) => {
          if (deleted > 0)
            this.options.logger.info(
              { deleted, retentionDays: this.options.retentionDays },
              'old audit entries deleted',
            );
        },
        (error: unknown) => this.options.logger.warn({ err: error }, 'audit retention failed; will retry'),
      );
    };
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    run();
  }

  /** No further runs; resolves once a run in progress has ended (so storage can close). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async pruneAll(): Promise<number> {
    if (this.options.retentionDays === 0) return 0;
    const before = new Date(this.options.clock.now() - this.options.retentionDays * DAY_MS).toISOString();
    let total = 0;
    for (;;) {
      const deleted = await this.log.pruneOldest(before, this.chunk);
      total += deleted;
      if (deleted < this.chunk) return total;
      // Let requests and audit batches through between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
