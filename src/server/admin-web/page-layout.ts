// The frame of every page: the document head (only this server's own style sheet), the navigation
// with the signed-in person and the sign-out form, the language switch, and the main content.
import { html, Html } from './html.js';
import { LANGUAGES, type Language } from '../../services/messages.js';
import { text } from './web-text.js';
import type { Principal } from '../../services/management/token-admin.js';

export const ADMIN_PREFIX = '/admin';
export const STYLE_PATH = `${ADMIN_PREFIX}/assets/admin.css`;

export interface PageContext {
  readonly language: Language;
  /** Undefined on the sign-in page. */
  readonly principal?: Principal;
  readonly csrfToken?: string;
  /** The path of the page, for the language switch to come back to. */
  readonly path: string;
}

/** The hidden field every form of a session sends back. */
export const csrfField = (page: PageContext): Html =>
  html`<input type="hidden" name="_csrf" value="${page.csrfToken ?? ''}" />`;

export function layout(page: PageContext, title: string, main: Html): Html {
  const t = (key: Parameters<typeof text>[1], values?: Record<string, string | number>) =>
    text(page.language, key, values);
  const who = page.principal;
  return html`<!doctype html>
    <html lang="${page.language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${t('title')}</title>
        <link rel="stylesheet" href="${STYLE_PATH}" />
      </head>
      <body>
        <a href="#main" class="skip">${t('skipToContent')}</a>
        <header>
          <nav aria-label="${t('title')}">
            <a href="${ADMIN_PREFIX}/tenants" class="brand">zprov</a>
            ${who === undefined ? '' : html`<a href="${ADMIN_PREFIX}/tenants">${t('tenants')}</a>`}
            ${who === undefined || who.tenantId !== undefined ? '' : html`<a href="${ADMIN_PREFIX}/profiles">${t('profiles')}</a>`}
            ${who === undefined ? '' : html`<a href="${ADMIN_PREFIX}/history">${t('history')}</a>`}
          </nav>
          <div class="session">
            ${LANGUAGES.map(
              (l) =>
                html`<a
                  href="${ADMIN_PREFIX}/language?to=${l}&amp;back=${encodeURIComponent(page.path)}"
                  lang="${l}"
                  ${l === page.language ? html` aria-current="true"` : ''}
                  >${l.toUpperCase()}</a
                > `,
            )}
            ${
              who === undefined
                ? ''
                : html`<span
                      >${t('signedInAs', { name: who.name.replace(/^web:/, ''), role: who.role })}</span
                    >
                    <form method="post" action="${ADMIN_PREFIX}/sign-out" class="inline">
                      ${csrfField(page)}<button type="submit">${t('signOut')}</button>
                    </form>`
            }
          </div>
        </header>
        <main id="main" tabindex="-1">
          <h1>${title}</h1>
          ${main}
        </main>
      </body>
    </html> `;
}

/**
 * A page for an end user (an enrolment link), not an administrator: no navigation, the style inline
 * so that it needs nothing but this one response.
 */
