// Users of a tenant over the API: the provisioning logins phones send. A generated password is in
// the reply that made it and nowhere else; a read never shows a password, only that one is set.
import { Type, type Static } from '@sinclair/typebox';
import type { ManagementService } from '../../../services/management/management-service.js';
import type { Tenant, User } from '../../../services/model.js';
import { apiRoute, etagOf, type ApiReply, type ApiRoute } from '../api-route.js';
import { scopedTenant } from './scoped-tenant.js';
import {
  checkIfMatch,
  checkIfMatchWhenSent,
  NextCursor,
  cursorAfter,
  DEFAULT_PAGE,
  encodeCursor,
  PageQuery,
  type RouteDeps,
} from './route-support.js';
import { TenantParams } from './tenant-routes.js';

const TAG = 'users';

export const UserView = Type.Object({
  tenant: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  enabled: Type.Boolean(),
  revokedAt: Type.Union([Type.String(), Type.Null()], {
    description:
      'When the user was revoked: each device is sent the removal of its accounts once, then refused.',
  }),
  group: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
type UserView = Static<typeof UserView>;

export const UserParams = Type.Object({
  ...TenantParams.properties,
  username: Type.String({ minLength: 1, maxLength: 128, description: 'The provisioning username.' }),
});

const Password = Type.String({ minLength: 1, maxLength: 256 });

async function groupNames(management: ManagementService, tenant: Tenant): Promise<Map<string, string>> {
  return new Map((await management.groups.list(tenant.slug)).map((g) => [g.id, g.name]));
}

const userView = (tenant: Tenant, user: User, groups: ReadonlyMap<string, string>): UserView => ({
  tenant: tenant.slug,
  username: user.username,
  displayName: user.displayName,
  enabled: user.enabled,
  revokedAt: user.revokedAt ?? null,
  group: user.groupId === undefined ? null : (groups.get(user.groupId) ?? null),
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

/** The user as a read shows it now (what If-Match is compared with). */
async function currentView(
  management: ManagementService,
  tenant: Tenant,
  username: string,
): Promise<UserView> {
  const user = await management.users.get(tenant.slug, username);
  return userView(tenant, user, await groupNames(management, tenant));
}

const shown = (view: UserView, status = 200): ApiReply => ({ status, body: view, etag: etagOf(view) });

export function userRoutes({ management }: RouteDeps): ApiRoute[] {
  /** The If-Match check, the change and the view it answers with, in one transaction. */
  const guarded = (
    tenant: Tenant,
    username: string,
    check: (etag: string) => void,
    write: () => Promise<void>,
  ): Promise<UserView> =>
    management.atomically(async () => {
      check(etagOf(await currentView(management, tenant, username)));
      await write();
      return currentView(management, tenant, username);
    });

  const removeGuarded = (tenant: Tenant, username: string, ifMatch: string | undefined): Promise<void> =>
    management.atomically(async () => {
      checkIfMatch(ifMatch, etagOf(await currentView(management, tenant, username)));
      await management.users.remove(tenant.slug, username);
    });

  const setEnabled = (enabled: boolean) =>
    apiRoute({
      method: 'POST',
      path: `/tenants/:tenant/users/:username/${enabled ? 'enable' : 'disable'}`,
      summary: enabled
        ? 'Enable a user (and take back a revocation)'
        : 'Disable a user: their phones are refused, and keep what they have, until enabled again',
      tag: TAG,
      access: 'write',
      params: UserParams,
      responses: { 200: UserView },
      handler: async ({ principal, params, ifMatch }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const view = await guarded(
          tenant,
          params.username,
          (etag) => checkIfMatchWhenSent(ifMatch, etag),
          () => management.users.setEnabled(tenant.slug, params.username, enabled),
        );
        return shown(view);
      },
    });

  const revoke = apiRoute({
    method: 'POST',
    path: '/tenants/:tenant/users/:username/revoke',
    summary:
      "Take a user's accounts off their phones: each device's next fetch removes them, later ones are refused",
    tag: TAG,
    access: 'write',
    params: UserParams,
    responses: { 200: UserView },
    handler: async ({ principal, params, ifMatch }) => {
      const tenant = await scopedTenant(management, principal, params.tenant);
      const view = await guarded(
        tenant,
        params.username,
        (etag) => checkIfMatchWhenSent(ifMatch, etag),
        async () => {
          await management.users.revoke(tenant.slug, params.username);
        },
      );
      return shown(view);
    },
  });

  return [
    revoke,
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/users',
      summary: "List a tenant's users, by username",
      tag: TAG,
      access: 'read',
      params: TenantParams,
      query: Type.Object(
        {
          group: Type.Optional(Type.String({ minLength: 1, description: 'Only users of this group.' })),
          enabled: Type.Optional(
            Type.Boolean({ description: 'Only enabled (true) or disabled (false) users.' }),
          ),
          q: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 128,
              description: 'Part of the username or display name.',
            }),
          ),
          ...PageQuery,
        },
        { additionalProperties: false },
      ),
      responses: { 200: Type.Object({ users: Type.Array(UserView), nextCursor: NextCursor }) },
      handler: async ({ principal, params, query }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        // Read as a page in the store (never the whole tenant), in the store's username order.
        const after = cursorAfter(query.cursor);
        const { users, next } = await management.users.page(tenant.slug, {
          ...(query.q === undefined ? {} : { search: query.q }),
          ...(after === undefined ? {} : { after }),
          ...(query.group === undefined ? {} : { group: query.group }),
          ...(query.enabled === undefined ? {} : { enabled: query.enabled }),
          limit: query.limit ?? DEFAULT_PAGE,
        });
        const page = { items: users, nextCursor: next === undefined ? null : encodeCursor({ after: next }) };
        const groups = await groupNames(management, tenant);
        return {
          status: 200,
          body: { users: page.items.map((u) => userView(tenant, u, groups)), nextCursor: page.nextCursor },
        };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/tenants/:tenant/users',
      summary: 'Create a user; without a password one is generated and shown in this reply only',
      tag: TAG,
      access: 'write',
      params: TenantParams,
      body: Type.Object(
        {
          username: Type.String({ minLength: 1, maxLength: 128 }),
          displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          group: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          enabled: Type.Optional(Type.Boolean()),
          password: Type.Optional(Password),
        },
        { additionalProperties: false },
      ),
      responses: {
        201: Type.Object({
          user: UserView,
          password: Type.Optional(Type.String({ description: 'The generated password: shown this once.' })),
        }),
        409: null,
      },
      handler: async ({ principal, params, body }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const { user, generatedPassword } = await management.users.add({
          ...body,
          tenant: tenant.slug,
          generatePassword: body.password === undefined,
        });
        const view = userView(tenant, user, await groupNames(management, tenant));
        return {
          status: 201,
          body: { user: view, ...(generatedPassword === undefined ? {} : { password: generatedPassword }) },
          etag: etagOf(view),
        };
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/users/:username',
      summary: 'Read a user',
      tag: TAG,
      access: 'read',
      params: UserParams,
      responses: { 200: UserView },
      handler: async ({ principal, params }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        return shown(await currentView(management, tenant, params.username));
      },
    }),
    apiRoute({
      method: 'PATCH',
      path: '/tenants/:tenant/users/:username',
      summary: "Change a user's display name, group (null: none) or enabled state (If-Match)",
      tag: TAG,
      access: 'write',
      params: UserParams,
      body: Type.Object(
        {
          displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          group: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
          enabled: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      responses: { 200: UserView },
      handler: async ({ principal, params, body, ifMatch }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const view = await guarded(
          tenant,
          params.username,
          (etag) => checkIfMatch(ifMatch, etag),
          async () => {
            const { enabled, ...patch } = body;
            if (patch.displayName !== undefined || patch.group !== undefined)
              await management.users.update(tenant.slug, params.username, patch);
            if (enabled !== undefined)
              await management.users.setEnabled(tenant.slug, params.username, enabled);
          },
        );
        return shown(view);
      },
    }),
    setEnabled(true),
    setEnabled(false),
    apiRoute({
      method: 'DELETE',
      path: '/tenants/:tenant/users/:username',
      summary: 'Remove a user with their accounts (If-Match)',
      tag: TAG,
      access: 'write',
      params: UserParams,
      responses: { 204: null },
      handler: async ({ principal, params, ifMatch }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        await removeGuarded(tenant, params.username, ifMatch);
        return { status: 204 };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/tenants/:tenant/users/:username/password',
      summary:
        'Set a new provisioning password (generated when none is given); the old one keeps working ' +
        'for the rotation window unless revokeOld',
      tag: TAG,
      access: 'write',
      params: UserParams,
      body: Type.Object(
        { password: Type.Optional(Password), revokeOld: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
      responses: {
        200: Type.Object({
          password: Type.Optional(Type.String({ description: 'The generated password: shown this once.' })),
          previousValidUntil: Type.Union([Type.String(), Type.Null()], {
            description: 'When the previous password stops working; null: it already has.',
          }),
        }),
      },
      handler: async ({ principal, params, body, ifMatch }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        let change: Awaited<ReturnType<typeof management.users.setPassword>> | undefined;
        await guarded(
          tenant,
          params.username,
          (etag) => checkIfMatchWhenSent(ifMatch, etag),
          async () => {
            change = await management.users.setPassword(tenant.slug, params.username, body.password, {
              revokeOld: body.revokeOld === true,
            });
          },
        );
        const done = change as NonNullable<typeof change>;
        return {
          status: 200,
          body: {
            ...(done.generatedPassword === undefined ? {} : { password: done.generatedPassword }),
            previousValidUntil: done.previousValidUntil ?? null,
          },
        };
      },
    }),
  ];
}
