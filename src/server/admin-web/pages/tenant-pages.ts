// The tenants a person may see, and (for a server admin) a form that adds one.
import type { ManagementService } from '../../../services/management/management-service.js';
import { checkAccess, seesTenant } from '../../admin-api/access.js';
import { fieldError, formField, type PageRouter } from '../page-router.js';
import { html } from '../html.js';
import { textField } from '../option-field.js';
import { ADMIN_PREFIX, csrfField, layout, tenantPagePath, type PageContext } from '../page-layout.js';
import { text } from '../web-text.js';
import type { Principal } from '../../../services/management/token-admin.js';

async function tenantsPage(
  management: ManagementService,
  page: PageContext,
  principal: Principal,
  form: { slug?: string; name?: string; error?: { field: string; message: string } } = {},
) {
  const t = (key: Parameters<typeof text>[1]) => text(page.language, key);
  const tenants = (await management.tenants.list()).filter((tenant) => seesTenant(principal, tenant));
  const mayCreate = principal.role === 'server-admin';
  const errorFor = (field: string) => (form.error?.field === field ? form.error.message : undefined);
  const other = form.error !== undefined && !['slug', 'name'].includes(form.error.field);
  return layout(
    page,
    t('tenants'),
    html`<table>
        <thead>
          <tr>
            <th scope="col">${t('slug')}</th>
            <th scope="col">${t('name')}</th>
          </tr>
        </thead>
        <tbody>
          ${tenants.map(
            (tenant) =>
              html`<tr>
                <td>
                  <a href="${tenantPagePath(tenant.slug, 'users')}">${tenant.slug}</a>
                </td>
                <td>${tenant.name}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        mayCreate
          ? html`<form method="post" action="${ADMIN_PREFIX}/tenants" class="card" novalidate>
              <h2>${t('newTenant')}</h2>
              ${other ? html`<p class="alert" role="alert">${form.error?.message}</p>` : ''}
              ${csrfField(page)}
              ${textField(t('slug'), 'slug', { value: form.slug ?? '', required: true, ...optional(errorFor('slug')) })}
              ${textField(t('name'), 'name', { value: form.name ?? '', ...optional(errorFor('name')) })}
              <button type="submit">${t('create')}</button>
            </form>`
          : ''
      }`,
  );
}

const optional = (error: string | undefined) => (error === undefined ? {} : { error });

export function registerTenantPages(router: PageRouter, management: ManagementService): void {
  router.get('/tenants', async ({ page, session }) => ({
    html: await tenantsPage(management, page, session.principal),
  }));
  router.post('/tenants', async ({ page, session, request }) => {
    checkAccess(session.principal, 'server-admin');
    const slug = formField(request, 'slug').trim();
    const name = formField(request, 'name').trim();
    try {
      await management.tenants.add({ slug, ...(name === '' ? {} : { name }) });
    } catch (error) {
      return {
        status: 400,
        html: await tenantsPage(management, page, session.principal, {
          slug,
          name,
          error: fieldError(error),
        }),
      };
    }
    return { redirect: tenantPagePath(slug, 'users') };
  });
}
