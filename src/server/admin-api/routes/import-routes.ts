// Imports over the API: a PBX's configuration (pjsip.conf, sip.conf, iax.conf, FreePBX's CSV) or
// zprov's own CSV/JSON, sent as text, through the same use case as `zprov import`: a dry run answers
// the plan and writes nothing; a real run is all or nothing, and a source with errors is refused
// (400) with its problems, each naming its file, line and field. FusionPBX is read from its database
// by URL, which the server does not connect to on an API caller's word: it stays with the CLI.
import { Type } from '@sinclair/typebox';
import { ImportRefused, type ImportPlan } from '../../../services/import/account-import.js';
import {
  DEFAULT_SOURCE_FILE,
  parseImportText,
  TEXT_IMPORT_FORMATS,
} from '../../../services/import/import-text.js';
import { apiRoute, type ApiRoute } from '../api-route.js';
import { ErrorBody } from '../openapi.js';
import type { RouteDeps } from './route-support.js';
import { scopedTenant } from './scoped-tenant.js';

const Problem = Type.Object({
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  message: Type.String(),
  at: Type.Object({
    file: Type.String(),
    line: Type.Integer({ description: '1-based; 0 when no line applies.' }),
    field: Type.Optional(Type.String({ description: 'The setting, column or JSON member.' })),
  }),
  key: Type.Optional(Type.String({ description: 'The source key of the record concerned (1001).' })),
});

const PlanItem = Type.Object({
  sourceKey: Type.String(),
  user: Type.String(),
  ident: Type.Optional(Type.String({ description: 'Absent for an account still to be added.' })),
  changes: Type.Array(
    Type.Object({
      path: Type.String(),
      from: Type.Optional(Type.String()),
      to: Type.Optional(Type.String()),
    }),
    { description: 'Option changes relative to the account; secrets masked.' },
  ),
});

const Plan = Type.Object({
  tenant: Type.String(),
  format: Type.String(),
  missing: Type.Union([Type.Literal('keep'), Type.Literal('disable'), Type.Literal('remove')]),
  accounts: Type.Object({
    add: Type.Array(PlanItem),
    update: Type.Array(PlanItem),
    unchanged: Type.Integer(),
    missing: Type.Array(PlanItem),
  }),
  users: Type.Object({
    add: Type.Array(Type.String()),
    disable: Type.Array(Type.String()),
    remove: Type.Array(Type.String()),
  }),
  problems: Type.Array(Problem),
});

const ImportReply = Type.Object({
  written: Type.Boolean({ description: 'False for a dry run.' }),
  plan: Plan,
  credentials: Type.Array(Type.Object({ user: Type.String(), password: Type.String() }), {
    description:
      'Generated provisioning passwords of the users the import added: shown this once, kept only hashed.',
  }),
});

/** A refused import: the error, and the plan with every problem found (nothing was written). */
const RefusedReply = Type.Object({
  error: ErrorBody,
  plan: Type.Optional(Plan),
  problems: Type.Optional(Type.Array(Problem, { description: 'The errors that refused it.' })),
});

const ImportBody = Type.Object(
  {
    format: Type.Union(
      TEXT_IMPORT_FORMATS.map((f) => Type.Literal(f)),
      { description: 'What the text is. fusionpbx is read from its database: use the CLI.' },
    ),
    text: Type.String({ description: 'The source, as its file holds it (#include is not followed).' }),
    file: Type.Optional(Type.String({ minLength: 1, description: 'The name problems give the source.' })),
    wizard: Type.Optional(Type.String({ description: 'pjsip: the text of pjsip_wizard.conf as well.' })),
    dryRun: Type.Optional(Type.Boolean({ description: 'Plan only: nothing is written.' })),
    missing: Type.Optional(
      Type.Union([Type.Literal('keep'), Type.Literal('disable'), Type.Literal('remove')], {
        description: 'Accounts imported before that the source no longer has (default keep).',
      }),
    ),
    domain: Type.Optional(
      Type.String({ description: 'SIP_domain (IAX2_host) for accounts whose source names none.' }),
    ),
    groupBy: Type.Optional(Type.String({ description: 'One provisioning user per value of this column.' })),
    group: Type.Optional(Type.String({ description: 'The provisioning group new users join.' })),
  },
  { additionalProperties: false },
);

export function importRoutes({ management }: RouteDeps): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      path: '/tenants/:tenant/imports',
      summary: "Import a PBX's accounts (or zprov's CSV/JSON) into a tenant; dryRun answers the plan only",
      tag: 'imports',
      access: 'write',
      params: Type.Object({ tenant: Type.String({ minLength: 1, description: 'The tenant slug.' }) }),
      body: ImportBody,
      responses: { 200: ImportReply, 400: RefusedReply },
      handler: async ({ principal, params, body }) => {
        const tenant = await scopedTenant(management, principal, params.tenant);
        const source = parseImportText(
          body.format,
          body.text,
          body.file ?? DEFAULT_SOURCE_FILE[body.format],
          body.wizard,
        );
        try {
          const outcome = await management.imports.run({
            tenant: tenant.slug,
            format: body.format,
            source,
            dryRun: body.dryRun === true,
            ...(body.missing === undefined ? {} : { missing: body.missing }),
            ...(body.domain === undefined ? {} : { domain: body.domain }),
            ...(body.groupBy === undefined ? {} : { groupBy: body.groupBy }),
            ...(body.group === undefined ? {} : { group: body.group }),
            // The reply is where the generated passwords go, once; nothing else keeps them.
            keepCredentials: async () => {},
          });
          return {
            status: 200,
            body: { written: outcome.written, plan: outcome.plan, credentials: outcome.credentials },
          };
        } catch (error) {
          if (!(error instanceof ImportRefused)) throw error;
          const plan: ImportPlan = error.plan;
          return {
            status: 400,
            body: {
              error: { code: error.code, message: error.message, field: 'text' },
              plan,
              problems: plan.problems.filter((p) => p.severity === 'error'),
            },
          };
        }
      },
    }),
  ];
}
