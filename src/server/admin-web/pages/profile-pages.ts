// Profiles: the list, a form that adds one, and a profile's options section by section, each field
// made from the schema with "not set" as a choice of its own (left to the phone or a lower layer),
// the platforms an option is pinned to beside it, and account defaults as a section of their own.
// Profiles are server-wide: only people who see every tenant see them, only server admins change them.
import {
  ACCOUNTS_LIST,
  getOption,
  itemShape,
  notOnPlatform,
  optionIn,
  storedConfigSchema,
  ZOIPER_PLATFORMS,
  formatValue,
  type OptionSpec,
  type ZoiperPlatform,
} from '../../../core/index.js';
import type { ManagementService } from '../../../services/management/management-service.js';
import type { ProfileChange, ProfileTarget } from '../../../services/management/profile-admin.js';
import type { Principal } from '../../../services/management/token-admin.js';
import type { ProfileAssignments } from '../../../services/store.js';
import { checkAccess, checkServerWide } from '../../admin-api/access.js';
import { html, type Html } from '../html.js';
import { configXmlFields, optionField, textField } from '../option-field.js';
import { ADMIN_PREFIX, csrfField, layout, type PageContext } from '../page-layout.js';
import { configText, fieldError, formField, type PageRouter } from '../page-router.js';
import { isZprovError, ZprovError } from '../../../core/errors.js';
import type { FastifyRequest } from 'fastify';
import { text, type TextKey } from '../web-text.js';

/** The account section: options every account of the profile's users gets, unless it sets its own. */
const ACCOUNT_SECTION = 'account';
/** Set by zprov per account, never as a default. */
const NOT_DEFAULTS = new Set(['ident', 'password', 'protocol', 'username']);

/** Options a profile may not set: zprov sets them per user (the default account). */
const NOT_IN_PROFILES = new Set(['general/account']);

/** The sections a profile's form offers: the root sections holding options, and account defaults. */
const SECTIONS: readonly string[] = [
  ...Object.entries(storedConfigSchema.sections)
    .filter(([, spec]) => spec.kind === 'section' && Object.keys(spec.options).length > 0)
    .map(([name]) => name),
  ACCOUNT_SECTION,
];

function sectionOptions(section: string): [string, OptionSpec][] {
  if (section === ACCOUNT_SECTION)
    return Object.entries(itemShape(ACCOUNTS_LIST, undefined).options).filter(
      ([name]) => !NOT_DEFAULTS.has(name),
    );
  const spec = storedConfigSchema.sections[section];
  return spec?.kind === 'section'
    ? Object.entries(spec.options).filter(([name]) => !NOT_IN_PROFILES.has(`${section}/${name}`))
    : [];
}

/** The platforms whose dialect has the option at `path`. */
const platformsOf = (path: string): ZoiperPlatform[] =>
  ZOIPER_PLATFORMS.filter((p) => notOnPlatform(path, p) === undefined);

/** Every non-empty set of those platforms, as the comma list a pin select sends. */
function pinChoices(platforms: readonly ZoiperPlatform[]): string[] {
  const choices: string[] = [];
  for (let mask = 1; mask < 1 << platforms.length; mask++)
    choices.push(platforms.filter((_, i) => (mask & (1 << i)) !== 0).join(','));
  return choices.sort((a, b) => a.split(',').length - b.split(',').length || a.localeCompare(b));
}

/** Where a profile is layered in, as a person reads it. */
function assignedText(page: PageContext, a: ProfileAssignments): string {
  const t = (key: TextKey) => text(page.language, key);
  const places = [
    ...(a.server ? [t('serverWide')] : []),
    ...a.tenants.map((slug) => `${t('tenant')} ${slug}`),
    ...a.groups.map((g) => `${g.tenant}/${g.name}`),
    ...a.users.map((u) => `${u.tenant}/${u.username}`),
  ];
  return places.length === 0 ? t('nowhere') : places.join(', ');
}

const profilePath = (name: string) => `${ADMIN_PREFIX}/profiles/${encodeURIComponent(name)}`;

/** Where the assignment form puts a profile, as submitted. */
interface AssignForm {
  readonly layer: string;
  readonly tenant: string;
  readonly group: string;
  readonly user: string;
  readonly error?: { field: string; message: string };
}

