// The branded Android and iOS apps against a started server, through the emulator as `zprov simulate
// --platform` runs it: each app's own address answers in its own dialect (no unknown-element warning),
// an option only the apps know (push notifications) reaches them and not the Desktop, the fetch is
// logged with its platform and version, and Desktop's document is what it was.
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- the report is JSON read as `any` */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { testApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let server: RunningServer;
const PASSWORD = 'alice password';

beforeAll(async () => {
  t = await testApp({ publicUrls: ['https://prov.example.test'] });
  const m = t.app.management;
  await m.tenants.add({ slug: 'acme' });
  await m.users.add({ tenant: 'acme', username: 'alice', password: PASSWORD });
  await m.accounts.add('acme', 'alice', { username: '1001', password: 'sip&secret', domain: 'pbx.example' });
  server = await startServer(
    { host: '127.0.0.1', port: 0, tls: undefined, trustedProxies: [], logLevel: 'silent' },
    { provisioning: t.app.provisioning, checkReady: () => t.app.checkReady() },
  );
});
afterAll(async () => {
  await server.close();
  await t.close();
});

async function simulate(platform: 'android' | 'ios', template: string) {
  let stdout = '';
  const code = await main(
    [
      'simulate',
      '--platform',
      platform,
      '--url',
      template,
      '--user',
      'alice',
      '--password',
      PASSWORD,
      '--json',
    ],
    { stdout: (s) => void (stdout += s), stderr: () => undefined, cwd: t.dataDir, env: {} },
  );
   
  return { code, report: JSON.parse(stdout) };
}

const desktopBody = async (): Promise<string> => {
  const response = await fetch(
    `${server.url}/t/acme/provision?user=alice&pass=${encodeURIComponent(PASSWORD)}`,
  );
  expect(response.status).toBe(200);
  return response.text();
};

describe('the apps each get their own document', () => {
  it('serves Android and iOS in their dialect, push notifications on, Desktop unchanged', async () => {
    const before = await desktopBody();
    await t.app.management.profiles.create('mobile');
    await t.app.management.profiles.set('mobile', 'account/enable_push_notifications', 'true');
    await t.app.management.profiles.assign('mobile', { kind: 'tenant', tenant: 'acme' });
    // The Desktop cannot use the option: its document is byte for byte what it was.
    expect(await desktopBody()).toBe(before);

    for (const platform of ['android', 'ios'] as const) {
      const [template] = await t.app.management.provisionFiles.urlTemplates('acme', platform, [server.url]);
      expect(template).toBe(
        `${server.url}/t/acme/provision/${platform}?username=[username]&password=[password]&version=[version]`,
      );
      const { code, report } = await simulate(platform, String(template));
      expect(code, JSON.stringify(report)).toBe(EXIT.OK);
      expect(report.outcome).toBe('success');
      const attempt = report.attempts[0];
      expect(attempt.verdict).toBe('configuration');
      expect(attempt.diagnostics).toEqual([]);
      const diff = (report.diff as { path: string; after?: string }[]).map((d) => d.path);
      expect(diff).toContain('accounts/account[1]/enable_push_notifications');
      expect(diff.some((p) => p.startsWith('general') || p.endsWith('/ident'))).toBe(false);
    }
    await t.app.provisioning.flushAudit();
    const log = await t.app.management.reports.fetchLog({ tenant: 'acme', username: 'alice', limit: 10 });
    expect(log.slice(0, 2).map((e) => [e.platform, e.clientVersion])).toEqual([
      ['ios', '1.14'],
      ['android', '1.14'],
    ]);
    // The last fetch was the iOS app's, and it holds the iOS document of now: current.
    expect((await t.app.management.reports.userStatus('acme', 'alice')).status).toBe('current');
  });
});
