// The SQLite side of `zprov backup` and `zprov restore`: a consistent copy of a database that a
// running server keeps writing to, a look inside a copy (schema version, counts, integrity), and the
// check that no process has a database open before restore replaces it.
import { existsSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { isBusy } from './row-values.js';

export interface SqliteSnapshot {
  /** The migrations applied to the copy, by name, in order: its schema version. */
  readonly migrations: readonly string[];
  readonly counts: SqliteCounts;
}

export interface SqliteCounts {
  readonly tenants: number;
  readonly groups: number;
  readonly profiles: number;
  readonly users: number;
  readonly accounts: number;
}

const COUNTED: Readonly<Record<keyof SqliteCounts, string>> = {
  tenants: 'tenants',
  groups: 'user_groups',
  profiles: 'profiles',
  users: 'users',
  accounts: 'accounts',
};

/** The files SQLite keeps next to a database; a stale one would be read as part of another database. */
export const sqliteSideFiles = (path: string): readonly string[] =>
  ['-wal', '-shm', '-journal'].map((suffix) => path + suffix);

/**
 * Copies the database at `source` into the new file `destination` with SQLite's online backup API,
 * while other processes (the server, the CLI) go on reading and writing it. The copy is one
 * snapshot: the whole database in a single backup step, which in WAL mode is one read transaction
 * that writers do not wait for. (Copying in small steps would restart after every write another
 * process commits, and a server under load commits its audit batches ten times a second.) The copy
 * is then turned into a rollback-journal database, so it is one self-contained file.
 */
export async function backupSqlite(source: string, destination: string): Promise<SqliteSnapshot> {
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(destination, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    db.close();
  }
  const copy = new SqliteDatabase(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    return snapshotOf(copy, destination);
  } finally {
    copy.close();
  }
}

/** What a database file holds, read without changing it (a copy made by backupSqlite). */
export function inspectSqliteFile(path: string): SqliteSnapshot {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    return snapshotOf(db, path);
  } finally {
    db.close();
  }
}

function snapshotOf(db: SqliteDatabase.Database, path: string): SqliteSnapshot {
  const check: unknown = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`${path} fails SQLite's integrity check: ${String(check)}`);
  const hasMigrations =
    db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get() !==
    undefined;
  const migrations = hasMigrations
    ? db.prepare('select name from kysely_migration order by name').pluck().all().map(String)
    : [];
  if (migrations.length === 0) throw new Error(`${path} is not a zprov database (no migrations applied)`);
  const count = (table: string): number =>
    Number(db.prepare(`select count(*) from "${table}"`).pluck().get());
  const counts = Object.fromEntries(
    Object.entries(COUNTED).map(([key, table]) => [key, count(table)]),
  ) as unknown as SqliteCounts;
  return { migrations, counts };
}

/** A database no other process has open, locked so that none can start using it until release(). */
export interface IdleDatabase {
  /**
   * Gets the locked database ready to be replaced by a rename: its WAL is folded back into it and
   * removed, and the lock is kept (the caller then removes stale side files and renames).
   */
  prepareForReplacement(): void;
  release(): void;
}

export type IdleCheck =
  | { readonly state: 'absent' }
  | { readonly state: 'idle'; readonly database: IdleDatabase }
  | { readonly state: 'in-use' }
  /** Not readable as a database (damaged, not SQLite): no server can be using it for much either. */
  | { readonly state: 'unreadable'; readonly reason: string };

/**
 * Is any process using the database at `path`? How it tells, and why this way:
 *
 * A server that is idle holds no transaction, so `BEGIN EXCLUSIVE` alone would succeed against it
 * (in WAL mode that takes only the write lock, which nobody holds between writes). A pid file would
 * go stale when a server is killed, could name a reused pid, and would miss `zprov` commands in
 * progress. But every connection to a WAL database holds a shared lock on the database file for as
 * long as it is open (that is what keeps another process from switching the journal mode under it).
 * So a connection in `locking_mode = EXCLUSIVE` with `busy_timeout = 0` that starts an exclusive
 * transaction fails with SQLITE_BUSY while any other connection, in any process, has the file open
 * -- the server's own, its WAL checkpointer's, a CLI command's -- and succeeds only when none has.
 * The lock lives in the kernel, so it goes away with a process that dies: nothing stale to clean up.
 * The lock is then held until release(), so nothing reads or writes the old file while restore
 * works (a server started during a restore could still hold the old file open after the rename: start
 * it afterwards). POSIX locks are unreliable on some network file systems; the data dir belongs on a
 * local disk.
 */
export function checkIdle(path: string): IdleCheck {
  if (!existsSync(path)) return { state: 'absent' };
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(path, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    db?.close();
    if (isBusy(error)) return { state: 'in-use' };
    return { state: 'unreadable', reason: (error as Error).message };
  }
  const held = db;
  let open = true;
  const release = (): void => {
    if (open) held.close();
    open = false;
  };
  return {
    state: 'idle',
    database: {
      prepareForReplacement: () => {
        if (!open) return;
        try {
          // Still exclusive: this folds the WAL into the old file and deletes it, so closing later
          // deletes nothing by name that a server started after the rename might have made.
          held.pragma('journal_mode = DELETE');
        } catch {
          // A damaged database: close now, while still alone with it (closing removes its WAL).
          release();
        }
      },
      release,
    },
  };
}
