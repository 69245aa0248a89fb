// Profiles (named option sets) and the server-wide assignment, over SQL.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Profile } from '../services/model.js';
import type { ProfileAssignments, ProfileWriter } from '../services/store.js';
import type { Database, ProfilesTable } from './database-tables.js';
import { optional, type Now } from './row-values.js';

const toProfile = (row: Selectable<ProfilesTable>): Profile => ({
  id: row.id,
  name: row.name,
  document: row.document,
  accountDefaults: optional(row.account_defaults),
  platformPins: optional(row.platform_pins),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class SqlProfileRepository implements ProfileWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: Now,
  ) {}

  async list(): Promise<Profile[]> {
    const rows = await this.db.selectFrom('profiles').selectAll().orderBy('name').execute();
    return rows.map(toProfile);
  }

  async findByName(name: string): Promise<Profile | undefined> {
    const row = await this.db.selectFrom('profiles').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toProfile(row);
  }

  async findById(id: string): Promise<Profile | undefined> {
    const row = await this.db.selectFrom('profiles').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toProfile(row);
  }

  async serverProfileId(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('server_state')
      .select('server_profile_id')
      .where('id', '=', 1)
      .executeTakeFirst();
    return optional(row?.server_profile_id ?? null);
  }

  async assignments(id: string): Promise<ProfileAssignments> {
    const server = (await this.serverProfileId()) === id;
    const tenants = await this.db
      .selectFrom('tenants')
      .select('slug')
      .where('profile_id', '=', id)
      .orderBy('slug')
      .execute();
    const groups = await this.db
      .selectFrom('user_groups')
      .innerJoin('tenants', 'tenants.id', 'user_groups.tenant_id')
      .select(['tenants.slug', 'user_groups.name'])
      .where('user_groups.profile_id', '=', id)
      .orderBy('tenants.slug')
      .orderBy('user_groups.name')
      .execute();
    const users = await this.db
      .selectFrom('users')
      .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
      .select(['tenants.slug', 'users.username'])
      .where('users.profile_id', '=', id)
      .orderBy('tenants.slug')
      .orderBy('users.username')
      .execute();
    return {
      server,
      tenants: tenants.map((t) => t.slug),
      groups: groups.map((g) => ({ tenant: g.slug, name: g.name })),
      users: users.map((u) => ({ tenant: u.slug, username: u.username })),
    };
  }

  async insert(profile: { name: string; document: string }): Promise<Profile> {
    const at = this.now();
    const row = {
      id: randomUUID(),
      name: profile.name,
      document: profile.document,
      account_defaults: null,
      platform_pins: null,
      created_at: at,
      updated_at: at,
    };
    await this.db.insertInto('profiles').values(row).execute();
    return toProfile(row);
  }

  async updateDocument(id: string, document: string): Promise<void> {
    await this.db
      .updateTable('profiles')
      .set({ document, updated_at: this.now() })
      .where('id', '=', id)
      .execute();
  }

  async updateAccountDefaults(id: string, accountDefaults: string | null): Promise<void> {
    await this.db
      .updateTable('profiles')
      .set({ account_defaults: accountDefaults, updated_at: this.now() })
      .where('id', '=', id)
      .execute();
  }

  async updatePlatformPins(id: string, platformPins: string | null): Promise<void> {
    await this.db
      .updateTable('profiles')
      .set({ platform_pins: platformPins, updated_at: this.now() })
      .where('id', '=', id)
      .execute();
  }

  async setServerProfile(id: string | null): Promise<void> {
    await this.db.updateTable('server_state').set({ server_profile_id: id }).where('id', '=', 1).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('profiles').where('id', '=', id).execute();
  }
}
