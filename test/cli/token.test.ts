// zprov token: made once and shown once, stored hashed, listed without secrets, revoked at once.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../src/app/compose-app.js';
import { loadConfig } from '../../src/config/app-config.js';
import { makeTempDir, runInProcess, type CliRun } from './cli-harness.js';

describe('zprov token', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let data: string;
  const zprov = (...args: string[]): Promise<CliRun> => runInProcess([...args, '--data-dir', data], tmp.dir);
  const authenticate = async (token: string) => {
    const app = await composeApp(loadConfig({ flags: { dataDir: data } }));
    try {
      return await app.management.tokens.authenticate(token);
    } finally {
      await app.close();
    }
  };

  beforeEach(() => {
    tmp = makeTempDir();
    data = join(tmp.dir, 'data');
  });
  afterEach(() => tmp.cleanup());

  it('prints the token alone on the last line, keeps only its hash, and revokes it', async () => {
    expect((await zprov('tenant', 'add', 'acme')).code).toBe(0);
    const created = await zprov('token', 'create', 'crm', '--role', 'tenant-admin', '--tenant', 'acme');
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trimEnd().split('\n').pop() as string;
    expect(token).toMatch(/^zprov_[0-9a-f]{16}_[A-Za-z0-9_-]{32}$/);
    expect(created.stderr).toMatch(/tenant-admin token crm for tenant acme/);

    const db = new Database(join(data, 'zprov.sqlite'), { readonly: true });
    const stored = JSON.stringify(db.prepare('select * from api_tokens').all());
    db.close();
    expect(stored).not.toContain(token.split('_')[2]);

    expect(await authenticate(token)).toMatchObject({ name: 'crm', role: 'tenant-admin' });
    expect(await authenticate(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
    const list = await zprov('token', 'list');
    expect(list.stdout).toMatch(/^crm +tenant-admin +acme /m);
    expect(list.stdout).not.toContain(token);

    expect((await zprov('token', 'revoke', 'crm')).code).toBe(0);
    expect(await authenticate(token)).toBeUndefined();
  });

  it('refuses a tenant admin without a tenant, a server admin with one, and a name twice', async () => {
    const noTenant = await zprov('token', 'create', 'a', '--role', 'tenant-admin');
    expect(noTenant.code).toBe(1);
    expect(noTenant.stderr).toMatch(/needs --tenant/);
    const scoped = await zprov('token', 'create', 'b', '--role', 'server-admin', '--tenant', 'default');
    expect(scoped.code).toBe(1);
    expect((await zprov('token', 'create', 'c', '--role', 'read-only')).code).toBe(0);
    const again = await zprov('token', 'create', 'c', '--role', 'read-only');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/token 'c' already exists/);
  });
});
