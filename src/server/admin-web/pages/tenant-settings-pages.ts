// A tenant's settings: its name, what its Provision.xml files say by default, the language its
// phones are answered in, its branded apps' URL parameter names and OEM provider id; and the
// Provision.xml its Desktop phones start from (no credentials in it: the phone asks for them); and,
// for a server admin, the tenant's removal, confirmed by typing its slug.
import type { ManagementService } from '../../../services/management/management-service.js';
import type { Principal } from '../../../services/management/token-admin.js';
import { DEFAULT_TENANT_SLUG, type Tenant } from '../../../services/model.js';
import { LANGUAGES } from '../../../services/messages.js';
import { checkAccess } from '../../admin-api/access.js';
import { scopedTenant } from '../../admin-api/routes/scoped-tenant.js';
import { html, type Html } from '../html.js';
import { checkboxField, textField } from '../option-field.js';
import {
  ADMIN_PREFIX,
  csrfField,
  layout,
  tenantNav,
  tenantPagePath,
  type PageContext,
} from '../page-layout.js';
import { fieldError, formField, type PageRouter } from '../page-router.js';
import { text, type TextKey } from '../web-text.js';

const settingsPath = (tenant: Tenant) => tenantPagePath(tenant.slug, 'settings');

function settingsPage(
  page: PageContext,
  principal: Principal,
  tenant: Tenant,
  error?: { field: string; message: string },
  removal?: { confirm: string; error: string },
): Html {
  const t = (key: TextKey) => text(page.language, key);
  const errorFor = (field: string) => (error?.field === field ? { error: error.message } : {});
  const placed = [
    'name',
    'oemProviderId',
    'phoneParams.username',
    'phoneParams.password',
    'phoneParams.version',
  ];
  return layout(
    page,
    `${t('settings')} · ${tenant.name}`,
    html`${tenantNav(page, tenant.slug, 'settings')}
      <p><a href="${settingsPath(tenant)}/Provision.xml" id="provision-file">${t('provisionFile')}</a></p>
      ${
        principal.role === 'read-only'
          ? ''
          : html`<form method="post" action="${settingsPath(tenant)}" class="card" novalidate>
              <p class="help">${t('settingsHelp')}</p>
              ${
                error !== undefined && !placed.includes(error.field)
                  ? html`<p class="alert" role="alert">${error.message}</p>`
                  : ''
              }
              ${csrfField(page)} ${textField(t('name'), 'name', { value: tenant.name, ...errorFor('name') })}
              ${checkboxField('deleteAccountsBeforehand', t('deleteAccountsBeforehand'), tenant.deleteAccountsBeforehand)}
              ${checkboxField(
                'deleteContactServicesBeforehand',
                t('deleteContactServicesBeforehand'),
                tenant.deleteContactServicesBeforehand,
              )}
              <div class="field">
                <label for="field-language">${t('phoneLanguage')}</label>
                <select id="field-language" name="language">
                  ${LANGUAGES.map(
                    (l) =>
                      html`<option value="${l}" ${l === tenant.language ? ' selected' : ''}>${l}</option>`,
                  )}
                </select>
              </div>
              ${textField(t('oemProviderId'), 'oemProviderId', {
                value: tenant.oemProviderId ?? '',
                ...errorFor('oemProviderId'),
              })}
              ${textField(t('usernameParam'), 'usernameParam', {
                value: tenant.phoneParams.username ?? '',
                ...errorFor('phoneParams.username'),
              })}
              ${textField(t('passwordParam'), 'passwordParam', {
                value: tenant.phoneParams.password ?? '',
                ...errorFor('phoneParams.password'),
              })}
              ${textField(t('versionParam'), 'versionParam', {
                value: tenant.phoneParams.version ?? '',
                ...errorFor('phoneParams.version'),
              })}
              <button type="submit">${t('save')}</button>
            </form>`
      }
      ${
        principal.role === 'server-admin' && tenant.slug !== DEFAULT_TENANT_SLUG
          ? html`<form method="post" action="${settingsPath(tenant)}/remove" class="card" novalidate>
              <h2>${t('removeTenant')}</h2>
              <p class="help">${t('removeTenantHelp')}</p>
              ${csrfField(page)}
              ${textField(text(page.language, 'typeSlugToConfirm', { slug: tenant.slug }), 'confirm', {
                value: removal?.confirm ?? '',
                required: true,
                ...(removal === undefined ? {} : { error: removal.error }),
              })}
              <button type="submit" class="danger">${t('removeTenant')}</button>
            </form>`
          : ''
      }`,
  );
}

export function registerTenantSettingsPages(router: PageRouter, management: ManagementService): void {
  const tenantOf = (principal: Principal, params: unknown) =>
    scopedTenant(management, principal, (params as { tenant: string }).tenant);

  router.get('/t/:tenant/settings', async ({ page, session, request }) => ({
    html: settingsPage(page, session.principal, await tenantOf(session.principal, request.params)),
  }));

  router.post('/t/:tenant/settings', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const names: { username?: string; password?: string; version?: string } = {};
    for (const [role, field] of [
      ['username', 'usernameParam'],
      ['password', 'passwordParam'],
      ['version', 'versionParam'],
    ] as const) {
      const value = formField(request, field).trim();
      if (value !== '') names[role] = value;
    }
    const oem = formField(request, 'oemProviderId').trim();
    try {
      await management.tenants.update(tenant.slug, {
        name: formField(request, 'name').trim(),
        deleteAccountsBeforehand: formField(request, 'deleteAccountsBeforehand') === 'true',
        deleteContactServicesBeforehand: formField(request, 'deleteContactServicesBeforehand') === 'true',
        language: formField(request, 'language'),
        phoneParams: names,
        oemProviderId: oem === '' ? null : oem,
      });
    } catch (error) {
      return { status: 400, html: settingsPage(page, session.principal, tenant, fieldError(error)) };
    }
    return { redirect: settingsPath(tenant) };
  });

  router.post('/t/:tenant/settings/remove', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'server-admin');
    const confirm = formField(request, 'confirm').trim();
    if (confirm !== tenant.slug)
      return {
        status: 400,
        html: settingsPage(page, session.principal, tenant, undefined, {
          confirm,
          error: text(page.language, 'slugDoesNotMatch', { slug: tenant.slug }),
        }),
      };
    try {
      await management.tenants.remove(tenant.slug);
    } catch (error) {
      const { message } = fieldError(error);
      return {
        status: 400,
        html: settingsPage(page, session.principal, tenant, undefined, { confirm, error: message }),
      };
    }
    return { redirect: `${ADMIN_PREFIX}/tenants` };
  });

  router.get('/t/:tenant/settings/Provision.xml', async ({ session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    const file = await management.provisionFiles.build({ tenant: tenant.slug, userInput: true });
    return { download: { name: 'Provision.xml', type: 'application/xml', body: file.text } };
  });
}
