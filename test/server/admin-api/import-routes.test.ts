// The import route over HTTP: a dry run answers the plan and writes nothing, a source with errors is
// refused naming its rows, a real run answers the generated passwords once, and tenant scoping.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   reply bodies are read as JSON here; expect checks their values and the OpenAPI schemas their shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoutes } from '../../../src/server/admin-api/routes/import-routes.js';
import { routeFixture, type RouteFixture } from './route-fixture.js';

const GOOD = [
  'key,user,username,password,domain',
  '1001,alice,1001,s3cret-1001,pbx.example.test',
  '1002,bob,1002,s3cret-1002,pbx.example.test',
].join('\n');

const PJSIP = `[1001]
type=endpoint
auth=1001
aors=1001

[1001]
type=auth
auth_type=userpass
username=1001
password=pj-secret

[1001]
type=aor
max_contacts=1
`;

describe('import routes', () => {
  let f: RouteFixture;
  const users = async (tenant: string) =>
    (await f.t.app.management.users.list(tenant)).map((u) => u.username).sort();
  beforeAll(async () => {
    f = await routeFixture(importRoutes);
  });
  // Every reply recorded here matches the schema the OpenAPI document gives for it.
  afterAll(() => f.closeCheckingReplies());

  it('answers the plan of a dry run and writes nothing', async () => {
    const dry = await f.call('acme-admin', 'POST', '/tenants/acme/imports', {
      body: { format: 'csv', text: GOOD, dryRun: true },
    });
    expect(dry.statusCode).toBe(200);
    const reply = dry.json();
    expect(reply.written).toBe(false);
    expect(reply.credentials).toEqual([]);
    expect(reply.plan.users.add).toEqual(['alice', 'bob']);
    expect(reply.plan.accounts.add.map((a: { sourceKey: string }) => a.sourceKey)).toEqual([
      'csv:1001',
      'csv:1002',
    ]);
    expect(JSON.stringify(reply)).not.toContain('s3cret');
    expect(await users('acme')).toEqual([]);
  });

  it('refuses a source with errors naming file, line and field, and writes nothing', async () => {
    const text = `${GOOD}\n1003,carol,1003,s3cret-1003,pbx.example.test\n`.replace(
      'key,user,username,password,domain',
      'key,user,username,password,domain,protocol',
    );
    const bad = text.replace(
      '1003,carol,1003,s3cret-1003,pbx.example.test',
      '1003,carol,1003,x,pbx.example.test,skype',
    );
    const refused = await f.call('acme-admin', 'POST', '/tenants/acme/imports', {
      body: { format: 'csv', text: bad, file: 'pbx.csv' },
    });
    expect(refused.statusCode).toBe(400);
    const reply = refused.json();
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        key: '1003',
        at: { file: 'pbx.csv', line: 4, field: 'protocol' },
      }),
    ]);
    expect(reply.plan.problems.length).toBeGreaterThanOrEqual(1);
    expect(await users('acme')).toEqual([]);
  });

  it('refuses a 10,000-row CSV with 3 bad rows, naming each row, and writes nothing', async () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `${5000 + i},${5000 + i},pw-${i},pbx.example.test,sip`,
    );
    rows[10] = '5010,5010,pw,pbx.example.test,skype';
    rows[5000] = '10000,,pw,pbx.example.test,sip';
    rows[9999] = '14999,14999,pw,pbx.example.test,sip,extra';
    const text = `key,username,password,domain,protocol\n${rows.join('\n')}\n`;
    const refused = await f.call('acme-admin', 'POST', '/tenants/acme/imports', {
      body: { format: 'csv', text, file: 'big.csv' },
    });
    expect(refused.statusCode).toBe(400);
    const lines = (refused.json().problems as { at: { file: string; line: number } }[]).map((p) => p.at.line);
    // The header is line 1: row n of the data is line n + 1.
    expect(lines).toEqual([12, 5002, 10001]);
    expect(await users('acme')).toEqual([]);
  });

  it('imports for real and answers the generated passwords once', async () => {
    const run = await f.call('acme-admin', 'POST', '/tenants/acme/imports', {
      body: { format: 'csv', text: GOOD },
    });
    expect(run.statusCode).toBe(200);
    const reply = run.json<{ written: boolean; credentials: { user: string; password: string }[] }>();
    expect(reply.written).toBe(true);
    expect(reply.credentials.map((c) => c.user)).toEqual(['alice', 'bob']);
    expect(await users('acme')).toEqual(['alice', 'bob']);
    const alice = reply.credentials[0] as { user: string; password: string };
    expect(await f.t.app.management.users.checkPassword('acme', 'alice', alice.password)).toBe(true);
    const again = await f.call('admin', 'POST', '/tenants/acme/imports', {
      body: { format: 'csv', text: GOOD },
    });
    expect(again.json()).toMatchObject({ written: true, credentials: [] });
    expect(again.json().plan.accounts.unchanged).toBe(2);
  });

  it('reads PBX text formats', async () => {
    const dry = await f.call('admin', 'POST', '/tenants/other/imports', {
      body: { format: 'pjsip', text: PJSIP, dryRun: true, domain: 'pbx.example.test' },
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().plan.accounts.add.map((a: { sourceKey: string }) => a.sourceKey)).toEqual([
      'pjsip:1001',
    ]);
  });

  it('takes no FusionPBX URL, and keeps tenants and read-only tokens in their place', async () => {
    const fusion = await f.call('admin', 'POST', '/tenants/acme/imports', {
      body: { format: 'fusionpbx', text: 'postgres://pbx.example.test/fusionpbx' },
    });
    expect(fusion.statusCode).toBe(400);
    expect(fusion.json().error.field).toBe('format');
    const body = { format: 'csv', text: GOOD, dryRun: true };
    expect((await f.call('acme-admin', 'POST', '/tenants/other/imports', { body })).statusCode).toBe(404);
    expect((await f.call('reader', 'POST', '/tenants/acme/imports', { body })).statusCode).toBe(403);
  });
});
