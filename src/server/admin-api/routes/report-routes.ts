// What administrators ask about a tenant: whether each of its users' devices holds the document it
// would be served now, and the log of provisioning requests. Both are paged with a cursor.
import { Type } from '@sinclair/typebox';
import { ZOIPER_PLATFORMS } from '../../../core/index.js';
import { FETCH_STATUSES, statusRowKey } from '../../../services/management/report-admin.js';
import { FETCH_OUTCOMES } from '../../../services/provisioning-contract.js';
import { apiRoute, type ApiRoute } from '../api-route.js';
import { scopedTenant } from './scoped-tenant.js';
import {
  cursorAfter,
  decodeCursor,
  encodeCursor,
  NextCursor,
  PageQuery,
  DEFAULT_PAGE,
  type RouteDeps,
} from './route-support.js';
import { TenantParams } from './tenant-routes.js';

const TAG = 'reports';

const OPTIONAL_TEXT = Type.Union([Type.String(), Type.Null()]);

const StatusRow = Type.Object({
  username: Type.String(),
  device: Type.Union(
    [
      Type.Object({
        platform: Type.Union(ZOIPER_PLATFORMS.map((p) => Type.Literal(p))),
        userAgent: Type.String({ description: "As the phone sent it; '' when it sent none." }),
      }),
      Type.Null(),
    ],
    { description: 'The device of this row; null on the one row of a user no device fetched for.' },
  ),
  clientVersion: OPTIONAL_TEXT,
  status: Type.Union(FETCH_STATUSES.map((s) => Type.Literal(s))),
  currentHash: OPTIONAL_TEXT,
  lastFetchAt: OPTIONAL_TEXT,
  lastHash: OPTIONAL_TEXT,
  lastClientAddress: OPTIONAL_TEXT,
  lastPasswordUsed: Type.Union([
    Type.Literal('current'),
    Type.Literal('previous'),
    Type.Literal('replaced'),
    Type.Null(),
  ]),
  previousPasswordUntil: OPTIONAL_TEXT,
});

const FetchRow = Type.Object({
  at: Type.String(),
  username: Type.String(),
  outcome: Type.Union(FETCH_OUTCOMES.map((o) => Type.Literal(o))),
  clientAddress: Type.String(),
  userAgent: OPTIONAL_TEXT,
  clientVersion: OPTIONAL_TEXT,
  transport: Type.Union([Type.Literal('url'), Type.Literal('basic')]),
  documentHash: OPTIONAL_TEXT,
  passwordUsed: Type.Union([Type.Literal('current'), Type.Literal('previous'), Type.Null()]),
});

const isBeforeCursor = (value: unknown): value is { before: number } =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as { before?: unknown }).before);

export function reportRoutes({ management }: RouteDeps): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/reports/status',
      summary: "Whether each user's phone holds the document it would be served now, by username",
      tag: TAG,
      access: 'read',
      params: TenantParams,
      query: Type.Object(
        {
          status: Type.Optional(
            Type.Union(
              FETCH_STATUSES.map((s) => Type.Literal(s)),
              { description: 'Only rows of this status.' },
            ),
          ),
          ...PageQuery,
        },
        { additionalProperties: false },
      ),
      responses: { 200: Type.Object({ users: Type.Array(StatusRow), nextCursor: NextCursor }) },
      handler: async ({ principal, params, query }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const after = cursorAfter(query.cursor);
        const { rows, more } = await management.reports.statusPage(tenant.slug, {
          ...(after === undefined ? {} : { after }),
          ...(query.status === undefined ? {} : { status: query.status }),
          limit: query.limit ?? DEFAULT_PAGE,
        });
        const last = rows.at(-1);
        const page = {
          items: rows,
          nextCursor: more && last !== undefined ? encodeCursor({ after: statusRowKey(last) }) : null,
        };
        return {
          status: 200,
          body: {
            users: page.items.map((row) => ({
              username: row.username,
              device: row.device ?? null,
              clientVersion: row.clientVersion ?? null,
              status: row.status,
              currentHash: row.currentHash ?? null,
              lastFetchAt: row.lastFetchAt ?? null,
              lastHash: row.lastHash ?? null,
              lastClientAddress: row.lastClientAddress ?? null,
              lastPasswordUsed: row.lastPasswordUsed ?? null,
              previousPasswordUntil: row.previousPasswordUntil ?? null,
            })),
            nextCursor: page.nextCursor,
          },
        };
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/reports/fetches',
      summary: "The tenant's provisioning requests, most recent first",
      tag: TAG,
      access: 'read',
      params: TenantParams,
      query: Type.Object(
        {
          user: Type.Optional(
            Type.String({ minLength: 1, maxLength: 128, description: 'Only this user’s.' }),
          ),
          outcome: Type.Optional(
            Type.Union(
              FETCH_OUTCOMES.map((o) => Type.Literal(o)),
              { description: 'Only this outcome.' },
            ),
          ),
          since: Type.Optional(
            Type.String({ minLength: 1, maxLength: 40, description: 'Only from this ISO time on.' }),
          ),
          ...PageQuery,
        },
        { additionalProperties: false },
      ),
      responses: { 200: Type.Object({ fetches: Type.Array(FetchRow), nextCursor: NextCursor }) },
      handler: async ({ principal, params, query }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const limit = query.limit ?? DEFAULT_PAGE;
        const before =
          query.cursor === undefined ? undefined : decodeCursor(query.cursor, isBeforeCursor).before;
        // One more than asked: whether there is a next page, without a second query.
        const records = await management.reports.fetchLogPage({
          tenant: tenant.slug,
          ...(query.user === undefined ? {} : { username: query.user }),
          ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
          ...(query.since === undefined ? {} : { since: query.since }),
          ...(before === undefined ? {} : { beforeId: before }),
          limit: limit + 1,
        });
        const items = records.slice(0, limit);
        const last = items[items.length - 1];
        return {
          status: 200,
          body: {
            fetches: items.map(({ entry }) => ({
              at: entry.at,
              username: entry.username,
              outcome: entry.outcome,
              clientAddress: entry.clientAddress,
              userAgent: entry.userAgent ?? null,
              clientVersion: entry.clientVersion ?? null,
              transport: entry.transport,
              documentHash: entry.documentHash ?? null,
              passwordUsed: entry.passwordUsed ?? null,
            })),
            nextCursor:
              records.length > limit && last !== undefined ? encodeCursor({ before: last.id }) : null,
          },
        };
      },
    }),
  ];
}
