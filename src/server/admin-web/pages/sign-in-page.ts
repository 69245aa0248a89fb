// The sign-in form, and the page every refusal (no such page, not for this role, a stale form) shows.
import { html, type Html } from '../html.js';
import { textField } from '../option-field.js';
import { ADMIN_PREFIX, layout, type PageContext } from '../page-layout.js';
import { text } from '../web-text.js';

export function signInPage(page: PageContext, nonce: string, message?: string): Html {
  const t = (key: Parameters<typeof text>[1]) => text(page.language, key);
  return layout(
    page,
    t('signIn'),
    html`${message === undefined ? '' : html`<p class="alert" role="alert">${message}</p>`}
      <form method="post" action="${ADMIN_PREFIX}/sign-in" class="card">
        <input type="hidden" name="_csrf" value="${nonce}" />
        ${textField(t('name'), 'name', { required: true })}
        ${textField(t('password'), 'password', { type: 'password', required: true })}
        <button type="submit">${t('signIn')}</button>
      </form>`,
  );
}

export function errorPage(page: PageContext, message: string): Html {
  return layout(
    page,
    message,
    html`<p><a href="${ADMIN_PREFIX}/tenants">${text(page.language, 'tenants')}</a></p>`,
  );
}
