import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZprovError } from '../../src/core/errors.js';
import { SqlStore } from '../../src/storage/sql-store.js';
import { tempDir } from '../support/test-databases.js';
import { request, testApp, type TestApp } from '../support/test-app.js';

async function failure(promise: Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isZprovError(error)) throw new Error(`expected a ZprovError, got ${String(error)}`);
  return { code: error.code, field: error.field };
}

describe('management services', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('adds many users at once, each able to log in', async () => {
    const count = await t.app.management.users.addMany(
      'default',
      Array.from({ length: 40 }, (_, i) => ({ username: `bulk${i}`, password: `password-${i}` })),
      { concurrency: 3 },
    );
    expect(count).toBe(40);
    expect(await t.app.management.users.list('default')).toHaveLength(40);
    expect(await t.app.management.users.checkPassword('default', 'bulk39', 'password-39')).toBe(true);
  });

  it('adds none of many users when one of them is refused', async () => {
    await t.app.management.users.add({ tenant: 'default', username: 'taken', password: 'password-x' });
    const entries = [
      { username: 'new1', password: 'password-1' },
      { username: 'taken', password: 'password-2' },
    ];
    expect((await failure(t.app.management.users.addMany('default', entries))).code).toBe('already_exists');
    expect(
      (await failure(t.app.management.users.addMany('default', [{ username: 'ok', password: 'short' }])))
        .field,
    ).toBe('users[0].password');
    expect((await t.app.management.users.list('default')).map((u) => u.username)).toEqual(['taken']);
  });

  it('refuses names and passwords holding characters no XML document can carry', async () => {
    const m = t.app.management;
    for (const bad of ['\uFFFE', '\uFFFF', '\uD800']) {
      expect(
        await failure(m.users.add({ tenant: 'default', username: `eve${bad}`, password: 'password-1' })),
      ).toEqual({
        code: 'invalid_input',
        field: 'username',
      });
      expect(
        await failure(m.users.add({ tenant: 'default', username: 'eve', password: `password-1${bad}` })),
      ).toEqual({
        code: 'invalid_input',
        field: 'password',
      });
    }
    await m.users.add({ tenant: 'default', username: 'eve', password: 'password-1' });
    expect(await failure(m.accounts.add('default', 'eve', { password: 'sip\uFFFF' }))).toEqual({
      code: 'invalid_input',
      field: 'password',
    });
    // The account's name defaults to its username, so either field may be the one named.
    expect(await failure(m.accounts.add('default', 'eve', { username: '10\uFFFE1' }))).toEqual({
      code: 'invalid_input',
      field: expect.stringMatching(/^(name|username)$/),
    });
    expect(await m.accounts.list('default', 'eve')).toEqual([]);
    expect(await m.reports.staleness('default')).toHaveLength(1);
  });

  it('moves a user between groups and out of them, and renames them', async () => {
    const m = t.app.management;
    await m.groups.add('default', 'a');
    await m.groups.add('default', 'b');
    await m.users.add({ tenant: 'default', username: 'u', password: 'password-u', group: 'a' });
    const groupId = async (name: string) => (await m.groups.list('default')).find((g) => g.name === name)?.id;
    expect((await m.users.update('default', 'u', { group: 'b', displayName: 'Ursula' })).groupId).toBe(
      await groupId('b'),
    );
    expect((await m.users.get('default', 'u')).displayName).toBe('Ursula');
    expect((await m.users.update('default', 'u', { group: null })).groupId).toBeUndefined();
    expect(await failure(m.users.update('default', 'u', { group: 'nope' }))).toEqual({
      code: 'not_found',
      field: 'group',
    });
  });

  it('names the field of every refused input', async () => {
    const m = t.app.management;
    expect(await failure(m.tenants.add({ slug: 'Not A Slug' }))).toEqual({
      code: 'invalid_input',
      field: 'slug',
    });
    expect(await failure(m.tenants.add({ slug: 'default' }))).toEqual({
      code: 'already_exists',
      field: 'slug',
    });
    expect(
      await failure(m.users.add({ tenant: 'default', username: ' padded', password: 'password-1' })),
    ).toEqual({
      code: 'invalid_input',
      field: 'username',
    });
    expect(await failure(m.users.add({ tenant: 'nowhere', username: 'x', password: 'password-1' }))).toEqual({
      code: 'not_found',
      field: 'tenant',
    });
    await m.users.add({ tenant: 'default', username: 'x', password: 'password-1' });
    expect(await failure(m.accounts.add('default', 'x', { protocol: 'skype' as 'sip' }))).toEqual({
      code: 'invalid_input',
      field: 'protocol',
    });
    expect(await failure(m.accounts.add('default', 'x', { set: [['stun/stun_port', '0']] }))).toEqual({
      code: 'invalid_input',
      field: 'stun/stun_port',
    });
    await m.profiles.create('p');
    expect(await failure(m.profiles.set('p', 'general/account', 'x'))).toEqual({
      code: 'invalid_input',
      field: 'general/account',
    });
    expect(await failure(m.reports.fetchLog({ limit: 0 }))).toEqual({
      code: 'invalid_input',
      field: 'limit',
    });
  });

  it('serves accounts again after one is removed, the next becoming the default', async () => {
    const m = t.app.management;
    await m.users.add({ tenant: 'default', username: 'v', password: 'password-v' });
    const first = await m.accounts.add('default', 'v', { username: 'a', domain: 'x.example' });
    const second = await m.accounts.add('default', 'v', { username: 'b', domain: 'x.example' });
    await m.accounts.remove(first.ident);
    const [left] = await m.accounts.list('default', 'v');
    expect(left).toMatchObject({ ident: second.ident, position: 0, isDefault: true });
    const served = await t.app.provisioning.provision(request('v', 'password-v'));
    expect(served.ok && served.body).toContain(`<account>${second.ident}</account>`);
  });
});

describe('opening storage', () => {
  it('refuses a database path it cannot create, as a configuration error naming the path', async () => {
    const dir = tempDir();
    try {
      const blocker = join(dir.path, 'a-file');
      writeFileSync(blocker, '');
      const opened = SqlStore.open({ kind: 'sqlite', path: join(blocker, 'zprov.sqlite') });
      expect(await failure(opened)).toMatchObject({ code: 'config' });
    } finally {
      dir.remove();
    }
  });

  it('refuses an unreachable PostgreSQL server as a configuration error', async () => {
    const opened = SqlStore.open({
      kind: 'postgres',
      url: 'postgres://nobody@127.0.0.1:1/none?connect_timeout=1',
    });
    expect(await failure(opened)).toEqual({ code: 'config', field: 'database' });
  });
});
