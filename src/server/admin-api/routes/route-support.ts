// What the route modules of tenants, groups, users, accounts and reports share: cursor paging over
// a key and the If-Match check (made in the write's own transaction: management.atomically).
import { Type } from '@sinclair/typebox';
import { ZprovError } from '../../../core/errors.js';
import type { ManagementService } from '../../../services/management/management-service.js';

/** Where a route notes something worth an operator's attention (a revealed secret). */
export interface RouteLogger {
  warn(fields: object, message: string): void;
}

/** What the route modules of this folder take; `logger` is optional so tests may leave it out. */
export interface RouteDeps {
  readonly management: ManagementService;
  readonly logger?: RouteLogger;
}

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

/** The query fields every paged list takes. */
export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE, description: 'Rows per page.' }),
  ),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 512, description: 'nextCursor of the previous page.' }),
  ),
};

export const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'Pass as ?cursor= for the next page; null on the last page.',
});

/** An opaque cursor: base64url of JSON, so clients do not build them and the form may change. */
export const encodeCursor = (value: object): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeCursor<T extends object>(cursor: string, valid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!valid(value)) throw new ZprovError('invalid_input', 'cursor: not a cursor this list gave', 'cursor');
  return value;
}

const isAfterCursor = (value: unknown): value is { after: string } =>
  typeof value === 'object' && value !== null && typeof (value as { after?: unknown }).after === 'string';

/** The key a cursor of pageAfter (or of a list the store pages itself) continues after. */
export const cursorAfter = (cursor: string | undefined): string | undefined =>
  cursor === undefined ? undefined : decodeCursor(cursor, isAfterCursor).after;

/** Code-unit order: the same on every platform and locale, so a cursor means the same row later. */
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One page of rows ordered by a unique key, continuing after the key the cursor names: a row
 * added or removed between pages moves no other row, so every row that stays is returned once.
 */
export function pageAfter<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  query: { readonly limit?: number | undefined; readonly cursor?: string | undefined },
): { items: T[]; nextCursor: string | null } {
  const limit = query.limit ?? DEFAULT_PAGE;
  const after = cursorAfter(query.cursor);
  const sorted = [...rows].sort((a, b) => byKey(keyOf(a), keyOf(b)));
  const rest = after === undefined ? sorted : sorted.filter((row) => keyOf(row) > after);
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rest.length > limit && last !== undefined ? encodeCursor({ after: keyOf(last) }) : null,
  };
}

/**
 * A write to an existing record names the version it was made from. Without If-Match it could
 * overwrite a change it never saw (428); with a version that is no longer current it would (412).
 */
export function checkIfMatch(ifMatch: string | undefined, current: string): void {
  if (ifMatch === undefined)
    throw new ZprovError(
      'precondition_required',
      'this change needs If-Match with the ETag of the record as last read',
      'If-Match',
    );
  checkIfMatchWhenSent(ifMatch, current);
}

/** For actions whose outcome does not depend on what they overwrite (enable, a new password). */
export function checkIfMatchWhenSent(ifMatch: string | undefined, current: string): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(current)) return;
  throw new ZprovError(
    'precondition_failed',
    'the record changed since it was read (If-Match is not its ETag now); read it again',
    'If-Match',
  );
}

/** A ZprovError of this code becomes undefined (a lookup that may fail), others are thrown on. */
export async function unlessNotFound<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ZprovError && error.code === 'not_found') return undefined;
    throw error;
  }
}
