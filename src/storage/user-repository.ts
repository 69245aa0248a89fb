// Users and their stored password forms, over SQL.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { User, UserCredentials } from '../services/model.js';
import type { NewUser, UserListFilter, UserPageQuery, UserWriter } from '../services/store.js';
import type { Database, UsersTable } from './database-tables.js';
import { fromFlag, optional, toFlag, type Now } from './row-values.js';

const toUser = (row: Selectable<UsersTable>): User => ({
  id: row.id,
  tenantId: row.tenant_id,
  username: row.username,
  displayName: row.display_name,
  enabled: fromFlag(row.enabled),
  groupId: optional(row.group_id),
  profileId: optional(row.profile_id),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  revokedAt: optional(row.revoked_at),
});

const toCredentials = (row: Selectable<UsersTable>): UserCredentials => ({
  passwordHash: optional(row.password_hash),
  previousPasswordHash: optional(row.previous_password_hash),
  previousValidUntil: optional(row.previous_valid_until),
});

/** SQLite allows 32766 bound values per statement; 12 columns a row keeps a chunk well below it. */
const INSERT_CHUNK = 500;

export class SqlUserRepository implements UserWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: Now,
  ) {}

  async list(tenantId: string, filter: UserListFilter = {}): Promise<User[]> {
    let query = this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
    if (filter.groupId !== undefined) query = query.where('group_id', '=', filter.groupId);
    const rows = await query.orderBy('username').execute();
    return rows.map(toUser);
  }

  async page(tenantId: string, query: UserPageQuery): Promise<User[]> {
    let select = this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
    if (query.after !== undefined)
      select = select.where('username', query.descending === true ? '<' : '>', query.after);
    if (query.groupId !== undefined) select = select.where('group_id', '=', query.groupId);
    if (query.enabled !== undefined) select = select.where('enabled', '=', toFlag(query.enabled));
    if (query.search !== undefined && query.search !== '') {
      const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      select = select.where(
        sql<boolean>`(lower(username) like ${pattern} escape '\\' or lower(display_name) like ${pattern} escape '\\')`,
      );
    }
    // Along the (tenant_id, username) index, stopping at the page's end.
    const order = query.descending === true ? 'desc' : 'asc';
    return (await select.orderBy('username', order).limit(query.limit).execute()).map(toUser);
  }

  async find(tenantId: string, username: string): Promise<User | undefined> {
    const row = await this.findRow(tenantId, username);
    return row && toUser(row);
  }

  async exist(): Promise<boolean> {
    return (await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async credentials(userId: string): Promise<UserCredentials | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    return row && toCredentials(row);
  }

  async findLoginById(userId: string): Promise<{ user: User; credentials: UserCredentials } | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    return row && { user: toUser(row), credentials: toCredentials(row) };
  }

  async findLogin(
    tenantId: string,
    username: string,
  ): Promise<{ user: User; credentials: UserCredentials } | undefined> {
    const row = await this.findRow(tenantId, username);
    return row && { user: toUser(row), credentials: toCredentials(row) };
  }

  private findRow(tenantId: string, username: string): Promise<Selectable<UsersTable> | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('username', '=', username)
      .executeTakeFirst();
  }

  private row(user: NewUser, at: string): Selectable<UsersTable> {
    return {
      id: randomUUID(),
      tenant_id: user.tenantId,
      username: user.username,
      display_name: user.displayName,
      enabled: toFlag(user.enabled),
      group_id: user.groupId ?? null,
      profile_id: null,
      password_hash: user.passwordHash ?? null,
      previous_password_hash: null,
      previous_valid_until: null,
      created_at: at,
      updated_at: at,
      revoked_at: null,
    };
  }

  async insert(user: NewUser): Promise<User> {
    const row = this.row(user, this.now());
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  async insertMany(users: readonly NewUser[]): Promise<User[]> {
    const at = this.now();
    const inserted: User[] = [];
    for (let i = 0; i < users.length; i += INSERT_CHUNK) {
      const rows = users.slice(i, i + INSERT_CHUNK).map((u) => this.row(u, at));
      await this.db.insertInto('users').values(rows).execute();
      inserted.push(...rows.map(toUser));
    }
    return inserted;
  }

  async update(
    id: string,
    patch: Partial<{
      displayName: string;
      enabled: boolean;
      groupId: string | null;
      profileId: string | null;
      revokedAt: string | null;
    }>,
  ): Promise<void> {
    const values: Partial<UsersTable> = { updated_at: this.now() };
    if (patch.displayName !== undefined) values.display_name = patch.displayName;
    if (patch.enabled !== undefined) values.enabled = toFlag(patch.enabled);
    if (patch.groupId !== undefined) values.group_id = patch.groupId;
    if (patch.profileId !== undefined) values.profile_id = patch.profileId;
    if (patch.revokedAt !== undefined) values.revoked_at = patch.revokedAt;
    await this.db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  async setCredentials(userId: string, credentials: UserCredentials): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        password_hash: credentials.passwordHash ?? null,
        previous_password_hash: credentials.previousPasswordHash ?? null,
        previous_valid_until: credentials.previousValidUntil ?? null,
        updated_at: this.now(),
      })
      .where('id', '=', userId)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }
}
