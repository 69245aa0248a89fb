// The store as the server uses it when someone counts: every call that fails for a reason other than
// a catalogued refusal (a ZprovError such as "not found" or "already exists") is reported as a
// database error, named `<repository>.<method>`, and rethrown unchanged.
import { isZprovError } from '../core/index.js';
import type { Store } from '../services/store.js';

type OnError = (operation: string) => void;

/** Reports the failure unless it is a catalogued refusal, then rethrows it. */
function reporting(operation: string, onError: OnError): (error: unknown) => never {
  return (error: unknown) => {
    if (!isZprovError(error)) onError(operation);
    throw error;
  };
}

/** Wraps a call that returns a promise (every storage call does) or a value. */
function watched<A extends unknown[], R>(
  call: (...args: A) => R,
  operation: string,
  onError: OnError,
): (...args: A) => R {
  const failed = reporting(operation, onError);
  return (...args: A): R => {
    try {
      const result = call(...args);
      return (result instanceof Promise ? result.catch(failed) : result) as R;
    } catch (error) {
      return failed(error);
    }
  };
}

/**
 * A plain object with the repository's methods (its class's and its own), each reporting its
 * failures, and its other properties as they are: made once, so a call costs one more function
 * call and nothing per property access (a Proxy would trap every one).
 */
function watchedRepository<T extends object>(repository: T, name: string, onError: OnError): T {
  const source = repository as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  const names = new Set(Object.keys(source));
  let proto = Object.getPrototypeOf(repository) as object | null;
  while (proto !== null && proto !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(proto)) if (key !== 'constructor') names.add(key);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  for (const key of names) {
    const value = source[key];
    copy[key] =
      typeof value === 'function'
        ? watched((value as (...args: unknown[]) => unknown).bind(repository), `${name}.${key}`, onError)
        : value;
  }
  return copy as T;
}

export function observedStore(store: Store, onError: OnError): Store {
  return {
    tenants: watchedRepository(store.tenants, 'tenants', onError),
    groups: watchedRepository(store.groups, 'groups', onError),
    profiles: watchedRepository(store.profiles, 'profiles', onError),
    users: watchedRepository(store.users, 'users', onError),
    accounts: watchedRepository(store.accounts, 'accounts', onError),
    tokens: watchedRepository(store.tokens, 'tokens', onError),
    adminUsers: watchedRepository(store.adminUsers, 'adminUsers', onError),
    sessions: watchedRepository(store.sessions, 'sessions', onError),
    enrolments: watchedRepository(store.enrolments, 'enrolments', onError),
    servedDocuments: watchedRepository(store.servedDocuments, 'servedDocuments', onError),
    revisions: watchedRepository(store.revisions, 'revisions', onError),
    audit: watchedRepository(store.audit, 'audit', onError),
    touchToken: (id, at) => store.touchToken(id, at).catch(reporting('touchToken', onError)),
    write: (work, options) => store.write(work, options).catch(reporting('write', onError)),
    generation: () => store.generation().catch(reporting('generation', onError)),
    ping: () => store.ping().catch(reporting('ping', onError)),
    close: () => store.close(),
  };
}
