// The web pages in headless Chromium, clicked through as a person would: sign in, create a tenant, a
// user and a SIP account (an invalid value first, its error beside the field), open what the phone
// gets and fetch the same bytes over HTTP as the phone does. Around it: a tenant admin cannot reach
// another tenant, a form without its CSRF token is refused, no page loads anything from another
// host, sign-in failures are limited, an idle session ends, and the pages speak Russian when asked.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { main } from '../../src/cli/main.js';
import type { Browser, Page } from 'playwright-core';
import type { AdminListener } from '../../src/server/admin-api/admin-api.js';
import type { RunningServer } from '../../src/server/start-server.js';
import type { TestApp } from '../support/test-app.js';
import { browserAvailable, recordingContext, screenshot } from './browser.js';
import {
  OTHER_PASSWORD,
  ROOT_PASSWORD,
  onlyThisHost as onlyHost,
  signIn as signInAt,
  startAdminPages,
  type AdminPages,
} from './admin-fixture.js';

let pages: AdminPages;
let t: TestApp;
let admin: AdminListener;
let phones: RunningServer;
let browser: Browser;
const available = browserAvailable();

beforeAll(async () => {
  if (!available) return;
  pages = await startAdminPages();
  ({ t, admin, phones, browser } = pages);
});

afterAll(async () => {
  await pages?.close();
});

/** The full paths of Fastify's route tree as printRoutes draws it (one route a line, indented). */
function postRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const drawn = /^([│ ]*)[├└]── (\S+) \(POST\)/.exec(line);
    if (drawn === null) continue;
    stack.length = (drawn[1] ?? '').length / 4;
    stack.push(drawn[2] ?? '');
    routes.push(stack.join(''));
  }
  return routes;
}

const signIn = (page: Page, name: string, password: string) => signInAt(page, admin.url, name, password);
const onlyThisHost = (requested: readonly string[]) => onlyHost(admin.url, requested);

