// Reads a FusionPBX server's v_domains and v_extensions tables over PostgreSQL, for
// `zprov import fusionpbx <url>`. It only ever reads: one read-only transaction (PostgreSQL itself
// refuses any write in it), the columns the mapping needs and no others, rolled back at the end.
// Which schema holds the tables follows the URL's search_path (`options=-c search_path=...`).
import type pg from 'pg';
import { ZprovError } from '../core/errors.js';
import {
  FUSIONPBX_COLUMNS,
  FUSIONPBX_DOMAINS_TABLE,
  FUSIONPBX_EXTENSIONS_TABLE,
  type FusionpbxDomainRow,
  type FusionpbxExtensionRow,
  type FusionpbxTables,
} from '../core/import/fusionpbx.js';

export interface FusionpbxSourceOptions {
  /** Only this domain (by domain_name) and its extensions. */
  readonly domain?: string;
  readonly connectTimeoutMs?: number;
}

/** The database a URL names, for messages: host, port and database, never the credentials. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${database === '' ? '' : `/${database}`}`;
  } catch {
    return 'the given URL';
  }
}

/** A driver's message with the URL's password (should it quote it) masked. */
function masked(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // Not a URL: nothing to mask by name.
  }
  return password === '' ? message : message.split(password).join('***');
}

type Table = keyof typeof FUSIONPBX_COLUMNS;

/** The columns of `table` present in the database (following search_path); undefined: no such table. */
async function columnsOf(client: pg.Client, table: Table): Promise<Set<string> | undefined> {
  const found = await client.query<{ present: boolean; column: string | null }>(
    `select to_regclass($1) is not null as present, a.attname as column
       from (select 1) one
       left join pg_attribute a on a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped`,
    [table],
  );
  if (found.rows[0]?.present !== true) return undefined;
  return new Set(found.rows.map((r) => r.column).filter((c): c is string => c !== null));
}

/** The columns to read from `table`: every required one (or an error naming those missing). */
async function readableColumns(client: pg.Client, table: Table, where: string): Promise<string[]> {
  const present = await columnsOf(client, table);
  if (present === undefined)
    throw new ZprovError(
      'invalid_input',
      `${where} has no table ${table} on its search_path: is it a FusionPBX database?`,
      table,
    );
  const { required, optional } = FUSIONPBX_COLUMNS[table];
  const missing = required.filter((c) => !present.has(c));
  if (missing.length > 0)
    throw new ZprovError(
      'invalid_input',
      `${where}: table ${table} lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`,
      table,
    );
  return [...required, ...optional.filter((c) => present.has(c))];
}

/** `"col"::text as "col"`, for every column: booleans and uuids come back as text. */
const selectList = (alias: string, columns: readonly string[]) =>
  columns.map((c) => `${alias}."${c}"::text as "${c}"`).join(', ');

/**
 * Both tables from the database `url` names (postgres://user:password@host:port/database; the
 * password never appears in a message).
 */
export async function readFusionpbx(
  url: string,
  options: FusionpbxSourceOptions = {},
): Promise<FusionpbxTables> {
  const where = `the FusionPBX database at ${describePostgresUrl(url)}`;
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'zprov import',
  });
  // A connection that fails after connecting (the server going away) is reported by the query.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new ZprovError(
      'io',
      `cannot connect to ${where}: ${masked((error as Error).message, url)}`,
      'url',
      {
        cause: error,
      },
    );
  }
  try {
    // One snapshot for both tables, in which PostgreSQL refuses every write.
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const domainColumns = await readableColumns(client, FUSIONPBX_DOMAINS_TABLE, where);
    const extensionColumns = await readableColumns(client, FUSIONPBX_EXTENSIONS_TABLE, where);
    const filter = options.domain === undefined ? '' : 'where d.domain_name = $1';
    const parameters = options.domain === undefined ? [] : [options.domain];
    const domains = await client.query<FusionpbxDomainRow>(
      `select ${selectList('d', domainColumns)} from ${FUSIONPBX_DOMAINS_TABLE} d ${filter}
        order by d.domain_name, d.domain_uuid`,
      parameters,
    );
    if (options.domain !== undefined && domains.rows.length === 0)
      throw new ZprovError('not_found', `${where} has no domain named '${options.domain}'`, 'domain');
    // Extensions of a domain not read are left out here, not reported by the mapping.
    const extensions = await client.query<FusionpbxExtensionRow>(
      `select ${selectList('e', extensionColumns)} from ${FUSIONPBX_EXTENSIONS_TABLE} e
         left join ${FUSIONPBX_DOMAINS_TABLE} d on d.domain_uuid = e.domain_uuid
        ${filter}
        order by d.domain_name, e.extension, e.extension_uuid`,
      parameters,
    );
    return { domains: domains.rows, extensions: extensions.rows };
  } catch (error) {
    if (error instanceof ZprovError) throw error;
    throw new ZprovError('io', `cannot read ${where}: ${masked((error as Error).message, url)}`, 'url', {
      cause: error,
    });
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
