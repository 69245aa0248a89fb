// A tenant's groups: the list with each group's profile, a form that adds one, and removal (its users
// stay, without a group).
import type { ManagementService } from '../../../services/management/management-service.js';
import { checkAccess } from '../../admin-api/access.js';
import { scopedTenant } from '../../admin-api/routes/scoped-tenant.js';
import { html } from '../html.js';
import { textField } from '../option-field.js';
import { csrfField, layout, tenantNav, tenantPagePath, type PageContext } from '../page-layout.js';
import { fieldError, formField, type PageRouter } from '../page-router.js';
import type { Principal } from '../../../services/management/token-admin.js';
import type { Tenant } from '../../../services/model.js';
import { text, type TextKey } from '../web-text.js';
import { usersPath } from './user-pages.js';

const groupsPath = (tenant: Tenant) => tenantPagePath(tenant.slug, 'groups');

async function groupsPage(
  management: ManagementService,
  page: PageContext,
  principal: Principal,
  tenant: Tenant,
  form: { name?: string; error?: { field: string; message: string } } = {},
) {
  const t = (key: TextKey) => text(page.language, key);
  const groups = await management.groups.list(tenant.slug);
  const writer = principal.role !== 'read-only';
  return layout(
    page,
    `${t('groups')} · ${tenant.name}`,
    html`${tenantNav(page, tenant.slug, 'groups')}
      <table id="groups">
        <thead>
          <tr>
            <th scope="col">${t('name')}</th>
            <th scope="col"><span class="visually-hidden">${t('actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${groups.map(
            (g) =>
              html`<tr>
                <td><a href="${usersPath(tenant)}?group=${encodeURIComponent(g.name)}">${g.name}</a></td>
                <td>
                  ${
                    writer
                      ? html`<form method="post" action="${groupsPath(tenant)}/remove" class="inline">
                          ${csrfField(page)}<input type="hidden" name="name" value="${g.name}" />
                          <button type="submit" aria-label="${t('remove')} ${g.name}">${t('remove')}</button>
                        </form>`
                      : ''
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        writer
          ? html`<form method="post" action="${groupsPath(tenant)}" class="card" novalidate>
              <h2>${t('newGroup')}</h2>
              ${csrfField(page)}
              ${textField(t('name'), 'name', {
                value: form.name ?? '',
                required: true,
                ...(form.error === undefined ? {} : { error: form.error.message }),
              })}
              <button type="submit">${t('create')}</button>
            </form>`
          : ''
      }`,
  );
}

export function registerGroupPages(router: PageRouter, management: ManagementService): void {
  const tenantOf = (principal: Principal, params: unknown) =>
    scopedTenant(management, principal, (params as { tenant: string }).tenant);

  router.get('/t/:tenant/groups', async ({ page, session, request }) => ({
    html: await groupsPage(
      management,
      page,
      session.principal,
      await tenantOf(session.principal, request.params),
    ),
  }));

  router.post('/t/:tenant/groups', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const name = formField(request, 'name').trim();
    try {
      await management.groups.add(tenant.slug, name);
    } catch (error) {
      return {
        status: 400,
        html: await groupsPage(management, page, session.principal, tenant, {
          name,
          error: fieldError(error),
        }),
      };
    }
    return { redirect: groupsPath(tenant) };
  });

  router.post('/t/:tenant/groups/remove', async ({ session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    await management.groups.remove(tenant.slug, formField(request, 'name'));
    return { redirect: groupsPath(tenant) };
  });
}
