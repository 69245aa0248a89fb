// Imports from the pages: upload a pjsip.conf, sip.conf, iax.conf, FreePBX CSV or zprov's CSV/JSON;
// the dry run's plan comes first as tables (what is added, changed, gone, and every problem with its
// file, line and field); running it then applies the very same source, all or nothing, showing its
// progress as it goes, and the passwords of the users it added, once.
import {
  ImportRefused,
  type ImportOutcome,
  type ImportPlan,
} from '../../../services/import/account-import.js';
import {
  DEFAULT_SOURCE_FILE,
  isTextImportFormat,
  parseImportText,
  TEXT_IMPORT_FORMATS,
  type TextImportFormat,
} from '../../../services/import/import-text.js';
import { MISSING_POLICIES, type MissingPolicy } from '../../../services/import/account-import.js';
import type { ManagementService } from '../../../services/management/management-service.js';
import type { Tenant } from '../../../services/model.js';
import { ZprovError } from '../../../core/errors.js';
import { checkAccess } from '../../admin-api/access.js';
import { scopedTenant } from '../../admin-api/routes/scoped-tenant.js';
import { html, Html } from '../html.js';
import { csrfField, layout, tenantNav, tenantPagePath, type PageContext } from '../page-layout.js';
import { formField, formFile, type PageRouter } from '../page-router.js';
import { text, type TextKey } from '../web-text.js';

/** What a dry run was asked, carried to the run so that the run applies exactly what was shown. */
interface ImportForm {
  readonly format: TextImportFormat;
  readonly file: string;
  readonly source: string;
  readonly missing: MissingPolicy;
  readonly domain: string;
}

const importPath = (tenant: Tenant) => tenantPagePath(tenant.slug, 'import');

function uploadForm(page: PageContext, tenant: Tenant, error?: string): Html {
  const t = (key: TextKey) => text(page.language, key);
  return html`<form method="post" action="${importPath(tenant)}" enctype="multipart/form-data" class="card">
    ${csrfField(page)}
    <label for="field-format">${t('importFormat')}</label>
    <select id="field-format" name="format">
      ${TEXT_IMPORT_FORMATS.map((f) => html`<option value="${f}">${f}</option>`)}
    </select>
    <label for="field-source">${t('importFile')}</label>
    <input
      type="file"
      id="field-source"
      name="source"
      ${error === undefined ? '' : html` aria-invalid="true" aria-describedby="field-source-error"`}
    />
    ${error === undefined ? '' : html`<p class="error" id="field-source-error" role="alert">${error}</p>`}
    <label for="field-missing">${t('importMissing')}</label>
    <select id="field-missing" name="missing">
      ${MISSING_POLICIES.map((m) => html`<option value="${m}">${m}</option>`)}
    </select>
    <label for="field-domain">${t('importDomain')}</label>
    <input type="text" id="field-domain" name="domain" />
    <button type="submit">${t('importDryRun')}</button>
  </form>`;
}

