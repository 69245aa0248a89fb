// An account's form, built from the core's schema for its protocol. The main fields are the ones
// nearly every account needs (username, password, the registrar, ...); an account's own page adds
// every other option of that protocol under "More options" (each "not set" unless the account sets
// it: the layers below, or the phone, decide then), the account's name and its codecs in order of
// preference. What a submission changes is worked out against what the account holds, so a field
// left as it was is not written and an emptied one goes back to the layers.
import type { FastifyRequest } from 'fastify';
import {
  ACCOUNTS_LIST,
  codeListText,
  formatValue,
  itemShape,
  optionIn,
  pathInAccountItem,
  REGISTRAR_OPTION,
  type ListSpec,
  type OptionSpec,
  type SectionNode,
} from '../../../core/index.js';
import type { AccountChanges } from '../../../services/management/account-admin.js';
import type { AccountProtocol } from '../../../services/model.js';
import { html, type Html } from '../html.js';
import { optionField, textField } from '../option-field.js';
import { csrfField, type PageContext } from '../page-layout.js';
import { formField } from '../page-router.js';
import { text } from '../web-text.js';

export type FormError = { field: string; message: string };

/** The fields every account form shows, in this order, by protocol. */
const MAIN_OPTIONS: Readonly<Record<AccountProtocol, readonly string[]>> = {
  sip: [
    'username',
    'password',
    'SIP_domain',
    'SIP_transport_type',
    'register_on_startup',
    'SIP_keep_alive_timeout',
  ],
  iax2: ['username', 'password', 'IAX2_host', 'register_on_startup'],
};

/** Set by zprov (ident, protocol) or taken care of by fields of their own (name, codecs). */
const NOT_AMONG_MORE = new Set(['ident', 'protocol', 'name', 'codecs']);
/** Options of the other account types: a SIP account has no IAX2 host, and the reverse. */
const FOREIGN_PREFIXES: Readonly<Record<AccountProtocol, readonly string[]>> = {
  sip: ['IAX2_', 'HTTP_PHONE_CONTROL_'],
  iax2: ['SIP_', 'HTTP_PHONE_CONTROL_'],
};
const CODECS = ACCOUNTS_LIST.sections['codecs'] as ListSpec;

const shapeOf = (protocol: AccountProtocol) => itemShape(ACCOUNTS_LIST, protocol);

/** Every option the protocol's accounts may set besides the main fields: path (stun/use_stun) and spec. */
function optionsBeyondMain(protocol: AccountProtocol): [string, OptionSpec][] {
  const shape = shapeOf(protocol);
  const main = new Set(MAIN_OPTIONS[protocol]);
  const own = (name: string) =>
    !main.has(name) &&
    !NOT_AMONG_MORE.has(name) &&
    !FOREIGN_PREFIXES[protocol].some((p) => name.startsWith(p));
  const nested = Object.entries(shape.sections ?? {}).flatMap(([section, spec]) =>
    spec.kind === 'section'
      ? Object.entries(spec.options).map(([name, option]): [string, OptionSpec] => [
          `${section}/${name}`,
          option,
        ])
      : [],
  );
  return [...Object.entries(shape.options).filter(([name]) => own(name)), ...nested];
}

/** Worked out once per protocol from the schema: every form and submission asks for them. */
const MORE_OPTIONS: Readonly<Record<AccountProtocol, readonly [string, OptionSpec][]>> = {
  sip: optionsBeyondMain('sip'),
  iax2: optionsBeyondMain('iax2'),
};

export const moreOptions = (protocol: AccountProtocol): readonly [string, OptionSpec][] =>
  MORE_OPTIONS[protocol];

/** What the account holds, as the form shows it (every field but the password). */
export function storedValues(protocol: AccountProtocol, item: SectionNode): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of MAIN_OPTIONS[protocol]) {
    if (name === 'password') continue;
    const value = optionIn(item, name);
    values[name] = value === undefined ? '' : formatValue(value);
  }
  const name = optionIn(item, 'name');
  values['name'] = name === undefined ? '' : formatValue(name);
  const codecs = item.children.find((c) => c.name === 'codecs');
  values['codecs'] = codecs?.kind === 'list' ? (codeListText(CODECS, codecs.items) ?? '') : '';
  for (const [path] of moreOptions(protocol)) {
    const value = optionIn(item, path);
    values[`o:${path}`] = value === undefined ? '' : formatValue(value);
  }
  return values;
}

