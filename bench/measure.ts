// Timing for benchmarks: warm up until the JIT has settled, then time batches of calls long enough
// for the clock to resolve them, and keep the median per call (robust to a noisy neighbour).

export interface Timing {
  /** Milliseconds per call. */
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly samples: number;
}

export interface MeasureOptions {
  /** Time spent warming up before any sample counts. */
  readonly warmupMs?: number;
  /** Keep sampling until this much time has passed... */
  readonly minTimeMs?: number;
  /** ...and at least this many samples were taken. */
  readonly minSamples?: number;
  readonly maxSamples?: number;
  /** Each sample runs the function enough times to last about this long. */
  readonly batchMs?: number;
}

/**
 * The last result lands here so the optimiser cannot drop a call as unused. One slot only: keeping
 * several parsed 1.5 MB documents alive would put the collector's cost into every later sample.
 */
export let sink: unknown;

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export function measure(fn: () => unknown, options: MeasureOptions = {}): Timing {
  const { warmupMs = 500, minTimeMs = 2000, minSamples = 25, maxSamples = 400, batchMs = 2 } = options;
  let start = now();
  let calls = 0;
  while (now() - start < warmupMs || calls < 5) {
    sink = fn();
    calls++;
  }
  const perCall = (now() - start) / calls;
  const batch = Math.max(1, Math.round(batchMs / perCall));
  const samples: number[] = [];
  start = now();
  while ((now() - start < minTimeMs || samples.length < minSamples) && samples.length < maxSamples) {
    const t0 = now();
    for (let i = 0; i < batch; i++) sink = fn();
    samples.push((now() - t0) / batch);
  }
  samples.sort((a, b) => a - b);
  return {
    median: median(samples),
    p10: quantile(samples, 0.1),
    p90: quantile(samples, 0.9),
    samples: samples.length,
  };
}

export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Linear interpolation between the closest ranks of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}
