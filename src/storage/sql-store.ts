// The Store over SQL (Kysely): one implementation for every dialect. Opening it creates and migrates
// the database; write() is the only way to change management data and bumps the data generation.
import { setTimeout as delay } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { DatabaseConfig } from '../config/app-config.js';
import type { Store, StoreWriter, WriteOptions } from '../services/store.js';
import { SqlAccountRepository } from './account-repository.js';
import { SqlAdminSessionStore, SqlAdminUserRepository } from './admin-user-repository.js';
import { SqlApiTokenRepository } from './api-token-repository.js';
import { SqlEnrolmentStore } from './enrolment-repository.js';
import { SqlServedDocumentStore } from './served-document-repository.js';
import { SqlRevisionRepository } from './revision-repository.js';
import { SqlAuditLog } from './audit-repository.js';
import { SqliteAuditLog } from './sqlite-audit-log.js';
import type { Database, SqlDialectName } from './database-tables.js';
import { SqlGroupRepository } from './group-repository.js';
import { openDatabase, SQLITE_BUSY_TIMEOUT_MS, type OpenOptions } from './open-database.js';
import { SqlProfileRepository } from './profile-repository.js';
import {
  isBusy,
  isSerializationFailure,
  systemNow,
  toNumber,
  translateDbError,
  type Now,
} from './row-values.js';
import { SqlTenantRepository } from './tenant-repository.js';
import { SqlUserRepository } from './user-repository.js';
import type { WalCheckpointer } from './wal-checkpointer.js';

/** How many times a serializable write that lost to a concurrent one is run again before failing. */
const SERIALIZATION_RETRIES = 5;

function repositories(db: Kysely<Database>, now: Now): StoreWriter {
  return {
    tenants: new SqlTenantRepository(db, now),
    groups: new SqlGroupRepository(db, now),
    profiles: new SqlProfileRepository(db, now),
    users: new SqlUserRepository(db, now),
    accounts: new SqlAccountRepository(db, now),
    tokens: new SqlApiTokenRepository(db, now),
    adminUsers: new SqlAdminUserRepository(db, now),
    revisions: new SqlRevisionRepository(db),
  };
}

export class SqlStore implements Store {
  readonly tenants;
  readonly groups;
  readonly profiles;
  readonly users;
  readonly accounts;
  readonly tokens;
  readonly adminUsers;
  readonly revisions;
  readonly sessions: SqlAdminSessionStore;
  readonly enrolments: SqlEnrolmentStore;
  readonly servedDocuments: SqlServedDocumentStore;
  audit: SqlAuditLog;
  private checkpointer: WalCheckpointer | undefined;

  private constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: SqlDialectName,
    private readonly now: Now,
  ) {
    const read = repositories(db, now);
    this.tenants = read.tenants;
    this.groups = read.groups;
    this.profiles = read.profiles;
    this.users = read.users;
    this.accounts = read.accounts;
    this.tokens = read.tokens;
    this.adminUsers = read.adminUsers;
    this.revisions = read.revisions;
    this.sessions = new SqlAdminSessionStore(db);
    this.enrolments = new SqlEnrolmentStore(db);
    this.servedDocuments = new SqlServedDocumentStore(db);
    this.audit = new SqlAuditLog(db);
  }

  /** Opens (creating and migrating as needed) the database the config names. */
  static async open(config: DatabaseConfig, options: { now?: Now } & OpenOptions = {}): Promise<SqlStore> {
    const { db, dialect, sqlite, checkpointer } = await openDatabase(config, options);
    const store = new SqlStore(db, dialect, options.now ?? systemNow);
    if (sqlite !== undefined) store.audit = new SqliteAuditLog(db, sqlite);
    store.checkpointer = checkpointer;
    return store;
  }

  async write<T>(work: (tx: StoreWriter) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    // SQLite: while another process holds the write lock, try again after a pause instead of waiting
    // inside the driver, which would hold the event loop (the busy timeout may be short for that).
    // PostgreSQL: a serializable transaction that lost to a concurrent one is run again, whole.
    const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
    for (let pause = 5, conflicts = 0; ; pause = Math.min(pause * 2, 100)) {
      try {
        return await this.writeOnce(work, options.serializable === true);
      } catch (error) {
        if (isSerializationFailure(error) && conflicts++ < SERIALIZATION_RETRIES) continue;
        if (!isBusy(error) || Date.now() + pause > deadline) throw translateDbError(error);
        await delay(pause);
      }
    }
  }

  private writeOnce<T>(work: (tx: StoreWriter) => Promise<T>, serializable: boolean): Promise<T> {
    // SQLite: take the write lock up front (IMMEDIATE) so a transaction that reads first cannot fail
    // half-way when another process wrote in between; that also makes every write serializable.
    const begin =
      this.dialect === 'sqlite'
        ? sql`begin immediate`
        : serializable
          ? sql`begin isolation level serializable`
          : sql`begin`;
    return this.db.connection().execute(async (conn) => {
      await begin.execute(conn);
      try {
        const result = await work(repositories(conn, this.now));
        await conn
          .updateTable('server_state')
          .set({ generation: sql<number>`generation + 1` })
          .where('id', '=', 1)
          .execute();
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  }

  async generation(): Promise<number> {
    const row = await this.db
      .selectFrom('server_state')
      .select('generation')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return toNumber(row.generation);
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    try {
      await this.checkpointer?.stop();
    } finally {
      await this.db.destroy();
    }
  }
}
