// The management commands end to end on a temp data dir: in-process through main() for speed, and a
// few through the built binary the way administrators run it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { readConfig, readProvision } from '../../src/core/index.js';
import { md5Hex } from '../../src/core/index.js';
import { BIN } from '../client/run-binary.js';
import { makeTempDir, runInProcess, type CliRun } from './cli-harness.js';

describe('management commands', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let data: string;
  const zprov = (...args: string[]): Promise<CliRun> => runInProcess([...args, '--data-dir', data], tmp.dir);
  const ok = async (...args: string[]): Promise<string> => {
    const run = await zprov(...args);
    expect(run.stderr.replace(/^zprov: created the key.*\n/m, '')).not.toMatch(/zprov: (?!warning)/);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run.stdout;
  };
  const identsOf = async (user: string, tenant: string): Promise<string[]> =>
    (JSON.parse(await ok('account', 'list', user, '--tenant', tenant, '--json')) as { ident: string }[]).map(
      (a) => a.ident,
    );

  beforeEach(() => {
    tmp = makeTempDir();
    data = join(tmp.dir, 'data');
  });
  afterEach(() => tmp.cleanup());

  it('walks an administrator from an empty data dir to a served document and a provision.xml', async () => {
    await ok('tenant', 'add', 'acme', '--name', 'Acme');
    const added = await ok('user', 'add', 'alice', '--tenant', 'acme');
    const generated = /shown once\): (\S+)/.exec(added)?.[1];
    expect(generated).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(
      await ok(
        'account',
        'add',
        'alice',
        '--tenant',
        'acme',
        '--username',
        '1001',
        '--password',
        'sip pw',
        '--domain',
        'pbx.acme.example',
      ),
    ).toMatch(/added sip account [0-9a-f]{16} to alice \(default\)/);
    await ok('profile', 'create', 'acme-base');
    await ok('profile', 'set', 'acme-base', 'general/auto_away', '600');
    await ok('profile', 'assign', 'acme-base', '--tenant', 'acme');
    const rendered = await ok('render', 'alice', '--tenant', 'acme');
    expect(readConfig(rendered).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(rendered).toContain('<auto_away>600</auto_away>');
    expect(rendered).toContain('<password>sip pw</password>');
    await ok(
      'provision-file',
      '--tenant',
      'acme',
      '--url',
      'https://prov.acme.example/',
      '--user',
      'alice',
      '--password',
      generated!,
      '-o',
      'provision.xml',
    );
    const provision = readFileSync(join(tmp.dir, 'provision.xml'), 'utf8');
    const parsed = readProvision(provision);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.document?.baseUrls).toEqual([
      'https://prov.acme.example/t/acme/provision?user=[user]&pass=[pass]',
    ]);
    expect(parsed.document?.options).toMatchObject({
      user: 'alice',
      password: md5Hex(generated!),
      passwordFormat: 0,
    });
    expect(await ok('tenant', 'list')).toMatch(/acme\s+Acme/);
  });

  it('prints exactly what the endpoint serves', async () => {
    await ok('user', 'add', 'bob', '--password', 'bob password');
    await ok('account', 'add', 'bob', '--username', '2002', '--domain', 'pbx.example.com');
    const rendered = await ok('render', 'bob');
    const app = await composeApp(loadConfig({ flags: { dataDir: data } }));
    try {
      const result = await app.provisioning.provision({
        tenant: undefined,
        username: 'bob',
        password: 'bob password',
        transport: 'basic',
        clientAddress: '127.0.0.1',
        userAgent: undefined,
      });
      expect(result.ok && result.body).toBe(rendered);
    } finally {
      await app.close();
    }
  });

  it('refuses invalid writes naming the field, and writes nothing of them', async () => {
    await ok('user', 'add', 'carol', '--password', 'carol password');
    const badValue = await zprov('profile', 'create', 'p').then(() =>
      zprov('profile', 'set', 'p', 'general/record_calls', 'yes'),
    );
    expect(badValue.code).toBe(1);
    expect(badValue.stderr).toContain('general/record_calls: expected true or false');
    const wrongProtocol = await zprov(
      'account',
      'add',
      'carol',
      '--protocol',
      'iax2',
      '--set',
      'SIP_transport_type=tls',
    );
    expect(wrongProtocol.code).toBe(1);
    expect(wrongProtocol.stderr).toContain('SIP_transport_type');
    const badCodec = await zprov('account', 'add', 'carol', '--codecs', 'opus,nosuchcodec');
    expect(badCodec.stderr).toContain("codecs: 'nosuchcodec' is not a known codec_id");
    expect(await identsOf('carol', 'default')).toEqual([]);
    const colon = await zprov('user', 'add', 'a:b', '--password', 'whatever1');
    expect([colon.code, colon.stderr]).toEqual([1, expect.stringContaining('username:')]);
    const noTenant = await zprov('user', 'list', '--tenant', 'nowhere');
    expect([noTenant.code, noTenant.stderr]).toEqual([1, "zprov: no tenant 'nowhere'\n"]);
    tmp.write('broken.xml', '<options><general><auto_away>soon</auto_away></general></options>');
    const imported = await zprov('profile', 'import', 'broken', 'broken.xml');
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('general/auto_away');
    expect(await ok('profile', 'list')).not.toContain('broken');
    const accounts = tmp.write(
      'accounts.xml',
      '<options><accounts><account><ident>x</ident></account></accounts></options>',
    );
    expect((await zprov('profile', 'import', 'acc', accounts)).stderr).toContain('zprov account');
  });

  it('keeps account idents across edits and moves general/account with set-default', async () => {
    await ok('user', 'add', 'dave', '--password', 'dave password');
    await ok('account', 'add', 'dave', '--username', 'd1', '--domain', 'a.example');
    await ok('account', 'add', 'dave', '--protocol', 'iax2', '--username', 'd2', '--domain', 'b.example');
    const [first, second] = await identsOf('dave', 'default');
    expect(first).not.toBe(second);
    await ok(
      'account',
      'update',
      first!,
      '--set',
      'SIP_transport_type=tcp',
      '--codecs',
      'pcma',
      '--username',
      'd1-renamed',
    );
    await ok('account', 'update', second!, '--set', 'IAX2_context=office');
    expect(await identsOf('dave', 'default')).toEqual([first, second]);
    const before = await ok('render', 'dave');
    expect(before).toContain(`<account>${first!}</account>`);
    expect(before).toContain('<username>d1-renamed</username>');
    await ok('account', 'set-default', second!);
    expect(await ok('render', 'dave')).toContain(`<account>${second!}</account>`);
    await ok('account', 'update', first!, '--unset', 'codecs', '--no-password');
    expect(await ok('account', 'show', first!)).not.toContain('<codecs>');
    await ok('account', 'remove', second!);
    expect(await ok('render', 'dave')).toContain(`<account>${first!}</account>`);
  });

  it('imports a Config.xml fragment as a profile and merges another over it', async () => {
    tmp.write(
      'base.xml',
      '<options><general><auto_away>100</auto_away><record_calls>true</record_calls></general></options>',
    );
    tmp.write(
      'more.xml',
      '<options><general><auto_away>200</auto_away></general><audio><use_agc>false</use_agc></audio></options>',
    );
    await ok('profile', 'import', 'p', 'base.xml');
    expect((await zprov('profile', 'import', 'p', 'more.xml')).code).toBe(1);
    await ok('profile', 'import', 'p', 'more.xml', '--merge');
    const shown = await ok('profile', 'show', 'p');
    expect(shown).toContain('<auto_away>200</auto_away>');
    expect(shown).toContain('<record_calls>true</record_calls>');
    expect(shown).toContain('<use_agc>false</use_agc>');
    await ok('profile', 'unset', 'p', 'general/record_calls');
    expect(await ok('profile', 'show', 'p')).not.toContain('record_calls');
    await ok('profile', 'assign', 'p', '--server');
    expect((await zprov('profile', 'delete', 'p')).stderr).toContain('still assigned (server-wide)');
    await ok('profile', 'unassign', '--server');
    await ok('profile', 'delete', 'p');
  });

  it('layers a tenant option under a per-user override', async () => {
    await ok('tenant', 'add', 'acme');
    await ok('group', 'add', 'ops', '--tenant', 'acme');
    await ok('user', 'add', 'erin', '--tenant', 'acme', '--group', 'ops', '--password', 'erin password');
    for (const [name, value, ...where] of [
      ['srv', '1', '--server'],
      ['ten', '2', '--tenant', 'acme'],
      ['grp', '3', '--group', 'ops', '--tenant', 'acme'],
      ['usr', '4', '--user', 'erin', '--tenant', 'acme'],
    ] as const) {
      await ok('profile', 'create', name);
      await ok('profile', 'set', name, 'general/auto_away', value);
      await ok('profile', 'assign', name, ...where);
    }
    await ok('profile', 'set', 'ten', 'general/record_calls', 'true');
    const rendered = await ok('render', 'erin', '--tenant', 'acme');
    expect(rendered).toContain('<auto_away>4</auto_away>');
    expect(rendered).toContain('<record_calls>true</record_calls>');
    await ok('profile', 'unassign', '--user', 'erin', '--tenant', 'acme');
    expect(await ok('render', 'erin', '--tenant', 'acme')).toContain('<auto_away>3</auto_away>');
  });

  it("renders against a phone's local Config.xml with the tenant's or the provision file's delete flags", async () => {
    await ok('user', 'add', 'fay', '--password', 'fay password');
    await ok('account', 'add', 'fay', '--username', 'f1', '--domain', 'pbx.example');
    const local = tmp.write(
      'local.xml',
      '<options><general><auto_away>5</auto_away></general><accounts><account><ident>phone-own</ident><protocol>sip</protocol></account></accounts></options>',
    );
    const replaced = await ok('render', 'fay', '--against', local);
    expect(replaced).toContain('<auto_away>5</auto_away>');
    expect(replaced).not.toContain('phone-own');
    const provision = await ok('provision-file', '--keep-accounts', '--url', 'http://127.0.0.1:8080');
    tmp.write('provision.xml', provision);
    const kept = await ok('render', 'fay', '--against', local, '--provision', 'provision.xml');
    expect(kept).toContain('phone-own');
    expect(kept).toContain('<username>f1</username>');
  });

  it('reports which phones have not picked up the latest settings, and the fetch log', async () => {
    await ok('user', 'add', 'gus', '--password', 'gus password');
    await ok('user', 'add', 'hal', '--password', 'hal password');
    await ok('profile', 'create', 'p');
    await ok('profile', 'set', 'p', 'general/auto_away', '9');
    await ok('profile', 'assign', 'p', '--server');
    const app = await composeApp(loadConfig({ flags: { dataDir: data } }));
    try {
      const fetch = (username: string, password: string) =>
        app.provisioning.provision({
          tenant: undefined,
          username,
          password,
          transport: 'url',
          clientAddress: '203.0.113.5',
          userAgent: 'Z',
        });
      expect((await fetch('gus', 'gus password')).ok).toBe(true);
      expect((await fetch('hal', 'not it')).ok).toBe(false);
    } finally {
      await app.close();
    }
    expect(await ok('status')).toMatch(/gus\s+current\s+\S+\s+current\s+203\.0\.113\.5/);
    expect(await ok('user', 'show', 'gus')).toMatch(
      /device:\s+desktop \(Z\): current, last fetch \S+ from 203\.0\.113\.5/,
    );
    expect(JSON.parse(await ok('user', 'show', 'hal', '--json'))).toMatchObject({
      username: 'hal',
      devices: [{ status: 'never' }],
    });
    expect(await ok('user', 'list', '--stale')).toMatch(/^TENANT\s+USER.*\ndefault\s+hal\s+never/);
    await ok('profile', 'set', 'p', 'general/auto_away', '10');
    expect(await ok('user', 'list', '--stale')).toMatch(/gus\s+stale/);
    const log = JSON.parse(await ok('fetch-log', '--json')) as { username: string; outcome: string }[];
    expect(log.map((e) => [e.username, e.outcome])).toEqual([
      ['hal', 'wrong_password'],
      ['gus', 'served'],
    ]);
    expect(await ok('fetch-log', '--user', 'gus')).toMatch(/gus\s+served/);
  });

  it('tells which password each phone used, so a rotation can be finished with --revoke-old', async () => {
    await ok('user', 'add', 'zed', '--password', 'first pass');
    await ok('user', 'add', 'amy', '--password', 'amy pass');
    for (const user of ['zed', 'amy'])
      await ok('account', 'add', user, '--username', user, '--domain', 'pbx.example.com');
    const fetchAs = async (...logins: [string, string][]): Promise<void> => {
      const app = await composeApp(loadConfig({ flags: { dataDir: data } }));
      try {
        for (const [username, password] of logins) {
          const result = await app.provisioning.provision({
            tenant: undefined,
            username,
            password,
            transport: 'url',
            clientAddress: '203.0.113.7',
            userAgent: 'Z',
          });
          expect(result.ok, `${username} / ${password}`).toBe(true);
        }
      } finally {
        await app.close();
      }
    };
    const onPrevious = async (): Promise<string[]> =>
      (
        JSON.parse(await ok('user', 'list', '--on-previous-password', '--json')) as { username: string }[]
      ).map((r) => r.username);
    const lastPassword = async (user: string): Promise<unknown> =>
      (
        JSON.parse(await ok('user', 'show', user, '--json')) as {
          devices: { lastPasswordUsed?: string }[];
        }
      ).devices[0]?.lastPasswordUsed;

    await fetchAs(['zed', 'first pass'], ['amy', 'amy pass']);
    expect(await onPrevious()).toEqual([]);
    expect(await lastPassword('zed')).toBe('current');

    // Both rotated; zed's phone has not fetched since, amy's has, with the new password.
    await ok('user', 'set-password', 'zed', '--password', 'second pass');
    await ok('user', 'set-password', 'amy', '--password', 'amy new pass');
    await fetchAs(['amy', 'amy new pass']);
    expect(await onPrevious()).toEqual(['zed']);
    expect(await lastPassword('zed')).toBe('previous');
    expect(await lastPassword('amy')).toBe('current');
    expect(await ok('user', 'show', 'zed')).toMatch(
      /password:\s+previous at the last fetch; the previous one works until \S+: this phone needs its new Provision\.xml before --revoke-old/,
    );
    expect(await ok('status')).toMatch(/\ndefault\s+zed\s+\w+\s+\S+\s+previous\s+203\.0\.113\.7/);

    // zed's phone with its old provision.xml: served, logged as previous. Then with the new one: the
    // same document within a minute, yet the change of password is recorded.
    await fetchAs(['zed', 'first pass'], ['zed', 'second pass']);
    expect(await ok('fetch-log', '--user', 'zed', '--limit', '2')).toMatch(
      /zed\s+served\s+current.*\n.*zed\s+served\s+previous/,
    );
    expect(await onPrevious()).toEqual([]);
    expect(await ok('user', 'show', 'zed')).toMatch(/this phone no longer needs it/);

    await ok('user', 'set-password', 'zed', '--password', 'third pass', '--revoke-old');
    expect(await lastPassword('zed')).toBe('replaced');
    expect(await onPrevious()).toEqual([]);
  });

  it('shows every tenant in status unless one is named, and takes --tenant on every account command', async () => {
    await ok('tenant', 'add', 'acme');
    await ok('tenant', 'add', 'zeta');
    await ok('user', 'add', 'ann', '--tenant', 'acme', '--password', 'ann password');
    await ok('user', 'add', 'ann', '--tenant', 'zeta', '--password', 'ann password');
    await ok('user', 'add', 'dan', '--password', 'dan password');
    const status = await ok('status');
    expect(status).toMatch(/^TENANT\s+USER\s+STATUS/);
    expect(status).toMatch(/\nacme\s+ann\s+nothing_to_serve/);
    expect(status).toMatch(/\ndefault\s+dan\s+nothing_to_serve/);
    expect(status).toMatch(/\nzeta\s+ann\s+nothing_to_serve/);
    expect(JSON.parse(await ok('status', '--tenant', 'zeta', '--json'))).toMatchObject([
      { tenant: 'zeta', username: 'ann', status: 'nothing_to_serve' },
    ]);

    await ok(
      'account',
      'add',
      'ann',
      '--tenant',
      'acme',
      '--username',
      '2001',
      '--domain',
      'pbx.acme.example',
    );
    await ok(
      'account',
      'add',
      'ann',
      '--tenant',
      'acme',
      '--protocol',
      'iax2',
      '--username',
      '2002',
      '--domain',
      'iax.acme.example',
    );
    const [sip, iax] = JSON.parse(await ok('account', 'list', 'ann', '--tenant', 'acme', '--json')) as Record<
      string,
      unknown
    >[];
    expect(sip).toMatchObject({ user: 'ann', protocol: 'sip', username: '2001', domain: 'pbx.acme.example' });
    expect(iax).toMatchObject({
      user: 'ann',
      protocol: 'iax2',
      username: '2002',
      domain: 'iax.acme.example',
    });
    expect(await ok('account', 'list', 'ann', '--tenant', 'acme')).toMatch(
      /^IDENT\s+PROTOCOL\s+USERNAME\s+DOMAIN/,
    );

    const ident = sip?.['ident'] as string;
    await ok('account', 'update', ident, '--tenant', 'acme', '--username', '2003');
    await ok('account', 'show', ident, '--tenant', 'acme');
    await ok('account', 'set-default', ident, '--tenant', 'acme');
    for (const command of [
      ['update', ident, '--username', '9'],
      ['show', ident],
      ['set-default', ident],
      ['remove', ident],
    ]) {
      const refused = await zprov('account', ...command, '--tenant', 'zeta');
      expect(refused.code, command.join(' ')).toBe(1);
      expect(refused.stderr).toContain(`no account '${ident}' in tenant 'zeta'`);
    }
    expect(JSON.parse(await ok('account', 'list', 'ann', '--tenant', 'acme', '--json'))).toMatchObject([
      { ident, username: '2003', default: true },
      {},
    ]);
    await ok('account', 'remove', ident, '--tenant', 'acme');
    expect(await identsOf('ann', 'acme')).toHaveLength(1);

    const help = await ok('fetch-log', '--help');
    expect(help).toMatch(/--tenant <slug>\s+only this tenant \(default: every tenant/);
  });

  it('prints what strangers sent with its control characters escaped, so it cannot act on the terminal', async () => {
    const app = await composeApp(loadConfig({ flags: { dataDir: data } }));
    try {
      await app.provisioning.provision({
        tenant: undefined,
        username: 'eve\r\n2026-01-01T00:00:00Z  default  admin  served',
        password: 'x',
        transport: 'url',
        clientAddress: '203.0.113.9',
        userAgent: 'Zoiper\u001b]0;owned\u0007\u001b[2J\u202e',
      });
      await app.provisioning.flushAudit();
    } finally {
      await app.close();
    }
    const table = await ok('fetch-log');
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(table.trimEnd().split('\n')).toHaveLength(2);
    expect(table).toContain('eve\\x0d\\x0a2026-01-01T00:00:00Z');
    expect(table).toContain('Zoiper\\x1b]0;owned\\x07\\x1b[2J\\u202e');
  });

  it('names the accepted values when --auth or --password-format gets another', async () => {
    const auth = await zprov('provision-file', '--auth', 'digest', '--url', 'http://h');
    expect([auth.code, auth.stdout]).toEqual([2, '']);
    expect(auth.stderr).toContain(
      "'--auth <type>' argument 'digest' is invalid. Allowed choices are url, basic",
    );
    const format = await zprov('provision-file', '--password-format', 'sha1', '--url', 'http://h');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Allowed choices are md5, plain');
  });

  it('writes provision.xml for basic auth and refuses a plain password that could break a URL', async () => {
    await ok('user', 'add', 'ivy', '--password', 'p&ss=word#1');
    const refused = await zprov(
      'provision-file',
      '--user',
      'ivy',
      '--password',
      'p&ss=word#1',
      '--password-format',
      'plain',
      '--url',
      'http://h',
    );
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('--password-format md5')]);
    const wrong = await zprov(
      'provision-file',
      '--user',
      'ivy',
      '--password',
      'not the one',
      '--url',
      'http://h',
    );
    expect(wrong.stderr).toContain('password: is not the current provisioning password');
    const basic = await ok(
      'provision-file',
      '--auth',
      'basic',
      '--password-format',
      'plain',
      '--user',
      'ivy',
      '--password',
      'p&ss=word#1',
      '--url',
      'https://h',
    );
    const parsed = readProvision(basic);
    expect(parsed.document?.baseUrls).toEqual(['https://h/t/default/provision']);
    expect(parsed.document?.options).toMatchObject({
      authenticationType: 'basic',
      password: 'p&ss=word#1',
      passwordFormat: 1,
    });
    const typed = readProvision(await ok('provision-file', '--url', 'https://h'));
    expect(typed.document?.options).toMatchObject({ userInputAuthentication: true, user: '', password: '' });
  });

  it('removes users, groups and tenants, and asks before removing a tenant', async () => {
    await ok('tenant', 'add', 'gone');
    await ok('group', 'add', 'g', '--tenant', 'gone');
    await ok('user', 'add', 'u', '--tenant', 'gone', '--group', 'g', '--password', 'u password');
    await ok('group', 'remove', 'g', '--tenant', 'gone');
    expect(await ok('user', 'list', '--tenant', 'gone')).toMatch(/u\s+yes\s+-/);
    await ok('user', 'disable', 'u', '--tenant', 'gone');
    expect(await ok('user', 'list', '--tenant', 'gone')).toMatch(/u\s+no/);
    await ok('user', 'remove', 'u', '--tenant', 'gone');
    expect((await zprov('tenant', 'remove', 'gone')).stderr).toContain('add --yes');
    await ok('tenant', 'remove', 'gone', '--yes');
    expect(await ok('tenant', 'list')).not.toContain('gone');
    expect((await zprov('tenant', 'remove', 'default', '--yes')).stderr).toContain('cannot be removed');
  });
});

