// better-sqlite3 compiles a statement on every prepare() (about 17 µs for a user lookup, where running
// it takes 1 µs), and Kysely prepares each query it runs. This keeps the compiled statements of the
// SQL texts used most recently, so a repeated query only binds its parameters and steps. Safe because
// every query runs to completion before the next one starts: zprov never streams rows (a statement
// still iterating could not be run again).
import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export interface StatementCacheLimits {
  /** Statements kept; the least recently used one goes first. */
  readonly statements: number;
  /** Longer SQL (a multi-row insert) is rare and would pin its memory: it is prepared each time. */
  readonly sqlLength: number;
}

export const DEFAULT_STATEMENT_CACHE_LIMITS: StatementCacheLimits = { statements: 256, sqlLength: 2048 };

/** `database` for Kysely's SqliteDialect, preparing each SQL text once while it stays in use. */
export function withStatementCache(
  database: Database,
  limits: StatementCacheLimits = DEFAULT_STATEMENT_CACHE_LIMITS,
): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): Statement {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        // Map keeps insertion order: moving the hit to the end makes the first key the least recent.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (sql.length <= limits.sqlLength) {
        if (statements.size >= limits.statements) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
