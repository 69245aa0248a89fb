// Migration 0008 on a database that has data: each user's one last fetch becomes that user's device
// (no User-Agent), and going back down keeps each user's most recent device as the user's fetch.
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/storage/open-database.js';
import { migrationProvider } from '../../src/storage/migrations.js';
import {
  postgresDatabase,
  postgresReachable,
  sqliteDatabase,
  type TestDatabase,
} from '../support/test-databases.js';

const pgUp = await postgresReachable();

describe.each([
  { name: 'sqlite', make: () => Promise.resolve(sqliteDatabase()) },
  { name: 'postgres', make: postgresDatabase, skip: !pgUp },
])('migration 0008_devices on $name', ({ make, skip }) => {
  let database: TestDatabase | undefined;
  let opened: OpenedDatabase | undefined;
  afterEach(async () => {
    await opened?.db.destroy();
    await database?.cleanup();
    opened = undefined;
    database = undefined;
  });

  it.skipIf(skip === true)('carries last fetches over to devices and back', async () => {
    database = await make();
    opened = await openDatabase(database.config);
    const { db, dialect } = opened;
    const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
    expect((await migrator.migrateTo('0007_tenant_phones')).error).toBeUndefined();
    const tenant = await sql<{ id: string }>`select id from tenants where slug = 'default'`.execute(db);
    const tenantId = tenant.rows[0]?.id ?? '';
    for (const [id, name] of [
      ['u1', 'ann'],
      ['u2', 'bob'],
    ])
      await sql`insert into users (id, tenant_id, username, display_name, enabled, created_at, updated_at)
        values (${id}, ${tenantId}, ${name}, ${name}, 1, 't', 't')`.execute(db);
    await sql`insert into fetch_state (user_id, last_fetch_at, last_document_hash, last_client_address, last_password_id, last_platform)
      values ('u1', '2024-01-01T00:00:00.000Z', 'h1', '192.0.2.1', 'p1', null),
             ('u2', '2024-01-02T00:00:00.000Z', 'h2', '192.0.2.2', null, 'android')`.execute(db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const devices = await sql<
      Record<string, unknown>
    >`select user_id, platform, user_agent, last_document_hash,
      last_password_id from device_fetch_state order by user_id`.execute(db);
    expect(devices.rows).toEqual([
      {
        user_id: 'u1',
        platform: 'desktop',
        user_agent: '',
        last_document_hash: 'h1',
        last_password_id: 'p1',
      },
      {
        user_id: 'u2',
        platform: 'android',
        user_agent: '',
        last_document_hash: 'h2',
        last_password_id: null,
      },
    ]);
    await sql`insert into device_fetch_state (user_id, platform, user_agent, last_fetch_at, last_document_hash, last_client_address)
      values ('u1', 'ios', 'Zoiper iOS', '2024-02-01T00:00:00.000Z', 'h3', '192.0.2.3')`.execute(db);

    expect((await migrator.migrateTo('0007_tenant_phones')).error).toBeUndefined();
    const back = await sql<Record<string, unknown>>`select user_id, last_document_hash, last_platform
      from fetch_state order by user_id`.execute(db);
    expect(back.rows).toEqual([
      { user_id: 'u1', last_document_hash: 'h3', last_platform: 'ios' },
      { user_id: 'u2', last_document_hash: 'h2', last_platform: 'android' },
    ]);
  });
});
