// The branded Android and iOS apps against a started server, through the emulator as `zprov simulate
// --platform` runs it: each app's own address answers in its own dialect (no unknown-element warning),
// an option only the apps know (push notifications) reaches them and not the Desktop, the fetch is
// logged with its platform and version, and Desktop's document is what it was. A tenant's own URL
// parameter names are read, and its phones read refusals in its language.
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- the report is JSON read as `any` */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

async function simulate(
  platform: 'android' | 'ios',
  template: string,
  user = 'alice',
  password = PASSWORD,
  more: readonly string[] = [],
) {
  return run([
    'simulate',
    '--platform',
    platform,
    '--url',
    template,
    '--user',
    user,
    '--password',
    password,
    ...more,
  ]);
}

async function run(args: readonly string[]) {
  let stdout = '';
  const code = await main([...args, '--json'], {
    stdout: (s) => void (stdout += s),
    stderr: () => undefined,
    cwd: t.dataDir,
    env: {},
  });
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
    // Each app is a device of its own, and each holds its platform's document of now: current.
    const devices = await t.app.management.reports.userStatus('acme', 'alice');
    expect(
      devices
        .filter((d) => d.device?.platform !== 'desktop')
        .map((d) => `${d.device?.platform}:${d.status}`)
        .sort(),
    ).toEqual(['android:current', 'ios:current']);
  });

  it("reads a tenant's own parameter names and answers its phones in its language", async () => {
    const m = t.app.management;
    await m.tenants.add({
      slug: 'rus',
      language: 'ru',
      phoneParams: { username: 'login', password: 'secret', version: 'v' },
    });
    await m.users.add({ tenant: 'rus', username: 'ivan', password: PASSWORD });
    await m.accounts.add('rus', 'ivan', { username: '2001', password: 'sip', domain: 'pbx.example' });
    const template = `${server.url}/t/rus/provision/android?login=[username]&secret=[password]&v=[version]`;
    const served = await simulate('android', template, 'ivan');
    expect(served.report.outcome).toBe('success');

    const refused = await simulate('android', template, 'ivan', 'not the password');
    expect(refused.report.attempts[0].status).toBe(401);
    expect(refused.report.attempts[0].errorText).toBe('Неверное имя пользователя или пароль.');
    // zprov's own names still work at the tenant's path; the version came as v.
    const desktop = await fetch(
      `${server.url}/t/rus/provision?user=ivan&pass=${encodeURIComponent(PASSWORD)}`,
    );
    expect(desktop.status).toBe(200);
    await t.app.provisioning.flushAudit();
    const log = await m.reports.fetchLog({ tenant: 'rus', username: 'ivan', limit: 10 });
    expect(log.map((e) => [e.outcome, e.clientVersion])).toEqual([
      ['served', undefined],
      ['wrong_password', '1.14'],
      ['served', '1.14'],
    ]);
  });

  it('refuses parameter names that are not names, or one name for two credentials', async () => {
    const m = t.app.management;
    await expect(m.tenants.update('acme', { phoneParams: { username: 'a b' } })).rejects.toMatchObject({
      field: 'phoneParams.username',
    });
    await expect(
      m.tenants.update('acme', { phoneParams: { username: 'id', password: 'id' } }),
    ).rejects.toMatchObject({ field: 'phoneParams.password' });
    await expect(m.tenants.update('acme', { language: 'de' })).rejects.toMatchObject({ field: 'language' });
  });
});

describe('options pinned to a platform', () => {
  it('reach that platform only; the others keep the lower layer, Desktop byte for byte', async () => {
    const m = t.app.management;
    await m.users.add({ tenant: 'acme', username: 'carol', password: PASSWORD });
    await m.accounts.add('acme', 'carol', { username: '4001', password: 'sip', domain: 'pbx.example' });
    await m.profiles.create('carol');
    await m.profiles.assign('carol', { kind: 'user', tenant: 'acme', username: 'carol' });
    const body = async (platform: 'desktop' | 'android' | 'ios') => {
      const path = platform === 'desktop' ? '' : `/${platform}`;
      const names = platform === 'desktop' ? ['user', 'pass'] : ['username', 'password'];
      const response = await fetch(
        `${server.url}/t/acme/provision${path}?${names[0]}=carol&${names[1]}=${encodeURIComponent(PASSWORD)}`,
      );
      expect(response.status).toBe(200);
      return response.text();
    };
    const desktopBefore = await body('desktop');
    const iosBefore = await body('ios');

    // Without --platform the option is for everyone; pinned, only Android is sent the change.
    await expect(m.profiles.set('carol', 'general/auto_away', '60', ['android'])).rejects.toMatchObject({
      field: 'general/auto_away',
      message: /not in the android dialect/,
    });
    await m.profiles.set('carol', 'account/SIP_transport_type', 'tcp', ['android']);
    expect(await body('desktop')).toBe(desktopBefore);
    expect(await body('ios')).toBe(iosBefore);
    expect(await body('android')).toContain('<SIP_transport_type>tcp</SIP_transport_type>');

    const { losses } = await m.reports.platformLosses('acme', 'carol');
    const pinned = (platform: 'desktop' | 'android' | 'ios') =>
      losses[platform].filter((l) => l.reason.startsWith('pinned')).map((l) => l.path);
    expect(pinned('desktop')).toEqual([
      expect.stringMatching(/^accounts\/account\[ident=\w+\]\/SIP_transport_type$/),
    ]);
    expect(pinned('ios')).toEqual(pinned('desktop'));
    expect(pinned('android')).toEqual([]);

    // The pin is part of the profile's history, and setting the option for everyone lifts it.
    const [revision] = await m.history.list({ profile: 'carol', limit: 1 });
    expect(revision?.changes).toContainEqual(
      expect.objectContaining({ path: 'platformPins', to: '{"account/SIP_transport_type":["android"]}' }),
    );
    await m.profiles.set('carol', 'account/SIP_transport_type', 'tcp');
    expect((await m.profiles.show('carol')).pins).toEqual({});
    expect(await body('ios')).toContain('<SIP_transport_type>tcp</SIP_transport_type>');
  });
});

