// Reading FusionPBX's tables from a PostgreSQL schema of the test's own, made from FusionPBX's
// documented schema (the columns zprov reads, and a few it does not). Skipped without a server.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZprovError } from '../../src/core/errors.js';
import { mapFusionpbx } from '../../src/core/import/fusionpbx.js';
import { describePostgresUrl, readFusionpbx } from '../../src/storage/fusionpbx-source.js';
import { postgresDatabase, postgresReachable, type TestDatabase } from '../support/test-databases.js';

const pgUp = await postgresReachable();

const D1 = '11111111-1111-4111-8111-111111111111';
const D2 = '22222222-2222-4222-8222-222222222222';

const DOMAINS = `create table v_domains (
  domain_uuid uuid primary key,
  domain_parent_uuid uuid,
  domain_name text,
  domain_enabled boolean,
  domain_description text,
  insert_date timestamptz default now()
)`;

const EXTENSIONS = (name: string) => `create table ${name} (
  extension_uuid uuid primary key,
  domain_uuid uuid,
  extension text,
  number_alias text,
  password text,
  accountcode text,
  effective_caller_id_name text,
  effective_caller_id_number text,
  outbound_caller_id_name text,
  directory_first_name text,
  directory_last_name text,
  user_context text,
  call_timeout numeric,
  enabled text,
  description text
)`;

const ROWS = [
  `insert into v_domains (domain_uuid, domain_name, domain_enabled, domain_description) values
     ('${D1}', 'a.example.com', true, 'tenant a'),
     ('${D2}', 'b.example.com', false, 'tenant b')`,
  `insert into v_extensions (extension_uuid, domain_uuid, extension, number_alias, password, accountcode,
       effective_caller_id_name, directory_first_name, directory_last_name, user_context, call_timeout,
       enabled, description) values
     ('aaaaaaaa-0000-4000-8000-000000000002', '${D1}', '1002', null, 'pw-1002', 'acc', null, 'Bob', 'Jones',
       'a.example.com', 30, 'false', 'desk'),
     ('aaaaaaaa-0000-4000-8000-000000000001', '${D1}', '1001', '501', 'pw-1001', 'acc', 'Alice', null, null,
       'a.example.com', 30, 'true', null),
     ('bbbbbbbb-0000-4000-8000-000000000001', '${D2}', '1001', null, 'pw-b1001', null, 'Carol', null, null,
       'b.example.com', 30, 'true', null)`,
];

async function run(url: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

describe.skipIf(!pgUp)('readFusionpbx', () => {
  let database: TestDatabase;
  let url: string;
  beforeEach(async () => {
    database = await postgresDatabase();
    if (database.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    url = database.config.url;
  });
  afterEach(async () => {
    await database.cleanup();
  });

  it('reads both tables, only the needed columns as text, and the rows map to accounts', async () => {
    await run(url, DOMAINS, EXTENSIONS('v_extensions'), ...ROWS);
    const tables = await readFusionpbx(url);
    expect(tables.domains).toEqual([
      { domain_uuid: D1, domain_name: 'a.example.com', domain_enabled: 'true' },
      { domain_uuid: D2, domain_name: 'b.example.com', domain_enabled: 'false' },
    ]);
    expect(Object.keys(tables.extensions[0] ?? {}).sort()).toEqual(
      [
        'description',
        'directory_first_name',
        'directory_last_name',
        'domain_uuid',
        'effective_caller_id_name',
        'effective_caller_id_number',
        'enabled',
        'extension',
        'extension_uuid',
        'number_alias',
        'password',
        'user_context',
      ].sort(),
    );
    const { accounts, problems } = mapFusionpbx(tables);
    expect(accounts.map((a) => [a.key, a.at.line, a.user, a.password, a.displayName, a.enabled])).toEqual([
      ['a.example.com/1001', 1, '1001@a.example.com', 'pw-1001', 'Alice', true],
      ['a.example.com/1002', 2, '1002@a.example.com', 'pw-1002', 'Bob Jones', false],
      ['b.example.com/1001', 3, '1001@b.example.com', 'pw-b1001', 'Carol', false],
    ]);
    expect(accounts[0]?.options).toContainEqual(['SIP_domain', 'a.example.com']);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        at: { file: 'v_domains', line: 2, field: 'domain_enabled' },
      }),
    ]);
  });

  it('reads one domain when asked, and refuses a domain that does not exist', async () => {
    await run(url, DOMAINS, EXTENSIONS('v_extensions'), ...ROWS);
    const tables = await readFusionpbx(url, { domain: 'b.example.com' });
    expect(tables.domains.map((d) => d.domain_name)).toEqual(['b.example.com']);
    expect(tables.extensions.map((e) => e.extension_uuid)).toEqual(['bbbbbbbb-0000-4000-8000-000000000001']);
    const error = await rejection(readFusionpbx(url, { domain: 'c.example.com' }));
    expect(isZprovError(error) && error.code).toBe('not_found');
  });

  it('names a missing table', async () => {
    await run(url, DOMAINS);
    const error = await rejection(readFusionpbx(url));
    expect(isZprovError(error) && error.code).toBe('invalid_input');
    expect(error.message).toContain('v_extensions');
  });

  it('names the missing columns', async () => {
    await run(url, DOMAINS, EXTENSIONS('v_extensions'), 'alter table v_extensions drop column password');
    const error = await rejection(readFusionpbx(url));
    expect(isZprovError(error) && error.code).toBe('invalid_input');
    expect(error.message).toMatch(/v_extensions lacks the column password$/);
  });

  it('reads in a read-only transaction: a write the reading would cause is refused by PostgreSQL', async () => {
    // v_extensions is a view whose every row read calls a function that writes.
    await run(
      url,
      DOMAINS,
      EXTENSIONS('extension_rows'),
      'create table probe_log (at timestamptz default now())',
      `create function probe() returns boolean language plpgsql volatile as
         $$ begin insert into probe_log default values; return true; end $$`,
      'create view v_extensions as select * from extension_rows where probe()',
      ROWS[0] as string,
      `insert into extension_rows (extension_uuid, domain_uuid, extension, password, enabled)
         values ('aaaaaaaa-0000-4000-8000-000000000001', '${D1}', '1001', 'pw', 'true')`,
    );
    const error = await rejection(readFusionpbx(url));
    expect(isZprovError(error) && error.code).toBe('io');
    expect(error.message).toContain('read-only transaction');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>('select count(*) as n from probe_log');
    await client.end();
    expect(rows[0]?.n).toBe('0');
  });

  it('names the host of a server it cannot reach, never the password', async () => {
    const unreachable = 'postgres://zprov:hunter2-secret@127.0.0.1:1/fusionpbx';
    const error = await rejection(readFusionpbx(unreachable, { connectTimeoutMs: 2000 }));
    expect(isZprovError(error) && error.code).toBe('io');
    expect(error.message).toContain('127.0.0.1:1/fusionpbx');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('describePostgresUrl', () => {
  it('gives host, port and database without credentials', () => {
    expect(describePostgresUrl('postgres://u:p%40ss@db.example.com:6543/fusionpbx?sslmode=require')).toBe(
      'db.example.com:6543/fusionpbx',
    );
    expect(describePostgresUrl('postgresql://db.example.com/fusionpbx')).toBe(
      'db.example.com:5432/fusionpbx',
    );
    expect(describePostgresUrl('not a url with secret')).toBe('the given URL');
  });
});