describe.skipIf(!available)('the web pages', () => {
  it('take a person from sign-in to a provisioned SIP account, without a shell', async () => {
    const { context, requested } = await recordingContext(browser);
    const page = await context.newPage();
    await signIn(page, 'root', ROOT_PASSWORD);
    expect(await page.locator('h1').textContent()).toBe('Tenants');
    await screenshot(page, '01-tenants');

    // A tenant, then its first user.
    await page.getByLabel('Slug').fill('acme');
    await page.getByLabel('Name', { exact: true }).fill('Acme Ltd');
    await page.getByRole('button', { name: 'Create' }).click();
    expect(page.url()).toBe(`${admin.url}/admin/t/acme/users`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Provisioning password').fill('alice provisioning');
    await page.getByRole('button', { name: 'Create' }).click();
    expect(page.url()).toBe(`${admin.url}/admin/t/acme/users/alice`);
    await screenshot(page, '02-user');

    // A SIP account: the keep-alive is a number, so "soon" is refused beside its field.
    await page.getByLabel('username', { exact: true }).fill('1001');
    await page.getByLabel('password', { exact: true }).fill('sip secret');
    await page.getByLabel('SIP_domain').fill('pbx.example.test');
    await page.getByLabel('SIP_transport_type').selectOption('tcp');
    await page.getByLabel('SIP_keep_alive_timeout').fill('soon');
    await page.getByRole('button', { name: 'Add' }).click();
    const field = page.locator('.field', { has: page.getByLabel('SIP_keep_alive_timeout') });
    expect(await field.locator('.error').textContent()).toMatch(/SIP_keep_alive_timeout/);
    expect(await page.getByLabel('SIP_keep_alive_timeout').getAttribute('aria-invalid')).toBe('true');
    // What was typed is still there, but not the password.
    expect(await page.getByLabel('SIP_domain').inputValue()).toBe('pbx.example.test');
    expect(await page.getByLabel('password', { exact: true }).inputValue()).toBe('');
    expect(await t.app.management.accounts.list('acme', 'alice')).toEqual([]);
    await screenshot(page, '03-account-refused');

    await page.getByLabel('password', { exact: true }).fill('sip secret');
    await page.getByLabel('SIP_keep_alive_timeout').fill('45');
    await page.getByRole('button', { name: 'Add' }).click();
    expect(await page.locator('table').first().textContent()).toContain('pbx.example.test');
    await screenshot(page, '04-account-added');

    // What the phone gets, shown byte for byte, and what the phone then fetches.
    await page.getByRole('link', { name: 'Preview: desktop' }).click();
    const shown = await page.locator('#served-document').textContent();
    expect(shown).toContain('<SIP_transport_type>tcp</SIP_transport_type>');
    await screenshot(page, '05-preview-desktop');
    const fetched = await fetch(`${phones.url}/t/acme/provision?user=alice&pass=alice%20provisioning`);
    expect(fetched.status).toBe(200);
    expect(`${shown}`).toBe(await fetched.text());
    // What a phone holding its own Config.xml ends up with; a broken one is named by line.
    await page
      .getByLabel('Config.xml')
      .fill('<options><general><auto_away>5</auto_away></general></options>');
    await page.getByRole('button', { name: 'Show the result' }).click();
    const result = (await page.locator('#overlay-result').textContent()) ?? '';
    expect(result).toContain('<auto_away>5</auto_away>');
    expect(result).toContain('<SIP_domain>pbx.example.test</SIP_domain>');
    await page.getByLabel('Config.xml').fill('<options><general><auto_away>5</general></options>');
    await page.getByRole('button', { name: 'Show the result' }).click();
    expect(await page.locator('#field-config-error').textContent()).toMatch(/^line 1:/);
    // The same from a file.
    await page.getByLabel('Config.xml').fill('');
    await page.getByLabel('or upload a file').setInputFiles({
      name: 'Config.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from('<options><general><auto_away>9</auto_away></general></options>'),
    });
    await page.getByRole('button', { name: 'Show the result' }).click();
    expect(await page.locator('#overlay-result').textContent()).toContain('<auto_away>9</auto_away>');
    await screenshot(page, '05b-overlay');
    await page.getByRole('link', { name: 'android' }).click();
    expect(await page.locator('#served-document').textContent()).not.toContain('<ident>');
    await screenshot(page, '06-preview-android');
    // The Android app, as the emulator plays it over HTTP: a clean verdict on exactly that document.
    let simulated = '';
    const code = await main(
      [
        'simulate',
        '--platform',
        'android',
        '--url',
        `${phones.url}/t/acme/provision/android?username=[username]&password=[password]&version=[version]`,
        '--user',
        'alice',
        '--password',
        'alice provisioning',
        '--json',
      ],
      { stdout: (text) => void (simulated += text), stderr: () => undefined, cwd: t.dataDir, env: {} },
    );
    expect(code, simulated).toBe(EXIT.OK);
    const report = JSON.parse(simulated) as { outcome: string; attempts: { diagnostics: unknown[] }[] };
    expect(report.outcome).toBe('success');
    expect(report.attempts[0]?.diagnostics).toEqual([]);

    // The phone's fetch: the status turns current, the fetch log has it.
    await t.app.provisioning.flushAudit();
    await page.goto(`${admin.url}/admin/t/acme/status`);
    // One row per device: the Desktop's (the plain HTTP fetch above) and the Android app's.
    const status = (platform = 'desktop') =>
      page
        .locator('#status tr', { hasText: `${platform} ·` })
        .locator('td[data-status]')
        .getAttribute('data-status');
    expect(await status()).toBe('current');
    expect(await status('android')).toBe('current');
    await screenshot(page, '07-status-current');
    await page.getByRole('link', { name: 'Fetch log' }).click();
    expect(await page.locator('#fetches tbody').textContent()).toContain('served');
    await page.getByLabel('Outcome').selectOption('wrong_password');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await page.locator('#fetches').count()).toBe(0);
    await screenshot(page, '08-fetch-log');

    // A profile assigned to the tenant changes what alice would get: her phone is stale.
    await page.getByRole('link', { name: 'Profiles' }).click();
    await page.getByLabel('Name').fill('office');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel('Layer').selectOption('tenant');
    await page.getByLabel('Tenant', { exact: true }).selectOption('acme');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByLabel('auto_away', { exact: true }).fill('later');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByLabel('auto_away', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('auto_away', { exact: true }).fill('600');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    await screenshot(page, '09-profile');
    await page.goto(`${admin.url}/admin/t/acme/status`);
    expect(await status()).toBe('stale');
    // auto_away is not in the Android dialect: the app's document did not change.
    expect(await status('android')).toBe('current');
    // What the stale phone would get: the change since its last fetch, by device.
    await page.goto(`${admin.url}/admin/t/acme/users/alice/preview?platform=desktop`);
    expect(await page.locator('#device-changes').textContent()).toContain('+ general/auto_away = 600');
    await screenshot(page, '09b-device-changes');

    // The history shows the change; restoring the profile as it was makes the phone current again.
    await page.getByRole('link', { name: 'History' }).click();
    expect(await page.locator('#history tbody tr').first().textContent()).toMatch(/general\/auto_away.*600/s);
    const created = page.locator('#history tbody tr', { hasText: 'profile office (create)' });
    await created.getByRole('button', { name: /Restore/ }).click();
    await screenshot(page, '10-history');
    await page.goto(`${admin.url}/admin/t/acme/status`);
    expect(await status()).toBe('current');

    // A profile in use cannot be deleted; unassigned, it can.
    await page.goto(`${admin.url}/admin/profiles/office`);
    await page.getByRole('button', { name: 'Delete the profile' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/still assigned/);
    await page.getByRole('button', { name: 'Unassign: Tenant acme' }).click();
    await page.getByRole('button', { name: 'Delete the profile' }).click();
    expect(page.url()).toBe(`${admin.url}/admin/profiles`);
    expect((await t.app.management.profiles.list()).map((p) => p.profile.name)).not.toContain('office');

    // Signed out, the pages ask to sign in again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${admin.url}/admin/t/acme/users`);
    expect(page.url()).toBe(`${admin.url}/admin/sign-in`);
    onlyThisHost(requested);
    await context.close();
  });

  it("manages groups, a user's state and accounts, each change in the history", async () => {
    const { context, requested } = await recordingContext(browser);
    const page = await context.newPage();
    await signIn(page, 'root', ROOT_PASSWORD);
    await page.goto(`${admin.url}/admin/t/acme/groups`);
    await page.getByLabel('Name').fill('sales');
    await page.getByRole('button', { name: 'Create' }).click();
    expect(await page.locator('#groups tbody').textContent()).toContain('sales');
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Group').selectOption('sales');
    await page.getByLabel('Provisioning password').fill('bob provisioning');
    await page.getByRole('button', { name: 'Create' }).click();
    // Z to A by the column's link.
    await page.goto(`${admin.url}/admin/t/acme/users`);
    await page.getByRole('link', { name: /^Username/ }).click();
    expect(await page.locator('tbody tr td:first-child').allTextContents()).toEqual(['bob', 'alice']);
    await page.goto(`${admin.url}/admin/t/acme/users?group=sales`);
    expect(await page.locator('tbody').textContent()).toContain('bob');
    expect(await page.locator('tbody').textContent()).not.toContain('alice');

    await page.goto(`${admin.url}/admin/t/acme/users/bob`);
    await page.getByLabel('username', { exact: true }).fill('2001');
    await page.getByLabel('SIP_domain').fill('pbx.example.test');
    await page.getByRole('button', { name: 'Add' }).click();
    const ident = (await t.app.management.accounts.list('acme', 'bob'))[0]?.ident ?? '';
    // Editing it: the stored values filled in, a bad one refused beside its field, then saved.
    await page.getByRole('link', { name: ident }).click();
    expect(await page.getByLabel('SIP_domain').inputValue()).toBe('pbx.example.test');
    await page.getByLabel('SIP_keep_alive_timeout').fill('often');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByLabel('SIP_keep_alive_timeout').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('SIP_keep_alive_timeout').fill('90');
    await page.getByLabel('SIP_transport_type').selectOption('tls');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(page.url()).toBe(`${admin.url}/admin/t/acme/users/bob`);
    const edited = (await t.app.management.reports.render('acme', 'bob')).rendered.body;
    expect(edited).toContain('<SIP_keep_alive_timeout>90</SIP_keep_alive_timeout>');
    expect(edited).toContain('<SIP_transport_type>tls</SIP_transport_type>');
    await page.getByLabel('Display name').fill('Bob from sales');
    await page.getByLabel('Group').selectOption('');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await t.app.management.users.get('acme', 'bob')).toMatchObject({
      displayName: 'Bob from sales',
      groupId: undefined,
    });
    await page.getByRole('button', { name: 'Disable' }).click();
    expect(await page.locator('#user-state').textContent()).toContain('disabled');
    const refused = await fetch(`${phones.url}/t/acme/provision?user=bob&pass=bob%20provisioning`);
    expect(refused.status).toBe(403);
    await page.getByRole('button', { name: 'Enable' }).click();
    expect(await page.locator('#user-state').textContent()).toContain('Enabled');
    await page.getByRole('button', { name: `Remove ${ident}` }).click();
    expect(await page.getByText('No accounts yet.').count()).toBe(1);
    await screenshot(page, '06b-user-actions');
    await page.getByRole('button', { name: 'Remove the user' }).click();
    expect(page.url()).toBe(`${admin.url}/admin/t/acme/users`);
    expect(await page.locator('tbody').textContent()).not.toContain('bob');
    const actions = (await t.app.management.history.list({ tenant: 'acme', limit: 6 })).map((r) => r.action);
    expect(actions.slice(0, 6)).toEqual(['delete', 'delete', 'update', 'update', 'update', 'update']);
    onlyThisHost(requested);
    await context.close();
  });

  it("changes a tenant's settings, refusing a bad value beside its field, and hands out its Provision.xml", async () => {
    const { context, requested } = await recordingContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, 'root', ROOT_PASSWORD);
    await page.goto(`${admin.url}/admin/t/acme/settings`);
    await page.getByLabel('Zoiper OEM provider id (token links)').fill('not an id');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByLabel('Zoiper OEM provider id (token links)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await page.getByLabel('Zoiper OEM provider id (token links)').fill('4fab2ee7179e8dfada45e900766f520d');
    await page.getByLabel("Language of the phones' error texts").selectOption('ru');
    await page.getByLabel('URL parameter of the version').fill('v');
    await page.getByLabel(/delete_accounts_beforehand/).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await t.app.management.tenants.get('acme')).toMatchObject({
      language: 'ru',
      oemProviderId: '4fab2ee7179e8dfada45e900766f520d',
      phoneParams: { version: 'v' },
      deleteAccountsBeforehand: false,
    });
    await screenshot(page, '06c-tenant-settings');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#provision-file').click(),
    ]);
    const file = await readFile(await download.path(), 'utf8');
    expect(file).toContain('<delete_accounts_beforehand>false</delete_accounts_beforehand>');
    expect(file).toContain('<user_input_authentication>true</user_input_authentication>');
    // Back as the other tests expect it.
    await t.app.management.tenants.update('acme', {
      language: 'en',
      deleteAccountsBeforehand: true,
      phoneParams: {},
    });
    onlyThisHost(requested);
    await context.close();
  });

  it('imports a CSV after showing its dry run, with its progress, all or nothing', async () => {
    const { context, requested } = await recordingContext(browser);
    const page = await context.newPage();
    await signIn(page, 'root', ROOT_PASSWORD);
    await page.goto(`${admin.url}/admin/t/acme/import`);
    const upload = async (csv: string) => {
      await page.getByLabel('Format').selectOption('csv');
      await page
        .getByLabel('File')
        .setInputFiles({ name: 'phones.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Show the plan' }).click();
    };
    // A row with an error: the plan names it by line and field, and offers no run.
    await upload('key,user,username,domain,transport\n3001,carol,3001,pbx.example.test,carrier-pigeon\n');
    expect(await page.locator('#import-problems').textContent()).toMatch(/accounts\.csv:2.*transport/s);
    expect(await page.getByRole('button', { name: 'Run the import' }).count()).toBe(0);

    await upload(
      'key,user,username,password,domain\n3001,carol,3001,c-secret,pbx.example.test\n3002,dave,3002,d-secret,pbx.example.test\n',
    );
    expect(await page.locator('#import-summary').textContent()).toMatch(/\+2 /);
    expect(await page.locator('#import-add').textContent()).toContain('csv:3002');
    expect((await t.app.management.users.list('acme')).map((u) => u.username)).not.toContain('carol');
    await screenshot(page, '13-import-plan');
    await page.getByRole('button', { name: 'Run the import' }).click();
    await page.locator('#import-done').waitFor();
    expect(await page.locator('progress').last().getAttribute('value')).toBe('2');
    expect(await page.locator('#import-credentials').textContent()).toContain('carol');
    await screenshot(page, '14-import-done');
    expect((await t.app.management.users.list('acme')).map((u) => u.username)).toEqual(
      expect.arrayContaining(['carol', 'dave']),
    );
    onlyThisHost(requested);
    await context.close();
  });

  it('onboards a user by a one-time link and by an OEM token, no secret in either link', async () => {
    await t.app.management.tenants.update('acme', { oemProviderId: '4fab2ee7179e8dfada45e900766f520d' });
    const { context, requested } = await recordingContext(browser);
    const page = await context.newPage();
    await signIn(page, 'root', ROOT_PASSWORD);
    await page.goto(`${admin.url}/admin/t/acme/users/alice`);
    await page.getByRole('button', { name: 'Make an enrolment link' }).click();
    const link = await page.locator('#enrolment-link').inputValue();
    expect(link).toMatch(/^https:\/\/prov\.example\.test\/t\/acme\/enrol\/[A-Za-z0-9_-]{32}$/);
    expect(await page.locator('.qr svg').count()).toBe(1);
    await screenshot(page, '11-enrolment-link');
    onlyThisHost(requested);

    // The user's device: the link says what it is; the button shows the settings, once.
    const device = await browser.newContext({ acceptDownloads: true, locale: 'en-GB' });
    const phone = await device.newPage();
    const personal = link.replace('https://prov.example.test', phones.url);
    await phone.goto(personal);
    await phone.getByRole('button', { name: 'Show my settings' }).click();
    const password = (await phone.locator('#enrol-password').textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await phone.locator('#enrol-username').textContent()).toBe('alice');
    await screenshot(phone, '12-enrolment-page');
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      phone.locator('#provision-file').click(),
    ]);
    expect(download.suggestedFilename()).toBe('Provision.xml');
    const file = await readFile(await download.path(), 'utf8');
    expect(file).toContain('<user>alice</user>');
    expect(file).toContain('/t/acme/provision');
    expect(file).toContain(`<password>${createHash('md5').update(password).digest('hex')}</password>`);
    // The password shown works for the phone's fetch.
    const fetched = await fetch(
      `${phones.url}/t/acme/provision?user=alice&pass=${encodeURIComponent(password)}`,
    );
    expect(fetched.status).toBe(200);
    // A second use, from anywhere, is refused and says whom to ask.
    const again = await fetch(personal, { method: 'POST' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('has been used already');
    await device.close();

    // The branded apps: a link with nothing but the token; the Token URL answers once.
    await page.getByRole('button', { name: /branded app/ }).click();
    const tokenLink = await page.locator('#enrolment-link').inputValue();
    const url = new URL(tokenLink);
    expect(url.origin + url.pathname).toBe('https://oem.zoiper.com/qr-howto.php');
    expect([...url.searchParams.entries()]).toEqual([
      ['provider_id', '4fab2ee7179e8dfada45e900766f520d'],
      ['u', ''],
      ['p', ''],
      ['a', ''],
      ['t', expect.stringMatching(/^[A-Za-z0-9_-]{32}$/)],
    ]);
    const tokenUrl = `${phones.url}/t/acme/token?t=${url.searchParams.get('t') ?? ''}`;
    const answer = await fetch(tokenUrl);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<options><accounts><account><username>1001</username>' +
        '<password>sip secret</password><authentication_username>1001</authentication_username>' +
        '</account></accounts></options>\n',
    );
    const second = await fetch(tokenUrl);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('<error code="1">This code has been used already.');
    for (const shown of [link, tokenLink])
      expect(shown).not.toMatch(/sip%20secret|sip secret|alice%20provisioning/);
    await context.close();
  });

  it("keeps a tenant admin to its own tenant's pages", async () => {
    const { context, requested } = await recordingContext(browser);
    const page = await context.newPage();
    await signIn(page, 'other-admin', OTHER_PASSWORD);
    expect(await page.locator('tbody').textContent()).toContain('other');
    expect(await page.locator('tbody').textContent()).not.toContain('acme');
    expect(await page.getByLabel('Slug').count()).toBe(0); // no tenant form for a tenant admin
    for (const path of [
      '/admin/t/acme/users',
      '/admin/t/acme/users/alice',
      '/admin/t/acme/users/alice/preview',
    ])
      expect((await page.goto(`${admin.url}${path}`))?.status(), path).toBe(404);
    expect((await page.goto(`${admin.url}/admin/t/other/users`))?.status()).toBe(200);
    expect(await page.locator('tbody').textContent()).toContain('olga');
    onlyThisHost(requested);
    await context.close();
  });

  it('refuses every form whose CSRF token is missing or wrong, and changes nothing', async () => {
    const { context } = await recordingContext(browser);
    const page = await context.newPage();
    await signIn(page, 'root', ROOT_PASSWORD);
    const cookie = (await context.cookies()).find((c) => c.name === 'zprov_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${admin.url}${path}`, {
        method: 'POST',
        headers: {
          cookie: `zprov_session=${cookie?.value ?? ''}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });
    const ident = (await t.app.management.accounts.list('acme', 'alice'))[0]?.ident ?? '';
    await t.app.management.users.setPassword('acme', 'alice', 'password before the forgeries', {
      revokeOld: true,
    });
    const seq = (await t.app.management.history.list({ limit: 1 }))[0]?.seq ?? 1;
    const changesBefore = (await t.app.management.history.list({ limit: 10_000 })).length;
    // Every form of the pages, each with what a forger would send.
    const forms: [string, Record<string, string>][] = [
      ['/admin/tenants', { slug: 'forged' }],
      ['/admin/t/acme/users', { username: 'forged', password: 'forged password' }],
      ['/admin/t/acme/users/alice/accounts', { username: '6666', SIP_domain: 'evil.example' }],
      [`/admin/t/acme/users/alice/accounts/${ident}`, { SIP_domain: 'evil.example' }],
      [`/admin/t/acme/users/alice/accounts/${ident}/remove`, {}],
      ['/admin/t/acme/users/alice/state', { action: 'remove' }],
      ['/admin/t/acme/users/alice/enrolments', { kind: 'link' }],
      ['/admin/t/acme/users/alice/preview/overlay', { config: '<options/>' }],
      ['/admin/t/acme/groups', { name: 'forged' }],
      ['/admin/t/acme/groups/remove', { name: 'sales' }],
      ['/admin/t/acme/import', { format: 'csv', source: 'key,username\n9,9\n' }],
      [
        '/admin/t/acme/import/run',
        { format: 'csv', source: Buffer.from('key,username\n9,9\n').toString('base64') },
      ],
      ['/admin/profiles', { name: 'forged' }],
      ['/admin/profiles/office/options?section=general', { 'o:auto_away': '1' }],
      ['/admin/profiles/office/assign', { layer: 'tenant', tenant: 'other' }],
      ['/admin/profiles/office/unassign', { layer: 'tenant', tenant: 'acme' }],
      [
        '/admin/profiles/office/import',
        { fragment: '<options><general><auto_away>1</auto_away></general></options>' },
      ],
      ['/admin/t/acme/users/alice/password', { newPassword: 'forged password', revokeOld: 'true' }],
      ['/admin/t/acme/settings/remove', { confirm: 'acme' }],
      ['/admin/profiles/office/delete', {}],
      ['/admin/t/acme/users/alice/details', { displayName: 'forged' }],
      [`/admin/t/acme/users/alice/accounts/${ident}/default`, {}],
      ['/admin/t/acme/settings', { name: 'forged', language: 'ru' }],
      [`/admin/history/${seq}/restore`, {}],
      ['/admin/sign-out', {}],
    ];
    // The list is every form the pages have: each POST route under /admin/ (sign-in apart, tested
    // below) is tried at least once, so a form added later cannot go untried.
    const tried = forms.map(([path]) => path.split('?')[0] ?? path);
    const untried = postRoutes(admin.app.printRoutes({ method: 'POST', commonPrefix: false }))
      .filter((route) => route.startsWith('/admin/') && route !== '/admin/sign-in')
      .filter((route) => {
        const pattern = new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`);
        return !tried.some((path) => pattern.test(path));
      });
    expect(untried).toEqual([]);
    for (const [path, fields] of forms) {
      expect((await post(path, fields)).status, path).toBe(path === '/admin/sign-out' ? 303 : 403);
      expect((await post(path, { ...fields, _csrf: 'not the token' })).status, path).toBe(
        path === '/admin/sign-out' ? 303 : 403,
      );
    }
    expect((await t.app.management.history.list({ limit: 10_000 })).length).toBe(changesBefore);
    expect(await t.app.management.enrolments.pending('acme', 'alice')).toEqual([]);
    // Sign-out without the token did not end the session; nothing was created.
    expect((await page.goto(`${admin.url}/admin/tenants`))?.url()).toBe(`${admin.url}/admin/tenants`);
    expect((await t.app.management.tenants.list()).map((x) => x.slug)).not.toContain('forged');
    expect((await t.app.management.users.list('acme')).map((u) => u.username)).not.toContain('forged');
    expect(await t.app.management.accounts.list('acme', 'alice')).toHaveLength(1);
    expect(await t.app.management.users.checkPassword('acme', 'alice', 'password before the forgeries')).toBe(
      true,
    );
    // The sign-in form has a token of its own, bound to its cookie.
    const signInPost = await fetch(`${admin.url}/admin/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'root', password: ROOT_PASSWORD }).toString(),
      redirect: 'manual',
    });
    expect(signInPost.status).toBe(403);
    expect(signInPost.headers.get('set-cookie') ?? '').not.toContain('zprov_session=');
    await context.close();
  });

  it('limits failed sign-ins like the phones, and ends a session left idle', async () => {
    const { context } = await recordingContext(browser);
    const page = await context.newPage();
    let status: number | undefined;
    for (let i = 0; i < 10 && status !== 429; i++) {
      await page.goto(`${admin.url}/admin/sign-in`);
      await page.getByLabel('Name').fill('root');
      await page.getByLabel('Password').fill(`guess ${i}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/admin/sign-in') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      status = response.status();
      expect([401, 429]).toContain(status);
    }
    expect(status).toBe(429);
    expect(await page.getByRole('alert').textContent()).toMatch(/Too many failed attempts/);
    // Even the right password waits out the lockout.
    await page.getByLabel('Name').fill('root');
    await page.getByLabel('Password').fill(ROOT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(page.url()).toBe(`${admin.url}/admin/sign-in`);
    t.clock.advance(24 * 3600 * 1000);

    await signIn(page, 'root', ROOT_PASSWORD);
    expect(page.url()).toBe(`${admin.url}/admin/tenants`);
    t.clock.advance(31 * 60 * 1000);
    await page.goto(`${admin.url}/admin/tenants`);
    expect(page.url()).toBe(`${admin.url}/admin/sign-in`);
    await context.close();
  });

  it("speaks the browser's language, and switches when asked", async () => {
    const { context, requested } = await recordingContext(browser, { locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${admin.url}/admin/sign-in`);
    expect(await page.locator('h1').textContent()).toBe('Войти');
    await page.getByLabel('Имя').fill('root');
    await page.getByLabel('Пароль').fill(ROOT_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    expect(await page.locator('h1').textContent()).toBe('Арендаторы');
    await screenshot(page, '07-tenants-ru');
    await page.getByRole('link', { name: 'EN' }).click();
    expect(await page.locator('h1').textContent()).toBe('Tenants');
    expect(page.url()).toBe(`${admin.url}/admin/tenants`);
    onlyThisHost(requested);
    await context.close();
  });
});