const LAYERS = ['server', 'tenant', 'group', 'user'] as const;
const LAYER_TEXT: Readonly<Record<(typeof LAYERS)[number], TextKey>> = {
  server: 'serverWide',
  tenant: 'tenant',
  group: 'group',
  user: 'user',
};

/** The assignment and unassignment forms as submitted. */
const assignFormOf = (request: FastifyRequest): AssignForm => ({
  layer: formField(request, 'layer'),
  tenant: formField(request, 'tenant'),
  group: formField(request, 'group').trim(),
  user: formField(request, 'user').trim(),
});

/** The layer a submitted form names; refused, with its field, when it names none. */
function targetIn(form: AssignForm): ProfileTarget {
  switch (form.layer) {
    case 'server':
      return { kind: 'server' };
    case 'tenant':
      return { kind: 'tenant', tenant: form.tenant };
    case 'group':
      if (form.group === '') throw new ZprovError('invalid_input', 'name the group', 'group');
      return { kind: 'group', tenant: form.tenant, group: form.group };
    case 'user':
      if (form.user === '') throw new ZprovError('invalid_input', 'name the user', 'user');
      return { kind: 'user', tenant: form.tenant, username: form.user };
    default:
      throw new ZprovError('invalid_input', `layer: one of ${LAYERS.join(', ')}`, 'layer');
  }
}

/** Whether the profile holds the layer the target names (an unassignment touches only its own). */
function holds(a: ProfileAssignments, target: ProfileTarget): boolean {
  switch (target.kind) {
    case 'server':
      return a.server;
    case 'tenant':
      return a.tenants.includes(target.tenant);
    case 'group':
      return a.groups.some((g) => g.tenant === target.tenant && g.name === target.group);
    case 'user':
      return a.users.some((u) => u.tenant === target.tenant && u.username === target.username);
  }
}

/** A refusal of the assignment form: a tenant, group or user that does not exist is the form's error. */
const assignRefusal = (error: unknown): { field: string; message: string } =>
  isZprovError(error) && error.code === 'not_found'
    ? { field: error.field ?? 'layer', message: error.message }
    : fieldError(error);

function assignForm(
  page: PageContext,
  name: string,
  tenants: readonly { slug: string }[],
  form: AssignForm | undefined,
): Html {
  const t = (key: TextKey) => text(page.language, key);
  const errorFor = (field: string) => (form?.error?.field === field ? { error: form.error.message } : {});
  const layerError = form?.error !== undefined && !['tenant', 'group', 'user'].includes(form.error.field);
  return html`<form method="post" action="${profilePath(name)}/assign" class="card" novalidate>
    <h2>${t('assignTitle')}</h2>
    <p class="help">${t('assignHelp')}</p>
    ${csrfField(page)}
    <div class="field">
      <label for="field-layer">${t('layer')}</label>
      <select
        id="field-layer"
        name="layer"
        ${layerError ? html`aria-invalid="true" aria-describedby="field-layer-error"` : ''}
      >
        ${LAYERS.map(
          (l) =>
            html`<option value="${l}" ${l === (form?.layer ?? 'tenant') ? ' selected' : ''}>
              ${t(LAYER_TEXT[l])}
            </option>`,
        )}
      </select>
      ${layerError ? html`<p class="error" id="field-layer-error" role="alert">${form?.error?.message}</p>` : ''}
    </div>
    <div class="field">
      <label for="field-tenant">${t('tenant')}</label>
      <select
        id="field-tenant"
        name="tenant"
        ${form?.error?.field === 'tenant' ? html`aria-invalid="true"` : ''}
      >
        ${tenants.map((x) => html`<option value="${x.slug}" ${x.slug === form?.tenant ? ' selected' : ''}>${x.slug}</option>`)}
      </select>
    </div>
    ${textField(t('group'), 'group', { value: form?.group ?? '', ...errorFor('group') })}
    ${textField(t('username'), 'user', { value: form?.user ?? '', ...errorFor('user') })}
    <button type="submit">${t('assign')}</button>
  </form>`;
}

