import { describe, expect, it } from 'vitest';
import { SlowCheckQueue } from '../../src/services/slow-check-queue.js';

/** A check that finishes when told to. */
function gate(): { check: () => Promise<string>; open: () => void; started: () => boolean } {
  let release: () => void = () => undefined;
  let began = false;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    check: async () => {
      began = true;
      await done;
      return 'ran';
    },
    open: () => release(),
    started: () => began,
  };
}

const never = (): boolean => false;
const limits = { concurrency: 2, maxWaiting: { known: 10, other: 2 } };

describe('slow check queue', () => {
  it('runs at most its concurrency at once, the known lane first, and refuses beyond a full lane', async () => {
    const queue = new SlowCheckQueue(limits);
    const gates = Array.from({ length: 6 }, gate);
    const results = [
      queue.run('other', gates[0]!.check, never),
      queue.run('other', gates[1]!.check, never),
      queue.run('other', gates[2]!.check, never),
      queue.run('other', gates[3]!.check, never),
      queue.run('other', gates[4]!.check, never),
      queue.run('known', gates[5]!.check, never),
    ];
    expect(gates.map((g) => g.started())).toEqual([true, true, false, false, false, false]);
    expect(await results[4]).toBe('busy');
    gates[0]!.open();
    await results[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(gates[5]!.started()).toBe(true);
    expect(gates[2]!.started()).toBe(false);
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual(['ran', 'ran', 'ran', 'ran', 'busy', 'ran']);
    expect(queue.size).toBe(0);
  });

  it('drops a check whose client went away when its turn comes', async () => {
    const queue = new SlowCheckQueue(limits);
    const [first, second, skipped] = [gate(), gate(), gate()];
    const running = [queue.run('other', first.check, never), queue.run('other', second.check, never)];
    const dropped = queue.run('other', skipped.check, () => true);
    first.open();
    second.open();
    await Promise.all(running);
    expect(await dropped).toBe('abandoned');
    expect(skipped.started()).toBe(false);
  });

  it('refuses waiting checks on close, and resolves once the running ones finish', async () => {
    const queue = new SlowCheckQueue(limits);
    const gates = Array.from({ length: 3 }, gate);
    const results = gates.map((g) => queue.run('known', g.check, never));
    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    expect(await results[2]).toBe('closed');
    expect(await queue.run('known', gate().check, never)).toBe('closed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    gates[0]!.open();
    gates[1]!.open();
    await closing;
    expect(await Promise.all(results.slice(0, 2))).toEqual(['ran', 'ran']);
  });
});
