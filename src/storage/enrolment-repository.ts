// One-time enrolment links and Zoiper OEM tokens, over SQL. Only the SHA-256 of each secret is
// stored; taking one is a single conditional UPDATE, so of two nodes racing for the same secret
// exactly one wins.
import type { Kysely, Selectable } from 'kysely';
import type { Enrolment, EnrolmentKind } from '../services/model.js';
import type { EnrolmentStore } from '../services/store.js';
import type { Database, EnrolmentsTable } from './database-tables.js';
import { optional, toNumber } from './row-values.js';

const toEnrolment = (row: Selectable<EnrolmentsTable>): Enrolment => ({
  id: row.id,
  kind: row.kind as EnrolmentKind,
  userId: row.user_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: optional(row.used_at),
});

export class SqlEnrolmentStore implements EnrolmentStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(enrolment: Omit<Enrolment, 'usedAt'>): Promise<void> {
    await this.db
      .insertInto('enrolments')
      .values({
        id: enrolment.id,
        kind: enrolment.kind,
        user_id: enrolment.userId,
        created_by: enrolment.createdBy,
        created_at: enrolment.createdAt,
        expires_at: enrolment.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async find(id: string): Promise<Enrolment | undefined> {
    const row = await this.db.selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEnrolment(row);
  }

  async take(id: string, kind: EnrolmentKind, at: string): Promise<Enrolment | undefined> {
    const result = await this.db
      .updateTable('enrolments')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (toNumber(result.numUpdatedRows) !== 1) return undefined;
    return this.find(id);
  }

  async listByUser(userId: string): Promise<Enrolment[]> {
    const rows = await this.db
      .selectFrom('enrolments')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toEnrolment);
  }

  async deleteExpiredBefore(before: string): Promise<number> {
    const result = await this.db.deleteFrom('enrolments').where('expires_at', '<', before).executeTakeFirst();
    return toNumber(result.numDeletedRows);
  }
}
