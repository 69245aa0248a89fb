// People who sign in to the web pages, and their sessions, over SQL. Only hashes are stored: the
// password's scrypt hash, and the SHA-256 of each session cookie's secret.
import type { Kysely, Selectable } from 'kysely';
import type { AdminRole, AdminSession, AdminUser } from '../services/model.js';
import type { AdminSessionStore, AdminUserWriter } from '../services/store.js';
import type { AdminSessionsTable, AdminUsersTable, Database } from './database-tables.js';
import { optional, toNumber, type Now } from './row-values.js';

const toAdmin = (row: Selectable<AdminUsersTable>): AdminUser => ({
  id: row.id,
  name: row.name,
  role: row.role as AdminRole,
  tenantId: optional(row.tenant_id),
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toSession = (row: Selectable<AdminSessionsTable>): AdminSession => ({
  id: row.id,
  adminUserId: row.admin_user_id,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
});

export class SqlAdminUserRepository implements AdminUserWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: Now,
  ) {}

  async list(): Promise<AdminUser[]> {
    return (await this.db.selectFrom('admin_users').selectAll().orderBy('name').execute()).map(toAdmin);
  }

  async findById(id: string): Promise<AdminUser | undefined> {
    const row = await this.db.selectFrom('admin_users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAdmin(row);
  }

  async findByName(name: string): Promise<AdminUser | undefined> {
    const row = await this.db
      .selectFrom('admin_users')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toAdmin(row);
  }

  async insert(admin: {
    id: string;
    name: string;
    role: AdminRole;
    tenantId: string | undefined;
    passwordHash: string;
  }): Promise<AdminUser> {
    const at = this.now();
    const row = {
      id: admin.id,
      name: admin.name,
      role: admin.role,
      tenant_id: admin.tenantId ?? null,
      password_hash: admin.passwordHash,
      created_at: at,
      updated_at: at,
    };
    await this.db.insertInto('admin_users').values(row).execute();
    return toAdmin(row);
  }

  async updatePassword(id: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('admin_users')
      .set({ password_hash: passwordHash, updated_at: this.now() })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('admin_users').where('id', '=', id).execute();
  }
}

export class SqlAdminSessionStore implements AdminSessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(session: AdminSession): Promise<void> {
    await this.db
      .insertInto('admin_sessions')
      .values({
        id: session.id,
        admin_user_id: session.adminUserId,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
  }

  async find(id: string): Promise<AdminSession | undefined> {
    const row = await this.db
      .selectFrom('admin_sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSession(row);
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('admin_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('id', '=', id).execute();
  }

  async deleteForAdmin(adminUserId: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('admin_user_id', '=', adminUserId).execute();
  }

  async deleteIdleSince(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('admin_sessions')
      .where('last_seen_at', '<', before)
      .executeTakeFirst();
    return toNumber(result.numDeletedRows);
  }
}
