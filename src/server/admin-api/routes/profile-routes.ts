// Profiles over the API: list, read (options as path=value pairs, account defaults as account/…
// paths, so what a reply shows is what a write takes), create, delete, set and unset one option by
// path, import a Config.xml fragment, and assign to or unassign from a layer. Profiles are
// server-wide: a token limited to a tenant does not see them (404), and only server admins change them.
import { Type, type Static } from '@sinclair/typebox';
import {
  accountItemDocument,
  flattenConfig,
  pathInAccountItem,
  ZOIPER_PLATFORMS,
  type ConfigDocument,
} from '../../../core/index.js';
import { ZprovError } from '../../../core/errors.js';
import type { ManagementService } from '../../../services/management/management-service.js';
import type { ProfileTarget } from '../../../services/management/profile-admin.js';
import type { Principal } from '../../../services/management/token-admin.js';
import { checkServerWide } from '../access.js';
import { apiRoute, etagOf, type ApiReply, type ApiRoute } from '../api-route.js';
import {
  checkIfMatch,
  checkIfMatchWhenSent,
  NextCursor,
  pageAfter,
  PageQuery,
  type RouteDeps,
} from './route-support.js';

const TAG = 'profiles';
/** Secret options (a proxy's password, an LDAP password) are never shown, only that they are set. */
const MASK = '********';

const Platform = Type.Union(ZOIPER_PLATFORMS.map((p) => Type.Literal(p)));

const OptionMap = Type.Record(Type.String(), Type.String(), {
  description: 'Option path → value as Config.xml writes it; secrets masked.',
});

const Assignments = Type.Object({
  server: Type.Boolean(),
  tenants: Type.Array(Type.String()),
  groups: Type.Array(Type.Object({ tenant: Type.String(), name: Type.String() })),
  users: Type.Array(Type.Object({ tenant: Type.String(), username: Type.String() })),
});

const ProfileSummary = Type.Object({
  name: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  assignments: Assignments,
});

export const ProfileView = Type.Object({
  ...ProfileSummary.properties,
  options: OptionMap,
  accountDefaults: Type.Record(Type.String(), Type.String(), {
    description: 'account/<path> → value, for every account of the users the profile applies to.',
  }),
  platformPins: Type.Record(Type.String(), Type.Array(Platform), {
    description:
      "Path → the platforms it is for; the other platforms' documents leave it out. Paths not named are for every platform.",
  }),
});
type ProfileView = Static<typeof ProfileView>;

const WriteReply = Type.Object({
  profile: ProfileView,
  warnings: Type.Array(Type.String(), { description: 'Validation warnings, as "path: message".' }),
});

const ProfileParams = Type.Object({
  profile: Type.String({ minLength: 1, description: 'The profile name.' }),
});

const Target = Type.Object(
  {
    level: Type.Union([
      Type.Literal('server'),
      Type.Literal('tenant'),
      Type.Literal('group'),
      Type.Literal('user'),
    ]),
    tenant: Type.Optional(Type.String({ minLength: 1, description: 'The tenant (of the group or user).' })),
    group: Type.Optional(Type.String({ minLength: 1 })),
    user: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

function flat(document: ConfigDocument, pathOf: (path: string) => string = (p) => p): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, value] of flattenConfig(document)) out[pathOf(path)] = value.secret ? MASK : value.text;
  return out;
}

async function viewOf(management: ManagementService, name: string): Promise<ProfileView> {
  const shown = await management.profiles.show(name);
  return {
    name: shown.profile.name,
    createdAt: shown.profile.createdAt,
    updatedAt: shown.profile.updatedAt,
    assignments: shown.assignments as ProfileView['assignments'],
    options: flat(shown.document),
    accountDefaults: flat(
      accountItemDocument(shown.accountDefaults),
      (p) => `account/${pathInAccountItem(p)}`,
    ),
    platformPins: shown.pins as ProfileView['platformPins'],
  };
}

const shown = (view: ProfileView, status = 200): ApiReply => ({ status, body: view, etag: etagOf(view) });

async function written(
  management: ManagementService,
  name: string,
  warnings: readonly string[],
  status = 200,
): Promise<ApiReply> {
  const profile = await viewOf(management, name);
  return { status, body: { profile, warnings }, etag: etagOf(profile) };
}

