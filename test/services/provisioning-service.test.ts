import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../src/core/index.js';
import { md5Hex } from '../../src/core/index.js';
import type { ProvisioningResult } from '../../src/services/provisioning-contract.js';
import { PHONE_MESSAGES } from '../../src/services/messages.js';
import { resolveLogin } from '../../src/services/provisioning-service.js';
import type { Tenant } from '../../src/services/model.js';
import { PasswordHasher } from '../../src/services/password-hash.js';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { request, testApp, TEST_HASH, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/test-databases.js';

const PASSWORD = 'correct horse battery';

function served(result: ProvisioningResult): string {
  if (!result.ok) throw new Error(`expected a document, got ${result.outcome}: ${result.userMessage}`);
  return result.body;
}

describe('provisioning use case', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp({
      maxFailuresPerUser: 3,
      maxFailuresPerAddress: 10,
      lockoutSeconds: 60,
      maxLockoutSeconds: 600,
    });
    const m = t.app.management;
    await m.users.add({ tenant: 'default', username: 'alice', password: PASSWORD });
    await m.accounts.add('default', 'alice', {
      protocol: 'sip',
      username: '1001',
      password: 'sip-secret',
      domain: 'pbx.example.com',
    });
  });
  afterEach(() => t.close());

  const provision = (username: string, password: string, extra = {}) =>
    t.app.provisioning.provision(request(username, password, extra));

  it('serves a valid document with its sha256 for the right password', async () => {
    const result = await provision('alice', PASSWORD);
    const body = served(result);
    expect(result.ok && result.documentHash).toBe(createHash('sha256').update(body).digest('hex'));
    expect(readConfig(body).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(body).toContain('<password>sip-secret</password>');
  });

  it('accepts the MD5 form of the password, on the first fetch and on repeat fetches', async () => {
    served(await provision('alice', md5Hex(PASSWORD)));
    served(await provision('alice', md5Hex(PASSWORD).toUpperCase()));
    served(await provision('alice', PASSWORD));
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await provision('alice', 'not the password');
    const unknown = await provision('mallory', PASSWORD);
    expect(wrong).toEqual({
      ok: false,
      outcome: 'wrong_password',
      userMessage: PHONE_MESSAGES.wrong_password,
    });
    expect(unknown).toEqual({
      ok: false,
      outcome: 'unknown_user',
      userMessage: PHONE_MESSAGES.wrong_password,
    });
  });

  it('does not let a remembered login stand in for a different password', async () => {
    served(await provision('alice', PASSWORD));
    expect((await provision('alice', `${PASSWORD}x`)).outcome).toBe('wrong_password');
  });

  it('answers a repeat fetch at once, and anything needing the database or the slow hash later', async () => {
    const first = provision('alice', PASSWORD);
    expect(first).toBeInstanceOf(Promise);
    const body = served(await first);
    const repeat = provision('alice', PASSWORD);
    expect(repeat).not.toBeInstanceOf(Promise);
    expect(served(repeat as ProvisioningResult)).toBe(body);
    // A wrong password for a remembered login is judged by the stored hash, so it is not answered at once.
    const wrong = provision('alice', 'not the password');
    expect(wrong).toBeInstanceOf(Promise);
    expect((await wrong).outcome).toBe('wrong_password');
    // Locked out: a guess is refused, and not at once (the refusal is recorded) ...
    for (let i = 0; i < 2; i++) await provision('alice', 'still wrong');
    const locked = provision('alice', 'another guess');
    expect(locked).toBeInstanceOf(Promise);
    expect((await locked).outcome).toBe('locked_out');
    // ... while the phone whose credentials were already verified is still served at once.
    const owner = provision('alice', PASSWORD);
    expect(owner).not.toBeInstanceOf(Promise);
    expect(served(owner as ProvisioningResult)).toBe(body);
  });

  it('asks for credentials when either is missing', async () => {
    expect((await provision('', PASSWORD)).outcome).toBe('missing_credentials');
    expect((await provision('alice', '')).outcome).toBe('missing_credentials');
  });

  it('refuses a disabled user only once the password is right, and at once for a remembered login', async () => {
    served(await provision('alice', PASSWORD));
    await t.app.management.users.setEnabled('default', 'alice', false);
    expect((await provision('alice', PASSWORD)).outcome).toBe('disabled');
    expect((await provision('alice', 'wrong password')).outcome).toBe('wrong_password');
    await t.app.management.users.setEnabled('default', 'alice', true);
    served(await provision('alice', PASSWORD));
  });

  it('says there is nothing to serve for a user without profile or account', async () => {
    await t.app.management.users.add({ tenant: 'default', username: 'bob', password: PASSWORD });
    const result = await provision('bob', PASSWORD);
    expect(result).toMatchObject({ ok: false, outcome: 'nothing_to_serve' });
  });

  it('locks a username out after repeated failures, then lets it in again, doubling later lockouts', async () => {
    for (let i = 0; i < 3; i++)
      expect((await provision('alice', 'wrong password')).outcome).toBe('wrong_password');
    const locked = await provision('alice', PASSWORD);
    expect(locked).toMatchObject({ ok: false, outcome: 'locked_out', retryAfterSeconds: 60 });
    expect(locked.ok === false && locked.userMessage).toMatch(/try again in 1 minute/);
    t.clock.advance(61_000);
    served(await provision('alice', PASSWORD));
    // A success forgets the username's history: the next lockout is a first one again ...
    for (let i = 0; i < 3; i++) await provision('alice', 'wrong password');
    expect(await provision('alice', 'a guess')).toMatchObject({
      outcome: 'locked_out',
      retryAfterSeconds: 60,
    });
    t.clock.advance(61_000);
    for (let i = 0; i < 3; i++) await provision('alice', 'wrong password');
    expect(await provision('alice', 'a guess')).toMatchObject({
      outcome: 'locked_out',
      retryAfterSeconds: 120,
    });
  });

  it('verifies no more concurrent guesses at one user than its budget, however many arrive at once', async () => {
    const verify = vi.spyOn(PasswordHasher.prototype, 'verify');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        Promise.resolve(provision('alice', `guess ${i}`, { clientAddress: `198.51.100.${i}` })),
      ),
    );
    expect(verify).toHaveBeenCalledTimes(3);
    expect(results.filter((r) => r.outcome === 'wrong_password')).toHaveLength(3);
    expect(results.filter((r) => r.outcome === 'locked_out')).toHaveLength(37);
    verify.mockRestore();
  });

  it('verifies no more concurrent guesses from one address than its budget, across usernames', async () => {
    const verify = vi.spyOn(PasswordHasher.prototype, 'verify');
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => Promise.resolve(provision(`nobody${i}`, 'whatever1'))),
    );
    // Unknown usernames are answered after a timer; one slow check measures how long (see below).
    expect(verify).toHaveBeenCalledTimes(1);
    expect(results.filter((r) => r.outcome === 'unknown_user')).toHaveLength(10);
    expect(results.filter((r) => r.outcome === 'locked_out')).toHaveLength(50);
    verify.mockRestore();
  });

  it('answers an unknown username after a wait as long as a check, without running the slow hash', async () => {
    expect((await provision('alice', 'wrong password')).outcome).toBe('wrong_password');
    const verify = vi.spyOn(PasswordHasher.prototype, 'verify');
    for (let i = 0; i < 20; i++)
      expect((await provision(`nobody${i}`, 'whatever1', { clientAddress: `198.51.100.${i}` })).outcome).toBe(
        'unknown_user',
      );
    expect((await provision('alice@nowhere', 'whatever1', { tenant: 'nowhere' })).outcome).toBe(
      'unknown_user',
    );
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
  });

  it('runs one slow check, not one per stranger, to learn how long a check takes after a start', async () => {
    const verify = vi.spyOn(PasswordHasher.prototype, 'verify');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        Promise.resolve(provision(`nobody${i}`, 'whatever1', { clientAddress: `198.51.100.${i}` })),
      ),
    );
    expect(results.map((r) => r.outcome)).toEqual(Array(8).fill('unknown_user'));
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockRestore();
  });

  it('records a bounded number of refusals per address and overall, and a bounded User-Agent', async () => {
    const agent = 'Z'.repeat(8 * 1024);
    for (let i = 0; i < 200; i++) await provision('', '', { userAgent: agent });
    await t.app.provisioning.flushAudit();
    let log = await t.app.management.reports.fetchLog({ limit: 1000 });
    expect(log).toHaveLength(20);
    expect(log.every((e) => e.userAgent?.length === 256)).toBe(true);
    // From many addresses in the same second, the overall limit holds.
    for (let i = 0; i < 200; i++) await provision('', '', { clientAddress: `203.0.113.${i}` });
    await t.app.provisioning.flushAudit();
    log = await t.app.management.reports.fetchLog({ limit: 1000 });
    expect(log).toHaveLength(50);
    // A minute later an address may be heard again; a served fetch is always recorded.
    t.clock.advance(60_000);
    await provision('', '');
    served(await provision('alice', PASSWORD));
    await t.app.provisioning.flushAudit();
    log = await t.app.management.reports.fetchLog({ limit: 1000 });
    expect(log.slice(0, 2).map((e) => e.outcome)).toEqual(['served', 'missing_credentials']);
  });

  it('checks a generated password with the keyed hash, and refuses a wrong one no faster than a typed one', async () => {
    const dir = tempDir();
    const slow = await composeApp(loadConfig({ flags: { dataDir: dir.path } }), {
      clock: t.clock,
      passwordHash: { logN: 11, r: 8, p: 1 },
    });
    try {
      const m = slow;
      const { generatedPassword } = await m.management.users.add({
        tenant: 'default',
        username: 'gen',
        generatePassword: true,
      });
      await m.management.users.add({ tenant: 'default', username: 'typed', password: PASSWORD });
      for (const username of ['gen', 'typed'])
        await m.management.accounts.add('default', username, { username: '1001', password: 'sip-secret' });
      const fetch = (username: string, password: string, address: string) =>
        Promise.resolve(m.provisioning.provision(request(username, password, { clientAddress: address })));
      expect((await fetch('gen', generatedPassword!, '198.51.100.1')).ok).toBe(true);
      expect((await fetch('gen', md5Hex(generatedPassword!), '198.51.100.2')).ok).toBe(true);
      const timed = async (username: string, address: string): Promise<number> => {
        const started = performance.now();
        expect((await fetch(username, 'not the password', address)).outcome).toBe('wrong_password');
        return performance.now() - started;
      };
      const typed = await timed('typed', '198.51.100.3');
      const generated = await timed('gen', '198.51.100.4');
      expect(generated).toBeGreaterThan(typed * 0.5);
    } finally {
      await slow.close();
      dir.remove();
    }
  });

  it('locks a client address out after failures across many unknown usernames', async () => {
    for (let i = 0; i < 10; i++)
      expect((await provision(`nobody${i}`, 'whatever1')).outcome).toBe('unknown_user');
    expect(await provision('alice', PASSWORD)).toMatchObject({ outcome: 'locked_out' });
    served(await provision('alice', PASSWORD, { clientAddress: '198.51.100.7' }));
  });

  it('exempts trusted networks from the per-address lockout, but not from the per-user one', async () => {
    const office = await testApp({
      maxFailuresPerUser: 3,
      maxFailuresPerAddress: 10,
      trustedNetworks: '192.0.2.0/24',
    });
    try {
      await office.app.management.users.add({ tenant: 'default', username: 'alice', password: PASSWORD });
      await office.app.management.accounts.add('default', 'alice', {
        username: '1001',
        password: 'sip-secret',
      });
      const fetch = (username: string, password: string) =>
        office.app.provisioning.provision(request(username, password));
      for (let i = 0; i < 30; i++)
        expect((await fetch(`nobody${i}`, 'whatever1')).outcome).toBe('unknown_user');
      served(await fetch('alice', PASSWORD));
      for (let i = 0; i < 3; i++) await fetch('bob', 'wrong password');
      expect((await fetch('bob', 'wrong password')).outcome).toBe('locked_out');
    } finally {
      await office.close();
    }
  });

  it('keeps the old password working during the rotation window and not after', async () => {
    served(await provision('alice', PASSWORD));
    const change = await t.app.management.users.setPassword('default', 'alice', 'the new password');
    expect(change.previousValidUntil).toBe(
      new Date(t.clock.now() + t.config.rotationWindowSeconds * 1000).toISOString(),
    );
    served(await provision('alice', PASSWORD));
    served(await provision('alice', 'the new password'));
    t.clock.advance(t.config.rotationWindowSeconds * 1000 + 1);
    expect((await provision('alice', PASSWORD)).outcome).toBe('wrong_password');
    served(await provision('alice', 'the new password'));
  });

  it('stops accepting the old password at once when the change revokes it', async () => {
    served(await provision('alice', PASSWORD));
    await t.app.management.users.setPassword('default', 'alice', 'the new password', { revokeOld: true });
    expect((await provision('alice', PASSWORD)).outcome).toBe('wrong_password');
  });

  it('records every request with its outcome, and the last fetch with the document hash', async () => {
    const ok = await provision('alice', PASSWORD, { clientVersion: '1.14' });
    await provision('alice', 'wrong password');
    await provision('ghost', 'whatever1');
    await t.app.provisioning.flushAudit();
    const log = await t.app.management.reports.fetchLog({ limit: 10 });
    expect(log.map((e) => e.outcome)).toEqual(['unknown_user', 'wrong_password', 'served']);
    expect(log[2]).toMatchObject({
      tenant: 'default',
      username: 'alice',
      clientAddress: '192.0.2.10',
      userAgent: 'Z 5.6.1 test',
      clientVersion: '1.14',
      transport: 'url',
      documentHash: ok.ok ? ok.documentHash : 'x',
    });
    expect(log[0]?.documentHash).toBeUndefined();
    const [row] = await t.app.management.reports.staleness('default');
    expect(row).toMatchObject({
      username: 'alice',
      status: 'current',
      lastHash: ok.ok ? ok.documentHash : 'x',
    });
  });

  it('serves a tenant by path segment and by user@tenant', async () => {
    const m = t.app.management;
    await m.tenants.add({ slug: 'acme' });
    await m.users.add({ tenant: 'acme', username: 'alice', password: 'acme password' });
    await m.profiles.create('acme-base');
    await m.profiles.set('acme-base', 'general/auto_away', '42');
    await m.profiles.assign('acme-base', { kind: 'tenant', tenant: 'acme' });
    expect(served(await provision('alice', 'acme password', { tenant: 'ACME' }))).toContain(
      '<auto_away>42</auto_away>',
    );
    expect(served(await provision('alice@acme', 'acme password'))).toContain('<auto_away>42</auto_away>');
    expect((await provision('alice', 'acme password')).outcome).toBe('wrong_password');
    expect((await provision('alice', PASSWORD, { tenant: 'nowhere' })).outcome).toBe('unknown_user');
  });

  it('serves management changes made in this process on the next request', async () => {
    const before = served(await provision('alice', PASSWORD));
    await t.app.management.profiles.create('p');
    await t.app.management.profiles.set('p', 'general/auto_away', '7');
    await t.app.management.profiles.assign('p', { kind: 'user', tenant: 'default', username: 'alice' });
    const after = served(await provision('alice', PASSWORD));
    expect(before).not.toContain('auto_away');
    expect(after).toContain('<auto_away>7</auto_away>');
  });

  it('notices writes made by another process within the generation check interval', async () => {
    served(await provision('alice', PASSWORD));
    const other = await composeApp(t.config, { passwordHash: TEST_HASH });
    try {
      await other.management.users.setEnabled('default', 'alice', false);
    } finally {
      await other.close();
    }
    served(await provision('alice', PASSWORD));
    t.clock.advance(1001);
    expect((await provision('alice', PASSWORD)).outcome).toBe('disabled');
  });
});

describe('tenant resolution', () => {
  const tenant = (slug: string): Tenant => ({
    id: slug,
    slug,
    name: slug,
    deleteAccountsBeforehand: true,
    deleteContactServicesBeforehand: false,
    profileId: undefined,
    language: 'en',
    phoneParams: {},
    createdAt: '',
  });
  const tenants = new Map([
    ['default', tenant('default')],
    ['acme', tenant('acme')],
  ]);

  it('takes the path segment as is, case-insensitively', () => {
    expect(resolveLogin({ tenant: 'Acme', username: 'a@b' }, tenants)).toMatchObject({
      tenantSlug: 'acme',
      username: 'a@b',
    });
  });

  it('splits user@tenant only when the tenant exists, at the last @', () => {
    expect(resolveLogin({ tenant: undefined, username: 'j.doe@mail.example@acme' }, tenants)).toMatchObject({
      tenantSlug: 'acme',
      username: 'j.doe@mail.example',
    });
    expect(resolveLogin({ tenant: undefined, username: 'j.doe@mail.example' }, tenants)).toMatchObject({
      tenantSlug: 'default',
      username: 'j.doe@mail.example',
    });
  });
});
