// Knows the data generation (bumped by every management write, see Store.write) without asking the
// database on every request: at most once per interval, and at once after a write made in this process.
import type { Clock } from './clock.js';
import { LoadOnce } from './load-once.js';
import type { NowOrLater } from './now-or-later.js';

export class GenerationWatch {
  /** The current read: loaded (and fresh until readAt + interval) or under way. */
  private reading: LoadOnce<number> | undefined;
  private readAt = -Infinity;

  constructor(
    private readonly read: () => Promise<number>,
    private readonly clock: Clock,
    private readonly intervalMs = 1000,
  ) {}

  current(): NowOrLater<number> {
    const now = this.clock.now();
    if (this.reading === undefined || (this.reading.isLoaded && now - this.readAt >= this.intervalMs)) {
      this.reading = new LoadOnce(this.read);
      this.readAt = now;
    }
    return this.reading.get();
  }

  /** A write happened here: the next current() reads the database, whatever read is under way. */
  markStale(): void {
    this.reading = undefined;
  }
}
