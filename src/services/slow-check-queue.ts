// The slow password checks (scrypt) a server runs at once, and the order the rest wait in. Without
// it every request started its hash at once, the thread pool queued them without end, and a burst
// of strangers made the phones behind them wait a minute. Here:
// - at most `concurrency` checks run at once, one per core this process may use;
// - a login whose address it succeeded from before ("known") waits in its own lane, served first,
//   so phones with real credentials stay ahead of strangers;
// - each lane holds a bounded number of waiting checks; one more is refused at once (busy);
// - a check whose client has gone away is dropped when its turn comes, not run;
// - refuseWaiting() (the server is stopping) refuses the backlog; close() also every later check,
//   and lets what runs finish.

import { availableParallelism } from 'node:os';

export type CheckLane = 'known' | 'other';

export interface SlowCheckLimits {
  readonly concurrency: number;
  /** Checks waiting in each lane before further ones are refused. */
  readonly maxWaiting: Readonly<Record<CheckLane, number>>;
}

export const DEFAULT_SLOW_CHECK_LIMITS: SlowCheckLimits = Object.freeze({
  // The cores this process may run on (fewer when pinned): more checks at once only interleave.
  concurrency: Math.max(1, availableParallelism()),
  maxWaiting: Object.freeze({ known: 4096, other: 256 }),
});

/** Why a check did not run. */
export type NotRun = 'busy' | 'abandoned' | 'closed';

interface Waiting {
  readonly run: () => void;
  readonly refuse: (why: NotRun) => void;
  readonly abandoned: () => boolean;
}

export class SlowCheckQueue {
  private running = 0;
  private closed = false;
  private readonly lanes: Record<CheckLane, Waiting[]> = { known: [], other: [] };
  private readonly idle: (() => void)[] = [];

  constructor(private readonly limits: SlowCheckLimits = DEFAULT_SLOW_CHECK_LIMITS) {}

  /**
   * Runs `check` in its turn; resolves with its result, or with why it did not run. `abandoned` is
   * asked when the turn comes: true drops the check.
   */
  run<T>(lane: CheckLane, check: () => Promise<T>, abandoned: () => boolean): Promise<T | NotRun> {
    if (this.closed) return Promise.resolve('closed');
    if (this.running < this.limits.concurrency) return this.start(check);
    const waiting = this.lanes[lane];
    if (waiting.length >= this.limits.maxWaiting[lane]) return Promise.resolve('busy');
    return new Promise<T | NotRun>((resolve) => {
      waiting.push({
        run: () => void this.start(check).then(resolve),
        refuse: resolve,
        abandoned,
      });
    });
  }

  /** Checks running and waiting. */
  get size(): number {
    return this.running + this.lanes.known.length + this.lanes.other.length;
  }

  /** Refuses the checks waiting now (the server is stopping); later ones are taken as usual. */
  refuseWaiting(): void {
    for (const lane of [this.lanes.known, this.lanes.other])
      for (const w of lane.splice(0)) w.refuse('closed');
  }

  /** Refuses every waiting check and any later one, and resolves once the running ones have finished. */
  close(): Promise<void> {
    this.closed = true;
    this.refuseWaiting();
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async start<T>(check: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await check();
    } finally {
      this.running -= 1;
      this.next();
    }
  }

  private next(): void {
    while (this.running < this.limits.concurrency) {
      const waiting = this.lanes.known.shift() ?? this.lanes.other.shift();
      if (waiting === undefined) break;
      if (waiting.abandoned()) waiting.refuse('abandoned');
      else waiting.run();
    }
    if (this.running === 0 && this.lanes.known.length === 0 && this.lanes.other.length === 0)
      for (const resolve of this.idle.splice(0)) resolve();
  }
}
