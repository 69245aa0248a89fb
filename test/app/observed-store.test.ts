import { describe, expect, it } from 'vitest';
import { observedStore } from '../../src/app/observed-store.js';
import { ZprovError } from '../../src/core/errors.js';
import type { Store } from '../../src/services/store.js';

const broken = new Error('SQLITE_IOERR: disk I/O error');

/** A store whose calls fail as a database would, or refuse as the catalogue says. */
function fakeStore(): Store {
  const repository = {
    list: () => Promise.reject(broken),
    findLogin: () => Promise.reject(new ZprovError('not_found', 'no such user')),
    exist: () => Promise.resolve(true),
    name: 'a property, not a method',
  };
  return {
    tenants: repository,
    groups: repository,
    profiles: repository,
    users: repository,
    accounts: repository,
    tokens: repository,
    adminUsers: repository,
    revisions: repository,
    sessions: repository,
    enrolments: repository,
    servedDocuments: repository,
    audit: { appendBatch: () => Promise.reject(broken) },
    touchToken: () => Promise.reject(broken),
    write: () => Promise.reject(broken),
    generation: () => Promise.resolve(7),
    ping: () => Promise.reject(broken),
    close: () => Promise.resolve(),
  } as unknown as Store;
}

describe('observed store', () => {
  it('reports storage failures by repository and method, and passes every result and error on unchanged', async () => {
    const errors: string[] = [];
    const store = observedStore(fakeStore(), (operation) => errors.push(operation));
    await expect(store.tenants.list()).rejects.toBe(broken);
    await expect(store.audit.appendBatch([], [])).rejects.toBe(broken);
    await expect(store.write(async () => 1)).rejects.toBe(broken);
    await expect(store.ping()).rejects.toBe(broken);
    expect(await store.users.exist()).toBe(true);
    expect(await store.generation()).toBe(7);
    expect((store.users as unknown as { name: string }).name).toBe('a property, not a method');
    expect(errors).toEqual(['tenants.list', 'audit.appendBatch', 'write', 'ping']);
  });

  it("wraps a repository class's methods, called on the repository itself", async () => {
    class Repository {
      private readonly rows = ['a', 'b'];
      list(): Promise<string[]> {
        return Promise.resolve(this.rows);
      }
      find(): Promise<string> {
        return Promise.reject(broken);
      }
    }
    class Narrower extends Repository {
      count(): Promise<number> {
        return this.list().then((rows) => rows.length);
      }
    }
    const errors: string[] = [];
    const store = observedStore(
      { ...fakeStore(), groups: new Narrower() as unknown as Store['groups'] },
      (operation) => errors.push(operation),
    );
    const groups = store.groups as unknown as Narrower;
    expect(await groups.list()).toEqual(['a', 'b']);
    expect(await groups.count()).toBe(2);
    await expect(groups.find()).rejects.toBe(broken);
    expect(errors).toEqual(['groups.find']);
  });

  it('does not count a catalogued refusal as a database error', async () => {
    const errors: string[] = [];
    const store = observedStore(fakeStore(), (operation) => errors.push(operation));
    await expect(store.users.findLogin('t', 'u')).rejects.toThrow(/no such user/);
    expect(errors).toEqual([]);
  });
});
