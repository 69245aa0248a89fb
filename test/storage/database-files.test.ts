// The SQLite files hold password hashes and sealed secrets: whatever the umask, nobody but zprov's
// user may read them.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqlStore } from '../../src/storage/sql-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite files', () => {
  it('are created readable and writable by their owner only, the WAL and shared memory included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zprov-files-'));
    dirs.push(dir);
    const path = join(dir, 'data', 'zprov.db');
    const umask = process.umask(0o022);
    try {
      const store = await SqlStore.open({ kind: 'sqlite', path });
      try {
        await store.write((tx) =>
          tx.tenants.insert({
            slug: 'acme',
            name: 'Acme',
            deleteAccountsBeforehand: true,
            deleteContactServicesBeforehand: false,
          }),
        );
        for (const file of [path, `${path}-wal`, `${path}-shm`]) {
          expect(existsSync(file), file).toBe(true);
          expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
        }
        expect((statSync(join(dir, 'data')).mode & 0o777).toString(8)).toBe('700');
      } finally {
        await store.close();
      }
    } finally {
      process.umask(umask);
    }
  });
});
