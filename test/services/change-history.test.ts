// The change history on a real SQLite file: every write recorded with its actor and a masked diff,
// in commit order across adapters; restore and preview.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAs } from '../../src/services/change-history.js';
import { testApp, type TestApp } from '../support/test-app.js';

describe('the change history', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());
  const m = () => t.app.management;

  it("shows a tenant's phone parameter names as JSON, and only when they change", async () => {
    await m().tenants.add({ slug: 'acme' });
    await m().tenants.update('acme', { phoneParams: { version: 'v' } });
    await m().tenants.update('acme', { name: 'Acme Ltd' });
    const [renamed, params] = await m().history.list({ tenant: 'acme', limit: 2 });
    expect(renamed?.changes).toEqual([{ path: 'name', from: 'acme', to: 'Acme Ltd' }]);
    expect(params?.changes).toEqual([
      {
        path: 'phoneParams',
        from: '{}',
        to: '{"version":"v"}',
      },
    ]);
  });

  it('records CLI and API changes in one history, in order, with who made them and secrets masked', async () => {
    await runAs('cli:alice', () =>
      m().users.add({ tenant: 'default', username: 'bob', password: 'first password' }),
    );
    const account = await runAs('token:crm', () =>
      m().accounts.add('default', 'bob', {
        username: '1001',
        password: 'sip-secret',
        domain: 'pbx.example.com',
      }),
    );
    await runAs('cli:alice', () => m().users.setPassword('default', 'bob', 'second password'));
    await runAs('token:crm', () => m().accounts.update(account.ident, { password: 'sip-rotated' }));
    const revisions = await m().history.list({ tenant: 'default', limit: 10 });
    expect(revisions.map((r) => [r.actor, r.entity, r.action])).toEqual([
      ['token:crm', 'account', 'update'],
      ['cli:alice', 'user', 'update'],
      ['token:crm', 'account', 'create'],
      ['cli:alice', 'user', 'create'],
    ]);
    expect(revisions.map((r) => r.seq)).toEqual([...revisions.map((r) => r.seq)].sort((a, b) => b - a));
    expect(revisions[2]?.label).toBe(`default/bob/${account.ident}`);
    expect(revisions[0]?.changes).toEqual([{ path: 'sealedPassword', from: '********', to: '********' }]);
    expect(revisions[1]?.changes).toEqual([{ path: 'password', from: '********', to: '********' }]);
    const everything = JSON.stringify(revisions);
    for (const secret of ['first password', 'second password', 'sip-secret', 'sip-rotated'])
      expect(everything).not.toContain(secret);
  });

  it('restores a profile revision so the phone is served byte-identically what it was then', async () => {
    await m().users.add({ tenant: 'default', username: 'bob', password: 'first password' });
    await m().profiles.create('base');
    await m().profiles.assign('base', { kind: 'tenant', tenant: 'default' });
    await m().profiles.set('base', 'general/auto_away', '300');
    const then = (await m().reports.render('default', 'bob')).rendered.body;
    const [good] = await m().history.list({ profile: 'base', limit: 1 });
    await m().profiles.set('base', 'general/auto_away', '900');
    await m().profiles.set('base', 'account/SIP_transport_type', 'tls');
    expect((await m().reports.render('default', 'bob')).rendered.body).not.toBe(then);

    const preview = await m().history.preview(good!.seq, 'default', 'bob');
    expect(preview.body).toBe(then);
    expect((await m().reports.render('default', 'bob')).rendered.body).not.toBe(then);

    const restored = await m().history.restore(good!.seq);
    expect(restored.action).toBe('restore');
    expect(restored.changes[0]).toEqual({ path: 'restored', to: `#${good!.seq}` });
    expect((await m().reports.render('default', 'bob')).rendered.body).toBe(then);
  });

  it('brings back a removed account with its ident, and refuses to bring back a removed user', async () => {
    await m().users.add({ tenant: 'default', username: 'bob', password: 'first password' });
    const account = await m().accounts.add('default', 'bob', { username: '1001', password: 'pw' });
    await m().accounts.remove(account.ident);
    const [removal] = await m().history.list({ tenant: 'default', limit: 1 });
    expect(removal?.action).toBe('delete');
    await m().history.restore(removal!.seq);
    expect((await m().accounts.show(account.ident)).hasPassword).toBe(true);

    await m().users.remove('default', 'bob');
    const [userRemoval] = await m().history.list({ tenant: 'default', limit: 1 });
    await expect(m().history.restore(userRemoval!.seq)).rejects.toThrow(/password is not kept/);
  });
});