export function publicLayout(language: Language, title: string, main: Html): Html {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${new Html(PUBLIC_STYLE)}
        </style>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${main}
        </main>
      </body>
    </html> `;
}

const PUBLIC_STYLE = `body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
main { max-width: 40rem; margin: 2rem auto; padding: 1rem 1.4rem; background: #fff; border: 1px solid #dfe3ea; }
code { font-size: 1.1rem; background: #eef1f5; padding: .1rem .3rem; }
.alert { background: #fff4e5; padding: .5rem .8rem; border-left: 4px solid #b26a00; }
button { padding: .5rem 1.2rem; font-size: 1rem; }
a:focus, button:focus { outline: 3px solid #f0b429; outline-offset: 1px; }`;

/** The search box of a list page. */
export const searchForm = (page: PageContext, action: string, q: string): Html =>
  html`<form method="get" action="${action}" role="search">
    <label for="field-q">${text(page.language, 'search')}</label>
    <input type="search" id="field-q" name="q" value="${q}" />
    <button type="submit">${text(page.language, 'search')}</button>
  </form>`;

interface PageLink {
  readonly href: string;
  readonly label: string;
}

/** A list's links back to its first page and on to the next, each only where there is one. */
export const pageLinks = (page: PageContext, links: { first?: PageLink; next?: PageLink }): Html =>
  html`<nav aria-label="${text(page.language, 'pages')}">
    ${
      links.first === undefined ? '' : html`<a href="${links.first.href}">${links.first.label}</a> `
    }${links.next === undefined ? '' : html`<a href="${links.next.href}" rel="next">${links.next.label}</a>`}
  </nav>`;

/** The pages of a tenant, each at /admin/t/<tenant>/<page>. */
export type TenantPage = 'users' | 'groups' | 'status' | 'fetches' | 'import' | 'settings';

/** Where one of a tenant's pages is. */
export const tenantPagePath = (tenantSlug: string, tenantPage: TenantPage): string =>
  `${ADMIN_PREFIX}/t/${encodeURIComponent(tenantSlug)}/${tenantPage}`;

/** The links between a tenant's pages; the current one marked for screen readers. */
export function tenantNav(page: PageContext, tenantSlug: string, current: TenantPage): Html {
  const items = (
    [
      ['users', 'users'],
      ['groups', 'groups'],
      ['status', 'status'],
      ['fetches', 'fetchLog'],
      ['import', 'importTitle'],
      ['settings', 'settings'],
    ] as const
  ).map(([key, label]) => [key, tenantPagePath(tenantSlug, key), text(page.language, label)] as const);
  return html`<nav class="tabs" aria-label="${text(page.language, 'tenant')} ${tenantSlug}">
    ${items.map(
      ([key, href, label]) =>
        html`<a href="${href}" ${key === current ? html` aria-current="page"` : ''}>${label}</a> `,
    )}
  </nav>`;
}

/** Plain and readable; no fonts, images or scripts from anywhere. */
export const STYLE_SHEET = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
header { display: flex; justify-content: space-between; align-items: center; padding: .6rem 1.2rem; background: #24324a; color: #fff; }
header a { color: #fff; margin-right: 1rem; }
header .brand { font-weight: 700; }
header button { margin-left: .6rem; }
main { padding: 1rem 1.4rem; max-width: 70rem; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: .6rem 0 1.2rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #dfe3ea; vertical-align: top; }
form.card, section.card { background: #fff; padding: .8rem 1rem; margin: .8rem 0; border: 1px solid #dfe3ea; }
form.inline { display: inline; }
label { display: block; font-weight: 600; margin-top: .6rem; }
input[type=text], input[type=password], input[type=number], input[type=search], select { padding: .3rem; min-width: 18rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
progress { width: 24rem; height: 1.2rem; display: block; margin: .6rem 0; }
progress:not(:last-of-type) { display: none; }
tr.error td { color: #a4161a; }
.inline-label { display: inline; font-weight: 400; margin-left: .4rem; }
.note { font-weight: 400; color: #566074; }
.field select.pin { min-width: 10rem; margin-left: .6rem; }
nav.sections a { margin-right: .8rem; }
nav.sections a[aria-current=page] { font-weight: 700; }
.help { color: #566074; font-size: .88rem; margin: .15rem 0 0; }
.error { color: #a4161a; font-weight: 600; margin: .2rem 0 0; }
[aria-invalid=true] { border: 2px solid #a4161a; }
.notice { background: #e7f4ea; padding: .5rem .8rem; border-left: 4px solid #2d7a3e; }
.alert { background: #fbeaea; padding: .5rem .8rem; border-left: 4px solid #a4161a; }
pre { background: #fff; border: 1px solid #dfe3ea; padding: .8rem; overflow: auto; }
button { padding: .35rem .9rem; margin-top: .8rem; }
button.danger { background: #a4161a; color: #fff; border: 1px solid #7d1013; }
nav.tabs a { margin-right: 1rem; }
nav.tabs a[aria-current=page] { font-weight: 700; }
.status-current { color: #2d7a3e; font-weight: 600; }
.status-stale, .status-revoking { color: #a4161a; font-weight: 600; }
.status-never, .status-nothing_to_serve, .status-disabled, .status-removed { color: #566074; }
form.filters label { display: inline-block; margin-right: .4rem; }
form.filters input, form.filters select { min-width: 10rem; margin-right: 1rem; }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #f0b429; outline-offset: 1px; }
.skip { position: absolute; left: -999px; top: .4rem; background: #fff; padding: .3rem .6rem; z-index: 1; }
.skip:focus { left: .4rem; }
details > summary { cursor: pointer; margin: .8rem 0 .4rem; font-weight: 600; }
`;