function planTables(page: PageContext, plan: ImportPlan): Html {
  const t = (key: TextKey) => text(page.language, key);
  const items = (title: string, id: string, list: ImportPlan['accounts']['add']) =>
    list.length === 0
      ? ''
      : html`<h3>${title} (${list.length})</h3>
          <table id="${id}">
            <thead>
              <tr>
                <th scope="col">${t('importSourceKey')}</th>
                <th scope="col">${t('user')}</th>
                <th scope="col">${t('changes')}</th>
              </tr>
            </thead>
            <tbody>
              ${list.map(
                (item) =>
                  html`<tr>
                    <td>${item.sourceKey}</td>
                    <td>${item.user}</td>
                    <td>
                      ${item.changes.map((c) => html`<code>${c.path}</code>: ${c.from ?? '∅'} → ${c.to ?? '∅'}<br />`)}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`;
  return html`<p id="import-summary">
      ${t('importSummary')}: +${plan.accounts.add.length} ~${plan.accounts.update.length}
      =${plan.accounts.unchanged} −${plan.accounts.missing.length}; ${t('users')} +${plan.users.add.length}
    </p>
    ${
      plan.problems.length === 0
        ? ''
        : html`<h3>${t('importProblems')}</h3>
            <table id="import-problems">
              <tbody>
                ${plan.problems.map(
                  (p) =>
                    html`<tr class="${p.severity}">
                      <td>${p.severity}</td>
                      <td>${p.at.file}:${p.at.line}${p.at.field === undefined ? '' : ` (${p.at.field})`}</td>
                      <td>${p.message}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
    }
    ${items(t('importAdd'), 'import-add', plan.accounts.add)}
    ${items(t('importUpdate'), 'import-update', plan.accounts.update)}
    ${items(t('importGone'), 'import-gone', plan.accounts.missing)}`;
}

const runRequest = (tenant: Tenant, form: ImportForm) => ({
  tenant: tenant.slug,
  format: form.format,
  source: parseImportText(form.format, form.source, form.file),
  missing: form.missing,
  ...(form.domain === '' ? {} : { domain: form.domain }),
});

/** The page around a part made later: its frame split at the point the part goes. */
function frame(page: PageContext, title: string, before: Html): { head: string; tail: string } {
  const marker = '<!--zprov-stream-->';
  const whole = String(layout(page, title, html`${before}${new Html(marker)}`));
  const at = whole.indexOf(marker);
  return { head: whole.slice(0, at), tail: whole.slice(at + marker.length) };
}

/** The run: progress as the accounts are applied, then the outcome, sent as they happen. */
async function* runStream(
  management: ManagementService,
  page: PageContext,
  tenant: Tenant,
  form: ImportForm,
): AsyncGenerator<string> {
  const t = (key: TextKey) => text(page.language, key);
  const { head, tail } = frame(
    page,
    `${t('importTitle')} · ${tenant.name}`,
    tenantNav(page, tenant.slug, 'import'),
  );
  yield head;
  const waiting: string[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let outcome: ImportOutcome | undefined;
  let failure: unknown;
  const running = management.imports
    .run({
      ...runRequest(tenant, form),
      onProgress: (done, total) => {
        waiting.push(
          String(
            html`<progress value="${done}" max="${total}" aria-label="${t('importProgress')}">
              ${done}/${total}
            </progress>`,
          ),
        );
        wake?.();
      },
      keepCredentials: async () => {},
    })
    .then(
      (result) => void (outcome = result),
      (error: unknown) => void (failure = error),
    )
    .finally(() => {
      finished = true;
      wake?.();
    });
  while (!finished || waiting.length > 0) {
    const next = waiting.shift();
    if (next !== undefined) yield next;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
  await running;
  if (outcome !== undefined) {
    yield String(
      html`<p class="notice" role="status" id="import-done">${t('importDone')}</p>
        ${planTables(page, outcome.plan)}
        ${
          outcome.credentials.length === 0
            ? ''
            : html`<h3>${t('importCredentials')}</h3>
                <p class="alert">${t('importPasswordsOnce')}</p>
                <table id="import-credentials">
                  <tbody>
                    ${outcome.credentials.map(
                      (c) =>
                        html`<tr>
                          <td>${c.user}</td>
                          <td><code>${c.password}</code></td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
        }`,
    );
  } else {
    const message =
      failure instanceof ImportRefused || failure instanceof ZprovError ? failure.message : t('importFailed');
    yield String(html`<p class="alert" role="alert" id="import-failed">${message}</p>`);
  }
  yield tail;
}

function readForm(
  request: Parameters<Parameters<PageRouter['post']>[1]>[0]['request'],
  upload: boolean,
): ImportForm {
  const format = formField(request, 'format');
  if (!isTextImportFormat(format))
    throw new ZprovError('invalid_input', `format: '${format}' is not one`, 'format');
  const missingText = formField(request, 'missing');
  const missing = (MISSING_POLICIES as readonly string[]).includes(missingText)
    ? (missingText as MissingPolicy)
    : 'keep';
  const bytes = upload ? formFile(request, 'source') : Buffer.from(formField(request, 'source'), 'base64');
  if (bytes === undefined || bytes.length === 0)
    throw new ZprovError('invalid_input', 'source: choose the file to import', 'source');
  const source = bytes.toString('utf8');
  if (Buffer.from(source, 'utf8').compare(bytes) !== 0)
    throw new ZprovError('invalid_input', 'source: the file is not UTF-8 text', 'source');
  const file = formField(request, 'file') || DEFAULT_SOURCE_FILE[format];
  return { format, file: file.slice(0, 200), source, missing, domain: formField(request, 'domain').trim() };
}

export function registerImportPages(router: PageRouter, management: ManagementService): void {
  const tenantOf = (principal: Parameters<typeof scopedTenant>[1], params: unknown) =>
    scopedTenant(management, principal, (params as { tenant: string }).tenant);

  router.get('/t/:tenant/import', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const t = (key: TextKey) => text(page.language, key);
    return {
      html: layout(
        page,
        `${t('importTitle')} · ${tenant.name}`,
        html`${tenantNav(page, tenant.slug, 'import')}
          <p class="help">${t('importHelp')}</p>
          ${uploadForm(page, tenant)}`,
      ),
    };
  });

  // The dry run: nothing is written; the plan, and a button that runs the same source.
  router.post('/t/:tenant/import', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    const t = (key: TextKey) => text(page.language, key);
    const title = `${t('importTitle')} · ${tenant.name}`;
    let form: ImportForm;
    try {
      form = readForm(request, true);
    } catch (error) {
      if (!(error instanceof ZprovError)) throw error;
      return {
        status: 400,
        html: layout(
          page,
          title,
          html`${tenantNav(page, tenant.slug, 'import')}${uploadForm(page, tenant, error.message)}`,
        ),
      };
    }
    let plan: ImportPlan;
    try {
      plan = (await management.imports.run({ ...runRequest(tenant, form), dryRun: true })).plan;
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      plan = error.plan;
    }
    const runnable = !plan.problems.some((p) => p.severity === 'error');
    return {
      status: runnable ? 200 : 400,
      html: layout(
        page,
        title,
        html`${tenantNav(page, tenant.slug, 'import')}
          <h2>${t('importPlan')}</h2>
          ${planTables(page, plan)}
          ${
            runnable
              ? html`<form
                  method="post"
                  action="${importPath(tenant)}/run"
                  enctype="multipart/form-data"
                  class="card"
                >
                  ${csrfField(page)}
                  <input type="hidden" name="format" value="${form.format}" />
                  <input type="hidden" name="file" value="${form.file}" />
                  <input type="hidden" name="missing" value="${form.missing}" />
                  <input type="hidden" name="domain" value="${form.domain}" />
                  <input
                    type="hidden"
                    name="source"
                    value="${Buffer.from(form.source, 'utf8').toString('base64')}"
                  />
                  <button type="submit">${t('importRun')}</button>
                </form>`
              : html`<p class="alert" role="alert">${t('importFixFirst')}</p>`
          }
          ${uploadForm(page, tenant)}`,
      ),
    };
  });

  router.post('/t/:tenant/import/run', async ({ page, session, request }) => {
    const tenant = await tenantOf(session.principal, request.params);
    checkAccess(session.principal, 'write');
    return { stream: runStream(management, page, tenant, readForm(request, false)) };
  });
}
