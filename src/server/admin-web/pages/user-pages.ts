// A tenant's users (search, paging, a form that adds one), a user's page (their accounts and a form
// that adds a SIP account, its fields made from the core's schema), and what each platform's phone
// is served for the user, byte for byte.
import {
  isZoiperPlatform,
  formatDiff,
  optionValue,
  overlay,
  readZoiperDocument,
  REGISTRAR_OPTION,
  serializeConfig,
  ZOIPER_PLATFORMS,
} from '../../../core/index.js';
import type { ManagementService } from '../../../services/management/management-service.js';
import type { Principal } from '../../../services/management/token-admin.js';
import { ACCOUNT_PROTOCOLS, type AccountProtocol, type Tenant } from '../../../services/model.js';
import {
  accountChanges,
  accountForm,
  storedValues,
  submittedValues,
  type FormError,
} from './account-form.js';
import { isZprovError, ZprovError } from '../../../core/errors.js';
import { checkAccess } from '../../admin-api/access.js';
import { scopedTenant } from '../../admin-api/routes/scoped-tenant.js';
import { configText, fieldError, formField, type PageRouter } from '../page-router.js';
import { html, Html } from '../html.js';
import QRCode from 'qrcode';
import { checkboxField, configXmlFields, textField } from '../option-field.js';
import {
  csrfField,
  layout,
  pageLinks,
  searchForm,
  tenantNav,
  tenantPagePath,
  type PageContext,
} from '../page-layout.js';
import { text } from '../web-text.js';

const PAGE_SIZE = 50;

/** A page of users: a search, and the last username of the page before. */
export interface UsersQuery {
  readonly q: string;
  readonly after?: string;
  /** Only this group's users. */
  readonly group?: string;
  /** Z to A. */
  readonly descending?: boolean;
}

export const usersQuery = (query: Record<string, string | undefined>): UsersQuery => ({
  q: (query['q'] ?? '').slice(0, 200),
  ...(query['after'] === undefined || query['after'] === '' ? {} : { after: query['after'].slice(0, 256) }),
  ...(query['group'] === undefined || query['group'] === '' ? {} : { group: query['group'].slice(0, 256) }),
  ...(query['sort'] === 'desc' ? { descending: true } : {}),
});

/** The query string of a users page (or the status page, which pages the same way). */
export const usersQueryString = (
  query: UsersQuery,
  after: string | undefined,
  descending = query.descending,
): string =>
  `q=${encodeURIComponent(query.q)}` +
  (query.group === undefined ? '' : `&group=${encodeURIComponent(query.group)}`) +
  (descending === true ? '&sort=desc' : '') +
  (after === undefined ? '' : `&after=${encodeURIComponent(after)}`);

/** How people know the protocols. */
const PROTOCOL_NAME: Readonly<Record<AccountProtocol, string>> = { sip: 'SIP', iax2: 'IAX2' };

/** The protocol a new account form is for (?protocol=iax2), SIP unless named. */
const protocolOf = (query: unknown): AccountProtocol => {
  const asked = (query as Record<string, string | undefined>)['protocol'];
  return (ACCOUNT_PROTOCOLS as readonly string[]).includes(asked ?? '') ? (asked as AccountProtocol) : 'sip';
};

export const usersPath = (tenant: Tenant) => tenantPagePath(tenant.slug, 'users');
export const userPath = (tenant: Tenant, username: string) =>
  `${usersPath(tenant)}/${encodeURIComponent(username)}`;
const optional = (error: string | undefined) => (error === undefined ? {} : { error });

