// The schema, as versioned migrations kept in code (Kysely's Migrator). Each migration is written once
// for every dialect; where SQLite and PostgreSQL differ (an auto-assigned integer key) it says so.
// Never edit a migration that has shipped: add the next one.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { SqlDialectName } from './database-tables.js';

// Migrations see the database untyped: they describe the tables before the types exist.
type AnyDb = Kysely<unknown>;

function initialSchema(dialect: SqlDialectName): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('profiles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('delete_accounts', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('delete_contact_services', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('profile_id', 'text', (c) => c.references('profiles.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('user_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('profile_id', 'text', (c) => c.references('profiles.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('user_groups_tenant_name', ['tenant_id', 'name'])
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.references('user_groups.id').onDelete('set null'))
        .addColumn('profile_id', 'text', (c) => c.references('profiles.id'))
        .addColumn('password_hash', 'text')
        .addColumn('previous_password_hash', 'text')
        .addColumn('previous_valid_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('users_tenant_username', ['tenant_id', 'username'])
        .execute();
      await db.schema.createIndex('users_group').on('users').column('group_id').execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('ident', 'text', (c) => c.notNull().unique())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('protocol', 'text', (c) => c.notNull())
        .addColumn('is_default', 'integer', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('sealed_password', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('accounts_user').on('accounts').columns(['user_id', 'position']).execute();
      await db.schema
        .createTable('server_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('generation', 'bigint', (c) => c.notNull())
        .addColumn('server_profile_id', 'text', (c) => c.references('profiles.id'))
        .execute();
      // The one dialect difference: an auto-assigned key in insertion order for the audit log.
      await db.schema
        .createTable('audit_log')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('tenant', 'text', (c) => c.notNull())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('client_address', 'text', (c) => c.notNull())
        .addColumn('user_agent', 'text')
        .addColumn('client_version', 'text')
        .addColumn('transport', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('document_hash', 'text')
        .execute();
      // No secondary index on the audit log: one on a random key (user_id) makes every insert several
      // times dearer, and the log takes a row per provisioning request. Per-user queries scan back
      // from the newest row instead.
      await db.schema
        .createTable('fetch_state')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('last_fetch_at', 'text', (c) => c.notNull())
        .addColumn('last_document_hash', 'text', (c) => c.notNull())
        .addColumn('last_client_address', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into server_state (id, generation, server_profile_id) values (1, 0, null)`.execute(db);
      await sql`insert into tenants (id, slug, name, delete_accounts, delete_contact_services, profile_id, created_at)
        values (${randomUUID()}, 'default', 'Default tenant', 1, 0, null, ${new Date().toISOString()})`.execute(
        db,
      );
    },
    async down(db: AnyDb): Promise<void> {
      for (const table of [
        'fetch_state',
        'audit_log',
        'server_state',
        'accounts',
        'users',
        'user_groups',
        'tenants',
        'profiles',
      ])
        await db.schema.dropTable(table).execute();
    },
  };
}

/**
 * Which password a served fetch matched (current, or previous during a rotation), in the log and as
 * the last fetch's: what tells an administrator that `--revoke-old` is safe.
 */
const passwordUsed: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('audit_log').addColumn('password_used', 'text').execute();
    await db.schema.alterTable('fetch_state').addColumn('last_password_id', 'text').execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.alterTable('fetch_state').dropColumn('last_password_id').execute();
    await db.schema.alterTable('audit_log').dropColumn('password_used').execute();
  },
};

/**
 * Bringing a PBX's accounts in: profiles hold account defaults (an account item's text), and each
 * imported account remembers its key in the source (`pjsip:1001`) so a second import updates it, and
 * can be disabled (kept, not served) when it disappears from the source.
 */
const pbxImport: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('profiles').addColumn('account_defaults', 'text').execute();
    await db.schema.alterTable('accounts').addColumn('source_key', 'text').execute();
    await db.schema
      .alterTable('accounts')
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('accounts_source_key').on('accounts').column('source_key').execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.dropIndex('accounts_source_key').execute();
    await db.schema.alterTable('accounts').dropColumn('enabled').execute();
    await db.schema.alterTable('accounts').dropColumn('source_key').execute();
    await db.schema.alterTable('profiles').dropColumn('account_defaults').execute();
  },
};

/** Tokens of the administration API: named, with a role (and a tenant for tenant admins), stored hashed. */
const apiTokens: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.references('tenants.id').onDelete('cascade'))
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.dropTable('api_tokens').execute();
  },
};

/**
 * The change history: one row per change to a tenant, group, profile, user, account or token, from
 * any adapter, in commit order, with the record before and after (secrets only sealed) and a diff
 * with secrets masked. No foreign key: the history of a removed tenant stays readable.
 */
function revisions(dialect: SqlDialectName): Migration {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('revisions')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('revisions_entity').on('revisions').columns(['entity_id', 'seq']).execute();
      await db.schema.createIndex('revisions_tenant').on('revisions').columns(['tenant_id', 'seq']).execute();
    },
    async down(db: AnyDb): Promise<void> {
      await db.schema.dropTable('revisions').execute();
    },
  };
}

/**
 * Which platform's document a fetch asked for (the Desktop path, or an app's own path): the log
 * tells them apart, and a user's status compares the last fetch with that platform's document.
 */
const platforms: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('audit_log').addColumn('platform', 'text').execute();
    await db.schema.alterTable('fetch_state').addColumn('last_platform', 'text').execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.alterTable('fetch_state').dropColumn('last_platform').execute();
    await db.schema.alterTable('audit_log').dropColumn('platform').execute();
  },
};

/** A tenant's phones: the language of their error texts, and URL parameter names of their own. */
const tenantPhones: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('tenants').addColumn('language', 'text').execute();
    await db.schema.alterTable('tenants').addColumn('phone_params', 'text').execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.alterTable('tenants').dropColumn('phone_params').execute();
    await db.schema.alterTable('tenants').dropColumn('language').execute();
  },
};

/**
 * Several phones per user: the last fetch of each device (user, platform, user agent), a user's
 * devices capped by the audit log's writer; and a user's revocation, after which each device is
 * served a document removing its accounts once, then refused. The one last fetch per user becomes
 * that user's device with no user agent.
 */
const devices: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('device_fetch_state')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text', (c) => c.notNull())
      .addColumn('client_version', 'text')
      .addColumn('last_fetch_at', 'text', (c) => c.notNull())
      .addColumn('last_document_hash', 'text', (c) => c.notNull())
      .addColumn('last_client_address', 'text', (c) => c.notNull())
      .addColumn('last_password_id', 'text')
      .addPrimaryKeyConstraint('device_fetch_state_pk', ['user_id', 'platform', 'user_agent'])
      .execute();
    await sql`insert into device_fetch_state (user_id, platform, user_agent, client_version, last_fetch_at,
        last_document_hash, last_client_address, last_password_id)
      select user_id, coalesce(last_platform, 'desktop'), '', null, last_fetch_at, last_document_hash,
        last_client_address, last_password_id
      from fetch_state`.execute(db);
    await db.schema.dropTable('fetch_state').execute();
    await db.schema.alterTable('users').addColumn('revoked_at', 'text').execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.alterTable('users').dropColumn('revoked_at').execute();
    await db.schema
      .createTable('fetch_state')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('last_fetch_at', 'text', (c) => c.notNull())
      .addColumn('last_document_hash', 'text', (c) => c.notNull())
      .addColumn('last_client_address', 'text', (c) => c.notNull())
      .addColumn('last_password_id', 'text')
      .addColumn('last_platform', 'text')
      .execute();
    // The most recent device of each user stands for the user again.
    await sql`insert into fetch_state (user_id, last_fetch_at, last_document_hash, last_client_address,
        last_password_id, last_platform)
      select d.user_id, d.last_fetch_at, d.last_document_hash, d.last_client_address, d.last_password_id,
        case when d.platform = 'desktop' then null else d.platform end
      from device_fetch_state d
      where not exists (select 1 from device_fetch_state n where n.user_id = d.user_id
        and (n.last_fetch_at > d.last_fetch_at or (n.last_fetch_at = d.last_fetch_at
          and (n.platform, n.user_agent) > (d.platform, d.user_agent))))`.execute(db);
    await db.schema.dropTable('device_fetch_state').execute();
  },
};

/** Options of a profile pinned to some platforms (profile set --platform). */
const platformPins: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('profiles').addColumn('platform_pins', 'text').execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.alterTable('profiles').dropColumn('platform_pins').execute();
  },
};

/** People who sign in to the web pages, and their browsers' sessions. */
const adminUsers: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('admin_users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.references('tenants.id').onDelete('cascade'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('admin_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('admin_user_id', 'text', (c) => c.notNull().references('admin_users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('admin_sessions_by_last_seen')
      .on('admin_sessions')
      .column('last_seen_at')
      .execute();
    await db.schema
      .createIndex('admin_sessions_by_admin')
      .on('admin_sessions')
      .column('admin_user_id')
      .execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.dropTable('admin_sessions').execute();
    await db.schema.dropTable('admin_users').execute();
  },
};

/** One-time enrolment links and OEM tokens; a tenant's OEM provider id for the token links. */
const enrolments: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('enrolments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('enrolments_by_user').on('enrolments').column('user_id').execute();
    await db.schema.createIndex('enrolments_by_expiry').on('enrolments').column('expires_at').execute();
    await db.schema.alterTable('tenants').addColumn('oem_provider_id', 'text').execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.alterTable('tenants').dropColumn('oem_provider_id').execute();
    await db.schema.dropTable('enrolments').execute();
  },
};

/** The documents devices last fetched, by hash, sealed: what a device holds, to diff against. */
const servedDocuments: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('served_documents')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('first_served_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb): Promise<void> {
    await db.schema.dropTable('served_documents').execute();
  },
};

/** Every migration, by name; names sort in the order they apply. */
export function migrationProvider(dialect: SqlDialectName): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        '0001_initial': initialSchema(dialect),
        '0002_password_used': passwordUsed,
        '0003_pbx_import': pbxImport,
        '0004_api_tokens': apiTokens,
        '0005_revisions': revisions(dialect),
        '0006_platforms': platforms,
        '0007_tenant_phones': tenantPhones,
        '0008_devices': devices,
        '0009_platform_pins': platformPins,
        '0010_admin_users': adminUsers,
        '0011_enrolments': enrolments,
        '0012_served_documents': servedDocuments,
      }),
  };
}