/** The current ETag of a profile, for If-Match. */
const currentTag = async (management: ManagementService, name: string): Promise<string> =>
  etagOf(await viewOf(management, name));

function target(t: Static<typeof Target>): ProfileTarget {
  const extra = (allowed: readonly string[]) => {
    for (const field of ['tenant', 'group', 'user'] as const)
      if (t[field] !== undefined && !allowed.includes(field))
        throw new ZprovError('invalid_input', `${field}: not used with level ${t.level}`, field);
  };
  const need = (field: 'tenant' | 'group' | 'user'): string => {
    const value = t[field];
    if (value === undefined)
      throw new ZprovError('invalid_input', `${field}: needed with level ${t.level}`, field);
    return value;
  };
  switch (t.level) {
    case 'server':
      extra([]);
      return { kind: 'server' };
    case 'tenant':
      extra(['tenant']);
      return { kind: 'tenant', tenant: need('tenant') };
    case 'group':
      extra(['tenant', 'group']);
      return { kind: 'group', tenant: need('tenant'), group: need('group') };
    case 'user':
      extra(['tenant', 'user']);
      return { kind: 'user', tenant: need('tenant'), username: need('user') };
  }
}

/** Whether the layer has this profile now (tenant slugs as stored, whatever case was asked). */
async function assignedTo(
  management: ManagementService,
  view: ProfileView,
  where: ProfileTarget,
): Promise<boolean> {
  if (where.kind === 'server') return view.assignments.server;
  const slug = (await management.tenants.get(where.tenant)).slug;
  switch (where.kind) {
    case 'tenant':
      return view.assignments.tenants.includes(slug);
    case 'group':
      return view.assignments.groups.some((g) => g.tenant === slug && g.name === where.group);
    case 'user':
      return view.assignments.users.some((u) => u.tenant === slug && u.username === where.username);
  }
}

const serverWide = (principal: Principal): void => checkServerWide(principal, 'profiles');

