// The change history over the API: CLI and API changes in one history, in order; restore of an old
// revision gives back byte for byte what was served then; who may see and restore what.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument --
   reply bodies are JSON read as `any`: each test states the shape it expects */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../src/server/admin-api/routes/index.js';
import { runAs } from '../../../src/services/change-history.js';
import { routeFixture, type RouteFixture } from './route-fixture.js';

describe('history routes', () => {
  let f: RouteFixture;
  beforeAll(async () => {
    f = await routeFixture(apiRoutes);
  });
  // Every reply recorded here matches the schema the OpenAPI document gives for it.
  afterAll(() => f.closeCheckingReplies());
  const m = () => f.t.app.management;

  it('shows a CLI change and an API change in one history, in order, each with its actor', async () => {
    await runAs('cli:ops', () =>
      m().users.add({ tenant: 'acme', username: 'ann', password: 'ann-password' }),
    );
    const read = await f.call('acme-admin', 'GET', '/tenants/acme/users/ann');
    const patched = await f.call('acme-admin', 'PATCH', '/tenants/acme/users/ann', {
      body: { displayName: 'Ann Example' },
      headers: { 'if-match': read.headers.etag as string },
    });
    expect(patched.statusCode).toBe(200);
    const history = await f.call('acme-admin', 'GET', '/tenants/acme/history?limit=2');
    expect(history.statusCode).toBe(200);
    const [latest, earlier] = history.json().revisions;
    expect([latest.actor, latest.action, latest.label]).toEqual(['token:acme-admin', 'update', 'acme/ann']);
    expect(latest.changes).toEqual([{ path: 'displayName', from: 'ann', to: 'Ann Example' }]);
    expect([earlier.actor, earlier.action]).toEqual(['cli:ops', 'create']);
    expect(latest.seq).toBeGreaterThan(earlier.seq);
    expect(history.json().nextCursor).toEqual(expect.any(String));
  });

  it('restores an old revision so the user is served byte-identically what was served then', async () => {
    await m().users.add({ tenant: 'acme', username: 'bob', password: 'bob-password' });
    await m().accounts.add('acme', 'bob', { username: '2001', password: 'sip', domain: 'pbx.example.com' });
    const [bobAccount] = await m().accounts.list('acme', 'bob');
    const served = async () => (await m().reports.render('acme', 'bob')).rendered.body;
    const then = await served();
    const [good] = (await f.call('admin', 'GET', `/tenants/acme/history?limit=1`)).json().revisions;
    await m().accounts.update(bobAccount!.ident, { set: [['SIP_transport_type', 'tls']] });
    expect(await served()).not.toBe(then);

    const preview = await f.call('acme-admin', 'GET', `/history/${good.seq}/preview?tenant=acme&user=bob`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().body).toBe(then);
    const restored = await f.call('acme-admin', 'POST', `/history/${good.seq}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ action: 'restore', actor: 'token:acme-admin' });
    expect(await served()).toBe(then);
  });

  it('records each reveal of a SIP password in the history, and never the password', async () => {
    await m().users.add({ tenant: 'acme', username: 'cy', password: 'cy-password' });
    const account = await m().accounts.add('acme', 'cy', { username: '3001', password: 'cy-sip-secret' });
    const revealed = await f.call('admin', 'GET', `/tenants/acme/accounts/${account.ident}?reveal=true`);
    expect(revealed.json().password).toBe('cy-sip-secret');
    const [latest] = (await f.call('admin', 'GET', '/tenants/acme/history?limit=1')).json().revisions;
    expect(latest).toMatchObject({
      action: 'reveal',
      actor: 'token:admin',
      label: `acme/cy/${account.ident}`,
    });
    expect(JSON.stringify(latest)).not.toContain('cy-sip-secret');
  });

  it("keeps other tenants' and server-wide revisions from a tenant admin, and restores from read-only tokens", async () => {
    await m().users.add({ tenant: 'other', username: 'eve', password: 'eve-password' });
    const [theirs] = (await f.call('admin', 'GET', '/tenants/other/history?limit=1')).json().revisions;
    expect((await f.call('acme-admin', 'GET', `/history/${theirs.seq}`)).statusCode).toBe(404);
    expect((await f.call('acme-admin', 'GET', '/tenants/other/history')).statusCode).toBe(404);
    expect((await f.call('acme-admin', 'GET', '/history')).statusCode).toBe(404);
    expect((await f.call('admin', 'GET', `/history/${theirs.seq}`)).statusCode).toBe(200);
    expect((await f.call('reader', 'POST', `/history/${theirs.seq}/restore`)).statusCode).toBe(403);
  });
});
