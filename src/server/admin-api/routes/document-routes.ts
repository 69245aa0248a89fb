// What phones get, over the API: a user's Config.xml as the endpoint serves it now, what a phone
// holding a given Config.xml ends up with after its overlay (as `zprov render --against`), and the
// Provision.xml that points a tenant's phones (or one preset user's) at the server. Replies are JSON
// with the XML as a string, so every reply has a schema the OpenAPI document states.
import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import {
  overlay,
  readZoiperDocument,
  serializeConfig,
  ZOIPER_PLATFORMS,
  type ConfigDocument,
  type ProvisionDocument,
  type ZoiperDocument,
} from '../../../core/index.js';
import { ZprovError } from '../../../core/errors.js';
import type { ProvisionFileRequest } from '../../../services/management/provision-file-builder.js';
import { apiRoute, etagOf, type ApiRoute } from '../api-route.js';
import type { RouteDeps } from './route-support.js';
import { scopedTenant } from './scoped-tenant.js';

const TAG = 'documents';

const TenantParams = Type.Object({ tenant: Type.String({ minLength: 1, description: 'The tenant slug.' }) });
const UserParams = Type.Object({
  ...TenantParams.properties,
  user: Type.String({ minLength: 1, description: 'The provisioning username.' }),
});

const Platform = Type.Union(ZOIPER_PLATFORMS.map((p) => Type.Literal(p)));

const PlatformQuery = Type.Object(
  {
    platform: Type.Optional(
      Type.Union([Platform], { description: 'Whose phone: desktop (default), android or ios.' }),
    ),
  },
  { additionalProperties: false },
);

const LeftOut = Type.Object({ path: Type.String(), reason: Type.String() });

const Loss = Type.Object({
  path: Type.String({ description: 'As diff names it: accounts/account[ident=…]/option.' }),
  value: Type.String({ description: "The configuration's value there (secrets masked)." }),
  instead: Type.Optional(Type.String({ description: 'What is sent instead, where a lower layer shows.' })),
  reason: Type.String(),
});

const LossesReply = Type.Object({
  tenant: Type.String(),
  user: Type.String(),
  platforms: Type.Object(Object.fromEntries(ZOIPER_PLATFORMS.map((p) => [p, Type.Array(Loss)]))),
});

const RenderedReply = Type.Object({
  tenant: Type.String(),
  user: Type.String(),
  platform: Platform,
  leftOut: Type.Array(LeftOut, {
    description: "What the platform's dialect has no place for, as positions in the document.",
  }),
  enabled: Type.Boolean({ description: 'False: the endpoint refuses the user (disabled).' }),
  empty: Type.Boolean({ description: 'True: nothing is set, the endpoint answers nothing_to_serve.' }),
  hash: Type.String({ description: 'sha256 hex of body, as the fetch log records it.' }),
  body: Type.String({
    description: 'Config.xml, byte for byte what the endpoint sends (passwords included).',
  }),
});

const OverlayReply = Type.Object({
  hash: Type.String({ description: 'sha256 hex of body.' }),
  body: Type.String({ description: 'The Config.xml the phone holds after applying the served document.' }),
});

const ProvisionReply = Type.Object({
  body: Type.String({ description: 'Provision.xml.' }),
  warnings: Type.Array(Type.String()),
});

const ProvisionOptions = {
  auth: Type.Optional(
    Type.Union([Type.Literal('url'), Type.Literal('basic')], {
      description: 'url (default): [user]/[pass] in the URL; basic: HTTP Basic.',
    }),
  ),
  passwordFormat: Type.Optional(
    Type.Union([Type.Literal('md5'), Type.Literal('plain')], {
      description: 'md5 (default): a preset password is written as its MD5 hex.',
    }),
  ),
  keepAccounts: Type.Optional(Type.Boolean({ description: 'delete_accounts_beforehand false.' })),
  deleteContactServices: Type.Optional(
    Type.Boolean({ description: 'delete_contact_services_beforehand true.' }),
  ),
};

const TenantProvisionQuery = Type.Object(
  {
    url: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Public base URL, repeatable in failover order (default: publicUrls).',
      }),
    ),
    ...ProvisionOptions,
  },
  { additionalProperties: false },
);