/** A button for each place the profile is assigned, taking it away from there. */
function unassignForms(page: PageContext, name: string, a: ProfileAssignments): Html[] {
  const t = (key: TextKey) => text(page.language, key);
  const places: { label: string; fields: Record<string, string> }[] = [
    ...(a.server ? [{ label: t('serverWide'), fields: { layer: 'server' } }] : []),
    ...a.tenants.map((slug) => ({
      label: `${t('tenant')} ${slug}`,
      fields: { layer: 'tenant', tenant: slug },
    })),
    ...a.groups.map((g) => ({
      label: `${g.tenant}/${g.name}`,
      fields: { layer: 'group', tenant: g.tenant, group: g.name },
    })),
    ...a.users.map((u) => ({
      label: `${u.tenant}/${u.username}`,
      fields: { layer: 'user', tenant: u.tenant, user: u.username },
    })),
  ];
  return places.map(
    (place) =>
      html`<form method="post" action="${profilePath(name)}/unassign" class="inline">
        ${csrfField(page)}${Object.entries(place.fields).map(
          ([field, value]) => html`<input type="hidden" name="${field}" value="${value}" />`,
        )}
        <button type="submit">${t('unassign')}: ${place.label}</button>
      </form>`,
  );
}

/** Takes a Config.xml fragment (pasted or uploaded) over the profile's options, or in their place. */
function importForm(
  page: PageContext,
  name: string,
  form: { text: string; mode: string; error: string } | undefined,
): Html {
  const t = (key: TextKey) => text(page.language, key);
  return html`<form
    method="post"
    action="${profilePath(name)}/import"
    class="card"
    enctype="multipart/form-data"
    novalidate
  >
    <h2>${t('importFragment')}</h2>
    <p class="help">${t('importFragmentHelp')}</p>
    ${csrfField(page)}
    ${configXmlFields(page.language, 'fragment', {
      rows: 8,
      ...(form === undefined ? {} : { text: form.text, error: form.error }),
    })}
    <div class="field">
      <label for="field-mode">${t('importMode')}</label>
      <select id="field-mode" name="mode">
        ${(['merge', 'replace'] as const).map(
          (m) =>
            html`<option value="${m}" ${m === (form?.mode ?? 'merge') ? ' selected' : ''}>
              ${t(m === 'merge' ? 'importMerge' : 'importReplace')}
            </option>`,
        )}
      </select>
    </div>
    <button type="submit">${t('importFragmentRun')}</button>
  </form>`;
}