describe('zprov user revoke', () => {
  it('removes the accounts from each device once, Desktop, Android and iOS, then refuses it', async () => {
    const m = t.app.management;
    await m.users.add({ tenant: 'acme', username: 'rita', password: PASSWORD });
    await m.accounts.add('acme', 'rita', { username: '3001', password: 'sip secret', domain: 'pbx.example' });
    const dir = t.dataDir;
    const file = await m.provisionFiles.build({
      tenant: 'acme',
      urls: [server.url],
      user: 'rita',
      password: PASSWORD,
    });
    await writeFile(join(dir, 'Provision.xml'), file.text);
    const desktop = (config: string, output: string) =>
      run([
        'simulate',
        '--provision',
        join(dir, 'Provision.xml'),
        '--data-dir',
        dir,
        '--config',
        join(dir, config),
        '-o',
        join(dir, output),
      ]);
    const templates = {
      android: `${server.url}/t/acme/provision/android?username=[username]&password=[password]&version=[version]`,
      ios: `${server.url}/t/acme/provision/ios?username={username}&password={password}&version={version}`,
    };
    const app = (platform: 'android' | 'ios', previous: string | undefined, output: string) =>
      simulate(platform, templates[platform], 'rita', PASSWORD, [
        ...(previous === undefined ? [] : ['--previous', join(dir, previous)]),
        '-o',
        join(dir, output),
      ]);
    const accountsIn = async (name: string) =>
      // Items of <accounts>, not general/account (an option on one line).
      (await readFile(join(dir, name), 'utf8')).match(/<account>\s*$/gm)?.length ?? 0;

    // Provisioned on three devices: each holds the SIP password.
    expect((await desktop('none.xml', 'desktop-1.xml')).code).toBe(EXIT.OK);
    expect((await app('android', undefined, 'android-1.xml')).code).toBe(EXIT.OK);
    expect((await app('ios', undefined, 'ios-1.xml')).code).toBe(EXIT.OK);
    for (const name of ['desktop-1.xml', 'android-1.xml', 'ios-1.xml']) {
      expect(await accountsIn(name)).toBe(1);
      expect(await readFile(join(dir, name), 'utf8')).toContain('sip secret');
    }
    await t.app.provisioning.flushAudit();

    // The command, on the server's data directory; the server sees the change by the data generation.
    let said = '';
    const code = await main(['user', 'revoke', 'rita', '--tenant', 'acme', '--data-dir', dir], {
      stdout: (s) => void (said += s),
      stderr: (s) => void (said += s),
      cwd: dir,
      env: {},
    });
    expect(code, said).toBe(EXIT.OK);
    expect(said).toMatch(/^revoked user rita: 3 devices to remove the accounts from \(/);
    t.clock.advance(1_001);
    const statuses = async () =>
      (await m.reports.userStatus('acme', 'rita')).map((d) => `${d.device?.platform}:${d.status}`).sort();
    expect(await statuses()).toEqual(['android:revoking', 'desktop:revoking', 'ios:revoking']);

    // The next fetch of each device takes the accounts away: a clean verdict, no account left.
    const removedDesktop = await desktop('desktop-1.xml', 'desktop-2.xml');
    expect(removedDesktop.code, JSON.stringify(removedDesktop.report)).toBe(EXIT.OK);
    expect(removedDesktop.report.attempts[0].diagnostics).toEqual([]);
    for (const platform of ['android', 'ios'] as const) {
      const removed = await app(platform, `${platform}-1.xml`, `${platform}-2.xml`);
      expect(removed.code, JSON.stringify(removed.report)).toBe(EXIT.OK);
      expect(removed.report.attempts[0].diagnostics).toEqual([]);
    }
    for (const name of ['desktop-2.xml', 'android-2.xml', 'ios-2.xml']) {
      expect(await accountsIn(name)).toBe(0);
      expect(await readFile(join(dir, name), 'utf8')).not.toContain('sip secret');
    }
    await t.app.provisioning.flushAudit();
    expect(await statuses()).toEqual(['android:removed', 'desktop:removed', 'ios:removed']);

    // Then each device is refused, in the phone's words, and keeps what it has: no accounts.
    const refusedDesktop = await desktop('desktop-2.xml', 'desktop-3.xml');
    expect(refusedDesktop.code).toBe(EXIT.SERVER_ERROR_DOCUMENT);
    expect(refusedDesktop.report.attempts[0].status).toBe(403);
    const refusedApp = await app('android', 'android-2.xml', 'android-3.xml');
    expect(refusedApp.report.attempts[0].status).toBe(403);
    expect(refusedApp.report.attempts[0].errorText).toBe(
      'This account has been removed from this phone. Please contact your administrator.',
    );
    await t.app.provisioning.flushAudit();
    const log = await m.reports.fetchLog({ tenant: 'acme', username: 'rita', limit: 20 });
    expect(log.slice(0, 5).map((e) => e.outcome)).toEqual([
      'revoked',
      'revoked',
      'removed',
      'removed',
      'removed',
    ]);

    // Enabling the user takes the revocation back: the accounts come again.
    await m.users.setEnabled('acme', 'rita', true);
    expect((await app('android', 'android-2.xml', 'android-4.xml')).code).toBe(EXIT.OK);
    expect(await accountsIn('android-4.xml')).toBe(1);
  });
});
