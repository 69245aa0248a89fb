// SIP and IAX2 accounts over the API. Options are path=value pairs relative to the account
// (`SIP_domain`, `stun/use_stun`), as `zprov account set` takes them. The SIP password is write-only:
// a read says whether one is set; `?reveal=true` shows it to server admins only, and is logged.
import { Type, type Static } from '@sinclair/typebox';
import { accountItemDocument, flattenConfig, pathInAccountItem } from '../../../core/index.js';
import { ZprovError } from '../../../core/errors.js';
import type {
  AccountChanges,
  AccountView as ServiceView,
} from '../../../services/management/account-admin.js';
import type { Principal } from '../../../services/management/token-admin.js';
import { apiRoute, etagOf, type ApiRoute } from '../api-route.js';
import { scopedTenant } from './scoped-tenant.js';
import { checkIfMatch, checkIfMatchWhenSent, type RouteDeps } from './route-support.js';
import { TenantParams } from './tenant-routes.js';
import { UserParams } from './user-routes.js';

const TAG = 'accounts';
const MASK = '********';

export const AccountView = Type.Object({
  ident: Type.String({ description: 'Assigned by zprov; the account in the phone.' }),
  tenant: Type.String(),
  user: Type.String({ description: 'The provisioning username the account belongs to.' }),
  protocol: Type.Union([Type.Literal('sip'), Type.Literal('iax2')]),
  position: Type.Integer(),
  isDefault: Type.Boolean(),
  enabled: Type.Boolean(),
  hasPassword: Type.Boolean({ description: 'Whether a SIP/IAX password is set (never the password).' }),
  password: Type.Optional(Type.String({ description: 'Only with ?reveal=true, for server admins.' })),
  sourceKey: Type.Union([Type.String(), Type.Null()], { description: 'Where an import took it from.' }),
  options: Type.Record(Type.String(), Type.String(), {
    description: 'Option path relative to the account → value, as Config.xml writes it.',
  }),
  updatedAt: Type.String(),
});
type AccountView = Static<typeof AccountView>;

const WriteReply = Type.Object({
  account: AccountView,
  warnings: Type.Array(Type.String(), { description: 'Validation warnings, as "path: message".' }),
});

const AccountParams = Type.Object({
  ...TenantParams.properties,
  ident: Type.String({ minLength: 1, maxLength: 64, description: "The account's ident." }),
});

const Protocol = Type.Union([Type.Literal('sip'), Type.Literal('iax2')]);
const Label = Type.String({ minLength: 1, maxLength: 200 });
const SipPassword = Type.String({ maxLength: 256 });
const OptionValues = Type.Record(Type.String({ minLength: 1 }), Type.String(), {
  description: 'Option path relative to the account → value (codecs=opus,pcmu; stun/use_stun=1).',
});

const Fields = {
  protocol: Type.Optional(Protocol),
  username: Type.Optional(Label),
  domain: Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'SIP_domain or IAX2_host.' }),
  ),
  name: Type.Optional(Label),
  codecs: Type.Optional(Type.String({ minLength: 1, description: 'Codec names or ids, comma-separated.' })),
};

function view(account: ServiceView): AccountView {
  const options: Record<string, string> = {};
  for (const [path, value] of flattenConfig(accountItemDocument(account.item)))
    options[pathInAccountItem(path)] = value.secret ? MASK : value.text;
  return {
    ident: account.ident,
    tenant: account.tenant,
    user: account.username,
    protocol: account.protocol,
    position: account.position,
    isDefault: account.isDefault,
    enabled: account.enabled,
    hasPassword: account.hasPassword,
    sourceKey: account.sourceKey ?? null,
    options,
    updatedAt: account.updatedAt,
  };
}

/**
 * The account's version: what a read shows plus the password's stamp, so setting a new password
 * (which a read does not show) changes the ETag too. A revealed password does not change it.
 */
const etagOfAccount = (account: ServiceView): string =>
  etagOf({ ...view(account), passwordStamp: account.passwordStamp ?? null });

const written = (account: ServiceView, status = 200) => ({
  status,
  body: { account: view(account), warnings: account.warnings },
  etag: etagOfAccount(account),
});

const optionPairs = (values: Readonly<Record<string, string>> | undefined): [string, string][] =>
  Object.entries(values ?? {});

