// Opens the database a DatabaseConfig names and brings its schema up to date. SQLite (the embedded
// default) is created on first open; PostgreSQL must exist and be reachable.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { DatabaseConfig } from '../config/app-config.js';
import { ZprovError } from '../core/errors.js';
import type { Database, SqlDialectName } from './database-tables.js';
import { migrationProvider } from './migrations.js';
import { withStatementCache } from './sqlite-statements.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

export interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialectName;
  /** The SQLite handle under Kysely, for the audit log's prepared-statement fast path. */
  readonly sqlite?: SqliteDatabase.Database;
  /** SQLite with backgroundCheckpoints: the worker to stop before closing. */
  readonly checkpointer?: WalCheckpointer;
}

export interface OpenOptions {
  /**
   * SQLite: checkpoint the WAL from a worker thread instead of in the committing connection (for
   * the long-running server; see wal-checkpointer.ts).
   */
  readonly backgroundCheckpoints?: boolean;
  /** Told when a background checkpoint fails (the WAL then grows until the next one succeeds). */
  readonly onCheckpointError?: (message: string) => void;
  /**
   * SQLite: how long one statement waits for another process's write lock, blocking the thread
   * (default SQLITE_BUSY_TIMEOUT_MS). The server keeps it short and retries without blocking.
   */
  readonly busyTimeoutMs?: number;
}

/** How long a writer waits for another process's write lock before giving up (SQLite). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export async function openDatabase(
  config: DatabaseConfig,
  options: OpenOptions = {},
): Promise<OpenedDatabase> {
  const opened =
    config.kind === 'sqlite'
      ? openSqlite(config.path, options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS)
      : await openPostgres(config.url);
  try {
    await migrate(opened);
  } catch (error) {
    await opened.db.destroy().catch(() => undefined);
    if (error instanceof ZprovError) throw error;
    throw new ZprovError(
      'config',
      `cannot open the ${opened.dialect} database: ${(error as Error).message}`,
      'database',
      { cause: error },
    );
  }
  if (config.kind !== 'sqlite' || options.backgroundCheckpoints !== true || opened.sqlite === undefined)
    return opened;
  opened.sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointer = startWalCheckpointer(config.path, {
    busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
    ...(options.onCheckpointError === undefined ? {} : { onError: options.onCheckpointError }),
  });
  return { ...opened, checkpointer };
}

function openSqlite(path: string, busyTimeoutMs: number): OpenedDatabase {
  let database: SqliteDatabase.Database;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Password hashes and sealed secrets live here: a new file is readable by zprov's user alone, and
    // SQLite gives the -wal and -shm files it makes the same mode.
    closeSync(openSync(path, 'a', 0o600));
    database = new SqliteDatabase(path);
  } catch (error) {
    throw new ZprovError('config', `cannot open SQLite database ${path}: ${(error as Error).message}`, path, {
      cause: error,
    });
  }
  database.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commits.
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${busyTimeoutMs}`);
  database.pragma('foreign_keys = ON');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }),
    dialect: 'sqlite',
    sqlite: database,
  };
}

/** The PostgreSQL driver is loaded only when used: commands on SQLite start without it. */
async function openPostgres(url: string): Promise<OpenedDatabase> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
}

async function migrate({ db, dialect }: OpenedDatabase): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new ZprovError('config', `database migration ${failed ?? ''} failed: ${reason}`, 'database', {
      cause: error,
    });
  }
}
