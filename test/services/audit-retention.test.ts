import { describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SqlStore } from '../../src/storage/sql-store.js';
import { tempDir } from '../support/test-databases.js';
import { AuditRetention } from '../../src/services/audit-retention.js';
import { manualClock, silentLogger } from '../../src/services/clock.js';
import type { AuditLog } from '../../src/services/store.js';

/** An audit log of entry times only, pruned like the SQL one: among the `limit` oldest. */
function fakeLog(times: string[]): AuditLog & { times: string[]; calls: number } {
  return {
    times,
    calls: 0,
    appendBatch: () => Promise.resolve(),
    recent: () => Promise.resolve([]),
    page: () => Promise.resolve([]),
    fetchStates: () => Promise.resolve(new Map()),
    pruneOldest(before, limit) {
      this.calls++;
      const oldest = this.times.slice(0, limit);
      const gone = oldest.filter((t) => t < before).length;
      this.times = [...oldest.filter((t) => t >= before), ...this.times.slice(limit)];
      return Promise.resolve(gone);
    },
  };
}

const day = (n: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + n * 86_400_000).toISOString();

/** Retention over `log` on day `today` (as day() counts). */
const retentionOn = (log: AuditLog, today: number, retentionDays: number, chunk?: number) =>
  new AuditRetention(log, {
    retentionDays,
    clock: manualClock(Date.parse(day(today))),
    logger: silentLogger,
    ...(chunk === undefined ? {} : { chunk }),
  });

describe('audit retention', () => {
  it('deletes every entry older than the retention period, a chunk at a time', async () => {
    const log = fakeLog(Array.from({ length: 25 }, (_, i) => day(i)));
    const retention = retentionOn(log, 24, 10, 4);
    expect(await retention.prune()).toBe(14);
    expect(log.times[0]).toBe(day(14));
    expect(log.times.length).toBe(11);
    expect(log.calls).toBe(4); // 4 + 4 + 4 + 2
    expect(await retention.prune()).toBe(0);
  });

  it('keeps everything when the retention is 0 days', async () => {
    const log = fakeLog([day(0), day(1)]);
    const retention = retentionOn(log, 1000, 0);
    expect(await retention.prune()).toBe(0);
    retention.start();
    await retention.stop();
    expect(log.calls).toBe(0);
  });

  it('prunes at start, and stop() waits for the run in progress', async () => {
    const log = fakeLog(Array.from({ length: 10 }, (_, i) => day(i)));
    const retention = retentionOn(log, 9, 1, 2);
    retention.start();
    await retention.stop();
    expect(log.times).toEqual([day(8), day(9)]);
  });

  it('runs once however many ask at the same time', async () => {
    const log = fakeLog(Array.from({ length: 10 }, (_, i) => day(i)));
    const retention = retentionOn(log, 9, 1, 100);
    const [a, b] = await Promise.all([retention.prune(), retention.prune()]);
    expect([a, b]).toEqual([8, 8]);
    expect(log.calls).toBe(1);
  });
});

describe('audit retention in the server', () => {
  it('reads the retention from ZPROV_AUDIT_RETENTION_DAYS, 90 days unless told, and names a bad value', () => {
    expect(loadConfig({ env: {} }).auditRetentionDays).toBe(90);
    expect(loadConfig({ env: { ZPROV_AUDIT_RETENTION_DAYS: '0' } }).auditRetentionDays).toBe(0);
    expect(() => loadConfig({ env: { ZPROV_AUDIT_RETENTION_DAYS: 'forever' } })).toThrow(
      /auditRetentionDays \(ZPROV_AUDIT_RETENTION_DAYS\) must be a whole number/,
    );
  });

  it('deletes entries past the retention period from the SQLite file when the app starts', async () => {
    const dir = tempDir();
    try {
      const config = loadConfig({ flags: { dataDir: dir.path, auditRetentionDays: 30 }, env: {} });
      const now = Date.now();
      const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
      const entry = (daysAgo: number) => ({
        at: at(daysAgo),
        tenant: 'default',
        username: `${daysAgo} days ago`,
        userId: undefined,
        clientAddress: '192.0.2.1',
        userAgent: undefined,
        clientVersion: undefined,
        transport: 'url' as const,
        outcome: 'unknown_user' as const,
        documentHash: undefined,
      });
      const first = await composeApp(config);
      await first.close();
      const store = await SqlStore.open(config.database);
      await store.audit.appendBatch([entry(400), entry(31), entry(29), entry(1)], []);
      await store.close();

      const server = await composeApp(config, { auditRetention: true });
      await server.close();

      const after = await SqlStore.open(config.database);
      try {
        expect((await after.audit.recent({ limit: 10 })).map((e) => e.username)).toEqual([
          '1 days ago',
          '29 days ago',
        ]);
      } finally {
        await after.close();
      }
    } finally {
      dir.remove();
    }
  });
});