export function accountRoutes({ management, logger }: RouteDeps): ApiRoute[] {
  /** The account when it is in the tenant the principal may see; otherwise not_found. */
  const visibleAccount = async (principal: Principal, tenantSlug: string, ident: string) => {
    const tenant = await scopedTenant(management, principal, tenantSlug);
    return { tenant, account: await management.accounts.show(ident, tenant.slug) };
  };

  return [
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/users/:username/accounts',
      summary: "List a user's accounts, in the order the phone gets them",
      tag: TAG,
      access: 'read',
      params: UserParams,
      responses: { 200: Type.Object({ accounts: Type.Array(AccountView) }) },
      handler: async ({ principal, params }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const accounts = await management.accounts.list(tenant.slug, params.username);
        return { status: 200, body: { accounts: accounts.map(view) } };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/tenants/:tenant/users/:username/accounts',
      summary: 'Add an account to a user (the first one becomes the default)',
      tag: TAG,
      access: 'write',
      params: UserParams,
      body: Type.Object(
        {
          ...Fields,
          password: Type.Optional(SipPassword),
          options: Type.Optional(OptionValues),
          isDefault: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      responses: { 201: WriteReply },
      handler: async ({ principal, params, body }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const { options, ...fields } = body;
        const changes: AccountChanges = { ...fields, set: optionPairs(options) };
        return written(await management.accounts.add(tenant.slug, params.username, changes), 201);
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/accounts/:ident',
      summary: 'Read an account; ?reveal=true adds its password (server admins only, logged)',
      tag: TAG,
      access: 'read',
      params: AccountParams,
      query: Type.Object(
        { reveal: Type.Optional(Type.Boolean({ description: 'Show the SIP/IAX password.' })) },
        { additionalProperties: false },
      ),
      responses: { 200: AccountView },
      handler: async ({ principal, params, query }) => {
        if (query.reveal === true && principal.role !== 'server-admin')
          throw new ZprovError('forbidden', 'only a server admin token may reveal a password', 'reveal');
        const { tenant, account } = await visibleAccount(principal, params.tenant, params.ident);
        const shown = view(account);
        if (query.reveal !== true) return { status: 200, body: shown, etag: etagOfAccount(account) };
        const password = await management.accounts.revealPassword(account.ident, tenant.slug);
        logger?.warn(
          { token: principal.name, tenant: tenant.slug, ident: account.ident },
          'account password revealed',
        );
        return {
          status: 200,
          body: { ...shown, ...(password === undefined ? {} : { password }) },
          etag: etagOfAccount(account),
        };
      },
    }),
    apiRoute({
      method: 'PATCH',
      path: '/tenants/:tenant/accounts/:ident',
      summary: 'Change an account: fields, options set or unset by path, the password (If-Match)',
      tag: TAG,
      access: 'write',
      params: AccountParams,
      body: Type.Object(
        {
          ...Fields,
          password: Type.Optional(
            Type.Union([SipPassword, Type.Null()], { description: 'null removes it.' }),
          ),
          set: Type.Optional(OptionValues),
          unset: Type.Optional(
            Type.Array(Type.String({ minLength: 1 }), { description: 'Option paths to remove.' }),
          ),
          isDefault: Type.Optional(Type.Literal(true, { description: 'Make it the default account.' })),
        },
        { additionalProperties: false },
      ),
      responses: { 200: WriteReply },
      handler: async ({ principal, params, body, ifMatch }) => {
        const { tenant, account } = await visibleAccount(principal, params.tenant, params.ident);
        return management.atomically(async () => {
          checkIfMatch(ifMatch, etagOfAccount(await management.accounts.show(account.ident, tenant.slug)));
          const { set, unset, ...fields } = body;
          const changes: AccountChanges = { ...fields, set: optionPairs(set), unset: unset ?? [] };
          return written(await management.accounts.update(account.ident, changes, tenant.slug));
        });
      },
    }),
    apiRoute({
      method: 'DELETE',
      path: '/tenants/:tenant/accounts/:ident',
      summary: 'Remove an account (If-Match)',
      tag: TAG,
      access: 'write',
      params: AccountParams,
      responses: { 204: null },
      handler: async ({ principal, params, ifMatch }) => {
        const { tenant, account } = await visibleAccount(principal, params.tenant, params.ident);
        return management.atomically(async () => {
          checkIfMatch(ifMatch, etagOfAccount(await management.accounts.show(account.ident, tenant.slug)));
          await management.accounts.remove(account.ident, tenant.slug);
          return { status: 204 };
        });
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/tenants/:tenant/accounts/:ident/default',
      summary: "Make an account its user's default",
      tag: TAG,
      access: 'write',
      params: AccountParams,
      responses: { 200: AccountView },
      handler: async ({ principal, params, ifMatch }) => {
        const { tenant, account } = await visibleAccount(principal, params.tenant, params.ident);
        return management.atomically(async () => {
          checkIfMatchWhenSent(
            ifMatch,
            etagOfAccount(await management.accounts.show(account.ident, tenant.slug)),
          );
          await management.accounts.setDefault(account.ident, tenant.slug);
          const updated = await management.accounts.show(account.ident, tenant.slug);
          return { status: 200, body: view(updated), etag: etagOfAccount(updated) };
        });
      },
    }),
  ];
}
