// Tenants over the API. A token limited to a tenant lists and reads only its own (any other is 404);
// creating and removing tenants is for server admins.
import { Type, type Static } from '@sinclair/typebox';
import type { Tenant } from '../../../services/model.js';
import { LANGUAGES } from '../../../services/messages.js';
import { apiRoute, etagOf, type ApiReply, type ApiRoute } from '../api-route.js';
import { seesTenant } from '../access.js';
import { scopedTenant } from './scoped-tenant.js';
import { checkIfMatch, NextCursor, pageAfter, PageQuery, type RouteDeps } from './route-support.js';

const TAG = 'tenants';

const ParamName = Type.String({ pattern: '^[A-Za-z0-9._~-]{1,32}$' });

const PhoneParams = Type.Object(
  {
    username: Type.Optional(ParamName),
    password: Type.Optional(ParamName),
    version: Type.Optional(ParamName),
  },
  {
    additionalProperties: false,
    description:
      "URL parameter names the tenant's phones send besides zprov's (read at /t/<tenant>/provision…); {} for zprov's only.",
  },
);

const LanguageSchema = Type.Union(
  LANGUAGES.map((code) => Type.Literal(code)),
  { description: 'Language of the error texts its phones show.' },
);

export const TenantView = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  deleteAccountsBeforehand: Type.Boolean(),
  deleteContactServicesBeforehand: Type.Boolean(),
  language: LanguageSchema,
  phoneParams: PhoneParams,
  oemProviderId: Type.Union([Type.String(), Type.Null()], {
    description: "Its branded apps' provider id in Zoiper's OEM portal (token links); null: none.",
  }),
  createdAt: Type.String(),
});
type TenantView = Static<typeof TenantView>;

export const TenantParams = Type.Object({
  tenant: Type.String({ minLength: 1, maxLength: 63, description: 'The tenant slug.' }),
});

const TenantChanges = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  deleteAccountsBeforehand: Type.Optional(Type.Boolean()),
  deleteContactServicesBeforehand: Type.Optional(Type.Boolean()),
  language: Type.Optional(LanguageSchema),
  phoneParams: Type.Optional(PhoneParams),
  oemProviderId: Type.Optional(
    Type.Union([Type.String({ pattern: '^[A-Za-z0-9]{1,64}$' }), Type.Null()], {
      description: "Its branded apps' provider id in Zoiper's OEM portal; null removes it.",
    }),
  ),
};

export const tenantView = (tenant: Tenant): TenantView => ({
  slug: tenant.slug,
  name: tenant.name,
  deleteAccountsBeforehand: tenant.deleteAccountsBeforehand,
  deleteContactServicesBeforehand: tenant.deleteContactServicesBeforehand,
  language: tenant.language,
  phoneParams: { ...tenant.phoneParams },
  oemProviderId: tenant.oemProviderId ?? null,
  createdAt: tenant.createdAt,
});

const shown = (tenant: Tenant, status = 200): ApiReply => {
  const view = tenantView(tenant);
  return { status, body: view, etag: etagOf(view) };
};

export function tenantRoutes({ management }: RouteDeps): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      path: '/tenants',
      summary: 'List the tenants the token sees, by slug',
      tag: TAG,
      access: 'read',
      query: Type.Object(PageQuery, { additionalProperties: false }),
      responses: { 200: Type.Object({ tenants: Type.Array(TenantView), nextCursor: NextCursor }) },
      handler: async ({ principal, query }) => {
        const visible = (await management.tenants.list()).filter((t) => seesTenant(principal, t));
        const page = pageAfter(visible, (t) => t.slug, query);
        return { status: 200, body: { tenants: page.items.map(tenantView), nextCursor: page.nextCursor } };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/tenants',
      summary: 'Create a tenant',
      tag: TAG,
      access: 'server-admin',
      body: Type.Object(
        { slug: Type.String({ minLength: 1, maxLength: 63 }), ...TenantChanges },
        { additionalProperties: false },
      ),
      responses: { 201: TenantView, 409: null },
      handler: async ({ body }) => shown(await management.tenants.add(body), 201),
    }),
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant',
      summary: 'Read a tenant',
      tag: TAG,
      access: 'read',
      params: TenantParams,
      responses: { 200: TenantView },
      handler: async ({ principal, params }) =>
        shown(await scopedTenant(management, principal, params.tenant)),
    }),
    apiRoute({
      method: 'PATCH',
      path: '/tenants/:tenant',
      summary: "Change a tenant's name, Provision.xml defaults, phone language or parameter names (If-Match)",
      tag: TAG,
      access: 'write',
      params: TenantParams,
      body: Type.Object(TenantChanges, { additionalProperties: false }),
      responses: { 200: TenantView },
      handler: async ({ principal, params, body, ifMatch }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        return management.atomically(async () => {
          checkIfMatch(ifMatch, etagOf(tenantView(await management.tenants.get(tenant.slug))));
          return shown(await management.tenants.update(tenant.slug, body));
        });
      },
    }),
    apiRoute({
      method: 'DELETE',
      path: '/tenants/:tenant',
      summary: 'Remove a tenant with its groups, users and accounts (If-Match)',
      tag: TAG,
      access: 'server-admin',
      params: TenantParams,
      responses: { 204: null },
      handler: async ({ principal, params, ifMatch }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        return management.atomically(async () => {
          checkIfMatch(ifMatch, etagOf(tenantView(await management.tenants.get(tenant.slug))));
          await management.tenants.remove(tenant.slug);
          return { status: 204 };
        });
      },
    }),
  ];
}