async function usersPage(
  management: ManagementService,
  page: PageContext,
  principal: Principal,
  tenant: Tenant,
  query: UsersQuery,
  form: { username?: string; displayName?: string; group?: string; error?: FormError } = {},
): Promise<Html> {
  const t = (key: Parameters<typeof text>[1], values?: Record<string, string | number>) =>
    text(page.language, key, values);
  const { users: shown, next } = await management.users.page(tenant.slug, {
    search: query.q,
    ...(query.after === undefined ? {} : { after: query.after }),
    ...(query.group === undefined ? {} : { group: query.group }),
    ...(query.descending === true ? { descending: true } : {}),
    limit: PAGE_SIZE,
  });
  const groups = await management.groups.list(tenant.slug);
  const link = (after: string | undefined) => `${usersPath(tenant)}?${usersQueryString(query, after)}`;
  const errorFor = (field: string) => (form.error?.field === field ? form.error.message : undefined);
  const other =
    form.error !== undefined && !['username', 'password', 'displayName'].includes(form.error.field);
  return layout(
    page,
    `${t('users')} · ${tenant.name}`,
    html`${tenantNav(page, tenant.slug, 'users')} ${searchForm(page, usersPath(tenant), query.q)}
    ${
      shown.length === 0
        ? html`<p>${t('noUsers')}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col" aria-sort="${query.descending === true ? 'descending' : 'ascending'}">
                  <a
                    href="${usersPath(tenant)}?${usersQueryString(query, undefined, query.descending !== true)}"
                    >${t('username')} ${query.descending === true ? '↑' : '↓'}</a
                  >
                </th>
                <th scope="col">${t('displayName')}</th>
                <th scope="col">${t('enabled')}</th>
              </tr>
            </thead>
            <tbody>
              ${shown.map(
                (u) =>
                  html`<tr>
                    <td><a href="${userPath(tenant, u.username)}">${u.username}</a></td>
                    <td>${u.displayName ?? ''}</td>
                    <td>${u.enabled ? t('yes') : t('no')}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${pageLinks(page, {
      ...(query.after === undefined ? {} : { first: { href: link(undefined), label: t('firstPage') } }),
      ...(next === undefined ? {} : { next: { href: link(next), label: t('next') } }),
    })}
    ${
      principal.role === 'read-only'
        ? ''
        : html`<form method="post" action="${usersPath(tenant)}" class="card" novalidate>
            <h2>${t('newUser')}</h2>
            ${other ? html`<p class="alert" role="alert">${form.error?.message}</p>` : ''} ${csrfField(page)}
            ${textField(t('username'), 'username', { value: form.username ?? '', required: true, ...optional(errorFor('username')) })}
            ${textField(t('displayName'), 'displayName', { value: form.displayName ?? '', ...optional(errorFor('displayName')) })}
            ${
              groups.length === 0
                ? ''
                : html`<div class="field">
                    <label for="field-group">${t('group')}</label>
                    <select id="field-group" name="group">
                      <option value="">${t('noGroup')}</option>
                      ${groups.map(
                        (g) =>
                          html`<option
                            value="${g.name}"
                            ${g.name === (form.group ?? query.group) ? ' selected' : ''}
                          >
                            ${g.name}
                          </option>`,
                      )}
                    </select>
                  </div>`
            }
            ${textField(t('provisioningPassword'), 'password', { type: 'password', required: true, ...optional(errorFor('password')) })}
            <button type="submit">${t('create')}</button>
          </form>`
    }`,
  );
}

async function userPage(
  management: ManagementService,
  page: PageContext,
  principal: Principal,
  tenant: Tenant,
  username: string,
  form: {
    values?: Readonly<Record<string, string>>;
    error?: FormError;
    enrolment?: { link: string; expiresAt: string; qr: string };
    /** The protocol of the new account form. */
    protocol?: AccountProtocol;
    /** The provisioning password form: its refusal, or what the change did. */
    password?: PasswordState;
  } = {},
): Promise<Html> {
  const t = (key: Parameters<typeof text>[1], values?: Record<string, string>) =>
    text(page.language, key, values);
  const user = await management.users.get(tenant.slug, username);
  const accounts = await management.accounts.list(tenant.slug, username);
  const protocol = form.protocol ?? 'sip';
  const groups = await management.groups.list(tenant.slug);
  return layout(
    page,
    `${t('user')} ${user.username}`,
    html`<p><a href="${usersPath(tenant)}">${t('back')}</a></p>
      <p id="user-state">
        ${t('state')}:
        ${user.revokedAt !== undefined ? t('revoked') : user.enabled ? t('enabled') : t('disabled')}
      </p>
      ${
        principal.role === 'read-only'
          ? ''
          : html`<form method="post" action="${userPath(tenant, user.username)}/state" class="card">
                ${csrfField(page)}
                ${(user.enabled && user.revokedAt === undefined
                  ? (['disable', 'revoke', 'remove'] as const)
                  : (['enable', 'remove'] as const)
                ).map(
                  (action) =>
                    html`<button type="submit" name="action" value="${action}">
                      ${t(`user_${action}`)}
                    </button> `,
                )}
                <p class="help">${t('userActionsHelp')}</p>
              </form>
              <form method="post" action="${userPath(tenant, user.username)}/details" class="card" novalidate>
                ${csrfField(page)}
                ${textField(t('displayName'), 'displayName', {
                  value: user.displayName ?? '',
                  ...optional(form.error?.field === 'display-name' ? form.error.message : undefined),
                })}
                <div class="field">
                  <label for="field-group">${t('group')}</label>
                  <select id="field-group" name="group">
                    <option value="">${t('noGroup')}</option>
                    ${groups.map(
                      (g) =>
                        html`<option value="${g.name}" ${g.id === user.groupId ? ' selected' : ''}>
                          ${g.name}
                        </option>`,
                    )}
                  </select>
                </div>
                <button type="submit">${t('save')}</button>
              </form>`
      }
      ${principal.role === 'read-only' ? '' : passwordForm(page, userPath(tenant, user.username), form.password)}
      <section class="card" aria-labelledby="accounts">
        <h2 id="accounts">${t('accounts')}</h2>
        ${
          accounts.length === 0
            ? html`<p>${t('noAccounts')}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">ident</th>
                    <th scope="col">${t('protocol')}</th>
                    <th scope="col">${t('username')}</th>
                    <th scope="col">${t('domain')}</th>
                    <th scope="col">${t('default')}</th>
                    <th scope="col"><span class="visually-hidden">${t('actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${accounts.map(
                    (a) =>
                      html`<tr>
                        <td>
                          ${
                            principal.role === 'read-only'
                              ? a.ident
                              : html`<a href="${userPath(tenant, user.username)}/accounts/${a.ident}"
                                  >${a.ident}</a
                                >`
                          }
                        </td>
                        <td>${a.protocol}</td>
                        <td>${String(optionValue(a.item, 'username') ?? '')}</td>
                        <td>${String(optionValue(a.item, REGISTRAR_OPTION[a.protocol]) ?? '')}</td>
                        <td>
                          ${
                            a.isDefault
                              ? t('yes')
                              : principal.role === 'read-only'
                                ? ''
                                : accountAction(page, userPath(tenant, user.username), a.ident, 'default')
                          }
                        </td>
                        <td>
                          ${
                            principal.role === 'read-only'
                              ? ''
                              : accountAction(page, userPath(tenant, user.username), a.ident, 'remove')
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      ${
        principal.role === 'read-only'
          ? ''
          : html`<section class="card" aria-labelledby="enrolment">
              <h2 id="enrolment">${t('enrolment')}</h2>
              <p class="help">${t('enrolmentHelp')}</p>
              ${
                form.enrolment === undefined
                  ? ''
                  : html`<p class="notice" role="status">
                        ${t('enrolmentLink', { until: form.enrolment.expiresAt })}
                      </p>
                      <p>
                        <input
                          type="text"
                          readonly
                          id="enrolment-link"
                          aria-label="${t('enrolmentLink', { until: form.enrolment.expiresAt })}"
                          value="${form.enrolment.link}"
                          size="80"
                        />
                      </p>
                      <div class="qr">${new Html(form.enrolment.qr)}</div>`
              }
              <form method="post" action="${userPath(tenant, user.username)}/enrolments" class="inline">
                ${csrfField(page)}<input type="hidden" name="kind" value="link" /><button type="submit">
                  ${t('newEnrolmentLink')}
                </button>
              </form>
              ${tenant.oemProviderId === undefined ? '' : html`<form method="post" action="${userPath(tenant, user.username)}/enrolments" class="inline">${csrfField(page)}<input type="hidden" name="kind" value="token" /><button type="submit">${t('newTokenLink')}</button></form>`}
            </section>`
      }
      <section class="card" aria-labelledby="phone">
        <h2 id="phone">${t('whatPhoneGets')}</h2>
        <ul>
          ${ZOIPER_PLATFORMS.map(
            (p) =>
              html`<li>
                <a href="${userPath(tenant, user.username)}/preview?platform=${p}">${t('preview')}: ${p}</a>
              </li>`,
          )}
        </ul>
      </section>
      ${
        principal.role === 'read-only'
          ? ''
          : html`<nav aria-label="${t('protocol')}" id="new-account">
                ${ACCOUNT_PROTOCOLS.map(
                  (p) =>
                    html`<a
                      href="${userPath(tenant, user.username)}?protocol=${p}#new-account"
                      ${p === protocol ? html` aria-current="page"` : ''}
                      >${t('newAccount')}: ${PROTOCOL_NAME[p]}</a
                    > `,
                )}
              </nav>
              ${accountForm(page, {
                action: `${userPath(tenant, user.username)}/accounts?protocol=${protocol}`,
                heading: `${t('newAccount')}: ${PROTOCOL_NAME[protocol]}`,
                submit: t('add'),
                protocol,
                more: false,
                ...(form.values === undefined ? {} : { values: form.values }),
                ...(form.error === undefined ? {} : { error: form.error }),
              })}`
      }`,
  );
}

/** A button acting on one account of the user's table: making it the default, or removing it. */
function accountAction(page: PageContext, user: string, ident: string, action: 'default' | 'remove'): Html {
  const label = text(page.language, action === 'default' ? 'makeDefault' : 'remove');
  return html`<form method="post" action="${user}/accounts/${ident}/${action}" class="inline">
    ${csrfField(page)}
    <button type="submit" aria-label="${label} ${ident}">${label}</button>
  </form>`;
}

/** What the provisioning password form shows: its refusal, or what the change did. */
interface PasswordState {
  readonly error?: string;
  readonly done?: boolean;
  /** A generated password, shown this once. */
  readonly generated?: string;
  readonly previousValidUntil?: string;
  /** The user's Provision.xml with the new password preset, carried inside the page. */
  readonly provisionFile?: string;
}

/** Sets the user's provisioning password (typed, or generated and shown once). */
function passwordForm(page: PageContext, action: string, state: PasswordState = {}): Html {
  const t = (key: Parameters<typeof text>[1], values?: Record<string, string>) =>
    text(page.language, key, values);
  return html`<form method="post" action="${action}/password" class="card" novalidate>
    <h2 id="password-section">${t('provisioningPasswordSection')}</h2>
    ${
      state.done === true
        ? html`<p class="notice" role="status">
            ${
              state.previousValidUntil === undefined
                ? t('passwordSetOldRevoked')
                : t('passwordSet', { until: state.previousValidUntil })
            }
          </p>`
        : ''
    }
    ${
      state.generated === undefined
        ? ''
        : html`<p>${t('generatedPassword')} <code id="generated-password">${state.generated}</code></p>`
    }
    ${
      state.provisionFile === undefined
        ? ''
        : html`<p>
            <a
              href="data:application/xml;base64,${Buffer.from(state.provisionFile, 'utf8').toString('base64')}"
              download="Provision.xml"
              id="user-provision-file"
              >${t('userProvisionFile')}</a
            >
          </p>`
    }
    ${csrfField(page)}
    ${textField(t('newPassword'), 'newPassword', { type: 'password', ...optional(state.error) })}
    <p class="help">${t('newPasswordHelp')}</p>
    ${checkboxField('revokeOld', t('revokeOld'), false)}
    <button type="submit">${t('setPassword')}</button>
  </form>`;
}

async function accountPage(
  management: ManagementService,
  page: PageContext,
  tenant: Tenant,
  username: string,
  ident: string,
  form: { values?: Readonly<Record<string, string>>; error?: FormError } = {},
): Promise<Html> {
  const t = (key: Parameters<typeof text>[1]) => text(page.language, key);
  const account = await accountOf(management, tenant, username, ident);
  return layout(
    page,
    `${t('account')} ${ident}`,
    html`<p><a href="${userPath(tenant, username)}">${t('back')}</a></p>
      <p class="help">${t('accountEditHelp')}</p>
      ${accountForm(page, {
        action: `${userPath(tenant, username)}/accounts/${ident}`,
        heading: `${t('account')} ${ident} (${account.protocol})`,
        submit: t('save'),
        protocol: account.protocol,
        more: true,
        values: form.values ?? storedValues(account.protocol, account.item),
        ...(form.error === undefined ? {} : { error: form.error }),
      })}`,
  );
}

/**
 * The user's Provision.xml with the password just set preset in it, while the page still knows that
 * password; none when the server has no public URL to name in it (or the username cannot go into one).
 */
async function presetProvisionFile(
  management: ManagementService,
  tenant: Tenant,
  username: string,
  password: string,
): Promise<{ provisionFile?: string }> {
  try {
    const file = await management.provisionFiles.build({ tenant: tenant.slug, user: username, password });
    return { provisionFile: file.text };
  } catch (error) {
    // The two refusals the page cannot help: no base URL to name, a username unsafe in a URL.
    if (
      isZprovError(error) &&
      error.code === 'invalid_input' &&
      (error.field === 'url' || error.field === 'user')
    )
      return {};
    throw error;
  }
}

/** One of the user's accounts, or not found (an ident of another user's account is not this page's). */
async function accountOf(management: ManagementService, tenant: Tenant, username: string, ident: string) {
  const account = (await management.accounts.list(tenant.slug, username)).find((a) => a.ident === ident);
  if (account === undefined) throw new ZprovError('not_found', `no account ${ident}`);
  return account;
}

async function previewPage(
  management: ManagementService,
  page: PageContext,
  tenant: Tenant,
  username: string,
  platform: string,
  overlaid: { config: string; result?: string; error?: string } = { config: '' },
): Promise<Html> {
  const t = (key: Parameters<typeof text>[1]) => text(page.language, key);
  const chosen = isZoiperPlatform(platform) ? platform : 'desktop';
  const { user, rendered } = await management.reports.render(tenant.slug, username, chosen);
  const devices = await management.reports.deviceChanges(tenant.slug, username, chosen);
  return layout(
    page,
    `${t('whatPhoneGets')}: ${user.username} · ${chosen}`,
    html`<p><a href="${userPath(tenant, user.username)}">${t('back')}</a></p>
      <nav aria-label="${t('platform')}">
        ${ZOIPER_PLATFORMS.map(
          (p) =>
            html`<a
              href="${userPath(tenant, user.username)}/preview?platform=${p}"
              ${p === chosen ? html` aria-current="page"` : ''}
              >${p}</a
            > `,
        )}
      </nav>
      ${rendered.empty ? html`<p class="notice">${t('nothingToServe')}</p>` : ''}
      <pre id="served-document"><code>${rendered.body}</code></pre>
      <p class="help">sha256 ${rendered.hash}</p>
      <h2>${t('sinceLastFetch')}</h2>
      ${
        devices.length === 0
          ? html`<p>${t('noDeviceOfPlatform')}</p>`
          : html`<ul id="device-changes">
              ${devices.map(
                ({ row, changes }) =>
                  html`<li>
                    <strong>${row.device?.userAgent === '' ? '?' : row.device?.userAgent}</strong>,
                    ${row.lastFetchAt ?? ''}:
                    ${
                      changes === undefined
                        ? t('notKept')
                        : changes.length === 0
                          ? t('holdsCurrent')
                          : html`<pre><code>${formatDiff(changes)}</code></pre>`
                    }
                  </li>`,
              )}
            </ul>`
      }
      ${
        rendered.leftOut.length === 0
          ? ''
          : html`<h2>${t('notSent')}</h2>
              <ul>
                ${rendered.leftOut.map((l) => html`<li><code>${l.path}</code> — ${l.reason}</li>`)}
              </ul>`
      }
      ${
        chosen !== 'desktop'
          ? ''
          : html`<form
                method="post"
                action="${userPath(tenant, user.username)}/preview/overlay"
                class="card"
                enctype="multipart/form-data"
                novalidate
              >
                <h2>${t('overlayTitle')}</h2>
                <p class="help">${t('overlayHelp')}</p>
                ${csrfField(page)}
                ${configXmlFields(page.language, 'config', {
                  rows: 12,
                  text: overlaid.config,
                  ...(overlaid.error === undefined ? {} : { error: overlaid.error }),
                })}
                <button type="submit">${t('overlayRun')}</button>
              </form>
              ${
                overlaid.result === undefined
                  ? ''
                  : html`<h2>${t('overlayResult')}</h2>
                      <pre id="overlay-result"><code>${overlaid.result}</code></pre>`
              }`
      }`,
  );
}

/** The phone's Config.xml after it lays the user's Desktop document over the one pasted. */
async function overlaid(
  management: ManagementService,
  tenant: Tenant,
  username: string,
  config: string,
): Promise<{ config: string; result?: string; error?: string }> {
  const { document, diagnostics } = readZoiperDocument(config);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error !== undefined)
    return {
      config,
      error: `line ${error.line}:${error.column}: ${error.path === '' ? '' : `${error.path}: `}${error.message}`,
    };
  if (document?.kind !== 'config') return { config, error: 'not a Config.xml (its root is not <options>)' };
  const { rendered } = await management.reports.render(tenant.slug, username, 'desktop');
  if (rendered.document === undefined) throw new Error('the report cache keeps documents');
  return { config, result: serializeConfig(overlay(document, rendered.document, tenant)) };
}

export function registerUserPages(router: PageRouter, management: ManagementService): void {
  type Params = { tenant: string; user?: string };
  const tenantOf = async (principal: Principal, params: unknown) =>
    scopedTenant(management, principal, (params as Params).tenant);

  router.get('/t/:tenant/users', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    const query = request.query as Record<string, string | undefined>;
    return {
      html: await usersPage(management, page, session.principal, tenant, usersQuery(query)),
    };
  });

  router.post('/t/:tenant/users', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const username = formField(request, 'username').trim();
    const displayName = formField(request, 'displayName').trim();
    const group = formField(request, 'group');
    const password = formField(request, 'password');
    try {
      await management.users.add({
        tenant: tenant.slug,
        username,
        password,
        ...(displayName === '' ? {} : { displayName }),
        ...(group === '' ? {} : { group }),
      });
    } catch (error) {
      const shown = fieldError(error);
      return {
        status: 400,
        html: await usersPage(
          management,
          page,
          session.principal,
          tenant,
          { q: '' },
          { username, displayName, group, error: shown },
        ),
      };
    }
    return { redirect: userPath(tenant, username) };
  });

  router.get('/t/:tenant/users/:user', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    return {
      html: await userPage(
        management,
        page,
        session.principal,
        tenant,
        (request.params as Params).user ?? '',
        { protocol: protocolOf(request.query) },
      ),
    };
  });

  router.post('/t/:tenant/users/:user/accounts', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const username = (request.params as Params).user ?? '';
    const protocol = protocolOf(request.query);
    const values = submittedValues(request, protocol, false);
    try {
      await management.accounts.add(
        tenant.slug,
        username,
        accountChanges(protocol, values, formField(request, 'password')),
      );
    } catch (error) {
      return {
        status: 400,
        html: await userPage(management, page, session.principal, tenant, username, {
          values,
          protocol,
          error: fieldError(error),
        }),
      };
    }
    return { redirect: userPath(tenant, username) };
  });

  router.get('/t/:tenant/users/:user/accounts/:ident', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const { user, ident } = request.params as Params & { ident: string };
    return { html: await accountPage(management, page, tenant, user ?? '', ident) };
  });

  router.post('/t/:tenant/users/:user/accounts/:ident', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const { user, ident } = request.params as Params & { ident: string };
    const username = user ?? '';
    const account = await accountOf(management, tenant, username, ident);
    const values = submittedValues(request, account.protocol, true);
    try {
      await management.accounts.update(
        ident,
        accountChanges(
          account.protocol,
          values,
          formField(request, 'password'),
          storedValues(account.protocol, account.item),
        ),
        tenant.slug,
      );
    } catch (error) {
      return {
        status: 400,
        html: await accountPage(management, page, tenant, username, ident, {
          values,
          error: fieldError(error),
        }),
      };
    }
    return { redirect: userPath(tenant, username) };
  });

  router.post('/t/:tenant/users/:user/password', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const username = (request.params as Params).user ?? '';
    const typed = formField(request, 'newPassword');
    let password: PasswordState;
    let status = 200;
    try {
      const change = await management.users.setPassword(
        tenant.slug,
        username,
        typed === '' ? undefined : typed,
        { revokeOld: formField(request, 'revokeOld') === 'true' },
      );
      password = {
        done: true,
        ...(change.generatedPassword === undefined ? {} : { generated: change.generatedPassword }),
        ...(change.previousValidUntil === undefined ? {} : { previousValidUntil: change.previousValidUntil }),
        ...(await presetProvisionFile(management, tenant, username, change.generatedPassword ?? typed)),
      };
    } catch (error) {
      password = { error: fieldError(error).message };
      status = 400;
    }
    // Answered as a page, not a redirect: a generated password is shown this once and kept nowhere.
    return {
      status,
      html: await userPage(management, page, session.principal, tenant, username, { password }),
    };
  });

  router.post('/t/:tenant/users/:user/details', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const username = (request.params as Params).user ?? '';
    const group = formField(request, 'group');
    try {
      await management.users.update(tenant.slug, username, {
        displayName: formField(request, 'displayName').trim(),
        group: group === '' ? null : group,
      });
    } catch (error) {
      return {
        status: 400,
        html: await userPage(management, page, session.principal, tenant, username, {
          error: fieldError(error),
        }),
      };
    }
    return { redirect: userPath(tenant, username) };
  });

  router.post('/t/:tenant/users/:user/accounts/:ident/default', async ({ session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const { user, ident } = request.params as Params & { ident: string };
    await accountOf(management, tenant, user ?? '', ident);
    await management.accounts.setDefault(ident, tenant.slug);
    return { redirect: userPath(tenant, user ?? '') };
  });

  router.post('/t/:tenant/users/:user/state', async ({ session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const username = (request.params as Params).user ?? '';
    switch (formField(request, 'action')) {
      case 'disable':
        await management.users.setEnabled(tenant.slug, username, false);
        break;
      case 'enable':
        await management.users.setEnabled(tenant.slug, username, true);
        break;
      case 'revoke':
        await management.users.revoke(tenant.slug, username);
        break;
      case 'remove':
        await management.users.remove(tenant.slug, username);
        return { redirect: usersPath(tenant) };
      default:
        throw new ZprovError('not_found', 'no such action');
    }
    return { redirect: userPath(tenant, username) };
  });

  router.post('/t/:tenant/users/:user/accounts/:ident/remove', async ({ session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const { user, ident } = request.params as Params & { ident: string };
    await accountOf(management, tenant, user ?? '', ident);
    await management.accounts.remove(ident, tenant.slug);
    return { redirect: userPath(tenant, user ?? '') };
  });

  router.post('/t/:tenant/users/:user/enrolments', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const username = (request.params as Params).user ?? '';
    const kind = formField(request, 'kind') === 'token' ? 'token' : 'link';
    try {
      const offer = await management.enrolments.create(tenant.slug, username, kind);
      // Made here, from the link alone: no service elsewhere sees it.
      const qr = await QRCode.toString(offer.link, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
        width: 240,
      });
      return {
        html: await userPage(management, page, session.principal, tenant, username, {
          enrolment: { link: offer.link, expiresAt: offer.expiresAt, qr },
        }),
      };
    } catch (error) {
      return {
        status: 400,
        html: await userPage(management, page, session.principal, tenant, username, {
          error: fieldError(error),
        }),
      };
    }
  });

  router.post('/t/:tenant/users/:user/preview/overlay', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const username = (request.params as Params).user ?? '';
    const result = await overlaid(management, tenant, username, configText(request, 'config'));
    return {
      status: result.error === undefined ? 200 : 400,
      html: await previewPage(management, page, tenant, username, 'desktop', result),
    };
  });

  router.get('/t/:tenant/users/:user/preview', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    // The served document holds SIP passwords: like the API's, for roles that may write.
    checkAccess(session.principal, 'write');
    const query = request.query as Record<string, string | undefined>;
    return {
      html: await previewPage(
        management,
        page,
        tenant,
        (request.params as Params).user ?? '',
        query['platform'] ?? 'desktop',
      ),
    };
  });
}
