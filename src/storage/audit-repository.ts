// The audit log of provisioning requests and the last fetch per user, over SQL. Written in batches by
// the provisioning path's buffer, never inside a management write (audit does not change what is served).
import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, FetchState, PasswordUsed } from '../services/model.js';
import type { FetchOutcome } from '../services/provisioning-contract.js';
import type { AuditLog, AuditPageQuery, AuditQuery, AuditRecord } from '../services/store.js';
import { MAX_DEVICES_PER_USER } from '../services/model.js';
import type { AuditLogTable, Database, DeviceFetchStateTable } from './database-tables.js';
import { optional } from './row-values.js';
import { isZoiperPlatform, type ZoiperPlatform } from '../core/index.js';

/** Rows per INSERT statement: 12 bound values each, well under SQLite's limit. */
const CHUNK = 500;

const toEntry = (row: Selectable<AuditLogTable>): AuditEntry => ({
  at: row.at,
  tenant: row.tenant,
  username: row.username,
  userId: optional(row.user_id),
  clientAddress: row.client_address,
  userAgent: optional(row.user_agent),
  clientVersion: optional(row.client_version),
  transport: row.transport === 'basic' ? 'basic' : 'url',
  outcome: row.outcome as FetchOutcome,
  documentHash: optional(row.document_hash),
  passwordUsed: passwordUsed(row.password_used),
  platform: platformOf(row.platform),
});

/** Stored as null for Desktop, the common case. */
const platformOf = (value: string | null): ZoiperPlatform | undefined =>
  value !== null && isZoiperPlatform(value) && value !== 'desktop' ? value : undefined;
export const platformColumn = (platform: ZoiperPlatform | undefined): string | null =>
  platform === undefined || platform === 'desktop' ? null : platform;

const passwordUsed = (value: string | null): PasswordUsed | undefined =>
  value === 'current' || value === 'previous' ? value : undefined;

const toFetchState = (row: Selectable<DeviceFetchStateTable>): FetchState => ({
  userId: row.user_id,
  platform: isZoiperPlatform(row.platform) ? row.platform : 'desktop',
  userAgent: row.user_agent,
  clientVersion: optional(row.client_version),
  lastFetchAt: row.last_fetch_at,
  lastDocumentHash: row.last_document_hash,
  lastClientAddress: row.last_client_address,
  lastPasswordId: optional(row.last_password_id),
});

/**
 * Deletes a user's devices older than the MAX_DEVICES_PER_USER-th most recent (none while the user
 * has fewer): what stops a phone that sends a new User-Agent on every fetch from growing the table.
 */
export const PRUNE_DEVICES_SQL = `delete from device_fetch_state where user_id = ? and last_fetch_at < (
  select last_fetch_at from device_fetch_state where user_id = ?
  order by last_fetch_at desc limit 1 offset ${MAX_DEVICES_PER_USER - 1})`;

export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async appendBatch(entries: readonly AuditEntry[], fetchStates: readonly FetchState[]): Promise<void> {
    if (entries.length === 0 && fetchStates.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < entries.length; i += CHUNK) {
        await trx
          .insertInto('audit_log')
          .values(
            entries.slice(i, i + CHUNK).map((e) => ({
              at: e.at,
              tenant: e.tenant,
              username: e.username,
              user_id: e.userId ?? null,
              client_address: e.clientAddress,
              user_agent: e.userAgent ?? null,
              client_version: e.clientVersion ?? null,
              transport: e.transport,
              outcome: e.outcome,
              document_hash: e.documentHash ?? null,
              password_used: e.passwordUsed ?? null,
              platform: platformColumn(e.platform),
            })),
          )
          .execute();
      }
      for (let i = 0; i < fetchStates.length; i += CHUNK) {
        // A user deleted since the fetch has no row to attach the state to: only existing users.
        const chunk = fetchStates.slice(i, i + CHUNK);
        const existing = new Set(
          (
            await trx
              .selectFrom('users')
              .select('id')
              .where(
                'id',
                'in',
                chunk.map((s) => s.userId),
              )
              .execute()
          ).map((r) => r.id),
        );
        const rows = chunk
          .filter((s) => existing.has(s.userId))
          .map((s) => ({
            user_id: s.userId,
            platform: s.platform,
            user_agent: s.userAgent,
            client_version: s.clientVersion ?? null,
            last_fetch_at: s.lastFetchAt,
            last_document_hash: s.lastDocumentHash,
            last_client_address: s.lastClientAddress,
            last_password_id: s.lastPasswordId ?? null,
          }));
        if (rows.length === 0) continue;
        await trx
          .insertInto('device_fetch_state')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['user_id', 'platform', 'user_agent']).doUpdateSet((eb) => ({
              client_version: eb.ref('excluded.client_version'),
              last_fetch_at: eb.ref('excluded.last_fetch_at'),
              last_document_hash: eb.ref('excluded.last_document_hash'),
              last_client_address: eb.ref('excluded.last_client_address'),
              last_password_id: eb.ref('excluded.last_password_id'),
            })),
          )
          .execute();
        for (const userId of new Set(rows.map((r) => r.user_id))) {
          // The same statement as PRUNE_DEVICES_SQL.
          await trx
            .deleteFrom('device_fetch_state')
            .where('user_id', '=', userId)
            .where('last_fetch_at', '<', (eb) =>
              eb
                .selectFrom('device_fetch_state')
                .select('last_fetch_at')
                .where('user_id', '=', userId)
                .orderBy('last_fetch_at', 'desc')
                .limit(1)
                .offset(MAX_DEVICES_PER_USER - 1),
            )
            .execute();
        }
      }
    });
  }

  async recent(query: AuditQuery): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (query.userId !== undefined) q = q.where('user_id', '=', query.userId);
    if (query.tenantId !== undefined) {
      const tenantId = query.tenantId;
      q = q.where('tenant', '=', (eb) => eb.selectFrom('tenants').select('slug').where('id', '=', tenantId));
    }
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toEntry);
  }

  async page(query: AuditPageQuery): Promise<AuditRecord[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (query.userId !== undefined) q = q.where('user_id', '=', query.userId);
    if (query.tenantId !== undefined) {
      const tenantId = query.tenantId;
      q = q.where('tenant', '=', (eb) => eb.selectFrom('tenants').select('slug').where('id', '=', tenantId));
    }
    if (query.outcome !== undefined) q = q.where('outcome', '=', query.outcome);
    if (query.since !== undefined) q = q.where('at', '>=', query.since);
    if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map((row) => ({ id: Number(row.id), entry: toEntry(row) }));
  }

  async fetchStates(userIds: readonly string[]): Promise<Map<string, FetchState[]>> {
    const out = new Map<string, FetchState[]>();
    for (let i = 0; i < userIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('device_fetch_state')
        .selectAll()
        .where('user_id', 'in', userIds.slice(i, i + CHUNK))
        .orderBy('user_id')
        .orderBy('last_fetch_at', 'desc')
        .orderBy('platform')
        .orderBy('user_agent')
        .execute();
      for (const row of rows) {
        const devices = out.get(row.user_id);
        if (devices === undefined) out.set(row.user_id, [toFetchState(row)]);
        else devices.push(toFetchState(row));
      }
    }
    return out;
  }

  async pruneOldest(before: string, limit: number): Promise<number> {
    // The oldest rows by key (insertion order, so by time), then those among them old enough: a
    // bounded range of the primary key, never a scan of the whole log.
    const result = await this.db
      .deleteFrom('audit_log')
      .where('id', 'in', (eb) => eb.selectFrom('audit_log').select('id').orderBy('id').limit(limit))
      .where('at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
