// What the phones picked up: a tenant's status, a row per device (current, stale, never ...), a page
// of users at a time; and the fetch log with filters by user and outcome, paged back in time.
import type { ManagementService } from '../../../services/management/management-service.js';
import { FETCH_OUTCOMES, type FetchOutcome } from '../../../services/provisioning-contract.js';
import { scopedTenant } from '../../admin-api/routes/scoped-tenant.js';
import type { PageRouter } from '../page-router.js';
import { html } from '../html.js';
import { layout, pageLinks, searchForm, tenantNav, tenantPagePath } from '../page-layout.js';
import { text, type TextKey } from '../web-text.js';
import { userPath, usersQuery, usersQueryString } from './user-pages.js';

const PAGE_SIZE = 50;

const deviceLabel = (device: { platform: string; userAgent: string } | undefined): string =>
  device === undefined ? '' : `${device.platform} · ${device.userAgent === '' ? '?' : device.userAgent}`;

export function registerOperationPages(router: PageRouter, management: ManagementService): void {
  router.get('/t/:tenant/status', async ({ page, session, request }) => {
    const t = (key: TextKey) => text(page.language, key);
    const tenant = await scopedTenant(
      management,
      session.principal,
      (request.params as { tenant: string }).tenant,
    );
    const query = usersQuery(request.query as Record<string, string | undefined>);
    const { users, next } = await management.users.page(tenant.slug, {
      search: query.q,
      ...(query.after === undefined ? {} : { after: query.after }),
      ...(query.descending === true ? { descending: true } : {}),
      limit: PAGE_SIZE,
    });
    const rows = await management.reports.statusOf(tenant.slug, users);
    const base = tenantPagePath(tenant.slug, 'status');
    const link = (after: string | undefined) => `${base}?${usersQueryString(query, after)}`;
    return {
      html: layout(
        page,
        `${t('status')} · ${tenant.name}`,
        html`${tenantNav(page, tenant.slug, 'status')} ${searchForm(page, base, query.q)}
          <table id="status">
            <thead>
              <tr>
                <th scope="col">${t('user')}</th>
                <th scope="col">${t('device')}</th>
                <th scope="col">${t('status')}</th>
                <th scope="col">${t('lastFetch')}</th>
                <th scope="col">${t('address')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) =>
                  html`<tr>
                    <td><a href="${userPath(tenant, row.username)}">${row.username}</a></td>
                    <td>${row.device === undefined ? t('noDevice') : deviceLabel(row.device)}</td>
                    <td class="status-${row.status}" data-status="${row.status}">
                      ${t(`status_${row.status}`)}
                    </td>
                    <td>${row.lastFetchAt ?? ''}</td>
                    <td>${row.lastClientAddress ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${pageLinks(page, {
            ...(query.after === undefined ? {} : { first: { href: link(undefined), label: t('firstPage') } }),
            ...(next === undefined ? {} : { next: { href: link(next), label: t('next') } }),
          })}`,
      ),
    };
  });

  router.get('/t/:tenant/fetches', async ({ page, session, request }) => {
    const t = (key: TextKey) => text(page.language, key);
    const tenant = await scopedTenant(
      management,
      session.principal,
      (request.params as { tenant: string }).tenant,
    );
    const query = request.query as Record<string, string | undefined>;
    const user = (query['user'] ?? '').trim().slice(0, 256);
    const outcome = FETCH_OUTCOMES.find((o) => o === query['outcome']);
    const before = Number(query['before']);
    const entries = await management.reports.fetchLogPage({
      tenant: tenant.slug,
      ...(user === '' ? {} : { username: user }),
      ...(outcome === undefined ? {} : { outcome }),
      ...(Number.isSafeInteger(before) && before > 0 ? { beforeId: before } : {}),
      limit: PAGE_SIZE,
    });
    const base = tenantPagePath(tenant.slug, 'fetches');
    const filters = `user=${encodeURIComponent(user)}&outcome=${outcome ?? ''}`;
    const last = entries.at(-1);
    const option = (o: FetchOutcome | '') =>
      html`<option value="${o}" ${o === (outcome ?? '') ? ' selected' : ''}>
        ${o === '' ? t('any') : o}
      </option>`;
    return {
      html: layout(
        page,
        `${t('fetchLog')} · ${tenant.name}`,
        html`${tenantNav(page, tenant.slug, 'fetches')}
          <form method="get" action="${base}" class="filters">
            <label for="field-user">${t('user')}</label
            ><input type="text" id="field-user" name="user" value="${user}" />
            <label for="field-outcome">${t('outcome')}</label
            ><select id="field-outcome" name="outcome">
              ${option('')}${FETCH_OUTCOMES.map(option)}
            </select>
            <button type="submit">${t('filter')}</button>
          </form>
          ${
            entries.length === 0
              ? html`<p>${t('noFetches')}</p>`
              : html`<table id="fetches">
                  <thead>
                    <tr>
                      <th scope="col">${t('time')}</th>
                      <th scope="col">${t('user')}</th>
                      <th scope="col">${t('outcome')}</th>
                      <th scope="col">${t('device')}</th>
                      <th scope="col">${t('address')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${entries.map(
                      ({ entry }) =>
                        html`<tr>
                          <td>${entry.at}</td>
                          <td>${entry.username}</td>
                          <td>${entry.outcome}</td>
                          <td>
                            ${deviceLabel({ platform: entry.platform ?? 'desktop', userAgent: entry.userAgent ?? '' })}
                          </td>
                          <td>${entry.clientAddress}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
          ${pageLinks(page, {
            ...(query['before'] === undefined
              ? {}
              : { first: { href: `${base}?${filters}`, label: t('newestFetches') } }),
            ...(entries.length === PAGE_SIZE && last !== undefined
              ? { next: { href: `${base}?${filters}&before=${last.id}`, label: t('olderFetches') } }
              : {}),
          })}`,
      ),
    };
  });
}
