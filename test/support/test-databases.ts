// Databases for tests: a fresh SQLite file in a temp dir always; a fresh PostgreSQL schema when the
// server at ZPROV_TEST_POSTGRES_URL (default: the local test database) answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config/app-config.js';

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  readonly config: DatabaseConfig;
  readonly cleanup: () => Promise<void>;
}

export const POSTGRES_TEST_URL =
  process.env['ZPROV_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export function tempDir(prefix = 'zprov-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function sqliteDatabase(): TestDatabase {
  const dir = tempDir();
  return {
    name: 'sqlite',
    config: { kind: 'sqlite', path: join(dir.path, 'nested', 'zprov.sqlite') },
    cleanup: () => Promise.resolve(dir.remove()),
  };
}

/** True when a PostgreSQL server answers at POSTGRES_TEST_URL within a second. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema of its own for one test, dropped by cleanup. */
export async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `zprov_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_TEST_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    name: 'postgres',
    config: { kind: 'postgres', url: url.toString() },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
