import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/services/clock.js';
import { GenerationWatch } from '../../src/services/generation-watch.js';

describe('generation watch', () => {
  it('reads the generation at most once per interval', async () => {
    const clock = manualClock();
    let reads = 0;
    let value = 1;
    const watch = new GenerationWatch(() => Promise.resolve((reads++, value)), clock, 1000);
    expect(await watch.current()).toBe(1);
    value = 2;
    expect(await watch.current()).toBe(1);
    clock.advance(999);
    expect(await watch.current()).toBe(1);
    clock.advance(1);
    expect(await watch.current()).toBe(2);
    expect(reads).toBe(2);
  });

  it('reads at once after a local write, even while an older read is under way', async () => {
    const clock = manualClock();
    let value = 1;
    const releases: (() => void)[] = [];
    const watch = new GenerationWatch(
      () =>
        new Promise<number>((resolve) => {
          const seen = value;
          releases.push(() => resolve(seen));
        }),
      clock,
      1000,
    );
    const first = watch.current();
    value = 2;
    watch.markStale();
    const second = watch.current();
    for (const release of releases) release();
    expect(await second).toBe(2);
    expect(await first).toBe(1);
    expect(await watch.current()).toBe(2);
  });

  it('tries again after a failed read', async () => {
    let fail = true;
    const watch = new GenerationWatch(
      () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(7)),
      manualClock(),
    );
    await expect(watch.current()).rejects.toThrow('down');
    fail = false;
    expect(await watch.current()).toBe(7);
  });
});
