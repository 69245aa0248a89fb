// The people who sign in to the web pages: passwords kept only hashed and checked only as typed,
// one refusal whether the name or the password is wrong, and sessions that end when they should.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { testApp, type TestApp } from '../support/test-app.js';

const PASSWORD = 'a long enough password';

describe('people who sign in', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
    await t.app.management.tenants.add({ slug: 'acme' });
  });
  afterEach(() => t.close());

  const admins = () => t.app.management.admins;
  const signedIn = async (name = 'ann', password = PASSWORD) => {
    const result = await admins().signIn(name, password, '192.0.2.1');
    if (!result.ok) throw new Error(`not signed in: ${result.reason}`);
    return result.session;
  };

  it('refuses what a person cannot be, naming the field', async () => {
    await expect(admins().add('ann', 'tenant-admin', PASSWORD)).rejects.toMatchObject({ field: 'tenant' });
    await expect(admins().add('ann', 'server-admin', PASSWORD, 'acme')).rejects.toMatchObject({
      field: 'tenant',
    });
    await expect(admins().add('ann', 'root', PASSWORD)).rejects.toMatchObject({ field: 'role' });
    await expect(admins().add('a n', 'read-only', PASSWORD)).rejects.toMatchObject({ field: 'name' });
    await expect(admins().add('ann', 'read-only', 'short')).rejects.toMatchObject({ field: 'password' });
    await admins().add('ann', 'tenant-admin', PASSWORD, 'acme');
    await expect(admins().add('ann', 'read-only', PASSWORD)).rejects.toMatchObject({
      code: 'already_exists',
    });
    expect(await admins().list()).toMatchObject([{ name: 'ann', role: 'tenant-admin', tenant: 'acme' }]);
  });

  it('keeps the password hashed, accepts it only as typed, and answers a wrong name as a wrong password', async () => {
    await admins().add('ann', 'tenant-admin', PASSWORD, 'acme');
    const md5 = createHash('md5').update(PASSWORD).digest('hex');
    const stored = await t.app.management.history.list({ limit: 5 });
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(await admins().signIn('ann', md5, '192.0.2.1')).toEqual({
      ok: false,
      reason: 'wrong',
      retryAfterSeconds: 0,
    });
    expect(await admins().signIn('nobody', PASSWORD, '192.0.2.1')).toEqual({
      ok: false,
      reason: 'wrong',
      retryAfterSeconds: 0,
    });
    const session = await signedIn();
    expect(session.principal).toEqual({
      name: 'web:ann',
      role: 'tenant-admin',
      tenantId: expect.any(String),
    });
    expect(session.csrfToken).not.toBe(session.secret);
    expect(await admins().session('not a secret')).toBeUndefined();
  });

  it('ends sessions on sign-out, when idle, when too old, on a new password and with the person', async () => {
    await admins().add('ann', 'server-admin', PASSWORD);
    const out = await signedIn();
    await admins().signOut(out.secret);
    expect(await admins().session(out.secret)).toBeUndefined();

    const idle = await signedIn();
    t.clock.advance(29 * 60 * 1000);
    expect(await admins().session(idle.secret)).toBeDefined(); // used: the idle time starts again
    t.clock.advance(29 * 60 * 1000);
    expect(await admins().session(idle.secret)).toBeDefined();
    t.clock.advance(31 * 60 * 1000);
    expect(await admins().session(idle.secret)).toBeUndefined();

    const busy = await signedIn();
    for (let step = 0; step < 35; step++) {
      t.clock.advance(20 * 60 * 1000); // 11 h 40 min in all, never idle for long
      expect(await admins().session(busy.secret)).toBeDefined();
    }
    t.clock.advance(21 * 60 * 1000);
    expect(await admins().session(busy.secret)).toBeUndefined(); // over 12 hours after sign-in

    const renewed = await signedIn();
    await admins().setPassword('ann', 'another long password');
    expect(await admins().session(renewed.secret)).toBeUndefined();
    const removed = await signedIn('ann', 'another long password');
    await admins().remove('ann');
    expect(await admins().session(removed.secret)).toBeUndefined();
    await expect(admins().remove('ann')).rejects.toMatchObject({ code: 'not_found' });
  });
});
