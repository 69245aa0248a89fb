// Groups of a tenant over the API: list, create, read, remove (its users stay, without a group).
import { Type, type Static } from '@sinclair/typebox';
import { ZprovError } from '../../../core/errors.js';
import type { ManagementService } from '../../../services/management/management-service.js';
import type { Group, Tenant } from '../../../services/model.js';
import { apiRoute, etagOf, type ApiReply, type ApiRoute } from '../api-route.js';
import { scopedTenant } from './scoped-tenant.js';
import { checkIfMatch, NextCursor, pageAfter, PageQuery, type RouteDeps } from './route-support.js';
import { TenantParams } from './tenant-routes.js';

const TAG = 'groups';

const GroupView = Type.Object({ tenant: Type.String(), name: Type.String(), createdAt: Type.String() });
type GroupView = Static<typeof GroupView>;

const GroupParams = Type.Object({
  ...TenantParams.properties,
  group: Type.String({ minLength: 1, maxLength: 100, description: 'The group name.' }),
});

const groupView = (tenant: Tenant, group: Group): GroupView => ({
  tenant: tenant.slug,
  name: group.name,
  createdAt: group.createdAt,
});

async function findGroup(management: ManagementService, tenant: Tenant, name: string): Promise<Group> {
  const group = (await management.groups.list(tenant.slug)).find((g) => g.name === name);
  if (group === undefined)
    throw new ZprovError('not_found', `no group '${name}' in tenant ${tenant.slug}`, 'group');
  return group;
}

const shown = (view: GroupView, status = 200): ApiReply => ({ status, body: view, etag: etagOf(view) });

export function groupRoutes({ management }: RouteDeps): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/groups',
      summary: "List a tenant's groups, by name",
      tag: TAG,
      access: 'read',
      params: TenantParams,
      query: Type.Object(PageQuery, { additionalProperties: false }),
      responses: { 200: Type.Object({ groups: Type.Array(GroupView), nextCursor: NextCursor }) },
      handler: async ({ principal, params, query }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const page = pageAfter(await management.groups.list(tenant.slug), (g) => g.name, query);
        return {
          status: 200,
          body: { groups: page.items.map((g) => groupView(tenant, g)), nextCursor: page.nextCursor },
        };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/tenants/:tenant/groups',
      summary: 'Create a group',
      tag: TAG,
      access: 'write',
      params: TenantParams,
      body: Type.Object(
        { name: Type.String({ minLength: 1, maxLength: 100 }) },
        { additionalProperties: false },
      ),
      responses: { 201: GroupView, 409: null },
      handler: async ({ principal, params, body }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        return shown(groupView(tenant, await management.groups.add(tenant.slug, body.name)), 201);
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/groups/:group',
      summary: 'Read a group',
      tag: TAG,
      access: 'read',
      params: GroupParams,
      responses: { 200: GroupView },
      handler: async ({ principal, params }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        return shown(groupView(tenant, await findGroup(management, tenant, params.group)));
      },
    }),
    apiRoute({
      method: 'DELETE',
      path: '/tenants/:tenant/groups/:group',
      summary: 'Remove a group; its users stay in the tenant without a group (If-Match)',
      tag: TAG,
      access: 'write',
      params: GroupParams,
      responses: { 204: null },
      handler: async ({ principal, params, ifMatch }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const group = await findGroup(management, tenant, params.group);
        return management.atomically(async () => {
          checkIfMatch(ifMatch, etagOf(groupView(tenant, await findGroup(management, tenant, params.group))));
          await management.groups.remove(tenant.slug, group.name);
          return { status: 204 };
        });
      },
    }),
  ];
}
