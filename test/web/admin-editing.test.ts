// The pages' finer editing in headless Chromium: an IAX2 account and every option of an account
// (codecs, nested options, unsetting one), a user's provisioning password set or generated, a
// profile assigned at each layer and fed a Config.xml fragment, a tenant removed only when its slug
// is typed; and the same pages used with the keyboard alone.
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, recordingContext, screenshot } from './browser.js';
import { onlyThisHost, ROOT_PASSWORD, signIn, startAdminPages, type AdminPages } from './admin-fixture.js';

let pages: AdminPages;
const available = browserAvailable();

beforeAll(async () => {
  if (!available) return;
  pages = await startAdminPages();
  const m = pages.t.app.management;
  await m.tenants.add({ slug: 'temp' });
  await m.groups.add('temp', 'desk');
  await m.users.add({ tenant: 'temp', username: 'carol', password: 'carol provisioning', group: 'desk' });
});

afterAll(async () => {
  await pages?.close();
});

/** What carol's Desktop phone would be served now. */
const carolsDocument = async () =>
  (await pages.t.app.management.reports.render('temp', 'carol')).rendered.body;

const fetchAsCarol = (password: string) =>
  fetch(`${pages.phones.url}/t/temp/provision?user=carol&pass=${encodeURIComponent(password)}`);

/** The label of the focused element, as a screen reader would name a form control. */
const focusedName = async (page: Page): Promise<string> =>
  String(
    await page.evaluate(`(() => {
      const el = document.activeElement;
      if (el === null) return '';
      const label = el.labels && el.labels[0] ? el.labels[0].textContent : null;
      return (label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    })()`),
  );

/** Presses Tab until the control named `name` has the focus, as a person without a mouse would. */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    seen.push(focused);
    if (typeof name === 'string' ? focused === name : name.test(focused)) {
      // The focus shows: the style sheet draws an outline on it.
      const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
      expect(outline, focused).not.toBe('none');
      return;
    }
  }
  throw new Error(`no control named ${String(name)} in the tab order: ${seen.join(' | ')}`);
}

