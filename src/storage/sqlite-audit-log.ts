// The audit log on SQLite, with the batch append done through prepared statements on the
// better-sqlite3 handle in one synchronous transaction: a few microseconds a row instead of the cost
// of building and parsing one large statement per batch. Same SQL effect as SqlAuditLog.appendBatch.
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { AuditEntry, FetchState } from '../services/model.js';
import { platformColumn, PRUNE_DEVICES_SQL, SqlAuditLog } from './audit-repository.js';
import type { Database } from './database-tables.js';

export class SqliteAuditLog extends SqlAuditLog {
  private statements:
    | {
        insert: SqliteDatabase.Statement;
        upsert: SqliteDatabase.Statement;
        prune: SqliteDatabase.Statement;
        append: SqliteDatabase.Transaction;
      }
    | undefined;

  constructor(
    db: Kysely<Database>,
    private readonly sqlite: SqliteDatabase.Database,
  ) {
    super(db);
  }

  override async appendBatch(
    entries: readonly AuditEntry[],
    fetchStates: readonly FetchState[],
  ): Promise<void> {
    // While a management write holds the connection in a transaction, the batch must not join it:
    // take the ordinary path, which waits for the connection.
    if (this.sqlite.inTransaction || !this.sqlite.open) return super.appendBatch(entries, fetchStates);
    this.prepared().append(entries, fetchStates);
  }

  private prepared(): NonNullable<SqliteAuditLog['statements']> {
    if (this.statements === undefined) {
      const insert = this.sqlite.prepare(
        `insert into audit_log (at, tenant, username, user_id, client_address, user_agent, client_version, transport, outcome, document_hash, password_used, platform)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      // Only for users that still exist (one may be deleted between the fetch and the flush).
      const upsert = this.sqlite.prepare(
        `insert into device_fetch_state (user_id, platform, user_agent, client_version, last_fetch_at,
           last_document_hash, last_client_address, last_password_id)
         select ?, ?, ?, ?, ?, ?, ?, ? where exists (select 1 from users where id = ?)
         on conflict (user_id, platform, user_agent) do update set client_version = excluded.client_version,
           last_fetch_at = excluded.last_fetch_at, last_document_hash = excluded.last_document_hash,
           last_client_address = excluded.last_client_address, last_password_id = excluded.last_password_id`,
      );
      const prune = this.sqlite.prepare(PRUNE_DEVICES_SQL);
      const append = this.sqlite.transaction(
        (entries: readonly AuditEntry[], states: readonly FetchState[]) => {
          for (const e of entries)
            insert.run(
              e.at,
              e.tenant,
              e.username,
              e.userId ?? null,
              e.clientAddress,
              e.userAgent ?? null,
              e.clientVersion ?? null,
              e.transport,
              e.outcome,
              e.documentHash ?? null,
              e.passwordUsed ?? null,
              platformColumn(e.platform),
            );
          for (const s of states)
            upsert.run(
              s.userId,
              s.platform,
              s.userAgent,
              s.clientVersion ?? null,
              s.lastFetchAt,
              s.lastDocumentHash,
              s.lastClientAddress,
              s.lastPasswordId ?? null,
              s.userId,
            );
          for (const userId of new Set(states.map((s) => s.userId))) prune.run(userId, userId);
        },
      );
      this.statements = { insert, upsert, prune, append };
    }
    return this.statements;
  }
}
