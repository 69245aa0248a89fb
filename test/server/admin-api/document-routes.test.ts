// The document routes over HTTP: a user's Config.xml as served, the result of the phone's overlay onto
// a given Config.xml, provision.xml for a tenant and for one preset user, and tenant scoping.
/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   reply bodies are read as JSON here; expect checks their values and the OpenAPI schemas their shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentRoutes } from '../../../src/server/admin-api/routes/document-routes.js';
import { routeFixture, type RouteFixture } from './route-fixture.js';

describe('document routes', () => {
  let f: RouteFixture;
  beforeAll(async () => {
    f = await routeFixture(documentRoutes);
    const m = f.t.app.management;
    await m.users.add({ tenant: 'acme', username: 'alice', password: 'password-alice' });
    await m.accounts.add('acme', 'alice', {
      protocol: 'sip',
      username: '1001',
      password: 'sip-secret',
      domain: 'pbx.example.test',
    });
  });
  // Every reply recorded here matches the schema the OpenAPI document gives for it.
  afterAll(() => f.closeCheckingReplies());

  it("answers the user's document as the endpoint serves it, to admins of the tenant only", async () => {
    const served = await f.call('acme-admin', 'GET', '/tenants/acme/users/alice/document');
    expect(served.statusCode).toBe(200);
    const reply = served.json();
    expect(reply).toMatchObject({ tenant: 'acme', user: 'alice', enabled: true, empty: false });
    const direct = await f.t.app.management.reports.render('acme', 'alice');
    expect(reply.body).toBe(direct.rendered.body);
    expect(reply.hash).toBe(direct.rendered.hash);
    // It holds the SIP password: read-only tokens do not get it, other tenants' admins do not see it.
    expect((await f.call('reader', 'GET', '/tenants/acme/users/alice/document')).statusCode).toBe(403);
    expect((await f.call('acme-admin', 'GET', '/tenants/other/users/alice/document')).statusCode).toBe(404);
    expect((await f.call('admin', 'GET', '/tenants/acme/users/bob/document')).statusCode).toBe(404);
  });

  it("answers an app's document with what its dialect leaves out, and what each platform is not sent", async () => {
    const android = await f.call('acme-admin', 'GET', '/tenants/acme/users/alice/document?platform=android');
    expect(android.statusCode).toBe(200);
    const reply = android.json();
    expect(reply.platform).toBe('android');
    expect(reply.body).not.toMatch(/<general>|<ident>/);
    expect(reply.leftOut).toContainEqual({ path: 'general', reason: 'not in this platform’s dialect' });
    const bad = await f.call('acme-admin', 'GET', '/tenants/acme/users/alice/document?platform=symbian');
    expect(bad.statusCode).toBe(400);

    // Read-only tokens may see what is lost: values of secrets are masked.
    const losses = await f.call('reader', 'GET', '/tenants/acme/users/alice/document/losses');
    expect(losses.statusCode).toBe(200);
    const { platforms } = losses.json();
    expect(platforms.desktop).toEqual([]);
    expect(platforms.ios).toContainEqual(
      expect.objectContaining({ path: 'general/account', reason: 'not in this platform’s dialect' }),
    );
    expect(JSON.stringify(platforms)).not.toContain('sip-secret');
  });

  it('shows what a phone holding a Config.xml ends up with, and names the path of a broken one', async () => {
    const local = '<options><general><auto_away>5</auto_away></general></options>';
    const result = await f.call('admin', 'POST', '/tenants/acme/users/alice/document/overlay', {
      body: { config: local },
    });
    expect(result.statusCode).toBe(200);
    const { body } = result.json<{ body: string; hash: string }>();
    expect(body).toContain('<auto_away>5</auto_away>');
    expect(body).toContain('pbx.example.test');

    const broken = await f.call('admin', 'POST', '/tenants/acme/users/alice/document/overlay', {
      body: { config: '<options><general><record_calls>maybe</record_calls></general></options>' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'invalid_input', field: 'general/record_calls' });
    const wrongKind = await f.call('admin', 'POST', '/tenants/acme/users/alice/document/overlay', {
      body: { config: local, provision: local },
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.field).toBe('provision');
  });

  it("writes a tenant's provision.xml from query options like the CLI's", async () => {
    const file = await f.call(
      'acme-reader',
      'GET',
      '/tenants/acme/provision-file?url=https://a.example.test&url=https://b.example.test&auth=basic&keepAccounts=true',
    );
    expect(file.statusCode).toBe(200);
    const { body } = file.json<{ body: string }>();
    expect(body).toContain('https://a.example.test/t/acme/provision');
    expect(body).toContain('https://b.example.test/t/acme/provision');
    expect(body).toMatch(/<delete_accounts_beforehand>false<\/delete_accounts_beforehand>/);
    const defaults = await f.call('acme-reader', 'GET', '/tenants/acme/provision-file');
    expect(defaults.json().body).toContain('https://prov.example.test/t/acme/provision');
    const bad = await f.call('admin', 'GET', '/tenants/acme/provision-file?url=ftp://x.example.test');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('url');
    expect((await f.call('acme-reader', 'GET', '/tenants/other/provision-file')).statusCode).toBe(404);
  });

  it("presets one user's credentials only with their current password", async () => {
    const preset = await f.call('acme-admin', 'POST', '/tenants/acme/users/alice/provision-file', {
      body: { password: 'password-alice' },
    });
    expect(preset.statusCode).toBe(200);
    expect(preset.json().body).toContain('<user>alice</user>');
    const wrong = await f.call('acme-admin', 'POST', '/tenants/acme/users/alice/provision-file', {
      body: { password: 'not-it' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('password');
    expect(
      (
        await f.call('acme-reader', 'POST', '/tenants/acme/users/alice/provision-file', {
          body: { password: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
