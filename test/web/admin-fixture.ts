// What the browser tests of the pages stand on: an app with a server admin and a second tenant with
// its own tenant admin, the admin listener and the phones' listener on loopback, and Chromium.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startAdminListener, type AdminListener } from '../../src/server/admin-api/admin-api.js';
import { createServerLogger } from '../../src/server/server-logger.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { testApp, type TestApp } from '../support/test-app.js';
import { launchBrowser } from './browser.js';

export const ROOT_PASSWORD = 'root password 1234';
export const OTHER_PASSWORD = 'other admin password';

export interface AdminPages {
  readonly t: TestApp;
  readonly admin: AdminListener;
  readonly phones: RunningServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startAdminPages(): Promise<AdminPages> {
  const t = await testApp({ publicUrls: ['https://prov.example.test'] });
  const m = t.app.management;
  await m.admins.add('root', 'server-admin', ROOT_PASSWORD);
  await m.tenants.add({ slug: 'other' });
  await m.users.add({ tenant: 'other', username: 'olga', password: 'olga provisioning' });
  await m.admins.add('other-admin', 'tenant-admin', OTHER_PASSWORD, 'other');
  const admin = await startAdminListener(
    { host: '127.0.0.1', port: 0 },
    { management: m, logger: createServerLogger('silent') },
  );
  const phones = await startServer(
    { host: '127.0.0.1', port: 0, tls: undefined, trustedProxies: [], logLevel: 'silent' },
    {
      provisioning: t.app.provisioning,
      checkReady: () => t.app.checkReady(),
      enrolments: t.app.management.enrolments,
    },
  );
  const browser = await launchBrowser();
  return {
    t,
    admin,
    phones,
    browser,
    close: async () => {
      await browser.close();
      await phones.close();
      await admin.close();
      await t.close();
    },
  };
}

export async function signIn(page: Page, adminUrl: string, name: string, password: string): Promise<void> {
  await page.goto(`${adminUrl}/admin/`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Every URL a page asked for is on the admin address. */
export function onlyThisHost(adminUrl: string, requested: readonly string[]): void {
  expect(requested.length).toBeGreaterThan(0);
  expect(requested.filter((url) => !url.startsWith(`${adminUrl}/`))).toEqual([]);
}
