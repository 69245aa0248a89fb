// The change history over SQL: appended inside the write transaction that made the change, so a
// change and its record commit together or not at all.
import type { Kysely, Selectable } from 'kysely';
import type { Revision, RevisionChange, RevisionEntity } from '../services/model.js';
import type { RevisionQuery, RevisionWriter } from '../services/store.js';
import type { Database, RevisionsTable } from './database-tables.js';
import { optional, toNumber } from './row-values.js';

const toRevision = (row: Selectable<RevisionsTable>): Revision => ({
  seq: toNumber(row.seq),
  at: row.at,
  actor: row.actor,
  tenantId: optional(row.tenant_id),
  entity: row.entity as RevisionEntity,
  entityId: row.entity_id,
  label: row.label,
  action: row.action as Revision['action'],
  before: optional(row.before),
  after: optional(row.after),
  changes: JSON.parse(row.changes) as RevisionChange[],
});

/** Rows per INSERT: an import's thousands of revisions go in a few statements. */
const BATCH = 200;

export class SqlRevisionRepository implements RevisionWriter {
  constructor(private readonly db: Kysely<Database>) {}

  async list(query: RevisionQuery): Promise<Revision[]> {
    let select = this.db.selectFrom('revisions').selectAll();
    if (query.tenantId !== undefined) select = select.where('tenant_id', '=', query.tenantId);
    if (query.entityId !== undefined) select = select.where('entity_id', '=', query.entityId);
    if (query.entity !== undefined) select = select.where('entity', '=', query.entity);
    if (query.beforeSeq !== undefined) select = select.where('seq', '<', query.beforeSeq);
    const rows = await select.orderBy('seq', 'desc').limit(query.limit).execute();
    return rows.map(toRevision);
  }

  async find(seq: number): Promise<Revision | undefined> {
    const row = await this.db.selectFrom('revisions').selectAll().where('seq', '=', seq).executeTakeFirst();
    return row && toRevision(row);
  }

  async append(revisions: readonly Omit<Revision, 'seq'>[]): Promise<void> {
    for (let i = 0; i < revisions.length; i += BATCH) {
      const rows = revisions.slice(i, i + BATCH).map((r) => ({
        at: r.at,
        actor: r.actor,
        tenant_id: r.tenantId ?? null,
        entity: r.entity,
        entity_id: r.entityId,
        label: r.label,
        action: r.action,
        before: r.before ?? null,
        after: r.after ?? null,
        changes: JSON.stringify(r.changes),
      }));
      await this.db.insertInto('revisions').values(rows).execute();
    }
  }
}
