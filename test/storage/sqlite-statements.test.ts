// Kysely prepares every query it runs; the statement cache makes a repeated SQL text cost one compile.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from '../../src/storage/sqlite-statements.js';

interface Tables {
  readonly items: { readonly id: number; readonly name: string };
}

let raw: Database.Database;
afterEach(() => raw?.close());

function open(limits = { statements: 2, sqlLength: 200 }) {
  raw = new Database(':memory:');
  raw.exec('create table items (id integer primary key, name text)');
  const prepare = vi.spyOn(raw, 'prepare');
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: withStatementCache(raw, limits) }),
  });
  return { db, prepare };
}

const byName = (db: Kysely<Tables>, name: string) =>
  db.selectFrom('items').select('id').where('name', '=', name).execute();

describe('SQLite statement cache', () => {
  it('compiles a query once and runs it again with other parameters', async () => {
    const { db, prepare } = open();
    await db.insertInto('items').values({ id: 1, name: 'a' }).execute();
    await db.insertInto('items').values({ id: 2, name: 'b' }).execute();
    expect(await byName(db, 'a')).toEqual([{ id: 1 }]);
    expect(await byName(db, 'b')).toEqual([{ id: 2 }]);
    expect(await byName(db, 'c')).toEqual([]);
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('keeps the most recently used statements, and compiles a long text each time', async () => {
    const { db, prepare } = open();
    const queries = [
      () => byName(db, 'x'),
      () => db.selectFrom('items').select('name').where('id', '=', 1).execute(),
      () => sql`select count(*) as n from items`.execute(db),
    ];
    await queries[0]!();
    await queries[1]!();
    await queries[0]!(); // a hit: the first query is now the most recent
    await queries[2]!(); // evicts the second, the least recent
    expect(prepare).toHaveBeenCalledTimes(3);
    await queries[0]!();
    expect(prepare).toHaveBeenCalledTimes(3);
    await queries[1]!();
    expect(prepare).toHaveBeenCalledTimes(4);

    const long = db.selectFrom('items').select('id').where('name', 'in', Array(100).fill('n'));
    await long.execute();
    await long.execute();
    expect(prepare).toHaveBeenCalledTimes(6);
  });
});