async function profilesPage(
  management: ManagementService,
  page: PageContext,
  principal: Principal,
  form: { name?: string; error?: { field: string; message: string } } = {},
): Promise<Html> {
  const t = (key: TextKey) => text(page.language, key);
  const profiles = await management.profiles.list();
  return layout(
    page,
    t('profiles'),
    html`<table>
        <thead>
          <tr>
            <th scope="col">${t('name')}</th>
            <th scope="col">${t('assignedTo')}</th>
          </tr>
        </thead>
        <tbody>
          ${profiles.map(
            (p) =>
              html`<tr>
                <td><a href="${profilePath(p.profile.name)}">${p.profile.name}</a></td>
                <td>${assignedText(page, p.assignments)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        principal.role === 'server-admin'
          ? html`<form method="post" action="${ADMIN_PREFIX}/profiles" class="card" novalidate>
              <h2>${t('newProfile')}</h2>
              ${csrfField(page)}
              ${textField(t('name'), 'name', { value: form.name ?? '', required: true, ...(form.error === undefined ? {} : { error: form.error.message }) })}
              <button type="submit">${t('create')}</button>
            </form>`
          : ''
      }`,
  );
}

async function profilePage(
  management: ManagementService,
  page: PageContext,
  principal: Principal,
  name: string,
  section: string,
  form: {
    values?: Readonly<Record<string, string>>;
    error?: { field: string; message: string };
    saved?: boolean;
    /** The assignment form as submitted, with its refusal. */
    assign?: AssignForm;
    /** The import form as submitted, with its refusal. */
    fragment?: { text: string; mode: string; error: string };
  } = {},
): Promise<Html> {
  const t = (key: TextKey, values?: Record<string, string>) => text(page.language, key, values);
  const shown = await management.profiles.show(name);
  const tenants = await management.tenants.list();
  const mayChange = principal.role === 'server-admin';
  const fields = sectionOptions(section).map(([option, spec]) => {
    const path = `${section}/${option}`;
    const stored =
      section === ACCOUNT_SECTION ? optionIn(shown.accountDefaults, option) : getOption(shown.document, path);
    const value = form.values?.[option] ?? (stored === undefined ? '' : formatValue(stored));
    const pinned = shown.pins[path];
    const platforms = platformsOf(path);
    const current = form.values?.[`pin:${option}`] ?? (pinned === undefined ? '' : pinned.join(','));
    const pinSelect =
      platforms.length < 2 || !mayChange
        ? undefined
        : html`<select name="p:${option}" class="pin" aria-label="${option}: ${t('platform')}">
            ${['', ...pinChoices(platforms)].map(
              (choice) =>
                html`<option value="${choice}" ${choice === current ? ' selected' : ''}>
                  ${choice === '' ? t('everyPlatform') : `${t('onlyFor')} ${choice.replace(/,/g, ', ')}`}
                </option>`,
            )}
          </select>`;
    const note =
      pinned !== undefined
        ? t('pinnedTo', { platforms: pinned.join(', ') })
        : platforms.length < ZOIPER_PLATFORMS.length
          ? platforms.join(', ')
          : undefined;
    const error = form.error?.field === path || form.error?.field === option ? form.error.message : undefined;
    return optionField(page.language, `o:${option}`, option, spec, {
      value,
      optional: true,
      ...(note === undefined ? {} : { note }),
      ...(pinSelect === undefined ? {} : { extra: pinSelect }),
      ...(error === undefined ? {} : { error }),
    });
  });
  const unplaced =
    form.error !== undefined &&
    !sectionOptions(section).some(
      ([o]) => form.error?.field === `${section}/${o}` || form.error?.field === o,
    );
  return layout(
    page,
    `${t('profile')} ${name}`,
    html`<p>${t('assignedTo')}: ${assignedText(page, shown.assignments)}</p>
      ${
        mayChange
          ? html`${assignForm(page, name, tenants, form.assign)}
              ${unassignForms(page, name, shown.assignments)} ${importForm(page, name, form.fragment)}
              <form method="post" action="${profilePath(name)}/delete" class="inline">
                ${csrfField(page)}<button type="submit">${t('deleteProfile')}</button>
              </form>`
          : ''
      }
      <nav class="sections" aria-label="${t('section')}">
        ${SECTIONS.map(
          (s) =>
            html`<a
              href="${profilePath(name)}?section=${s}"
              ${s === section ? html` aria-current="page"` : ''}
              >${s === ACCOUNT_SECTION ? t('accountDefaults') : s}</a
            > `,
        )}
      </nav>
      ${form.saved === true ? html`<p class="notice" role="status">${t('saved')}</p>` : ''}
      ${unplaced ? html`<p class="alert" role="alert">${form.error?.message}</p>` : ''}
      <form method="post" action="${profilePath(name)}/options?section=${section}" class="card" novalidate>
        <h2>${section === ACCOUNT_SECTION ? t('accountDefaults') : section}</h2>
        ${section === ACCOUNT_SECTION ? html`<p class="help">${t('accountDefaultsHelp')}</p>` : ''}
        ${csrfField(page)} ${fields} ${mayChange ? html`<button type="submit">${t('save')}</button>` : ''}
      </form>`,
  );
}

const sectionOf = (query: unknown): string => {
  const asked = (query as Record<string, string | undefined>)['section'];
  return asked !== undefined && SECTIONS.includes(asked) ? asked : (SECTIONS[0] ?? 'general');
};

export function registerProfilePages(router: PageRouter, management: ManagementService): void {
  const nameOf = (params: unknown) => (params as { name: string }).name;

  router.get('/profiles', async ({ page, session }) => {
    checkServerWide(session.principal, 'profiles');
    return { html: await profilesPage(management, page, session.principal) };
  });

  router.post('/profiles', async ({ page, session, request }) => {
    checkServerWide(session.principal, 'profiles');
    checkAccess(session.principal, 'server-admin');
    const name = formField(request, 'name').trim();
    try {
      await management.profiles.create(name);
    } catch (error) {
      return {
        status: 400,
        html: await profilesPage(management, page, session.principal, { name, error: fieldError(error) }),
      };
    }
    return { redirect: profilePath(name) };
  });

  router.get('/profiles/:name', async ({ page, session, request }) => {
    checkServerWide(session.principal, 'profiles');
    return {
      html: await profilePage(
        management,
        page,
        session.principal,
        nameOf(request.params),
        sectionOf(request.query),
        {
          saved: (request.query as Record<string, string | undefined>)['saved'] === '1',
        },
      ),
    };
  });

  router.post('/profiles/:name/options', async ({ page, session, request }) => {
    checkServerWide(session.principal, 'profiles');
    checkAccess(session.principal, 'server-admin');
    const name = nameOf(request.params);
    const section = sectionOf(request.query);
    const shown = await management.profiles.show(name);
    const values: Record<string, string> = {};
    const changes: ProfileChange[] = [];
    for (const [option] of sectionOptions(section)) {
      const path = `${section}/${option}`;
      const value = formField(request, `o:${option}`).trim();
      const pin = formField(request, `p:${option}`);
      values[option] = value;
      values[`pin:${option}`] = pin;
      const platforms = pin === '' ? undefined : (pin.split(',') as ZoiperPlatform[]);
      const stored =
        section === ACCOUNT_SECTION
          ? optionIn(shown.accountDefaults, option)
          : getOption(shown.document, path);
      const was = stored === undefined ? '' : formatValue(stored);
      const pinnedWas = shown.pins[path]?.join(',') ?? '';
      if (value === was && (value === '' || pin === pinnedWas)) continue;
      changes.push({
        path,
        value: value === '' ? undefined : value,
        ...(platforms === undefined ||
        !platforms.every((p) => (ZOIPER_PLATFORMS as readonly string[]).includes(p))
          ? {}
          : { platforms }),
      });
    }
    try {
      await management.profiles.change(name, changes);
    } catch (error) {
      return {
        status: 400,
        html: await profilePage(management, page, session.principal, name, section, {
          values,
          error: fieldError(error),
        }),
      };
    }
    return { redirect: `${profilePath(name)}?section=${section}&saved=1` };
  });

  router.post('/profiles/:name/unassign', async ({ session, request }) => {
    checkServerWide(session.principal, 'profiles');
    checkAccess(session.principal, 'server-admin');
    const name = nameOf(request.params);
    const target = targetIn(assignFormOf(request));
    // Only an assignment this profile holds: another profile's on that layer is not this form's.
    if (holds((await management.profiles.show(name)).assignments, target))
      await management.profiles.unassign(target);
    return { redirect: profilePath(name) };
  });

  router.post('/profiles/:name/import', async ({ page, session, request }) => {
    checkServerWide(session.principal, 'profiles');
    checkAccess(session.principal, 'server-admin');
    const name = nameOf(request.params);
    // This profile's page: a merge into a profile that does not exist would create it (404 instead).
    await management.profiles.show(name);
    const fragment = configText(request, 'fragment');
    const mode = formField(request, 'mode') === 'replace' ? 'replace' : 'merge';
    try {
      if (fragment.trim() === '')
        throw new ZprovError('invalid_input', text(page.language, 'fragmentMissing'), 'fragment');
      await management.profiles.import(name, fragment, mode);
    } catch (error) {
      return {
        status: 400,
        html: await profilePage(management, page, session.principal, name, sectionOf(request.query), {
          fragment: { text: fragment, mode, error: fieldError(error).message },
        }),
      };
    }
    return { redirect: `${profilePath(name)}?saved=1` };
  });

  router.post('/profiles/:name/delete', async ({ page, session, request }) => {
    checkServerWide(session.principal, 'profiles');
    checkAccess(session.principal, 'server-admin');
    const name = nameOf(request.params);
    try {
      await management.profiles.delete(name);
    } catch (error) {
      return {
        status: 400,
        html: await profilePage(management, page, session.principal, name, sectionOf(request.query), {
          error: fieldError(error),
        }),
      };
    }
    return { redirect: `${ADMIN_PREFIX}/profiles` };
  });

  router.post('/profiles/:name/assign', async ({ page, session, request }) => {
    checkServerWide(session.principal, 'profiles');
    checkAccess(session.principal, 'server-admin');
    const name = nameOf(request.params);
    const form = assignFormOf(request);
    try {
      await management.profiles.assign(name, targetIn(form));
    } catch (error) {
      return {
        status: 400,
        html: await profilePage(management, page, session.principal, name, sectionOf(request.query), {
          assign: { ...form, error: assignRefusal(error) },
        }),
      };
    }
    return { redirect: profilePath(name) };
  });
}
