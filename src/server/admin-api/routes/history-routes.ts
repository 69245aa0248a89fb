// The change history over the API: a tenant's revisions (or, for tokens not limited to a tenant,
// every revision), one revision, the document a user would be served were it restored, and restoring
// it (itself a new revision, recorded as the token's). Records before and after stay server-side:
// replies carry only the masked diff.
import { Type, type Static } from '@sinclair/typebox';
import { ZprovError } from '../../../core/errors.js';
import type { Revision } from '../../../services/model.js';
import type { Principal } from '../../../services/management/token-admin.js';
import { seesTenant } from '../access.js';
import { apiRoute, type ApiRoute } from '../api-route.js';
import {
  decodeCursor,
  encodeCursor,
  NextCursor,
  PageQuery,
  unlessNotFound,
  type RouteDeps,
} from './route-support.js';
import { scopedTenant } from './scoped-tenant.js';
import { TenantParams } from './tenant-routes.js';

const TAG = 'history';

const Change = Type.Object({
  path: Type.String(),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
});

const RevisionView = Type.Object({
  seq: Type.Integer({ description: 'Commit order across every adapter; restore and preview take it.' }),
  at: Type.String(),
  actor: Type.String({ description: '`cli:<os user>`, `token:<name>` or `server`.' }),
  entity: Type.String(),
  label: Type.String(),
  action: Type.String(),
  changes: Type.Array(Change, { description: 'Secrets are shown as ********.' }),
});
type RevisionView = Static<typeof RevisionView>;

const SeqParams = Type.Object({ seq: Type.Integer({ minimum: 1 }) });

const view = (r: Revision): RevisionView => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  entity: r.entity,
  label: r.label,
  action: r.action,
  changes: r.changes.map((c) => ({
    path: c.path,
    ...(c.from === undefined ? {} : { from: c.from }),
    ...(c.to === undefined ? {} : { to: c.to }),
  })),
});

const isSeqCursor = (value: unknown): value is { before: number } =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as { before?: unknown }).before);

/**
 * The revision `seq` when the principal may see it: a tenant's for a token of that tenant, a
 * server-wide one only for tokens not limited to a tenant. Anything else is the same not_found as a
 * revision that does not exist.
 */
export async function visibleRevision(
  management: RouteDeps['management'],
  principal: Principal,
  seq: number,
): Promise<Revision> {
  const revision = await unlessNotFound(management.history.show(seq));
  const allowed =
    revision !== undefined &&
    (revision.tenantId === undefined
      ? principal.tenantId === undefined
      : seesTenant(principal, { id: revision.tenantId }));
  if (!allowed || revision === undefined) throw new ZprovError('not_found', `no revision #${seq}`, 'seq');
  return revision;
}

export function historyRoutes({ management }: RouteDeps): ApiRoute[] {
  const page = async (tenant: string | undefined, query: { limit?: number; cursor?: string }) => {
    const limit = query.limit ?? 100;
    const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isSeqCursor).before;
    const revisions = await management.history.list({
      ...(tenant === undefined ? {} : { tenant }),
      ...(before === undefined ? {} : { beforeSeq: before }),
      limit,
    });
    const last = revisions[revisions.length - 1];
    return {
      revisions: revisions.map(view),
      nextCursor:
        revisions.length === limit && last !== undefined ? encodeCursor({ before: last.seq }) : null,
    };
  };
  const Page = Type.Object({ revisions: Type.Array(RevisionView), nextCursor: NextCursor });
  return [
    apiRoute({
      method: 'GET',
      path: '/history',
      summary: 'Every revision, most recent first (tokens not limited to a tenant)',
      tag: TAG,
      access: 'read',
      query: Type.Object(PageQuery, { additionalProperties: false }),
      responses: { 200: Page },
      handler: async ({ principal, query }) => {
        if (principal.tenantId !== undefined) throw new ZprovError('not_found', 'no route for this token');
        return { status: 200, body: await page(undefined, query) };
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/history',
      summary: "A tenant's revisions (its own, its groups', users' and accounts'), most recent first",
      tag: TAG,
      access: 'read',
      params: TenantParams,
      query: Type.Object(PageQuery, { additionalProperties: false }),
      responses: { 200: Page },
      handler: async ({ principal, params, query }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        return { status: 200, body: await page(tenant.slug, query) };
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/history/:seq',
      summary: 'One revision',
      tag: TAG,
      access: 'read',
      params: SeqParams,
      responses: { 200: RevisionView },
      handler: async ({ principal, params }) => {
        return { status: 200, body: view(await visibleRevision(management, principal, params.seq)) };
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/history/:seq/preview',
      summary: 'The document a user would be served were this revision restored (nothing changes)',
      tag: TAG,
      // The document holds SIP passwords: like the user's document, for tokens that may write.
      access: 'write',
      params: SeqParams,
      query: Type.Object(
        { tenant: Type.String({ minLength: 1 }), user: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
      responses: { 200: Type.Object({ hash: Type.String(), body: Type.String() }) },
      handler: async ({ principal, params, query }) => {
        await visibleRevision(management, principal, params.seq);
        const tenant = await scopedTenant(management, principal, query.tenant);
        const rendered = await management.history.preview(params.seq, tenant.slug, query.user);
        return { status: 200, body: { hash: rendered.hash, body: rendered.body } };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/history/:seq/restore',
      summary: 'Bring the record back to what this revision made it (recorded as a new revision)',
      tag: TAG,
      access: 'write',
      params: SeqParams,
      responses: { 200: RevisionView },
      handler: async ({ principal, params }) => {
        const target = await visibleRevision(management, principal, params.seq);
        // Server-wide records (profiles, the server-wide assignment) are a server admin's.
        if (target.tenantId === undefined && principal.role !== 'server-admin')
          throw new ZprovError('forbidden', 'only a server admin token may restore a server-wide record');
        return { status: 200, body: view(await management.history.restore(params.seq)) };
      },
    }),
  ];
}
