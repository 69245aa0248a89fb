// The import use case on a real SQLite file: plans, dry runs that write nothing, re-imports that keep
// idents, --missing, users made for new extensions, and all-or-nothing writes.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { optionIn, type ImportedAccount, type ImportParse } from '../../src/core/index.js';
import { ZprovError } from '../../src/core/errors.js';
import { ImportRefused, type ImportRequest } from '../../src/services/import/account-import.js';
import { testApp, type TestApp } from '../support/test-app.js';

function record(key: string, extra: Partial<ImportedAccount> = {}): ImportedAccount {
  return {
    key,
    at: { file: 'pjsip.conf', line: Number(key) - 1000 },
    protocol: 'sip',
    username: key,
    password: `secret-${key}`,
    options: [],
    user: key,
    displayName: `Ext ${key}`,
    enabled: true,
    columns: {},
    ...extra,
  };
}

const parse = (...accounts: ImportedAccount[]): ImportParse => ({ accounts, problems: [] });

/** Rows of the tables an import writes, straight from the file: what "nothing written" means. */
function tableCounts(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'zprov.sqlite'), { readonly: true });
  try {
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { users: count('users'), accounts: count('accounts') };
  } finally {
    db.close();
  }
}

describe('importing accounts', () => {
  let t: TestApp;
  const kept: { user: string; password: string }[][] = [];
  const run = (source: ImportParse, extra: Partial<ImportRequest> = {}) =>
    t.app.management.imports.run({
      tenant: 'default',
      format: 'pjsip',
      source,
      domain: 'pbx.example.com',
      keepCredentials: async (c) => void kept.push([...c]),
      ...extra,
    });
  const accountOf = async (user: string) => t.app.management.accounts.list('default', user);
  const served = async (user: string) => (await t.app.management.reports.render('default', user)).rendered;

  beforeEach(async () => {
    t = await testApp();
    kept.length = 0;
  });
  afterEach(() => t.close());

  it('plans a dry run without writing anything, checked on the database file', async () => {
    const before = tableCounts(t.dataDir);
    const outcome = await run(parse(record('1001'), record('1002')), { dryRun: true });
    expect(outcome.written).toBe(false);
    expect(outcome.plan.users.add).toEqual(['1001', '1002']);
    expect(outcome.plan.accounts.add.map((a) => a.sourceKey)).toEqual(['pjsip:1001', 'pjsip:1002']);
    const changes = outcome.plan.accounts.add[0]?.changes ?? [];
    expect(changes).toContainEqual({ path: 'SIP_domain', to: 'pbx.example.com' });
    expect(changes).toContainEqual({ path: 'password', to: '********' });
    expect(JSON.stringify(outcome.plan)).not.toContain('secret-1001');
    expect(tableCounts(t.dataDir)).toEqual(before);
  });

  it('adds users and accounts, keeps the generated passwords once, and serves them', async () => {
    const outcome = await run(parse(record('1001'), record('1002')));
    expect(outcome.written).toBe(true);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.map((c) => c.user)).toEqual(['1001', '1002']);
    const [account] = await accountOf('1001');
    expect(account?.isDefault).toBe(true);
    const document = (await served('1001')).document;
    expect(optionIn(document.root, `accounts/account[ident=${account?.ident}]/password`)).toBe('secret-1001');
    expect(optionIn(document.root, `accounts/account[ident=${account?.ident}]/SIP_domain`)).toBe(
      'pbx.example.com',
    );
    const password = kept[0]?.[0]?.password as string;
    expect(await t.app.management.users.checkPassword('default', '1001', password)).toBe(true);
  });

  it('updates in place on a second import: same idents, only what changed, nothing for the unchanged', async () => {
    await run(parse(record('1001'), record('1002')));
    const idents = [(await accountOf('1001'))[0]?.ident, (await accountOf('1002'))[0]?.ident];
    const second = await run(
      parse(
        record('1001', { options: [['SIP_transport_type', 'tls']], password: 'rotated' }),
        record('1002'),
      ),
    );
    expect(second.plan.accounts.add).toEqual([]);
    expect(second.plan.accounts.unchanged).toBe(1);
    expect(second.plan.users.add).toEqual([]);
    expect(second.plan.accounts.update).toEqual([
      {
        sourceKey: 'pjsip:1001',
        user: '1001',
        ident: idents[0],
        changes: [
          { path: 'SIP_transport_type', to: 'tls' },
          { path: 'password', from: '********', to: '********' },
        ],
      },
    ]);
    expect([(await accountOf('1001'))[0]?.ident, (await accountOf('1002'))[0]?.ident]).toEqual(idents);
    const document = (await served('1001')).document;
    expect(optionIn(document.root, `accounts/account[ident=${idents[0]}]/password`)).toBe('rotated');
    expect(kept).toHaveLength(1);
  });

  it('keeps options set by hand that no importer maps, and replaces the ones it does', async () => {
    await run(parse(record('1001', { options: [['SIP_transport_type', 'tcp']] })));
    const ident = (await accountOf('1001'))[0]?.ident as string;
    await t.app.management.accounts.update(ident, { set: [['stun/use_stun', 'custom']] });
    await run(parse(record('1001')));
    const item = (await t.app.management.accounts.show(ident)).item;
    expect(optionIn(item, 'stun/use_stun')).toBe('custom');
    expect(optionIn(item, 'SIP_transport_type')).toBeUndefined();
  });

  it('keeps, disables or removes what the source lost, as --missing says, and always reports it', async () => {
    await run(parse(record('1001'), record('1002'), record('1003')));
    const kept1 = await run(parse(record('1001'), record('1002')));
    expect(kept1.plan.accounts.missing.map((m) => m.sourceKey)).toEqual(['pjsip:1003']);
    expect((await accountOf('1003'))[0]?.hasPassword).toBe(true);

    const disabled = await run(parse(record('1001')), { missing: 'disable' });
    expect(disabled.plan.accounts.missing.map((m) => m.sourceKey)).toEqual(['pjsip:1002', 'pjsip:1003']);
    expect(disabled.plan.users.disable).toEqual(['1002', '1003']);
    expect((await t.app.management.users.get('default', '1002')).enabled).toBe(false);
    expect((await served('1002')).empty).toBe(true);

    const removed = await run(parse(record('1001')), { missing: 'remove' });
    expect(removed.plan.users.remove).toEqual(['1002', '1003']);
    await expect(t.app.management.users.get('default', '1003')).rejects.toThrow(/no user '1003'/);
  });

  it('groups accounts under one user by a column, and puts new users in a group', async () => {
    await t.app.management.groups.add('default', 'sales');
    await run(
      parse(
        record('1001', { columns: { email: 'ann@example.com' } }),
        record('1002', { columns: { email: 'ann@example.com' } }),
        record('1003', { columns: { email: 'bob@example.com' } }),
      ),
      { groupBy: 'email', group: 'sales' },
    );
    const ann = await accountOf('ann@example.com');
    expect(ann.map((a) => [a.position, a.isDefault])).toEqual([
      [0, true],
      [1, false],
    ]);
    const users = await t.app.management.users.list('default', { group: 'sales' });
    expect(users.map((u) => u.username).sort()).toEqual(['ann@example.com', 'bob@example.com']);
  });

  it('refuses a real run with errors in the source, writing nothing, and names file, line and field', async () => {
    const before = tableCounts(t.dataDir);
    const source: ImportParse = {
      accounts: [record('1001'), record('1002', { options: [['SIP_transport_type', 'carrier-pigeon']] })],
      problems: [{ severity: 'error', message: 'not a setting', at: { file: 'pjsip.conf', line: 7 } }],
    };
    const refused = await run(source).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefused);
    const problems = (refused as ImportRefused).plan.problems;
    expect(problems).toContainEqual(expect.objectContaining({ at: { file: 'pjsip.conf', line: 7 } }));
    expect(problems).toContainEqual(
      expect.objectContaining({
        key: '1002',
        at: { file: 'pjsip.conf', line: 2, field: 'SIP_transport_type' },
      }),
    );
    expect(tableCounts(t.dataDir)).toEqual(before);
  });

  it('writes nothing when keeping the credentials fails half-way through', async () => {
    const before = tableCounts(t.dataDir);
    const failing = run(parse(record('1001'), record('1002')), {
      keepCredentials: () => Promise.reject(new ZprovError('io', 'cannot write credentials.csv: disk full')),
    });
    await expect(failing).rejects.toThrow(/disk full/);
    expect(tableCounts(t.dataDir)).toEqual(before);
  });

  it('writes nothing when a run is interrupted after a hundred of its accounts went in', async () => {
    const before = tableCounts(t.dataDir);
    const many = Array.from({ length: 150 }, (_, i) => record(String(1001 + i)));
    let reported = 0;
    const interrupted = run(parse(...many), {
      onProgress: (done) => {
        reported = done;
        if (done >= 100) throw new Error('interrupted at 100 accounts');
      },
    });
    await expect(interrupted).rejects.toThrow(/interrupted/);
    expect(reported).toBe(100);
    expect(tableCounts(t.dataDir)).toEqual(before);
  });

  it('asks for somewhere to keep generated passwords before writing anything', async () => {
    const outcome = run(parse(record('1001')), { keepCredentials: undefined });
    await expect(outcome).rejects.toThrow(/give a credentials file/);
    expect(tableCounts(t.dataDir).users).toBe(0);
  });
});
