// The status report read a page at a time (the API's …/reports/status): the pages together are the
// whole report, in username order and by device within a user, with or without a status filter, and
// across the batches in which users are read and rendered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  statusRowKey,
  type FetchStatus,
  type StalenessRow,
} from '../../src/services/management/report-admin.js';
import { request, testApp, type TestApp } from '../support/test-app.js';

const USERS = 430; // more than two batches of 200
let t: TestApp;

const keyOf = (row: StalenessRow) =>
  `${row.username} ${row.device?.platform ?? ''} ${row.device?.userAgent ?? ''} ${row.status}`;

beforeAll(async () => {
  t = await testApp();
  const m = t.app.management;
  await m.tenants.add({ slug: 'big' });
  const name = (i: number) => `u${String(i).padStart(4, '0')}`;
  await m.users.addMany(
    'big',
    Array.from({ length: USERS }, (_, i) => ({ username: name(i), password: `password of ${name(i)}` })),
  );
  // Every 7th user's phones fetch below; every 11th has an account no phone has fetched yet.
  for (let i = 0; i < USERS; i++)
    if (i % 7 === 0 || i % 11 === 0)
      await m.accounts.add('big', name(i), { protocol: 'sip', username: `${i}`, domain: 'pbx.example' });
  // Some users have several devices (fetched from the Desktop and from each app), some are disabled.
  for (let i = 0; i < USERS; i += 7) {
    const login = (extra: Parameters<typeof request>[2]) =>
      t.app.provisioning.provision(request(name(i), `password of ${name(i)}`, { tenant: 'big', ...extra }));
    await login({ userAgent: 'Zoiper desktop' });
    if (i % 3 === 0) await login({ platform: 'android', userAgent: 'Zoiper android' });
    if (i % 5 === 0) await login({ platform: 'ios', userAgent: 'Zoiper ios' });
  }
  await t.app.provisioning.flushAudit();
  for (let i = 3; i < USERS; i += 50) await m.users.setEnabled('big', name(i), false);
});

afterAll(async () => {
  await t?.close();
});

/** Every page, following each page's last row, as the API's cursor does. */
async function allPages(limit: number, status?: FetchStatus): Promise<StalenessRow[]> {
  const rows: StalenessRow[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await t.app.management.reports.statusPage('big', {
      ...(after === undefined ? {} : { after }),
      ...(status === undefined ? {} : { status }),
      limit,
    });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.rows);
    const last = page.rows.at(-1);
    if (!page.more || last === undefined) return rows;
    after = statusRowKey(last);
  }
}

describe('the status report a page at a time', () => {
  it('gives every row once, by username and then device, whatever the page size', async () => {
    const whole = await t.app.management.reports.staleness('big');
    const expected = [...whole].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    expect(expected.length).toBeGreaterThan(USERS); // several devices for some users
    for (const limit of [1, 7, 199, 1000])
      expect((await allPages(limit)).map(keyOf), `limit ${limit}`).toEqual(expected.map(keyOf));
  });

  it('filters by status without losing rows at page or batch edges', async () => {
    const whole = await t.app.management.reports.staleness('big');
    for (const status of ['current', 'never', 'disabled', 'nothing_to_serve'] as const) {
      const expected = whole
        .filter((r) => r.status === status)
        .map(keyOf)
        .sort();
      expect(expected.length, status).toBeGreaterThan(0);
      expect((await allPages(3, status)).map(keyOf).sort(), status).toEqual(expected);
    }
  });
});
