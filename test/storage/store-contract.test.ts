// One contract suite, run against every database zprov supports: SQLite always, PostgreSQL when a
// server is reachable (skipped otherwise).
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isZprovError } from '../../src/core/errors.js';
import type { Store } from '../../src/services/store.js';
import { SqlStore } from '../../src/storage/sql-store.js';
import {
  postgresDatabase,
  postgresReachable,
  sqliteDatabase,
  type TestDatabase,
} from '../support/test-databases.js';

const pgUp = await postgresReachable();

const dialects: { name: string; make: () => Promise<TestDatabase>; skip: boolean }[] = [
  { name: 'sqlite', make: () => Promise.resolve(sqliteDatabase()), skip: false },
  { name: 'postgres', make: postgresDatabase, skip: !pgUp },
];

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isZprovError(error) ? error.code : error).toBe(code);
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(`store contract on ${dialect.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await dialect.make();
      store = await SqlStore.open(database.config);
    });
    afterEach(async () => {
      await store.close();
      await database.cleanup();
    });

    const newUser = (tenantId: string, username: string, groupId?: string) => ({
      tenantId,
      username,
      displayName: `Name of ${username}`,
      enabled: true,
      groupId,
      passwordHash: 'hash-1',
    });

    it('creates the database with a default tenant on first open', async () => {
      if (database.config.kind === 'sqlite') expect(existsSync(database.config.path)).toBe(true);
      const tenants = await store.tenants.list();
      expect(tenants.map((t) => t.slug)).toEqual(['default']);
      expect(tenants[0]).toMatchObject({
        deleteAccountsBeforehand: true,
        deleteContactServicesBeforehand: false,
      });
    });

    it('opens an existing database again without migrating twice and keeps its data', async () => {
      await store.write((tx) =>
        tx.tenants.insert({
          slug: 'acme',
          name: 'Acme',
          deleteAccountsBeforehand: true,
          deleteContactServicesBeforehand: false,
          oemProviderId: 'abc123',
        }),
      );
      await store.close();
      store = await SqlStore.open(database.config);
      expect((await store.tenants.list()).map((t) => t.slug)).toEqual(['acme', 'default']);
      expect((await store.tenants.findBySlug('acme'))?.oemProviderId).toBe('abc123');
    });

    it('bumps the generation with every committed write and not otherwise', async () => {
      const before = await store.generation();
      await store.write(async () => undefined);
      expect(await store.generation()).toBe(before + 1);
      await store.audit.appendBatch([], []);
      expect(await store.generation()).toBe(before + 1);
    });

    it('rolls a failed write back completely, generation included', async () => {
      const before = await store.generation();
      await expect(
        store.write(async (tx) => {
          await tx.tenants.insert({
            slug: 'half',
            name: 'Half',
            deleteAccountsBeforehand: true,
            deleteContactServicesBeforehand: false,
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.tenants.findBySlug('half')).toBeUndefined();
      expect(await store.generation()).toBe(before);
    });

    it('refuses a second tenant with the same slug as already_exists', async () => {
      const t = {
        slug: 'acme',
        name: 'A',
        deleteAccountsBeforehand: true,
        deleteContactServicesBeforehand: false,
      };
      await store.write((tx) => tx.tenants.insert(t));
      await rejectsWith(
        store.write((tx) => tx.tenants.insert(t)),
        'already_exists',
      );
    });

    it('updates tenant settings and assigns a profile', async () => {
      const profile = await store.write((tx) => tx.profiles.insert({ name: 'p', document: '<options/>' }));
      const tenant = (await store.tenants.findBySlug('default'))!;
      await store.write((tx) =>
        tx.tenants.update(tenant.id, {
          profileId: profile.id,
          deleteAccountsBeforehand: false,
          name: 'Renamed',
        }),
      );
      expect(await store.tenants.findById(tenant.id)).toMatchObject({
        profileId: profile.id,
        deleteAccountsBeforehand: false,
        name: 'Renamed',
      });
    });

    it('keeps group names unique per tenant only', async () => {
      const a = await store.write((tx) =>
        tx.tenants.insert({
          slug: 'a',
          name: 'A',
          deleteAccountsBeforehand: true,
          deleteContactServicesBeforehand: false,
        }),
      );
      const d = (await store.tenants.findBySlug('default'))!;
      await store.write((tx) => tx.groups.insert({ tenantId: a.id, name: 'sales' }));
      await store.write((tx) => tx.groups.insert({ tenantId: d.id, name: 'sales' }));
      await rejectsWith(
        store.write((tx) => tx.groups.insert({ tenantId: a.id, name: 'sales' })),
        'already_exists',
      );
      expect((await store.groups.listByTenant(a.id)).map((g) => g.name)).toEqual(['sales']);
      expect(await store.groups.find(d.id, 'sales')).toBeDefined();
    });

    it('stores users with their credentials and keeps usernames unique per tenant', async () => {
      const d = (await store.tenants.findBySlug('default'))!;
      const user = await store.write((tx) => tx.users.insert(newUser(d.id, 'alice')));
      expect(user).toMatchObject({
        username: 'alice',
        enabled: true,
        groupId: undefined,
        profileId: undefined,
      });
      await rejectsWith(
        store.write((tx) => tx.users.insert(newUser(d.id, 'alice'))),
        'already_exists',
      );
      await store.write((tx) =>
        tx.users.setCredentials(user.id, {
          passwordHash: 'hash-2',
          previousPasswordHash: 'hash-1',
          previousValidUntil: '2030-01-01T00:00:00.000Z',
        }),
      );
      const login = await store.users.findLogin(d.id, 'alice');
      expect(login?.user.id).toBe(user.id);
      expect(login?.credentials).toEqual({
        passwordHash: 'hash-2',
        previousPasswordHash: 'hash-1',
        previousValidUntil: '2030-01-01T00:00:00.000Z',
      });
      expect(await store.users.findLogin(d.id, 'Alice')).toBeUndefined();
      await store.write((tx) => tx.users.update(user.id, { enabled: false, displayName: 'Al' }));
      expect(await store.users.findById(user.id)).toMatchObject({ enabled: false, displayName: 'Al' });
    });

    it('inserts many users in one write', async () => {
      const d = (await store.tenants.findBySlug('default'))!;
      const many = Array.from({ length: 1234 }, (_, i) => newUser(d.id, `u${String(i).padStart(4, '0')}`));
      const inserted = await store.write((tx) => tx.users.insertMany(many));
      const users = await store.users.list(d.id);
      expect(users).toHaveLength(1234);
      expect(users[0]?.username).toBe('u0000');
      // Returned in the order given, each as stored: what callers use instead of looking them up.
      expect(inserted.map((u) => u.username)).toEqual(many.map((u) => u.username));
      expect(await store.users.findById(inserted[1233]!.id)).toEqual(inserted[1233]);
    });

    it('lists users of a group and unlinks them when the group goes', async () => {
      const d = (await store.tenants.findBySlug('default'))!;
      const g = await store.write((tx) => tx.groups.insert({ tenantId: d.id, name: 'ops' }));
      const u = await store.write((tx) => tx.users.insert(newUser(d.id, 'bob', g.id)));
      await store.write((tx) => tx.users.insert(newUser(d.id, 'carol')));
      expect((await store.users.list(d.id, { groupId: g.id })).map((x) => x.username)).toEqual(['bob']);
      await store.write((tx) => tx.groups.delete(g.id));
      expect((await store.users.findById(u.id))?.groupId).toBeUndefined();
    });

    it('keeps accounts in position order and finds them by ident', async () => {
      const d = (await store.tenants.findBySlug('default'))!;
      const u = await store.write((tx) => tx.users.insert(newUser(d.id, 'dave')));
      const base = {
        userId: u.id,
        protocol: 'sip' as const,
        options: '<options/>',
        sealedPassword: 'sealed',
      };
      await store.write(async (tx) => {
        await tx.accounts.insert({ ...base, ident: 'id-b', position: 1, isDefault: false });
        await tx.accounts.insert({ ...base, ident: 'id-a', position: 0, isDefault: true });
      });
      expect((await store.accounts.listByUser(u.id)).map((a) => a.ident)).toEqual(['id-a', 'id-b']);
      const b = (await store.accounts.findByIdent('id-b'))!;
      expect(b).toMatchObject({ position: 1, isDefault: false, sealedPassword: 'sealed', protocol: 'sip' });
      await store.write((tx) =>
        tx.accounts.update(b.id, { protocol: 'iax2', sealedPassword: null, position: 5 }),
      );
      expect(await store.accounts.findByIdent('id-b')).toMatchObject({
        protocol: 'iax2',
        sealedPassword: undefined,
        position: 5,
      });
      await rejectsWith(
        store.write((tx) => tx.accounts.insert({ ...base, ident: 'id-a', position: 2, isDefault: false })),
        'already_exists',
      );
    });

    it('finds imported accounts of one tenant by source-key prefix, and keeps them enabled or not', async () => {
      const d = (await store.tenants.findBySlug('default'))!;
      const other = await store.write((tx) =>
        tx.tenants.insert({
          slug: 'other',
          name: 'Other',
          deleteAccountsBeforehand: true,
          deleteContactServicesBeforehand: false,
        }),
      );
      const u = await store.write((tx) => tx.users.insert(newUser(d.id, 'erin')));
      const o = await store.write((tx) => tx.users.insert(newUser(other.id, 'erin')));
      const base = {
        protocol: 'sip' as const,
        options: '<options/>',
        sealedPassword: undefined,
        isDefault: false,
      };
      await store.write(async (tx) => {
        await tx.accounts.insert({
          ...base,
          userId: u.id,
          ident: 'i-1',
          position: 0,
          sourceKey: 'pjsip:1001',
        });
        await tx.accounts.insert({
          ...base,
          userId: u.id,
          ident: 'i-2',
          position: 1,
          sourceKey: 'pjsip:10%_',
        });
        await tx.accounts.insert({ ...base, userId: u.id, ident: 'i-3', position: 2, sourceKey: 'sip:1001' });
        await tx.accounts.insert({ ...base, userId: u.id, ident: 'i-4', position: 3 });
        await tx.accounts.insert({
          ...base,
          userId: o.id,
          ident: 'i-5',
          position: 0,
          sourceKey: 'pjsip:1001',
        });
      });
      const keys = async (prefix: string) =>
        (await store.accounts.listImported(d.id, prefix)).map((a) => a.sourceKey).sort();
      expect(await keys('pjsip:')).toEqual(['pjsip:1001', 'pjsip:10%_'].sort());
      expect(await keys('PJSIP:')).toEqual([]);
      expect(await keys('pjsip:10%')).toEqual(['pjsip:10%_']);
      expect(await keys('')).toEqual(['pjsip:1001', 'pjsip:10%_', 'sip:1001'].sort());
      expect(await store.accounts.findByIdent('i-4')).toMatchObject({ sourceKey: undefined, enabled: true });
      const first = (await store.accounts.findByIdent('i-1'))!;
      await store.write((tx) => tx.accounts.update(first.id, { enabled: false }));
      expect(await store.accounts.findByIdent('i-1')).toMatchObject({
        enabled: false,
        sourceKey: 'pjsip:1001',
      });
    });

    it("keeps a profile's account defaults apart from its document", async () => {
      const p = await store.write((tx) => tx.profiles.insert({ name: 'tls', document: '<options/>' }));
      expect(p.accountDefaults).toBeUndefined();
      const defaults =
        '<options><accounts><account><SIP_transport_type>tls</SIP_transport_type></account></accounts></options>';
      await store.write((tx) => tx.profiles.updateAccountDefaults(p.id, defaults));
      expect(await store.profiles.findById(p.id)).toMatchObject({
        document: '<options/>',
        accountDefaults: defaults,
      });
      await store.write((tx) => tx.profiles.updateAccountDefaults(p.id, null));
      expect((await store.profiles.findByName('tls'))?.accountDefaults).toBeUndefined();
    });

    it('keeps people who sign in and their sessions, which end with the person or their tenant', async () => {
      const tenant = await store.write((tx) =>
        tx.tenants.insert({
          slug: 'acme',
          name: 'Acme',
          deleteAccountsBeforehand: true,
          deleteContactServicesBeforehand: false,
        }),
      );
      const made = await store.write(async (tx) => [
        await tx.adminUsers.insert({
          id: 'a1',
          name: 'root',
          role: 'server-admin',
          tenantId: undefined,
          passwordHash: 'h1',
        }),
        await tx.adminUsers.insert({
          id: 'a2',
          name: 'ann',
          role: 'tenant-admin',
          tenantId: tenant.id,
          passwordHash: 'h2',
        }),
      ]);
      expect(made.map((a) => a.name)).toEqual(['root', 'ann']);
      expect((await store.adminUsers.list()).map((a) => a.name)).toEqual(['ann', 'root']);
      await rejectsWith(
        store.write((tx) =>
          tx.adminUsers.insert({
            id: 'a3',
            name: 'root',
            role: 'read-only',
            tenantId: undefined,
            passwordHash: 'h',
          }),
        ),
        'already_exists',
      );
      await store.write((tx) => tx.adminUsers.updatePassword('a1', 'h9'));
      expect((await store.adminUsers.findByName('root'))?.passwordHash).toBe('h9');

      const session = (id: string, adminUserId: string, lastSeenAt: string) => ({
        id,
        adminUserId,
        createdAt: '2026-01-01T00:00:00.000Z',
        lastSeenAt,
      });
      await store.sessions.insert(session('s1', 'a1', '2026-01-01T00:00:00.000Z'));
      await store.sessions.insert(session('s2', 'a1', '2026-01-01T02:00:00.000Z'));
      await store.sessions.insert(session('s3', 'a2', '2026-01-01T02:00:00.000Z'));
      expect(await store.sessions.deleteIdleSince('2026-01-01T01:00:00.000Z')).toBe(1);
      expect(await store.sessions.find('s1')).toBeUndefined();
      await store.sessions.touch('s2', '2026-01-01T03:00:00.000Z');
      expect((await store.sessions.find('s2'))?.lastSeenAt).toBe('2026-01-01T03:00:00.000Z');
      await store.sessions.deleteForAdmin('a1');
      expect(await store.sessions.find('s2')).toBeUndefined();
      // Removing the tenant removes its admin, and the admin's sessions with them.
      await store.write((tx) => tx.tenants.delete(tenant.id));
      expect(await store.adminUsers.findById('a2')).toBeUndefined();
      expect(await store.sessions.find('s3')).toBeUndefined();
    });

    it('gives an enrolment secret out once, only unexpired and of its kind, and forgets it with its user', async () => {
      const [tenant] = await store.tenants.list();
      const user = await store.write((tx) => tx.users.insert(newUser(tenant?.id ?? '', 'enid')));
      const enrolment = (id: string, kind: 'link' | 'token', expiresAt: string) => ({
        id,
        kind,
        userId: user.id,
        createdBy: 'cli:test',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt,
      });
      await store.enrolments.insert(enrolment('e1', 'link', '2026-01-02T00:00:00.000Z'));
      await store.enrolments.insert(enrolment('e2', 'token', '2026-01-01T01:00:00.000Z'));
      expect(await store.enrolments.take('e1', 'token', '2026-01-01T00:30:00.000Z')).toBeUndefined();
      const [first, second] = await Promise.all([
        store.enrolments.take('e1', 'link', '2026-01-01T00:30:00.000Z'),
        store.enrolments.take('e1', 'link', '2026-01-01T00:30:00.000Z'),
      ]);
      expect([first?.usedAt, second?.usedAt].filter((x) => x !== undefined)).toEqual([
        '2026-01-01T00:30:00.000Z',
      ]);
      expect(await store.enrolments.take('e2', 'token', '2026-01-01T02:00:00.000Z')).toBeUndefined();
      expect((await store.enrolments.listByUser(user.id)).map((e) => e.id).sort()).toEqual(['e1', 'e2']);
      expect(await store.enrolments.deleteExpiredBefore('2026-01-01T12:00:00.000Z')).toBe(1);
      await store.write((tx) => tx.users.delete(user.id));
      expect(await store.enrolments.find('e1')).toBeUndefined();
    });

    it("reads a tenant's users a page at a time: after a name, either way, searched, by group and state", async () => {
      const [tenant] = await store.tenants.list();
      const tenantId = tenant?.id ?? '';
      const group = await store.write((tx) => tx.groups.insert({ tenantId, name: 'sales' }));
      await store.write(async (tx) => {
        for (const name of ['ann', 'bob_1', 'bob%2', 'carl', 'dora'])
          await tx.users.insert({
            ...newUser(tenantId, name, name === 'carl' ? group.id : undefined),
            enabled: name !== 'dora',
          });
      });
      const names = async (query: Parameters<Store['users']['page']>[1]) =>
        (await store.users.page(tenantId, query)).map((u) => u.username);
      expect(await names({ limit: 2 })).toEqual(['ann', 'bob%2']);
      expect(await names({ after: 'bob%2', limit: 2 })).toEqual(['bob_1', 'carl']);
      expect(await names({ descending: true, limit: 2 })).toEqual(['dora', 'carl']);
      expect(await names({ descending: true, after: 'carl', limit: 5 })).toEqual(['bob_1', 'bob%2', 'ann']);
      // % and _ are searched for as themselves; the display name counts; any case.
      expect(await names({ search: '_', limit: 5 })).toEqual(['bob_1']);
      expect(await names({ search: '%', limit: 5 })).toEqual(['bob%2']);
      expect(await names({ search: 'NAME OF D', limit: 5 })).toEqual(['dora']);
      expect(await names({ groupId: group.id, limit: 5 })).toEqual(['carl']);
      expect(await names({ enabled: false, limit: 5 })).toEqual(['dora']);
      expect(await names({ enabled: true, after: 'bob_1', limit: 5 })).toEqual(['carl']);
    });

    it('keeps each served document once, and forgets old ones no device holds', async () => {
      const doc = (hash: string, at: string) => ({ hash, sealed: `sealed-${hash}`, at });
      await store.servedDocuments.keep([
        doc('h1', '2026-01-01T00:00:00.000Z'),
        doc('h2', '2026-01-01T00:00:00.000Z'),
      ]);
      await store.servedDocuments.keep([{ hash: 'h1', sealed: 'other', at: '2026-01-02T00:00:00.000Z' }]);
      expect(await store.servedDocuments.find('h1')).toBe('sealed-h1');
      const [tenant] = await store.tenants.list();
      const user = await store.write((tx) => tx.users.insert(newUser(tenant?.id ?? '', 'holder')));
      await store.audit.appendBatch(
        [],
        [
          {
            userId: user.id,
            platform: 'desktop',
            userAgent: 'Z',
            clientVersion: undefined,
            lastFetchAt: '2026-01-01T00:00:00.000Z',
            lastDocumentHash: 'h2',
            lastClientAddress: '192.0.2.1',
            lastPasswordId: undefined,
          },
        ],
      );
      await store.servedDocuments.keep([doc('h3', '2026-01-03T00:00:00.000Z')]);
      // h1: old and held by no device, gone; h2: a device holds it; h3: too new to judge.
      expect(await store.servedDocuments.pruneUnreferenced('2026-01-02T00:00:00.000Z')).toBe(1);
      expect(await store.servedDocuments.find('h1')).toBeUndefined();
      expect(await store.servedDocuments.find('h2')).toBe('sealed-h2');
      expect(await store.servedDocuments.find('h3')).toBe('sealed-h3');
    });

    it("keeps a profile's platform pins apart from its options", async () => {
      const p = await store.write((tx) => tx.profiles.insert({ name: 'apps', document: '<options/>' }));
      expect(p.platformPins).toBeUndefined();
      const pins = '{"account/enable_push_notifications":["android","ios"]}';
      await store.write((tx) => tx.profiles.updatePlatformPins(p.id, pins));
      expect(await store.profiles.findById(p.id)).toMatchObject({
        document: '<options/>',
        platformPins: pins,
      });
      await store.write((tx) => tx.profiles.updatePlatformPins(p.id, null));
      expect((await store.profiles.findByName('apps'))?.platformPins).toBeUndefined();
    });

    it('keeps API tokens by id and name, and removes a tenant admin token with its tenant', async () => {
      const t = await store.write((tx) =>
        tx.tenants.insert({
          slug: 'acme',
          name: 'Acme',
          deleteAccountsBeforehand: true,
          deleteContactServicesBeforehand: false,
        }),
      );
      await store.write(async (tx) => {
        await tx.tokens.insert({
          id: 'a1',
          name: 'ops',
          role: 'server-admin',
          tenantId: undefined,
          secretHash: 'h1',
        });
        await tx.tokens.insert({
          id: 'b2',
          name: 'crm',
          role: 'tenant-admin',
          tenantId: t.id,
          secretHash: 'h2',
        });
      });
      expect((await store.tokens.list()).map((k) => k.name)).toEqual(['crm', 'ops']);
      expect(await store.tokens.findById('b2')).toMatchObject({
        name: 'crm',
        tenantId: t.id,
        lastUsedAt: undefined,
      });
      await store.touchToken('b2', '2026-01-01T00:00:00.000Z');
      expect((await store.tokens.findByName('crm'))?.lastUsedAt).toBe('2026-01-01T00:00:00.000Z');
      await rejectsWith(
        store.write((tx) =>
          tx.tokens.insert({
            id: 'c3',
            name: 'ops',
            role: 'read-only',
            tenantId: undefined,
            secretHash: 'h3',
          }),
        ),
        'already_exists',
      );
      await store.write((tx) => tx.tenants.delete(t.id));
      expect((await store.tokens.list()).map((k) => k.name)).toEqual(['ops']);
    });

    it('keeps revisions in commit order, pages back by seq, and filters by tenant and record', async () => {
      const revision = (entityId: string, tenantId: string | undefined, label: string) => ({
        at: '2026-01-01T00:00:00.000Z',
        actor: 'cli:test',
        tenantId,
        entity: 'user' as const,
        entityId,
        label,
        action: 'update' as const,
        before: '{}',
        after: undefined,
        changes: [{ path: 'enabled', from: 'true', to: 'false' }],
      });
      await store.write((tx) => tx.revisions.append([revision('u1', 't1', 'a'), revision('u2', 't2', 'b')]));
      await store.write((tx) => tx.revisions.append([revision('u1', 't1', 'c')]));
      const all = await store.revisions.list({ limit: 10 });
      expect(all.map((r) => r.label)).toEqual(['c', 'b', 'a']);
      expect(all[0]!.seq).toBeGreaterThan(all[1]!.seq);
      expect(all[0]).toMatchObject({
        before: '{}',
        after: undefined,
        changes: [{ path: 'enabled', from: 'true', to: 'false' }],
      });
      expect((await store.revisions.list({ tenantId: 't1', limit: 10 })).map((r) => r.label)).toEqual([
        'c',
        'a',
      ]);
      expect(
        (await store.revisions.list({ entityId: 'u1', beforeSeq: all[0]!.seq, limit: 10 })).map(
          (r) => r.label,
        ),
      ).toEqual(['a']);
      expect((await store.revisions.find(all[1]!.seq))?.label).toBe('b');
      expect(await store.revisions.find(999_999)).toBeUndefined();
    });

    it('tells whether any user exists and which keys sealed the stored passwords', async () => {
      expect(await store.users.exist()).toBe(false);
      expect(await store.accounts.sealedPrefixes(13)).toEqual([]);
      const d = (await store.tenants.findBySlug('default'))!;
      const u = await store.write((tx) => tx.users.insert(newUser(d.id, 'erin')));
      expect(await store.users.exist()).toBe(true);
      const base = { userId: u.id, protocol: 'sip' as const, options: '<options/>', isDefault: false };
      await store.write(async (tx) => {
        await tx.accounts.insert({
          ...base,
          ident: 'k1',
          position: 0,
          sealedPassword: 'gcm1.aaaaaaaa.n.c.t',
        });
        await tx.accounts.insert({
          ...base,
          ident: 'k2',
          position: 1,
          sealedPassword: 'gcm1.aaaaaaaa.m.d.u',
        });
        await tx.accounts.insert({
          ...base,
          ident: 'k3',
          position: 2,
          sealedPassword: 'gcm1.bbbbbbbb.o.e.v',
        });
        await tx.accounts.insert({ ...base, ident: 'k4', position: 3, sealedPassword: undefined });
      });
      expect((await store.accounts.sealedPrefixes(13)).sort()).toEqual(['gcm1.aaaaaaaa', 'gcm1.bbbbbbbb']);
    });

    it('removes a user with their accounts and fetch state, and a tenant with everything in it', async () => {
      const t = await store.write((tx) =>
        tx.tenants.insert({
          slug: 'gone',
          name: 'G',
          deleteAccountsBeforehand: true,
          deleteContactServicesBeforehand: false,
        }),
      );
      const u = await store.write((tx) => tx.users.insert(newUser(t.id, 'erin')));
      await store.write((tx) =>
        tx.accounts.insert({
          userId: u.id,
          ident: 'x1',
          position: 0,
          protocol: 'sip',
          isDefault: true,
          options: '<options/>',
          sealedPassword: undefined,
        }),
      );
      await store.audit.appendBatch(
        [],
        [
          {
            userId: u.id,
            platform: 'desktop' as const,
            userAgent: '',
            lastFetchAt: 't',
            lastDocumentHash: 'h',
            lastClientAddress: 'a',
          },
        ],
      );
      await store.write((tx) => tx.tenants.delete(t.id));
      expect(await store.users.findById(u.id)).toBeUndefined();
      expect(await store.accounts.findByIdent('x1')).toBeUndefined();
      expect((await store.audit.fetchStates([u.id])).size).toBe(0);
    });

    it('keeps profiles with their server-wide assignment and reports where each is used', async () => {
      const d = (await store.tenants.findBySlug('default'))!;
      const p = await store.write((tx) => tx.profiles.insert({ name: 'base', document: '<options/>' }));
      const g = await store.write((tx) => tx.groups.insert({ tenantId: d.id, name: 'ops' }));
      const u = await store.write((tx) => tx.users.insert(newUser(d.id, 'frank')));
      await store.write(async (tx) => {
        await tx.profiles.setServerProfile(p.id);
        await tx.groups.update(g.id, { profileId: p.id });
        await tx.users.update(u.id, { profileId: p.id });
        await tx.profiles.updateDocument(p.id, '<options><general/></options>');
      });
      expect(await store.profiles.serverProfileId()).toBe(p.id);
      expect((await store.profiles.findByName('base'))?.document).toBe('<options><general/></options>');
      expect(await store.profiles.assignments(p.id)).toEqual({
        server: true,
        tenants: [],
        groups: [{ tenant: 'default', name: 'ops' }],
        users: [{ tenant: 'default', username: 'frank' }],
      });
      await rejectsWith(
        store.write((tx) => tx.profiles.delete(p.id)),
        'invalid_input',
      );
      await store.write(async (tx) => {
        await tx.profiles.setServerProfile(null);
        await tx.groups.update(g.id, { profileId: null });
        await tx.users.update(u.id, { profileId: null });
        await tx.profiles.delete(p.id);
      });
      expect(await store.profiles.list()).toEqual([]);
    });

    it('appends audit entries most recent first and keeps the latest fetch per user', async () => {
      const d = (await store.tenants.findBySlug('default'))!;
      const u = await store.write((tx) => tx.users.insert(newUser(d.id, 'gina')));
      const entry = (n: number, userId: string | undefined) => ({
        at: `2024-01-01T00:00:0${n}.000Z`,
        tenant: 'default',
        username: userId === undefined ? 'nobody' : 'gina',
        userId,
        clientAddress: '127.0.0.1',
        userAgent: n === 1 ? undefined : 'Zoiper',
        clientVersion: n === 2 ? '1.14' : undefined,
        transport: 'url' as const,
        outcome: userId === undefined ? ('unknown_user' as const) : ('served' as const),
        documentHash: userId === undefined ? undefined : `h${n}`,
      });
      await store.audit.appendBatch(
        [entry(1, u.id), entry(2, undefined)],
        [
          {
            userId: u.id,
            platform: 'desktop' as const,
            userAgent: '',
            lastFetchAt: 't1',
            lastDocumentHash: 'h1',
            lastClientAddress: 'a1',
          },
        ],
      );
      await store.audit.appendBatch(
        [entry(3, u.id)],
        [
          {
            userId: u.id,
            platform: 'desktop' as const,
            userAgent: '',
            lastFetchAt: 't3',
            lastDocumentHash: 'h3',
            lastClientAddress: 'a3',
          },
          {
            userId: 'deleted-user',
            platform: 'desktop' as const,
            userAgent: '',
            lastFetchAt: 't3',
            lastDocumentHash: 'h3',
            lastClientAddress: 'a3',
          },
        ],
      );
      const recent = await store.audit.recent({ limit: 10 });
      expect(recent.map((e) => e.at)).toEqual([entry(3, u.id).at, entry(2, undefined).at, entry(1, u.id).at]);
      expect(recent[2]).toEqual(entry(1, u.id));
      expect((await store.audit.recent({ userId: u.id, limit: 1 })).map((e) => e.documentHash)).toEqual([
        'h3',
      ]);
      expect((await store.audit.recent({ tenantId: d.id, limit: 5 })).length).toBe(3);
      const states = await store.audit.fetchStates([u.id, 'deleted-user']);
      expect([...states.values()]).toEqual([
        [
          {
            userId: u.id,
            platform: 'desktop' as const,
            userAgent: '',
            lastFetchAt: 't3',
            lastDocumentHash: 'h3',
            lastClientAddress: 'a3',
          },
        ],
      ]);
    });

    it('keeps the last fetch of each device of a user, the most recent first, at most eight', async () => {
      const d = (await store.tenants.findBySlug('default'))!;
      const u = await store.write((tx) => tx.users.insert(newUser(d.id, 'hedda')));
      const at = (n: number) => `2024-01-01T00:00:${String(n).padStart(2, '0')}.000Z`;
      const state = (n: number, platform: 'desktop' | 'android' | 'ios', userAgent: string) => ({
        userId: u.id,
        platform,
        userAgent,
        clientVersion: platform === 'desktop' ? undefined : '1.14',
        lastFetchAt: at(n),
        lastDocumentHash: `h${n}`,
        lastClientAddress: '192.0.2.1',
        lastPasswordId: 'p1',
      });
      await store.audit.appendBatch([], [state(1, 'desktop', 'Z 5.6'), state(2, 'android', 'Zoiper/2.10')]);
      // The same device again replaces its row; a new User-Agent is a new device.
      await store.audit.appendBatch([], [state(3, 'desktop', 'Z 5.6'), state(4, 'ios', '')]);
      expect((await store.audit.fetchStates([u.id])).get(u.id)).toEqual([
        state(4, 'ios', ''),
        state(3, 'desktop', 'Z 5.6'),
        state(2, 'android', 'Zoiper/2.10'),
      ]);
      // A phone sending a new User-Agent each time cannot grow the table past eight devices.
      for (let n = 10; n < 30; n += 4)
        await store.audit.appendBatch(
          [],
          [0, 1, 2, 3].map((i) => state(n + i, 'android', `bot ${n + i}`)),
        );
      const kept = (await store.audit.fetchStates([u.id])).get(u.id) ?? [];
      expect(kept.map((s) => s.lastFetchAt)).toEqual([29, 28, 27, 26, 25, 24, 23, 22].map(at));
    });

    it('prunes the oldest audit entries before a time, a bounded number at a time', async () => {
      const entry = (day: number) => ({
        at: `2024-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
        tenant: 'default',
        username: `u${day}`,
        userId: undefined,
        clientAddress: '127.0.0.1',
        userAgent: undefined,
        clientVersion: undefined,
        transport: 'url' as const,
        outcome: 'unknown_user' as const,
        documentHash: undefined,
      });
      await store.audit.appendBatch([1, 2, 3, 4, 5, 6, 7].map(entry), []);
      const cutoff = entry(6).at;
      expect(await store.audit.pruneOldest(cutoff, 3)).toBe(3);
      expect(await store.audit.pruneOldest(cutoff, 3)).toBe(2);
      expect(await store.audit.pruneOldest(cutoff, 3)).toBe(0);
      const left = await store.audit.recent({ limit: 10 });
      expect(left.map((e) => e.username)).toEqual(['u7', 'u6']);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