const UserProvisionBody = Type.Object(
  {
    password: Type.String({ description: "The user's current provisioning password (checked)." }),
    urls: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Base URLs in failover order (default: publicUrls).',
      }),
    ),
    ...ProvisionOptions,
  },
  { additionalProperties: false },
);

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A Config.xml or Provision.xml given in a body; the first error refused naming its line and path. */
function usable<K extends 'config' | 'provision'>(
  text: string,
  kind: K,
  field: string,
): Extract<ZoiperDocument, { kind: K }> {
  const { document, diagnostics } = readZoiperDocument(text);
  const error = diagnostics.find((d) => d.severity === 'error');
  const name = kind === 'config' ? 'Config.xml' : 'Provision.xml';
  if (error !== undefined)
    throw new ZprovError(
      'invalid_input',
      `${field}: line ${error.line}:${error.column}: ${error.path === '' ? '' : `${error.path}: `}${error.message}`,
      error.path === '' ? field : error.path,
    );
  if (document?.kind !== kind) throw new ZprovError('invalid_input', `${field}: not a ${name}`, field);
  return document as Extract<ZoiperDocument, { kind: K }>;
}

function provisionOptions(options: Static<typeof TenantProvisionQuery> | Static<typeof UserProvisionBody>) {
  return {
    ...(options.auth === undefined ? {} : { auth: options.auth }),
    ...(options.passwordFormat === undefined ? {} : { passwordFormat: options.passwordFormat }),
    keepAccounts: options.keepAccounts === true,
    deleteContactServices: options.deleteContactServices === true,
  } satisfies Partial<ProvisionFileRequest>;
}

export function documentRoutes({ management }: RouteDeps): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/users/:user/document',
      summary: "The Config.xml a user's phone is served now (passwords included: admins only)",
      tag: TAG,
      access: 'write',
      params: UserParams,
      query: PlatformQuery,
      responses: { 200: RenderedReply },
      handler: async ({ principal, params, query }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const platform = query.platform ?? 'desktop';
        const { user, rendered: document } = await management.reports.render(
          tenant.slug,
          params.user,
          platform,
        );
        const body = {
          tenant: tenant.slug,
          user: user.username,
          platform,
          leftOut: document.leftOut.map((l) => ({ path: l.path, reason: l.reason })),
          enabled: user.enabled,
          empty: document.empty,
          hash: document.hash,
          body: document.body,
        };
        return { status: 200, body, etag: etagOf(body) };
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/users/:user/document/losses',
      summary: "What each platform is not sent of the user's configuration, and why (secrets masked)",
      tag: TAG,
      access: 'read',
      params: UserParams,
      responses: { 200: LossesReply },
      handler: async ({ principal, params }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const { user, losses } = await management.reports.platformLosses(tenant.slug, params.user);
        const body = { tenant: tenant.slug, user: user.username, platforms: losses };
        return { status: 200, body, etag: etagOf(body) };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/tenants/:tenant/users/:user/document/overlay',
      summary: "What a phone holding the given Config.xml ends up with after applying the user's document",
      tag: TAG,
      access: 'write',
      params: UserParams,
      body: Type.Object(
        {
          config: Type.String({ description: "The phone's local Config.xml." }),
          provision: Type.Optional(
            Type.String({
              description: "A Provision.xml whose delete_* flags to use instead of the tenant's.",
            }),
          ),
        },
        { additionalProperties: false },
      ),
      responses: { 200: OverlayReply },
      handler: async ({ principal, params, body }) => {
        const local: ConfigDocument = usable(body.config, 'config', 'config');
        const provision: ProvisionDocument | undefined =
          body.provision === undefined ? undefined : usable(body.provision, 'provision', 'provision');
        const tenant = await scopedTenant(management, principal, params.tenant);
        const { rendered: document } = await management.reports.render(tenant.slug, params.user);
        // The delete_* flags from the Provision.xml given, else the tenant's (the file zprov would write).
        const text = serializeConfig(overlay(local, document.document, provision?.options ?? tenant));
        return { status: 200, body: { hash: sha256(text), body: text } };
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/tenants/:tenant/provision-file',
      summary:
        "The Provision.xml that points a tenant's phones at this server (the phone asks for credentials)",
      tag: TAG,
      access: 'read',
      params: TenantParams,
      query: TenantProvisionQuery,
      responses: { 200: ProvisionReply },
      handler: async ({ principal, params, query }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const file = await management.provisionFiles.build({
          tenant: tenant.slug,
          ...(query.url === undefined ? {} : { urls: query.url }),
          ...provisionOptions(query),
          userInput: true,
        });
        return { status: 200, body: { body: file.text, warnings: file.warnings } };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/tenants/:tenant/users/:user/provision-file',
      summary:
        "A Provision.xml with one user's credentials preset (the password is checked, and sent in the body)",
      tag: TAG,
      access: 'write',
      params: UserParams,
      body: UserProvisionBody,
      responses: { 200: ProvisionReply },
      handler: async ({ principal, params, body }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const file = await management.provisionFiles.build({
          tenant: tenant.slug,
          user: params.user,
          password: body.password,
          ...(body.urls === undefined ? {} : { urls: body.urls }),
          ...provisionOptions(body),
        });
        return { status: 200, body: { body: file.text, warnings: file.warnings } };
      },
    }),
  ];
}