export function profileRoutes({ management }: RouteDeps): ApiRoute[] {
  // Each write checks If-Match and changes the profile in one transaction (management.atomically).
  return [
    apiRoute({
      method: 'GET',
      path: '/profiles',
      summary: 'List profiles and where they are assigned',
      tag: TAG,
      access: 'read',
      query: Type.Object(PageQuery, { additionalProperties: false }),
      responses: { 200: Type.Object({ profiles: Type.Array(ProfileSummary), nextCursor: NextCursor }) },
      handler: async ({ principal, query }) => {
        serverWide(principal);
        const page = pageAfter(await management.profiles.list(), (p) => p.profile.name, query);
        const profiles = page.items.map((p) => ({
          name: p.profile.name,
          createdAt: p.profile.createdAt,
          updatedAt: p.profile.updatedAt,
          assignments: p.assignments as ProfileView['assignments'],
        }));
        return { status: 200, body: { profiles, nextCursor: page.nextCursor } };
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/profiles',
      summary: 'Create an empty profile',
      tag: TAG,
      access: 'server-admin',
      body: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      responses: { 201: WriteReply, 409: null },
      handler: async ({ principal, body }) => {
        serverWide(principal);
        const profile = await management.profiles.create(body.name);
        return written(management, profile.name, [], 201);
      },
    }),
    apiRoute({
      method: 'GET',
      path: '/profiles/:profile',
      summary: "A profile's options (path=value), account defaults and assignments",
      tag: TAG,
      access: 'read',
      params: ProfileParams,
      responses: { 200: ProfileView },
      handler: async ({ principal, params }) => {
        serverWide(principal);
        return shown(await viewOf(management, params.profile));
      },
    }),
    apiRoute({
      method: 'DELETE',
      path: '/profiles/:profile',
      summary: 'Delete a profile that is assigned nowhere (If-Match)',
      tag: TAG,
      access: 'server-admin',
      params: ProfileParams,
      responses: { 204: null },
      handler: async ({ principal, params, ifMatch }) => {
        serverWide(principal);
        return management.atomically(async () => {
          checkIfMatch(ifMatch, await currentTag(management, params.profile));
          await management.profiles.delete(params.profile);
          return { status: 204 };
        });
      },
    }),
    apiRoute({
      method: 'PUT',
      path: '/profiles/:profile/options',
      summary: 'Set one option by path (general/auto_away; account/… for an account default)',
      tag: TAG,
      access: 'server-admin',
      params: ProfileParams,
      body: Type.Object(
        {
          path: Type.String({
            minLength: 1,
            description: 'general/auto_away, or account/SIP_transport_type',
          }),
          value: Type.String({ description: 'As Config.xml writes it: true/false, numbers, text.' }),
          platforms: Type.Optional(
            Type.Array(Platform, {
              minItems: 1,
              uniqueItems: true,
              description: 'Only for these platforms (the option is pinned); absent: for every platform.',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      responses: { 200: WriteReply },
      handler: async ({ principal, params, body, ifMatch }) => {
        serverWide(principal);
        // One option by path does not overwrite the others: If-Match is checked when sent.
        return management.atomically(async () => {
          checkIfMatchWhenSent(ifMatch, await currentTag(management, params.profile));
          const report = await management.profiles.set(params.profile, body.path, body.value, body.platforms);
          return written(management, params.profile, report.warnings);
        });
      },
    }),
    apiRoute({
      method: 'DELETE',
      path: '/profiles/:profile/options',
      summary: 'Unset one option by path (account/… for an account default)',
      tag: TAG,
      access: 'server-admin',
      params: ProfileParams,
      query: Type.Object(
        { path: Type.String({ minLength: 1, description: 'The option path to remove.' }) },
        { additionalProperties: false },
      ),
      responses: { 200: WriteReply },
      handler: async ({ principal, params, query, ifMatch }) => {
        serverWide(principal);
        return management.atomically(async () => {
          checkIfMatchWhenSent(ifMatch, await currentTag(management, params.profile));
          const report = await management.profiles.unset(params.profile, query.path);
          return written(management, params.profile, report.warnings);
        });
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/profiles/:profile/import',
      summary: 'Take a Config.xml fragment as a profile: create it, replace its options or merge over them',
      tag: TAG,
      access: 'server-admin',
      params: ProfileParams,
      body: Type.Object({
        text: Type.String({ description: 'Config.xml or a fragment of it (root <options>).' }),
        mode: Type.Optional(
          Type.Union([Type.Literal('create'), Type.Literal('replace'), Type.Literal('merge')], {
            description: 'create (default): a new profile; replace needs If-Match.',
          }),
        ),
      }),
      responses: { 200: WriteReply, 201: WriteReply, 409: null },
      handler: async ({ principal, params, body, ifMatch }) => {
        serverWide(principal);
        const mode = body.mode ?? 'create';
        return management.atomically(async () => {
          // Replacing drops every option the caller may not have seen; merging keeps them.
          if (mode === 'replace') checkIfMatch(ifMatch, await currentTag(management, params.profile));
          if (mode === 'merge') checkIfMatchWhenSent(ifMatch, await currentTag(management, params.profile));
          const report = await management.profiles.import(params.profile, body.text, mode);
          return written(management, params.profile, report.warnings, mode === 'create' ? 201 : 200);
        });
      },
    }),
    apiRoute({
      method: 'POST',
      path: '/profiles/:profile/assignments',
      summary:
        'Make the profile the one of a layer: server, tenant, group or user (replacing the one it had)',
      tag: TAG,
      access: 'server-admin',
      params: ProfileParams,
      body: Target,
      responses: { 200: ProfileView },
      handler: async ({ principal, params, body }) => {
        serverWide(principal);
        await management.profiles.assign(params.profile, target(body));
        return shown(await viewOf(management, params.profile));
      },
    }),
    apiRoute({
      method: 'DELETE',
      path: '/profiles/:profile/assignments',
      summary: 'Leave a layer that has this profile without one',
      tag: TAG,
      access: 'server-admin',
      params: ProfileParams,
      query: Target,
      responses: { 200: ProfileView },
      handler: async ({ principal, params, query }) => {
        serverWide(principal);
        const where = target(query);
        // Unassigning names the profile: a layer that has another one now is left alone.
        if (!(await assignedTo(management, await viewOf(management, params.profile), where)))
          throw new ZprovError('not_found', `profile '${params.profile}' is not assigned there`, 'level');
        await management.profiles.unassign(where);
        return shown(await viewOf(management, params.profile));
      },
    }),
  ];
}
