// The administration API over real HTTP: a started listener, real tokens, every route of tenants,
// groups, users, accounts and reports; who may do what; If-Match; paging; and that the phones' port
// serves none of it unless told to.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   reply bodies are JSON read as `any`: each test states the shape it expects */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminListener, type AdminListener } from '../../../src/server/admin-api/admin-api.js';
import { buildOpenApiDocument } from '../../../src/server/admin-api/openapi.js';
import { apiRoutes } from '../../../src/server/admin-api/routes/index.js';
import { replyValidator } from './openapi-validator.js';
import { createServerLogger } from '../../../src/server/server-logger.js';
import { startServer } from '../../../src/server/start-server.js';
import { request, testApp, type TestApp } from '../../support/test-app.js';

type Who = 'admin' | 'acmeAdmin' | 'reader' | 'nobody';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

describe('administration API', () => {
  /** Every reply, checked at the end against the OpenAPI document's schema for its route and status. */
  const replies: { method: string; path: string; status: number; text: string }[] = [];
  let t: TestApp;
  let listener: AdminListener;
  const tokens: Record<Who, string> = {
    admin: '',
    acmeAdmin: '',
    reader: '',
    nobody: 'zprov_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  };

  const call = async (
    who: Who | undefined,
    method: string,
    path: string,
    options: { body?: unknown; ifMatch?: string } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (who !== undefined) headers['authorization'] = `Bearer ${tokens[who]}`;
    if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${listener.url}/api/v1${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    replies.push({ method, path: path.split('?', 1)[0] as string, status: response.status, text });
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };

  beforeAll(async () => {
    t = await testApp({ publicUrls: ['https://prov.example.test'] });
    const m = t.app.management;
    await m.tenants.add({ slug: 'acme' });
    await m.tenants.add({ slug: 'other' });
    tokens.admin = (await m.tokens.create('root', 'server-admin')).token;
    tokens.acmeAdmin = (await m.tokens.create('acme-admin', 'tenant-admin', 'acme')).token;
    tokens.reader = (await m.tokens.create('reader', 'read-only')).token;
    listener = await startAdminListener(
      { host: '127.0.0.1', port: 0 },
      { management: m, logger: createServerLogger('silent'), limits: { failedTokensPerMinute: 1000 } },
    );
  });
  afterAll(async () => {
    const routes = apiRoutes({ management: t.app.management });
    const validator = replyValidator(buildOpenApiDocument(routes));
    const templates = routes.map((r) => ({
      method: r.method,
      path: r.path,
      pattern: new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
    }));
    const problems: string[] = [];
    let checked = 0;
    for (const reply of replies) {
      const route = templates.find((r) => r.method === reply.method && r.pattern.test(reply.path));
      if (route === undefined || reply.text === '' || reply.status === 429) continue;
      checked += 1;
      problems.push(...validator.check(reply.method, route.path, reply.status, JSON.parse(reply.text)));
    }
    await listener.close();
    await t.close();
    expect(checked).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  describe('authentication and errors', () => {
    it('answers 401 in the JSON shape without a token and with an unknown one', async () => {
      for (const who of [undefined, 'nobody'] as const) {
        const answer = await call(who, 'GET', '/tenants');
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(answer.body.error.code).toBe('unauthenticated');
      }
    });

    it('answers unknown routes with 404 JSON', async () => {
      const answer = await call('admin', 'GET', '/no-such-thing');
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body.error.code).toBe('not_found');
    });

    it('names the field of a validation failure', async () => {
      const missing = await call('admin', 'POST', '/tenants', { body: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatchObject({ code: 'invalid_input', field: 'slug' });
      const unknown = await call('admin', 'POST', '/tenants', { body: { slug: 'x1', colour: 'red' } });
      expect(unknown.body.error).toMatchObject({ code: 'invalid_input', field: 'colour' });
      const query = await call('admin', 'GET', '/tenants?limit=0');
      expect(query.body.error).toMatchObject({ code: 'invalid_input', field: 'limit' });
      const service = await call('admin', 'POST', '/tenants', { body: { slug: 'Not A Slug!' } });
      expect(service.status).toBe(400);
      expect(service.body.error.field).toBe('slug');
    });

    it('limits unknown tokens per client address', async () => {
      const strict = await startAdminListener(
        { host: '127.0.0.1', port: 0 },
        {
          management: t.app.management,
          logger: createServerLogger('silent'),
          limits: { failedTokensPerMinute: 2 },
        },
      );
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          const response = await fetch(`${strict.url}/api/v1/tenants`, {
            headers: { authorization: `Bearer ${tokens.nobody}` },
          });
          statuses.push(response.status);
        }
        expect(statuses).toEqual([401, 401, 429]);
        // Even the right token waits out the window from that address.
        const right = await fetch(`${strict.url}/api/v1/tenants`, {
          headers: { authorization: `Bearer ${tokens.admin}` },
        });
        expect(right.status).toBe(429);
      } finally {
        await strict.close();
      }
    });
  });

  describe('tenants', () => {
    it('lists every tenant to a server admin and only its own to a tenant admin', async () => {
      const all = await call('admin', 'GET', '/tenants');
      expect(all.body.tenants.map((x: { slug: string }) => x.slug)).toEqual(['acme', 'default', 'other']);
      const own = await call('acmeAdmin', 'GET', '/tenants');
      expect(own.body.tenants.map((x: { slug: string }) => x.slug)).toEqual(['acme']);
    });

    it('creates, reads, changes and removes a tenant with If-Match', async () => {
      const created = await call('admin', 'POST', '/tenants', { body: { slug: 'beta', name: 'Beta' } });
      expect(created.status).toBe(201);
      const read = await call('admin', 'GET', '/tenants/beta');
      expect(read.body).toMatchObject({ slug: 'beta', name: 'Beta', deleteAccountsBeforehand: true });
      const etag = read.headers.get('etag') as string;
      expect(etag).toBe(created.headers.get('etag'));
      expect((await call('admin', 'PATCH', '/tenants/beta', { body: { name: 'B' } })).status).toBe(428);
      const changed = await call('admin', 'PATCH', '/tenants/beta', { body: { name: 'B' }, ifMatch: etag });
      expect(changed.body).not.toHaveProperty('error');
      expect(changed.status).toBe(200);
      expect(changed.body.name).toBe('B');
      expect((await call('admin', 'DELETE', '/tenants/beta', { ifMatch: etag })).status).toBe(412);
      const gone = await call('admin', 'DELETE', '/tenants/beta', {
        ifMatch: changed.headers.get('etag') as string,
      });
      expect(gone.status).toBe(204);
      expect((await call('admin', 'GET', '/tenants/beta')).status).toBe(404);
    });

    it("sets a tenant's phone language and parameter names, refusing a bad name by its field", async () => {
      await call('admin', 'POST', '/tenants', { body: { slug: 'gamma' } });
      const etag = (await call('admin', 'GET', '/tenants/gamma')).headers.get('etag') as string;
      const bad = await call('admin', 'PATCH', '/tenants/gamma', {
        body: { phoneParams: { username: 'id', password: 'id' } },
        ifMatch: etag,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('phoneParams.password');
      const changed = await call('admin', 'PATCH', '/tenants/gamma', {
        body: { language: 'ru', phoneParams: { username: 'login', version: 'v' } },
        ifMatch: etag,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        language: 'ru',
        phoneParams: { username: 'login', version: 'v' },
      });
      expect(
        (await call('admin', 'PATCH', '/tenants/gamma', { body: { language: 'de' }, ifMatch: '*' })).status,
      ).toBe(400);
    });

    it('hides other tenants from a tenant admin and keeps tenant creation for server admins', async () => {
      expect((await call('acmeAdmin', 'GET', '/tenants/other')).status).toBe(404);
      expect(
        (await call('acmeAdmin', 'PATCH', '/tenants/other', { body: { name: 'x' }, ifMatch: '*' })).status,
      ).toBe(404);
      expect((await call('acmeAdmin', 'POST', '/tenants', { body: { slug: 'mine' } })).status).toBe(403);
      expect((await call('reader', 'POST', '/tenants', { body: { slug: 'mine' } })).status).toBe(403);
      expect((await call('reader', 'GET', '/tenants/other')).status).toBe(200);
    });
  });

  describe('groups', () => {
    it('creates, lists, reads and removes groups', async () => {
      expect(
        (await call('acmeAdmin', 'POST', '/tenants/acme/groups', { body: { name: 'sales' } })).status,
      ).toBe(201);
      expect(
        (await call('acmeAdmin', 'POST', '/tenants/acme/groups', { body: { name: 'sales' } })).status,
      ).toBe(409);
      expect((await call('acmeAdmin', 'POST', '/tenants/acme/groups', { body: {} })).body.error.field).toBe(
        'name',
      );
      const list = await call('reader', 'GET', '/tenants/acme/groups');
      expect(list.body.groups.map((g: { name: string }) => g.name)).toEqual(['sales']);
      const read = await call('acmeAdmin', 'GET', '/tenants/acme/groups/sales');
      expect(read.body).toMatchObject({ tenant: 'acme', name: 'sales' });
      expect((await call('acmeAdmin', 'POST', '/tenants/other/groups', { body: { name: 'x' } })).status).toBe(
        404,
      );
      expect((await call('reader', 'POST', '/tenants/acme/groups', { body: { name: 'x' } })).status).toBe(
        403,
      );
      await call('acmeAdmin', 'POST', '/tenants/acme/groups', { body: { name: 'temp' } });
      const temp = await call('acmeAdmin', 'GET', '/tenants/acme/groups/temp');
      expect((await call('acmeAdmin', 'DELETE', '/tenants/acme/groups/temp')).status).toBe(428);
      const removed = await call('acmeAdmin', 'DELETE', '/tenants/acme/groups/temp', {
        ifMatch: temp.headers.get('etag') as string,
      });
      expect(removed.status).toBe(204);
    });
  });

  describe('users', () => {
    it('creates a user with a generated password shown once, and reads it without one', async () => {
      const created = await call('acmeAdmin', 'POST', '/tenants/acme/users', {
        body: { username: 'alice', displayName: 'Alice', group: 'sales' },
      });
      expect(created.status).toBe(201);
      expect(typeof created.body.password).toBe('string');
      expect(created.body.user).toMatchObject({ username: 'alice', group: 'sales', enabled: true });
      expect(await t.app.management.users.checkPassword('acme', 'alice', created.body.password)).toBe(true);
      const read = await call('reader', 'GET', '/tenants/acme/users/alice');
      expect(read.status).toBe(200);
      expect(read.body.password).toBeUndefined();
      expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
      const bad = await call('acmeAdmin', 'POST', '/tenants/acme/users', {
        body: { username: 'bob', enabled: 'yes' },
      });
      expect(bad.body.error).toMatchObject({ code: 'invalid_input', field: 'enabled' });
    });

    it('pages through users with a cursor, each once, with filters', async () => {
      for (const name of ['u1', 'u2', 'u3', 'u4', 'u5'])
        await t.app.management.users.add({ tenant: 'other', username: name, enabled: name !== 'u3' });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Answer = await call(
          'admin',
          'GET',
          `/tenants/other/users?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
        );
        expect(page.body.users.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.users.map((u: { username: string }) => u.username));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
      const disabled = await call('admin', 'GET', '/tenants/other/users?enabled=false');
      expect(disabled.body.users.map((u: { username: string }) => u.username)).toEqual(['u3']);
      const found = await call('admin', 'GET', '/tenants/other/users?q=U4');
      expect(found.body.users.map((u: { username: string }) => u.username)).toEqual(['u4']);
      expect((await call('admin', 'GET', '/tenants/other/users?cursor=nonsense')).body.error.field).toBe(
        'cursor',
      );
      expect((await call('acmeAdmin', 'GET', '/tenants/other/users')).status).toBe(404);
    });

    it('keeps the first of two concurrent edits made from one version and refuses the second', async () => {
      const read = await call('acmeAdmin', 'GET', '/tenants/acme/users/alice');
      const etag = read.headers.get('etag') as string;
      const [first, second] = await Promise.all([
        call('acmeAdmin', 'PATCH', '/tenants/acme/users/alice', {
          body: { displayName: 'First' },
          ifMatch: etag,
        }),
        call('admin', 'PATCH', '/tenants/acme/users/alice', {
          body: { displayName: 'Second' },
          ifMatch: etag,
        }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 412]);
      const winner = first.status === 200 ? first : second;
      const after = await call('reader', 'GET', '/tenants/acme/users/alice');
      expect(after.body.displayName).toBe(winner.body.displayName);
      expect(after.headers.get('etag')).toBe(winner.headers.get('etag'));
      const loser = first.status === 412 ? first : second;
      expect(loser.body.error.code).toBe('precondition_failed');
    });

    it('requires If-Match to change or remove a user, and refuses writes to read-only tokens', async () => {
      const patch = await call('acmeAdmin', 'PATCH', '/tenants/acme/users/alice', {
        body: { displayName: 'X' },
      });
      expect(patch.status).toBe(428);
      expect(patch.body.error.code).toBe('precondition_required');
      expect(
        (await call('reader', 'PATCH', '/tenants/acme/users/alice', { body: {}, ifMatch: '*' })).status,
      ).toBe(403);
      expect(
        (await call('acmeAdmin', 'PATCH', '/tenants/other/users/u1', { body: {}, ifMatch: '*' })).status,
      ).toBe(404);
      const group = await call('acmeAdmin', 'PATCH', '/tenants/acme/users/alice', {
        body: { group: null, enabled: false },
        ifMatch: '*',
      });
      expect(group.body).toMatchObject({ group: null, enabled: false });
    });

    it('enables, disables, rotates the password and removes', async () => {
      await call('acmeAdmin', 'POST', '/tenants/acme/users', {
        body: { username: 'carol', password: 'a-long-password-1' },
      });
      expect((await call('acmeAdmin', 'POST', '/tenants/acme/users/carol/disable')).body.enabled).toBe(false);
      expect((await call('acmeAdmin', 'POST', '/tenants/acme/users/carol/enable')).body.enabled).toBe(true);
      expect((await call('reader', 'POST', '/tenants/acme/users/carol/enable')).status).toBe(403);
      const revoked = await call('acmeAdmin', 'POST', '/tenants/acme/users/carol/revoke');
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ enabled: true, revokedAt: expect.any(String) });
      const history = await call('acmeAdmin', 'GET', '/tenants/acme/history?limit=1');
      expect(history.body.revisions[0]).toMatchObject({ label: 'acme/carol', action: 'update' });
      expect(JSON.stringify(history.body.revisions[0])).toContain('revokedAt');
      expect((await call('acmeAdmin', 'POST', '/tenants/acme/users/carol/enable')).body.revokedAt).toBeNull();
      const rotated = await call('acmeAdmin', 'POST', '/tenants/acme/users/carol/password', {
        body: { revokeOld: true },
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.previousValidUntil).toBeNull();
      expect(await t.app.management.users.checkPassword('acme', 'carol', rotated.body.password)).toBe(true);
      const given = await call('acmeAdmin', 'POST', '/tenants/acme/users/carol/password', {
        body: { password: 'another-password-2' },
      });
      expect(given.body.password).toBeUndefined();
      const read = await call('acmeAdmin', 'GET', '/tenants/acme/users/carol');
      expect((await call('acmeAdmin', 'DELETE', '/tenants/acme/users/carol')).status).toBe(428);
      const removed = await call('acmeAdmin', 'DELETE', '/tenants/acme/users/carol', {
        ifMatch: read.headers.get('etag') as string,
      });
      expect(removed.status).toBe(204);
      expect((await call('acmeAdmin', 'GET', '/tenants/acme/users/carol')).status).toBe(404);
    });
  });

  describe('accounts', () => {
    let ident: string;
    let otherIdent: string;
    beforeAll(async () => {
      await t.app.management.users.add({ tenant: 'acme', username: 'dave' });
      otherIdent = (
        await t.app.management.accounts.add('other', 'u1', { username: '9', domain: 'pbx.example.test' })
      ).ident;
    });

    it('adds an account with a write-only password', async () => {
      const created = await call('acmeAdmin', 'POST', '/tenants/acme/users/dave/accounts', {
        body: { username: '1001', domain: 'pbx.example.test', password: 's3cret!', codecs: 'opus,pcmu' },
      });
      expect(created.status).toBe(201);
      ident = created.body.account.ident;
      expect(created.body.account).toMatchObject({ hasPassword: true, isDefault: true, user: 'dave' });
      expect(created.body.account.password).toBeUndefined();
      expect(created.body.account.options['SIP_domain']).toBe('pbx.example.test');
      expect(JSON.stringify(created.body)).not.toContain('s3cret!');
      const list = await call('reader', 'GET', '/tenants/acme/users/dave/accounts');
      expect(list.body.accounts.map((a: { ident: string }) => a.ident)).toEqual([ident]);
      expect(JSON.stringify(list.body)).not.toContain('s3cret!');
      const bad = await call('acmeAdmin', 'POST', '/tenants/acme/users/dave/accounts', {
        body: { protocol: 'h323' },
      });
      expect(bad.body.error).toMatchObject({ code: 'invalid_input', field: 'protocol' });
    });

    it('reveals the password to server admins only', async () => {
      const read = await call('acmeAdmin', 'GET', `/tenants/acme/accounts/${ident}`);
      expect(read.body.password).toBeUndefined();
      expect((await call('acmeAdmin', 'GET', `/tenants/acme/accounts/${ident}?reveal=true`)).status).toBe(
        403,
      );
      expect((await call('reader', 'GET', `/tenants/acme/accounts/${ident}?reveal=true`)).status).toBe(403);
      const revealed = await call('admin', 'GET', `/tenants/acme/accounts/${ident}?reveal=true`);
      expect(revealed.body.password).toBe('s3cret!');
      expect(revealed.headers.get('etag')).toBe(read.headers.get('etag'));
    });

    it("answers 404 for another tenant's account", async () => {
      expect((await call('acmeAdmin', 'GET', `/tenants/acme/accounts/${otherIdent}`)).status).toBe(404);
      expect((await call('acmeAdmin', 'GET', `/tenants/other/accounts/${otherIdent}`)).status).toBe(404);
      expect((await call('admin', 'GET', `/tenants/acme/accounts/${otherIdent}`)).status).toBe(404);
      expect(
        (await call('acmeAdmin', 'PATCH', `/tenants/acme/accounts/${otherIdent}`, { body: {}, ifMatch: '*' }))
          .status,
      ).toBe(404);
    });

    it('sets and unsets options by path, changes the password, with If-Match', async () => {
      const read = await call('acmeAdmin', 'GET', `/tenants/acme/accounts/${ident}`);
      expect((await call('acmeAdmin', 'PATCH', `/tenants/acme/accounts/${ident}`, { body: {} })).status).toBe(
        428,
      );
      const changed = await call('acmeAdmin', 'PATCH', `/tenants/acme/accounts/${ident}`, {
        body: { set: { 'stun/use_stun': 'disabled' }, codecs: 'pcmu' },
        ifMatch: read.headers.get('etag') as string,
      });
      expect(changed.body).not.toHaveProperty('error');
      expect(changed.status).toBe(200);
      expect(changed.body.account.options['stun/use_stun']).toBe('disabled');
      const unset = await call('acmeAdmin', 'PATCH', `/tenants/acme/accounts/${ident}`, {
        body: { unset: ['stun/use_stun'], password: 'n3w-secret' },
        ifMatch: changed.headers.get('etag') as string,
      });
      expect(unset.status).toBe(200);
      expect(unset.body.account.options['stun/use_stun']).toBeUndefined();
      // A password change alone changes the version, though a read does not show the password.
      const again = await call('acmeAdmin', 'PATCH', `/tenants/acme/accounts/${ident}`, {
        body: { password: 'third-secret' },
        ifMatch: unset.headers.get('etag') as string,
      });
      expect(again.headers.get('etag')).not.toBe(unset.headers.get('etag'));
      const stale = await call('acmeAdmin', 'PATCH', `/tenants/acme/accounts/${ident}`, {
        body: { name: 'x' },
        ifMatch: unset.headers.get('etag') as string,
      });
      expect(stale.status).toBe(412);
      const badPath = await call('acmeAdmin', 'PATCH', `/tenants/acme/accounts/${ident}`, {
        body: { set: { 'no/such_option': '1' } },
        ifMatch: '*',
      });
      expect(badPath.status).toBe(400);
      expect(
        (await call('reader', 'PATCH', `/tenants/acme/accounts/${ident}`, { body: {}, ifMatch: '*' })).status,
      ).toBe(403);
    });

    it('sets the default account and removes one', async () => {
      const second = await call('acmeAdmin', 'POST', '/tenants/acme/users/dave/accounts', {
        body: { username: '1002', domain: 'pbx.example.test' },
      });
      const other = second.body.account.ident as string;
      expect(second.body.account.isDefault).toBe(false);
      const made = await call('acmeAdmin', 'POST', `/tenants/acme/accounts/${other}/default`);
      expect(made.body.isDefault).toBe(true);
      const read = await call('acmeAdmin', 'GET', `/tenants/acme/accounts/${other}`);
      expect((await call('acmeAdmin', 'DELETE', `/tenants/acme/accounts/${other}`)).status).toBe(428);
      const removed = await call('acmeAdmin', 'DELETE', `/tenants/acme/accounts/${other}`, {
        ifMatch: read.headers.get('etag') as string,
      });
      expect(removed.status).toBe(204);
      expect((await call('acmeAdmin', 'GET', `/tenants/acme/accounts/${ident}`)).body.isDefault).toBe(true);
    });
  });

  describe('reports', () => {
    it('pages the status of every user', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Answer = await call(
          'reader',
          'GET',
          `/tenants/other/reports/status?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.users.map((u: { username: string }) => u.username));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
      const never = await call('reader', 'GET', '/tenants/other/reports/status?status=never');
      expect(never.body.users.map((u: { username: string }) => u.username)).toEqual(['u1']);
      expect((await call('acmeAdmin', 'GET', '/tenants/other/reports/status')).status).toBe(404);
    });

    it('pages the fetch log with filters', async () => {
      await t.app.management.users.setPassword('other', 'u1', 'phone-password-1');
      for (let i = 0; i < 3; i++)
        await t.app.provisioning.provision(request('u1', 'phone-password-1', { tenant: 'other' }));
      await t.app.provisioning.provision(request('u1', 'wrong', { tenant: 'other' }));
      await t.app.provisioning.flushAudit();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Answer = await call(
          'reader',
          'GET',
          `/tenants/other/reports/fetches?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.fetches.map((f: { outcome: string }) => f.outcome));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(['wrong_password', 'served', 'served', 'served']);
      // A second phone of the same user is a device of its own in the status, a row each.
      await t.app.provisioning.provision(
        request('u1', 'phone-password-1', { tenant: 'other', platform: 'android', userAgent: 'Zoiper A' }),
      );
      await t.app.provisioning.flushAudit();
      const status = await call('reader', 'GET', '/tenants/other/reports/status?status=current');
      expect(
        status.body.users.map((u: { username: string; device: unknown }) => [u.username, u.device]),
      ).toEqual([
        ['u1', { platform: 'android', userAgent: 'Zoiper A' }],
        ['u1', { platform: 'desktop', userAgent: 'Z 5.6.1 test' }],
      ]);
      const served = await call('reader', 'GET', '/tenants/other/reports/fetches?user=u1&outcome=served');
      expect(served.body.fetches).toHaveLength(4);
      const future = await call('reader', 'GET', '/tenants/other/reports/fetches?since=2999-01-01T00:00:00Z');
      expect(future.body.fetches).toEqual([]);
      const bad = await call('reader', 'GET', '/tenants/other/reports/fetches?outcome=maybe');
      expect(bad.body.error).toMatchObject({ code: 'invalid_input', field: 'outcome' });
      expect((await call('acmeAdmin', 'GET', '/tenants/other/reports/fetches')).status).toBe(404);
    });
  });

  describe("the phones' port", () => {
    const settings = {
      host: '127.0.0.1',
      port: 0,
      tls: undefined,
      trustedProxies: [],
      logLevel: 'silent' as const,
    };

    it('does not answer /api/v1 unless told to', async () => {
      const plain = await startServer(settings, {
        provisioning: t.app.provisioning,
        checkReady: () => t.app.checkReady(),
      });
      try {
        const response = await fetch(`${plain.url}/api/v1/tenants`, {
          headers: { authorization: `Bearer ${tokens.admin}` },
        });
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/xml/);
      } finally {
        await plain.close();
      }
      const both = await startServer(settings, {
        provisioning: t.app.provisioning,
        checkReady: () => t.app.checkReady(),
        adminApi: { management: t.app.management },
      });
      try {
        const response = await fetch(`${both.url}/api/v1/tenants`, {
          headers: { authorization: `Bearer ${tokens.admin}` },
        });
        expect(response.status).toBe(200);
        // The phones' own refusals stay <error> documents.
        const phone = await fetch(`${both.url}/provision?u=nobody&p=x`);
        expect(phone.headers.get('content-type')).toMatch(/xml/);
        const unknown = await fetch(`${both.url}/elsewhere`);
        expect(unknown.headers.get('content-type')).toMatch(/xml/);
      } finally {
        await both.close();
      }
    });
  });
});
