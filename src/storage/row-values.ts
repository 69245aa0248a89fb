// Small conversions between column values and domain values, shared by the repositories.
import { ZprovError } from '../core/errors.js';

export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | string | boolean): boolean =>
  value === true || value === 1 || value === '1';
export const optional = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
/** bigint columns: PostgreSQL hands them over as text. */
export const toNumber = (value: string | number | bigint): number => Number(value);

export type Now = () => string;
export const systemNow: Now = () => new Date().toISOString();

/** SQLite's answer while another connection holds the write lock. */
export const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
};

/**
 * PostgreSQL gave up a transaction because a concurrent one changed what it read (40001) or the two
 * waited on each other (40P01): running it again decides on what the other committed.
 */
export const isSerializationFailure = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '40001' || code === '40P01';
};

/** Turns a constraint violation into the service error it means; anything else is rethrown as is. */
export function translateDbError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505')
    return new ZprovError('already_exists', `already exists (${error.message})`, undefined, { cause: error });
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503')
    return new ZprovError('invalid_input', `still referenced elsewhere (${error.message})`, undefined, {
      cause: error,
    });
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT')
    return new ZprovError('io', `the database is busy (another process holds the write lock)`, undefined, {
      cause: error,
    });
  return error;
}