// npm test builds first; without dist/ these fail (like every other binary test) rather than skip.
describe('management commands through the binary', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, ...args, '--data-dir', join(tmp.dir, 'data')], {
      cwd: tmp.dir,
      encoding: 'utf8',
      input,
      timeout: 60_000,
    });

  it('takes passwords from standard input and rotates them', () => {
    expect(run(['user', 'add', 'zed', '--password-stdin'], 'first password\n').status).toBe(0);
    const rotated = run(['user', 'set-password', 'zed', '--password-stdin'], 'second password\n');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/previous password keeps working until \d{4}-/);
    const file = run(
      ['provision-file', '--user', 'zed', '--password-stdin', '--url', 'http://h'],
      'second password\n',
    );
    expect(file.status).toBe(0);
    expect(file.stdout).toContain(`<password>${md5Hex('second password')}</password>`);
  });

  it('lets people sign in to the web pages, their password only from standard input', () => {
    const added = run(
      ['admin', 'add', 'ann', '--role', 'tenant-admin', '--tenant', 'default', '--password-stdin'],
      'a long admin password\n',
    );
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toBe('ann can sign in as tenant-admin of tenant default\n');
    expect(run(['admin', 'add', 'bob', '--role', 'read-only', '--password', 'x']).stderr).toContain(
      "unknown option '--password'",
    );
    expect(run(['admin', 'list']).stdout).toMatch(
      /^NAME +ROLE +TENANT +CREATED\nann +tenant-admin +default +\d{4}-/,
    );
    expect(run(['admin', 'set-password', 'ann', '--password-stdin'], 'short\n').stderr).toContain(
      'password: from 12 to 1024 characters',
    );
    expect(run(['admin', 'remove', 'ann']).stdout).toBe('removed ann\n');
    expect(run(['admin', 'list', '--json']).stdout).toBe('[]\n');
  });

  it('exits 1 with the message on stderr for a refused write and 2 for an unusable config', () => {
    const refused = run(['profile', 'set', 'nope', 'general/auto_away', '1']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("zprov: no profile 'nope'\n");
    const badKey = spawnSync(process.execPath, [BIN, 'tenant', 'list', '--data-dir', tmp.dir], {
      env: { ...process.env, ZPROV_SECRET_KEY: 'short' },
      encoding: 'utf8',
    });
    expect(badKey.status).toBe(2);
    expect(badKey.stderr).toContain('ZPROV_SECRET_KEY');
  });
});
