// The composed app on PostgreSQL: the same services over the second dialect, end to end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp, type ComposedApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import {
  postgresDatabase,
  postgresReachable,
  tempDir,
  type TestDatabase,
} from '../support/test-databases.js';
import { request, TEST_HASH } from '../support/test-app.js';

const pgUp = await postgresReachable();

describe.skipIf(!pgUp)('provisioning on PostgreSQL', () => {
  let database: TestDatabase;
  let dir: ReturnType<typeof tempDir>;
  let app: ComposedApp;
  beforeEach(async () => {
    database = await postgresDatabase();
    dir = tempDir();
    if (database.config.kind !== 'postgres') throw new Error('expected postgres');
    app = await composeApp(loadConfig({ flags: { dataDir: dir.path, database: database.config.url } }), {
      passwordHash: TEST_HASH,
    });
  });
  afterEach(async () => {
    await app.close();
    await database.cleanup();
    dir.remove();
  });

  it('serves, audits and reports a user the same way as on SQLite', async () => {
    const m = app.management;
    await m.tenants.add({ slug: 'acme' });
    await m.users.add({ tenant: 'acme', username: 'alice', password: 'alice password' });
    await m.accounts.add('acme', 'alice', {
      username: '1001',
      password: 'sip&secret',
      domain: 'pbx.example',
    });
    const served = await app.provisioning.provision(request('alice@acme', 'alice password'));
    expect(served.ok && served.body).toContain('<password>sip&amp;secret</password>');
    expect((await app.provisioning.provision(request('alice@acme', 'wrong password'))).outcome).toBe(
      'wrong_password',
    );
    await app.provisioning.flushAudit();
    expect((await m.reports.fetchLog({ tenant: 'acme', limit: 5 })).map((e) => e.outcome)).toEqual([
      'wrong_password',
      'served',
    ]);
    expect((await m.reports.staleness('acme'))[0]?.status).toBe('current');
    expect((await m.reports.render('acme', 'alice')).rendered.body).toBe(served.ok ? served.body : '');
    await expect(app.checkReady()).resolves.toBeUndefined();
  });
});