/** The form's fields as submitted (the password apart: it is never shown again). */
export function submittedValues(
  request: FastifyRequest,
  protocol: AccountProtocol,
  withMore: boolean,
): Record<string, string> {
  const names = [
    ...MAIN_OPTIONS[protocol].filter((n) => n !== 'password'),
    ...(withMore ? ['name', 'codecs', ...moreOptions(protocol).map(([path]) => `o:${path}`)] : []),
  ];
  return Object.fromEntries(names.map((name) => [name, formField(request, name).trim()]));
}

/**
 * The account service's changes from a submission: for a new account every field filled in; for an
 * existing one (`stored`) the fields that differ, an emptied option unset, a blank password kept.
 */
export function accountChanges(
  protocol: AccountProtocol,
  values: Readonly<Record<string, string>>,
  password: string,
  stored?: Readonly<Record<string, string>>,
): AccountChanges {
  const changed = (field: string) => values[field] !== undefined && values[field] !== (stored?.[field] ?? '');
  const set: [string, string][] = [];
  const unset: string[] = [];
  const registrar = REGISTRAR_OPTION[protocol];
  const byPath = (field: string, path: string) => {
    if (!changed(field)) return;
    if (values[field] === '') unset.push(path);
    else set.push([path, values[field] as string]);
  };
  for (const name of MAIN_OPTIONS[protocol])
    if (!['username', 'password', registrar].includes(name)) byPath(name, name);
  for (const [path] of moreOptions(protocol)) byPath(`o:${path}`, path);
  byPath('name', 'name');
  byPath('codecs', 'codecs');
  const username = values['username'] ?? '';
  const domain = values[registrar] ?? '';
  return {
    ...(stored === undefined ? { protocol } : {}),
    ...(username !== '' && changed('username') ? { username } : {}),
    ...(password === '' ? {} : { password }),
    ...(domain !== '' && changed(registrar) ? { domain } : {}),
    set,
    unset,
  };
}

/** The form field a refusal of the account service belongs to. */
function fieldOf(protocol: AccountProtocol, error: FormError): string {
  if (error.field === 'domain') return REGISTRAR_OPTION[protocol];
  const path = pathInAccountItem(error.field);
  if (MAIN_OPTIONS[protocol].includes(path) || path === 'name' || path === 'codecs') return path;
  return moreOptions(protocol).some(([p]) => p === path) ? `o:${path}` : path;
}

/** The account form: adding one (main fields), or editing one (`more`: every option, values filled in). */
export function accountForm(
  page: PageContext,
  form: {
    action: string;
    heading: string;
    submit: string;
    protocol: AccountProtocol;
    /** With the account's name, its codecs and every other option of the protocol. */
    more: boolean;
    values?: Readonly<Record<string, string>>;
    error?: FormError;
  },
): Html {
  const t = (key: Parameters<typeof text>[1]) => text(page.language, key);
  const shape = shapeOf(form.protocol);
  const errorField = form.error === undefined ? undefined : fieldOf(form.protocol, form.error);
  const more = form.more ? moreOptions(form.protocol) : [];
  const fieldNames = [
    ...MAIN_OPTIONS[form.protocol],
    ...(form.more ? ['name', 'codecs', ...more.map(([path]) => `o:${path}`)] : []),
  ];
  const other = form.error !== undefined && !fieldNames.includes(errorField ?? '');
  const state = (field: string) => ({
    ...(form.values?.[field] === undefined ? {} : { value: form.values[field] }),
    ...(errorField === field && form.error !== undefined ? { error: form.error.message } : {}),
  });
  const errorInMore =
    errorField !== undefined && errorField !== '' && !MAIN_OPTIONS[form.protocol].includes(errorField);
  return html`<form method="post" action="${form.action}" class="card" novalidate>
    <h2>${form.heading}</h2>
    ${
      other
        ? html`<p class="alert" role="alert">${form.error?.message}</p>`
        : form.error === undefined
          ? ''
          : html`<p class="alert">${t('fixBelow')}</p>`
    }
    ${csrfField(page)}
    ${MAIN_OPTIONS[form.protocol].map((name) => {
      const spec = shape.options[name];
      return spec === undefined ? '' : optionField(page.language, name, name, spec, state(name));
    })}
    ${
      form.more
        ? html`<details id="more-options" ${errorInMore ? ' open' : ''}>
            <summary>${t('moreOptions')}</summary>
            <p class="help">${t('moreOptionsHelp')}</p>
            ${textField(t('accountName'), 'name', state('name'))}
            ${textField(t('codecs'), 'codecs', state('codecs'))}
            <p class="help">${t('codecsHelp')}</p>
            ${more.map(([path, spec]) =>
              optionField(page.language, `o:${path}`, path, spec, { ...state(`o:${path}`), optional: true }),
            )}
          </details>`
        : ''
    }
    <button type="submit">${form.submit}</button>
  </form>`;
}
