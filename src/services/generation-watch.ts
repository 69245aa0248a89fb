// Knows the data generation (bumped by every management write, see Store.write) without asking the
// database on every request: at most once per interval, and at once after a write made in this process.
import type { Clock } from './clock.js';

export class GenerationWatch {
  private value = -1;
  private readAt = -Infinity;
  private inFlight: Promise<number> | undefined;
  /** Counts markStale() calls, so a read that started before a write does not count as fresh. */
  private marks = 0;

  constructor(
    private readonly read: () => Promise<number>,
    private readonly clock: Clock,
    private readonly intervalMs = 1000,
  ) {}

  current(): number | Promise<number> {
    if (this.clock.now() - this.readAt < this.intervalMs) return this.value;
    if (this.inFlight !== undefined) return this.inFlight;
    const startedAt = this.clock.now();
    const marks = this.marks;
    const pending: Promise<number> = this.read().then(
      (value) => {
        if (this.marks === marks) {
          this.value = value;
          this.readAt = startedAt;
        }
        if (this.inFlight === pending) this.inFlight = undefined;
        return value;
      },
      (error: unknown) => {
        if (this.inFlight === pending) this.inFlight = undefined;
        throw error;
      },
    );
    this.inFlight = pending;
    return pending;
  }

  /** A write happened here: the next current() reads the database. */
  markStale(): void {
    this.marks += 1;
    this.readAt = -Infinity;
    this.inFlight = undefined;
  }
}
