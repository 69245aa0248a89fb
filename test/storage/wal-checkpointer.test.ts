// The server's SQLite connection leaves WAL checkpoints to a worker thread, so no request waits for
// one; the worker must actually do them, and stop with the store.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/services/model.js';
import { SqlStore } from '../../src/storage/sql-store.js';
import { startWalCheckpointer } from '../../src/storage/wal-checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const entry = (i: number): AuditEntry => ({
  at: new Date(1_700_000_000_000 + i).toISOString(),
  tenant: 'default',
  username: `user-${i}`,
  userId: undefined,
  clientAddress: '192.0.2.1',
  userAgent: 'test',
  clientVersion: undefined,
  transport: 'url',
  outcome: 'unknown_user',
  documentHash: undefined,
});

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

describe('background WAL checkpoints', () => {
  it('copies committed pages into the database file without the writing connection doing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zprov-wal-'));
    dirs.push(dir);
    const path = join(dir, 'zprov.sqlite');
    const store = await SqlStore.open({ kind: 'sqlite', path }, { backgroundCheckpoints: true });
    try {
      const before = statSync(path).size;
      // Far past SQLite's own auto-checkpoint threshold (1000 pages), which the writer now skips.
      for (let batch = 0; batch < 40; batch++)
        await store.audit.appendBatch(
          Array.from({ length: 2000 }, (_, i) => entry(batch * 2000 + i)),
          [],
        );
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(4 * 1024 * 1024);
      expect(await until(() => statSync(path).size > before + 1024 * 1024, 10_000)).toBe(true);
      expect((await store.audit.recent({ limit: 1 }))[0]?.username).toBe('user-79999');
    } finally {
      await store.close();
    }
  });

  it('leaves checkpoints to SQLite when not asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zprov-wal-'));
    dirs.push(dir);
    const path = join(dir, 'zprov.sqlite');
    const store = await SqlStore.open({ kind: 'sqlite', path });
    try {
      for (let batch = 0; batch < 40; batch++)
        await store.audit.appendBatch(
          Array.from({ length: 2000 }, (_, i) => entry(batch * 2000 + i)),
          [],
        );
      // The committing connection checkpointed on its own: the WAL was reset and reused.
      expect(statSync(`${path}-wal`).size).toBeLessThan(6 * 1024 * 1024);
      expect(statSync(path).size).toBeGreaterThan(1024 * 1024);
    } finally {
      await store.close();
    }
  });

  it('cuts back a WAL grown past its limit once everything in it is checkpointed, and not before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zprov-wal-'));
    dirs.push(dir);
    const path = join(dir, 'zprov.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (x blob)');
    const insert = db.prepare('insert into t values (randomblob(4096))');
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run();
    })();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(4 * 1024 * 1024);
    // A reader holding an old snapshot keeps the checkpoint from copying everything: no cut yet.
    const reader = new Database(path);
    reader.exec('begin');
    reader.prepare('select count(*) from t').get();
    insert.run();
    const checkpointer = startWalCheckpointer(path, { intervalMs: 50, truncateAboveBytes: 1024 * 1024 });
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(4 * 1024 * 1024);
      reader.exec('commit');
      expect(await until(() => statSync(`${path}-wal`).size === 0, 5000)).toBe(true);
      expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 1001 });
    } finally {
      await checkpointer.stop();
      reader.close();
      db.close();
    }
  });
});
