// The change history: every change from the pages, the CLI, the API and imports, newest first, with
// what changed (secrets masked); a writer brings a record back to what a revision made it, recorded
// as a revision of its own. A tenant's people see their tenant's history; server-wide records
// (profiles) are seen by people of every tenant and restored by server admins only.
import { ZprovError } from '../../../core/errors.js';
import type { ManagementService } from '../../../services/management/management-service.js';
import type { Revision } from '../../../services/model.js';
import { checkAccess } from '../../admin-api/access.js';
import { visibleRevision } from '../../admin-api/routes/history-routes.js';
import { scopedTenant } from '../../admin-api/routes/scoped-tenant.js';
import { html } from '../html.js';
import { ADMIN_PREFIX, csrfField, layout, pageLinks } from '../page-layout.js';
import type { PageRouter } from '../page-router.js';
import { text, type TextKey } from '../web-text.js';

const PAGE_SIZE = 50;

export function registerHistoryPages(router: PageRouter, management: ManagementService): void {
  router.get('/history', async ({ page, session, request }) => {
    const t = (key: TextKey) => text(page.language, key);
    const principal = session.principal;
    const query = request.query as Record<string, string | undefined>;
    // A tenant's people see their own tenant's history; the others every tenant's, or one.
    const asked = query['tenant'] === '' ? undefined : query['tenant'];
    const tenant =
      principal.tenantId !== undefined
        ? (await management.tenants.list()).find((x) => x.id === principal.tenantId)
        : asked === undefined
          ? undefined
          : await scopedTenant(management, principal, asked);
    const before = Number(query['before']);
    const revisions = await management.history.list({
      ...(tenant === undefined ? {} : { tenant: tenant.slug }),
      ...(Number.isSafeInteger(before) && before > 0 ? { beforeSeq: before } : {}),
      limit: PAGE_SIZE,
    });
    const mayRestore = (r: Revision) =>
      principal.role !== 'read-only' &&
      r.action !== 'reveal' &&
      r.entity !== 'token' &&
      r.entity !== 'admin' &&
      (r.tenantId !== undefined || principal.role === 'server-admin');
    const last = revisions.at(-1);
    const base = `${ADMIN_PREFIX}/history?tenant=${encodeURIComponent(tenant?.slug ?? '')}`;
    return {
      html: layout(
        page,
        `${t('history')}${tenant === undefined ? '' : ` · ${tenant.name}`}`,
        html`<table id="history">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">${t('time')}</th>
                <th scope="col">${t('who')}</th>
                <th scope="col">${t('what')}</th>
                <th scope="col">${t('changes')}</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              ${revisions.map(
                (r) =>
                  html`<tr>
                    <td>${r.seq}</td>
                    <td>${r.at}</td>
                    <td>${r.actor}</td>
                    <td>${r.entity} ${r.label} (${r.action})</td>
                    <td>
                      <ul>
                        ${r.changes.map(
                          (c) => html`<li><code>${c.path}</code>: ${c.from ?? '∅'} → ${c.to ?? '∅'}</li>`,
                        )}
                      </ul>
                    </td>
                    <td>
                      ${
                        mayRestore(r)
                          ? html`<form
                              method="post"
                              action="${ADMIN_PREFIX}/history/${r.seq}/restore"
                              class="inline"
                            >
                              ${csrfField(page)}<button type="submit" aria-label="${t('restore')} #${r.seq}">
                                ${t('restore')}
                              </button>
                            </form>`
                          : ''
                      }
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${pageLinks(page, {
            ...(query['before'] === undefined ? {} : { first: { href: base, label: t('newestFetches') } }),
            ...(revisions.length === PAGE_SIZE && last !== undefined
              ? { next: { href: `${base}&before=${last.seq}`, label: t('older') } }
              : {}),
          })}`,
      ),
    };
  });

  router.post('/history/:seq/restore', async ({ session, request }) => {
    checkAccess(session.principal, 'write');
    const seq = Number((request.params as { seq: string }).seq);
    if (!Number.isSafeInteger(seq) || seq < 1) throw new ZprovError('not_found', 'no such revision');
    const target = await visibleRevision(management, session.principal, seq);
    if (target.tenantId === undefined) checkAccess(session.principal, 'server-admin');
    await management.history.restore(seq);
    const tenant =
      target.tenantId === undefined
        ? undefined
        : (await management.tenants.list()).find((x) => x.id === target.tenantId);
    return { redirect: `${ADMIN_PREFIX}/history?tenant=${encodeURIComponent(tenant?.slug ?? '')}` };
  });
}
