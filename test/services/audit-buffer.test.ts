import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/services/clock.js';
import { AuditBuffer } from '../../src/services/audit-buffer.js';
import type { AuditEntry, FetchState } from '../../src/services/model.js';
import type { AuditLog, AuditRecord } from '../../src/services/store.js';

function entry(n: number, userId = 'u1', hash = 'h1'): AuditEntry {
  return {
    at: new Date(n).toISOString(),
    tenant: 'default',
    username: 'alice',
    userId,
    clientAddress: '127.0.0.1',
    userAgent: undefined,
    clientVersion: undefined,
    transport: 'url',
    outcome: 'served',
    documentHash: hash,
  };
}

class FakeLog implements AuditLog {
  batches: { entries: readonly AuditEntry[]; states: readonly FetchState[] }[] = [];
  failNext = 0;
  appendBatch(entries: readonly AuditEntry[], states: readonly FetchState[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new Error('disk full'));
    }
    this.batches.push({ entries, states });
    return Promise.resolve();
  }
  recent(): Promise<AuditEntry[]> {
    return Promise.resolve([]);
  }
  page(): Promise<AuditRecord[]> {
    return Promise.resolve([]);
  }
  fetchStates(): Promise<Map<string, FetchState[]>> {
    return Promise.resolve(new Map<string, FetchState[]>());
  }
  pruneOldest(): Promise<number> {
    return Promise.resolve(0);
  }
}

describe('audit buffer', () => {
  afterEach(() => vi.useRealTimers());

  it('writes a batch after the flush interval, in one call', async () => {
    vi.useFakeTimers();
    const log = new FakeLog();
    const buffer = new AuditBuffer(log, { logger: silentLogger, flushIntervalMs: 200 });
    buffer.record(entry(1), 1);
    buffer.record(entry(2, 'u2'), 2);
    expect(log.batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(log.batches).toHaveLength(1);
    expect(log.batches[0]?.entries).toHaveLength(2);
    expect(log.batches[0]?.states.map((s) => s.userId)).toEqual(['u1', 'u2']);
  });

  it('writes at once when a batch is full, and everything on close', async () => {
    const log = new FakeLog();
    const buffer = new AuditBuffer(log, { logger: silentLogger, maxBatch: 3 });
    for (let i = 0; i < 3; i++) buffer.record(entry(i, `u${i}`), i);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.batches.map((b) => b.entries.length)).toEqual([3]);
    buffer.record(entry(3, 'u3'), 3);
    await buffer.close();
    expect(log.batches.map((b) => b.entries.length)).toEqual([3, 1]);
  });

  it('writes a fetch state when the hash changes, else at most once per refresh period', async () => {
    const log = new FakeLog();
    const buffer = new AuditBuffer(log, { logger: silentLogger, fetchStateRefreshMs: 60_000 });
    // One batch per fetch, so each shows whether that fetch wrote the user's state.
    const stateAfter = async (now: number, hash: string) => {
      buffer.record(entry(now, 'u1', hash), now);
      await buffer.flush();
      return log.batches.at(-1)?.states.map((s) => [s.lastDocumentHash, s.lastFetchAt]);
    };
    const iso = (n: number) => new Date(n).toISOString();
    expect(await stateAfter(0, 'h1')).toEqual([['h1', iso(0)]]);
    expect(await stateAfter(1000, 'h1')).toEqual([]);
    expect(await stateAfter(2000, 'h2')).toEqual([['h2', iso(2000)]]);
    expect(await stateAfter(3000, 'h2')).toEqual([]);
    expect(await stateAfter(62_001, 'h2')).toEqual([['h2', iso(62_001)]]);
    await buffer.close();
    expect(log.batches.flatMap((b) => b.entries)).toHaveLength(5);
  });

  it('keeps a failed batch for the next attempt', async () => {
    const log = new FakeLog();
    const errors: unknown[] = [];
    const buffer = new AuditBuffer(log, { logger: { ...silentLogger, error: (d) => void errors.push(d) } });
    log.failNext = 1;
    buffer.record(entry(1), 1);
    await buffer.flush();
    expect(errors).toHaveLength(1);
    expect(buffer.pending).toBe(1);
    buffer.record(entry(2), 2);
    await buffer.close();
    expect(log.batches.flatMap((b) => b.entries.map((e) => e.at))).toEqual([entry(1).at, entry(2).at]);
  });
});
