// Groups of users within a tenant, over SQL.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Group } from '../services/model.js';
import type { GroupWriter } from '../services/store.js';
import type { Database, GroupsTable } from './database-tables.js';
import { optional, type Now } from './row-values.js';

const toGroup = (row: Selectable<GroupsTable>): Group => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  profileId: optional(row.profile_id),
  createdAt: row.created_at,
});

export class SqlGroupRepository implements GroupWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: Now,
  ) {}

  async listByTenant(tenantId: string): Promise<Group[]> {
    const rows = await this.db
      .selectFrom('user_groups')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('name')
      .execute();
    return rows.map(toGroup);
  }

  async find(tenantId: string, name: string): Promise<Group | undefined> {
    const row = await this.db
      .selectFrom('user_groups')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toGroup(row);
  }

  async findById(id: string): Promise<Group | undefined> {
    const row = await this.db.selectFrom('user_groups').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toGroup(row);
  }

  async insert(group: { tenantId: string; name: string }): Promise<Group> {
    const row = {
      id: randomUUID(),
      tenant_id: group.tenantId,
      name: group.name,
      profile_id: null,
      created_at: this.now(),
    };
    await this.db.insertInto('user_groups').values(row).execute();
    return toGroup(row);
  }

  async update(id: string, patch: { profileId: string | null }): Promise<void> {
    await this.db
      .updateTable('user_groups')
      .set({ profile_id: patch.profileId })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('user_groups').where('id', '=', id).execute();
  }
}
