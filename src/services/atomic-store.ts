// A management use case made of several steps (read the record, check the If-Match it was sent,
// change it, read it back) commits as one: inside `atomically`, the repositories read through the
// open transaction and every write() joins it instead of opening another. Each step stays the plain
// service call it is outside; only the caller that needs the steps together asks for it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store, StoreWriter } from './store.js';

export interface AtomicStore extends Store {
  /**
   * Runs `work` in one serializable write transaction (see WriteOptions.serializable): what it
   * reads through this store cannot change before what it writes commits. Nested calls join the
   * outer one. On PostgreSQL the work may run more than once; it must do nothing but storage calls
   * and computation.
   */
  atomically<T>(work: () => Promise<T>): Promise<T>;
}

/** Wraps a store for `atomically`. Wrap last: the repositories are looked up on every use. */
export function atomicStore(store: Store): AtomicStore {
  const open = new AsyncLocalStorage<StoreWriter>();
  const outside = (what: string): void => {
    if (open.getStore() !== undefined) throw new Error(`${what} is not for use inside atomically()`);
  };
  return {
    get tenants() {
      return open.getStore()?.tenants ?? store.tenants;
    },
    get groups() {
      return open.getStore()?.groups ?? store.groups;
    },
    get profiles() {
      return open.getStore()?.profiles ?? store.profiles;
    },
    get users() {
      return open.getStore()?.users ?? store.users;
    },
    get accounts() {
      return open.getStore()?.accounts ?? store.accounts;
    },
    get tokens() {
      return open.getStore()?.tokens ?? store.tokens;
    },
    get adminUsers() {
      return open.getStore()?.adminUsers ?? store.adminUsers;
    },
    get revisions() {
      return open.getStore()?.revisions ?? store.revisions;
    },
    // Outside the repositories the store has one connection's worth of calls that would wait
    // behind the open transaction (SQLite has one connection): refused inside it, loudly.
    get audit() {
      outside('the audit log');
      return store.audit;
    },
    get sessions() {
      outside('the sessions');
      return store.sessions;
    },
    get enrolments() {
      outside('the enrolments');
      return store.enrolments;
    },
    get servedDocuments() {
      outside('the served documents');
      return store.servedDocuments;
    },
    touchToken: (id, at) => (outside('touchToken'), store.touchToken(id, at)),
    generation: () => (outside('generation'), store.generation()),
    ping: () => (outside('ping'), store.ping()),
    close: () => store.close(),
    write: (work, options) => {
      const tx = open.getStore();
      return tx === undefined ? store.write(work, options) : work(tx);
    },
    atomically: (work) =>
      open.getStore() === undefined
        ? store.write((tx) => open.run(tx, work), { serializable: true })
        : work(),
  };
}