describe.skipIf(!available)('editing from the pages', () => {
  it('adds an IAX2 account and edits every option of it, unsetting one', async () => {
    const { context, requested } = await recordingContext(pages.browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, pages.admin.url, 'root', ROOT_PASSWORD);
    await page.goto(`${pages.admin.url}/admin/t/temp/users/carol`);
    await page.getByRole('link', { name: 'New account: IAX2' }).click();
    // The IAX2 form asks for a host, not a SIP domain.
    expect(await page.getByLabel('SIP_domain').count()).toBe(0);
    await page.getByLabel('username', { exact: true }).fill('3001');
    await page.getByLabel('password', { exact: true }).fill('iax secret');
    await page.getByLabel('IAX2_host').fill('iax.example.test');
    await page.getByRole('button', { name: 'Add' }).click();
    const accounts = await pages.t.app.management.accounts.list('temp', 'carol');
    expect(accounts.map((a) => a.protocol)).toEqual(['iax2']);
    const ident = accounts[0]?.ident ?? '';
    expect(await carolsDocument()).toContain('<IAX2_host>iax.example.test</IAX2_host>');

    await page.getByRole('link', { name: ident }).click();
    await page.locator('#more-options summary').click();
    // No SIP option among an IAX2 account's others; its nested ones (stun/...) are there.
    expect(await page.getByLabel('SIP_use_rport').count()).toBe(0);
    await page.getByLabel('IAX2_callerId').fill('Carol');
    await page.getByLabel('stun/use_stun').selectOption('custom');
    await page.getByLabel('Codecs').fill('opus,nonsense');
    await page.getByRole('button', { name: 'Save' }).click();
    // Refused beside its field, the section left open, nothing stored.
    expect(await page.locator('#more-options').getAttribute('open')).not.toBeNull();
    expect(await page.getByLabel('Codecs').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('IAX2_callerId').inputValue()).toBe('Carol');
    expect(await carolsDocument()).not.toContain('IAX2_callerId');
    await screenshot(page, '20-account-more-options-refused');
    await page.getByLabel('Codecs').fill('opus,pcmu');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(page.url()).toBe(`${pages.admin.url}/admin/t/temp/users/carol`);
    let served = await carolsDocument();
    expect(served).toContain('<IAX2_callerId>Carol</IAX2_callerId>');
    expect(served).toMatch(/<stun>[\s\S]*<use_stun>custom<\/use_stun>/);
    expect(served).toMatch(/<codec>[\s\S]*<codec_id>37<\/codec_id>/);

    // Back on the form the stored values show; emptying one gives it back to the layers.
    await page.getByRole('link', { name: ident }).click();
    await page.locator('#more-options summary').click();
    expect(await page.getByLabel('Codecs').inputValue()).toBe('opus,pcmu');
    expect(await page.getByLabel('stun/use_stun').inputValue()).toBe('custom');
    await page.getByLabel('IAX2_callerId').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    served = await carolsDocument();
    expect(served).not.toContain('IAX2_callerId');
    expect(served).toContain('<IAX2_host>iax.example.test</IAX2_host>');
    // The SIP password was kept although its field was left blank.
    expect(await pages.t.app.management.accounts.revealPassword(ident, 'temp')).toBe('iax secret');
    onlyThisHost(pages.admin.url, requested);
    await context.close();
  });

  it("sets a user's provisioning password, typed or generated and shown once", async () => {
    const { context, requested } = await recordingContext(pages.browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, pages.admin.url, 'root', ROOT_PASSWORD);
    await page.goto(`${pages.admin.url}/admin/t/temp/users/carol`);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set the password' }).click();
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    expect((await fetchAsCarol('carol provisioning')).status).toBe(200);

    await page.getByLabel('New password').fill('carol new password');
    await page.getByLabel('Revoke the old password now').check();
    await page.getByRole('button', { name: 'Set the password' }).click();
    expect(await page.getByRole('status').textContent()).toContain('the old one no longer works');
    expect((await fetchAsCarol('carol provisioning')).status).toBe(401);
    expect((await fetchAsCarol('carol new password')).status).toBe(200);
    // Their Provision.xml with that password preset, carried in the page: hashed, never in clear.
    const href = (await page.locator('#user-provision-file').getAttribute('href')) ?? '';
    const file = Buffer.from(href.replace(/^data:application\/xml;base64,/, ''), 'base64').toString('utf8');
    expect(file).toContain('carol');
    expect(file).toContain(createHash('md5').update('carol new password').digest('hex'));
    expect(file).not.toContain('carol new password');

    // Left empty: a generated one, on this page only; the previous one keeps working a while.
    await page.getByRole('button', { name: 'Set the password' }).click();
    const generated = (await page.locator('#generated-password').textContent()) ?? '';
    expect(generated.length).toBeGreaterThanOrEqual(16);
    expect(await page.getByRole('status').textContent()).toContain('The old one works until');
    await screenshot(page, '21-password-generated');
    expect((await fetchAsCarol(generated)).status).toBe(200);
    expect((await fetchAsCarol('carol new password')).status).toBe(200);
    expect(page.url()).not.toContain(generated);
    await page.goto(`${pages.admin.url}/admin/t/temp/users/carol`);
    expect(await page.locator('#generated-password').count()).toBe(0);
    onlyThisHost(pages.admin.url, requested);
    await context.close();
  });

  it('assigns a profile to a group, a user and the server, and feeds it a Config.xml fragment', async () => {
    const { context, requested } = await recordingContext(pages.browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, pages.admin.url, 'root', ROOT_PASSWORD);
    await page.goto(`${pages.admin.url}/admin/profiles`);
    await page.getByLabel('Name').fill('layered');
    await page.getByRole('button', { name: 'Create' }).click();

    // A group that does not exist is refused beside its field.
    await page.getByLabel('Layer').selectOption('group');
    await page.getByLabel('Tenant', { exact: true }).selectOption('temp');
    await page.getByLabel('Group', { exact: true }).fill('nope');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    expect(await page.getByLabel('Group', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Group', { exact: true }).fill('desk');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByLabel('Layer').selectOption('user');
    await page.getByLabel('Tenant', { exact: true }).selectOption('temp');
    await page.getByLabel('Username').fill('carol');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByLabel('Layer').selectOption('server');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    const shown = await pages.t.app.management.profiles.show('layered');
    expect(shown.assignments).toMatchObject({
      server: true,
      groups: [{ tenant: 'temp', name: 'desk' }],
      users: [{ tenant: 'temp', username: 'carol' }],
    });
    await screenshot(page, '22-profile-assigned');

    // A broken fragment is named by line; a good one merges over the profile's options.
    await page.getByLabel('Config.xml').fill('<options><general><auto_away>7</general></options>');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    expect(await page.locator('#field-fragment-error').textContent()).toMatch(/^line 1:/);
    await page
      .getByLabel('Config.xml')
      .fill('<options><general><auto_away>7</auto_away></general></options>');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    expect(await carolsDocument()).toContain('<auto_away>7</auto_away>');

    // Taken away from each place, by its own button; carol's document loses the option.
    for (const place of ['server-wide', 'temp/desk', 'temp/carol'])
      await page.getByRole('button', { name: `Unassign: ${place}` }).click();
    expect((await pages.t.app.management.profiles.show('layered')).assignments).toMatchObject({
      server: false,
      groups: [],
      users: [],
    });
    expect(await carolsDocument()).not.toContain('auto_away');
    onlyThisHost(pages.admin.url, requested);
    await context.close();
  });

  it('is used with the keyboard alone: sign in, create a tenant and a user', async () => {
    const { context } = await recordingContext(pages.browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${pages.admin.url}/admin/`);
    await tabTo(page, 'Name');
    await page.keyboard.type('root');
    await tabTo(page, 'Password');
    await page.keyboard.type(ROOT_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${pages.admin.url}/admin/tenants`);
    // The first Tab offers to skip the navigation.
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Skip to the content');
    await tabTo(page, 'Slug');
    await page.keyboard.type('keys');
    await tabTo(page, 'Name');
    await page.keyboard.type('Keyboard Ltd');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${pages.admin.url}/admin/t/keys/users`);
    await tabTo(page, 'Username');
    await page.keyboard.type('dave');
    await tabTo(page, 'Provisioning password');
    await page.keyboard.type('dave provisioning');
    await tabTo(page, 'Create');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${pages.admin.url}/admin/t/keys/users/dave`);
    // A select and a checkbox from the keyboard: the SIP account's transport, then Add.
    await tabTo(page, 'username');
    await page.keyboard.type('4001');
    await tabTo(page, 'SIP_domain');
    await page.keyboard.type('pbx.example.test');
    await tabTo(page, 'SIP_transport_type');
    await page.keyboard.press('End');
    await tabTo(page, 'register_on_startup');
    await page.keyboard.press('Space');
    await tabTo(page, 'Add');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/accounts')),
      page.keyboard.press('Enter'),
    ]);
    const [account] = await pages.t.app.management.accounts.list('keys', 'dave');
    expect(account?.protocol).toBe('sip');
    const served = (await pages.t.app.management.reports.render('keys', 'dave')).rendered.body;
    expect(served).toContain('<SIP_domain>pbx.example.test</SIP_domain>');
    expect(served).toContain('<SIP_transport_type>tls</SIP_transport_type>');
    expect(served).toContain('<register_on_startup>false</register_on_startup>');
    await context.close();
  });

  it('removes a tenant only when its slug is typed', async () => {
    const { context, requested } = await recordingContext(pages.browser);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, pages.admin.url, 'root', ROOT_PASSWORD);
    await page.goto(`${pages.admin.url}/admin/t/temp/settings`);
    await page.getByLabel('Type temp to confirm').fill('tmp');
    await page.getByRole('button', { name: 'Remove this tenant' }).click();
    expect(await page.getByLabel('Type temp to confirm').getAttribute('aria-invalid')).toBe('true');
    expect((await pages.t.app.management.tenants.list()).map((x) => x.slug)).toContain('temp');
    await screenshot(page, '23-tenant-remove-refused');
    await page.getByLabel('Type temp to confirm').fill('temp');
    await page.getByRole('button', { name: 'Remove this tenant' }).click();
    expect(page.url()).toBe(`${pages.admin.url}/admin/tenants`);
    expect((await pages.t.app.management.tenants.list()).map((x) => x.slug)).not.toContain('temp');
    expect((await fetchAsCarol('carol new password')).status).not.toBe(200);
    // The default tenant offers no such form.
    await page.goto(`${pages.admin.url}/admin/t/default/settings`);
    expect(await page.getByRole('button', { name: 'Remove this tenant' }).count()).toBe(0);
    onlyThisHost(pages.admin.url, requested);
    await context.close();
  });
});
