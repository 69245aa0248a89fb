// Every change to a tenant, group, profile, user, account or token becomes a revision: who (the
// actor the adapter named: `cli:<os user>`, `token:<name>`), when, what (a diff, secrets masked), and
// the record before and after. It is recorded by wrapping the store's write transaction, so whatever
// made the change (the CLI, the API, an import) is recorded the same way, in the same transaction,
// in commit order.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  configDocument,
  diffConfigs,
  parseConfig,
  pathInAccountItem,
  SECRET_MASK,
  storedConfigSchema,
  type ConfigDocument,
} from '../core/index.js';
import type { Revision, RevisionChange, RevisionEntity, User } from './model.js';
import { withWrite, type Store, type StoreWriter } from './store.js';

interface ChangeContext {
  readonly actor: string;
  /** Set while a revision is being restored: the revisions written say so. */
  readonly restoring?: number;
}

const context = new AsyncLocalStorage<ChangeContext>();

/** Runs `work` with every change it makes recorded as made by `actor`. */
export const runAs = <T>(actor: string, work: () => Promise<T>): Promise<T> =>
  context.run({ ...context.getStore(), actor }, work);

/** Runs a restore of revision `seq`: the revisions it writes are marked as restores. */
export const runRestoring = <T>(seq: number, work: () => Promise<T>): Promise<T> =>
  context.run({ actor: context.getStore()?.actor ?? 'server', restoring: seq }, work);

export const currentActor = (): string => context.getStore()?.actor ?? 'server';

/** Fields whose value is a Config.xml text: diffed option by option. */
const CONFIG_FIELDS = new Set(['options', 'document', 'accountDefaults']);
/** Fields that hold a secret (sealed or hashed): a diff says only that they changed. */
const SECRET_FIELDS = new Set(['sealedPassword', 'secretHash', 'passwordHash']);
/** Bookkeeping that is not the record's state. */
const NOT_STATE = new Set(['createdAt', 'updatedAt', 'lastUsedAt']);

type Snapshot = Readonly<Record<string, unknown>>;

const FLUSH_EVERY = 500;

const state = (record: object | undefined): Snapshot | undefined =>
  record === undefined
    ? undefined
    : Object.fromEntries(Object.entries(record).filter(([k, v]) => !NOT_STATE.has(k) && v !== undefined));

function configOf(text: unknown): ConfigDocument | undefined {
  return typeof text === 'string' ? parseConfig(text, {}, storedConfigSchema).document : undefined;
}

/** What changed between two states of a record, secrets masked. */
export function snapshotChanges(before: Snapshot | undefined, after: Snapshot | undefined): RevisionChange[] {
  const changes: RevisionChange[] = [];
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  for (const key of keys) {
    const from = before?.[key];
    const to = after?.[key];
    // Values that are objects (a tenant's phone parameter names) compare and show as JSON.
    if (from === to || (typeof from === 'object' && JSON.stringify(from) === JSON.stringify(to))) continue;
    if (CONFIG_FIELDS.has(key)) {
      const a = configOf(from) ?? configDocument([]);
      const b = configOf(to) ?? configDocument([]);
      for (const d of diffConfigs(a, b, storedConfigSchema))
        changes.push({
          // An account's options are one item of a list; its paths read better without the list.
          path: `${key}/${pathInAccountItem(d.path)}`,
          ...(d.from === undefined ? {} : { from: d.from }),
          ...(d.to === undefined ? {} : { to: d.to }),
        });
      continue;
    }
    const text = (v: unknown): string =>
      SECRET_FIELDS.has(key) ? SECRET_MASK : typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
    changes.push({
      path: key,
      ...(from === undefined ? {} : { from: text(from) }),
      ...(to === undefined ? {} : { to: text(to) }),
    });
  }
  return changes;
}

/** The store whose write transactions record a revision for every change made in them. */
export function recordingStore(store: Store, now: () => number): Store {
  return withWrite(store, (work, options) =>
    store.write(async (tx) => {
      const recorder = new Recorder(tx, new Date(now()).toISOString());
      const result = await work(recorder.writer());
      await recorder.flush();
      return result;
    }, options),
  );
}

class Recorder {
  private readonly pending: Omit<Revision, 'seq'>[] = [];
  private readonly tenantSlugs = new Map<string, string>();
  private readonly usernames = new Map<string, { username: string; tenantId: string }>();

  constructor(
    private readonly tx: StoreWriter,
    private readonly at: string,
  ) {}

  /** Writes what is pending; also every FLUSH_EVERY revisions, so an import of thousands holds few in memory. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.tx.revisions.append(this.pending.splice(0));
  }

  private async slug(tenantId: string): Promise<string> {
    let slug = this.tenantSlugs.get(tenantId);
    if (slug === undefined) {
      slug = (await this.tx.tenants.findById(tenantId))?.slug ?? tenantId;
      this.tenantSlugs.set(tenantId, slug);
    }
    return slug;
  }

  private async owner(userId: string): Promise<{ username: string; tenantId: string } | undefined> {
    let owner = this.usernames.get(userId);
    if (owner === undefined) {
      const user = await this.tx.users.findById(userId);
      if (user === undefined) return undefined;
      owner = { username: user.username, tenantId: user.tenantId };
      this.usernames.set(userId, owner);
    }
    return owner;
  }

  /** Who a record is, for people, and which tenant it belongs to. */
  private async describe(
    entity: RevisionEntity,
    record: Snapshot,
  ): Promise<{ label: string; tenantId: string | undefined }> {
    const text = (key: string): string => {
      const value = record[key];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    };
    switch (entity) {
      case 'tenant':
        return { label: text('slug'), tenantId: text('id') };
      case 'group':
      case 'user': {
        const tenantId = text('tenantId');
        // A user recorded here is the owner the next account revisions name (an import: one each).
        if (entity === 'user') this.usernames.set(text('id'), { username: text('username'), tenantId });
        return {
          label: `${await this.slug(tenantId)}/${entity === 'group' ? text('name') : text('username')}`,
          tenantId,
        };
      }
      case 'account': {
        const owner = await this.owner(text('userId'));
        if (owner === undefined) return { label: text('ident'), tenantId: undefined };
        return {
          label: `${await this.slug(owner.tenantId)}/${owner.username}/${text('ident')}`,
          tenantId: owner.tenantId,
        };
      }
      case 'token':
      case 'admin': {
        const tenantId = record['tenantId'] === undefined ? undefined : text('tenantId');
        return { label: text('name'), tenantId };
      }
      case 'profile':
        return { label: text('name'), tenantId: undefined };
      case 'server':
        return { label: 'server-wide profile', tenantId: undefined };
    }
  }

  async record(
    entity: RevisionEntity,
    id: string,
    beforeRecord: object | undefined,
    afterRecord: object | undefined,
    extra: RevisionChange[] = [],
  ): Promise<void> {
    const before = state(beforeRecord);
    const after = state(afterRecord);
    const changes = [...snapshotChanges(before, after), ...extra];
    if (changes.length === 0) return;
    const ctx = context.getStore();
    const { label, tenantId } = await this.describe(entity, (after ?? before) as Snapshot);
    this.pending.push({
      at: this.at,
      actor: ctx?.actor ?? 'server',
      tenantId,
      entity,
      entityId: id,
      label,
      action:
        ctx?.restoring !== undefined
          ? 'restore'
          : before === undefined
            ? 'create'
            : after === undefined
              ? 'delete'
              : 'update',
      before: before === undefined ? undefined : JSON.stringify(before),
      after: after === undefined ? undefined : JSON.stringify(after),
      changes:
        ctx?.restoring === undefined ? changes : [{ path: 'restored', to: `#${ctx.restoring}` }, ...changes],
    });
    if (this.pending.length >= FLUSH_EVERY) await this.flush();
  }

  /** The transaction's writer with every mutating call recorded. */
  writer(): StoreWriter {
    const tx = this.tx;
    /** An insert, recorded with the record it made. */
    const created =
      <A, R extends { readonly id: string }>(
        entity: RevisionEntity,
        insert: (input: A) => Promise<R>,
        extra: (input: A) => RevisionChange[] = () => [],
      ) =>
      async (input: A): Promise<R> => {
        const made = await insert(input);
        await this.record(entity, made.id, undefined, made, extra(input));
        return made;
      };
    /** A change to the record with this id, recorded with the record before and after it. */
    const changed =
      <A extends unknown[]>(
        entity: RevisionEntity,
        find: (id: string) => Promise<object | undefined>,
        change: (id: string, ...args: A) => Promise<void>,
      ) =>
      async (id: string, ...args: A): Promise<void> => {
        const before = await find(id);
        await change(id, ...args);
        await this.record(entity, id, before, await find(id));
      };
    const password = (u: { readonly passwordHash: string | undefined }): RevisionChange[] =>
      u.passwordHash === undefined ? [] : [{ path: 'password', to: SECRET_MASK }];
    const wrap = <T extends object>(repository: T, methods: Partial<T>): T =>
      Object.assign(Object.create(repository) as T, methods);
    const tenant = (id: string) => tx.tenants.findById(id);
    const group = (id: string) => tx.groups.findById(id);
    const profile = (id: string) => tx.profiles.findById(id);
    const user = (id: string) => tx.users.findById(id);
    const account = (id: string) => tx.accounts.findById(id);
    const token = (id: string) => tx.tokens.findById(id);
    const admin = (id: string) => tx.adminUsers.findById(id);
    return {
      revisions: tx.revisions,
      tenants: wrap(tx.tenants, {
        insert: created('tenant', (t) => tx.tenants.insert(t)),
        update: changed('tenant', tenant, (id, patch: Parameters<typeof tx.tenants.update>[1]) =>
          tx.tenants.update(id, patch),
        ),
        delete: changed('tenant', tenant, (id) => tx.tenants.delete(id)),
      }),
      groups: wrap(tx.groups, {
        insert: created('group', (g) => tx.groups.insert(g)),
        update: changed('group', group, (id, patch: Parameters<typeof tx.groups.update>[1]) =>
          tx.groups.update(id, patch),
        ),
        delete: changed('group', group, (id) => tx.groups.delete(id)),
      }),
      profiles: wrap(tx.profiles, {
        insert: created('profile', (p) => tx.profiles.insert(p)),
        updateDocument: changed('profile', profile, (id, document: string) =>
          tx.profiles.updateDocument(id, document),
        ),
        updateAccountDefaults: changed('profile', profile, (id, defaults: string | null) =>
          tx.profiles.updateAccountDefaults(id, defaults),
        ),
        updatePlatformPins: changed('profile', profile, (id, pins: string | null) =>
          tx.profiles.updatePlatformPins(id, pins),
        ),
        delete: changed('profile', profile, (id) => tx.profiles.delete(id)),
        setServerProfile: async (id: string | null) =>
          changed(
            'server',
            async () => ({ profileId: await tx.profiles.serverProfileId() }),
            () => tx.profiles.setServerProfile(id),
          )('server'),
      }),
      users: wrap(tx.users, {
        insert: created('user', (u: Parameters<typeof tx.users.insert>[0]) => tx.users.insert(u), password),
        insertMany: async (users: Parameters<typeof tx.users.insertMany>[0]): Promise<User[]> => {
          const made = await tx.users.insertMany(users);
          for (const [i, u] of made.entries())
            await this.record('user', u.id, undefined, u, password(users[i] as (typeof users)[number]));
          return made;
        },
        update: changed('user', user, (id, patch: Parameters<typeof tx.users.update>[1]) =>
          tx.users.update(id, patch),
        ),
        setCredentials: async (id: string, credentials: Parameters<typeof tx.users.setCredentials>[1]) => {
          await tx.users.setCredentials(id, credentials);
          const found = await tx.users.findById(id);
          if (found !== undefined)
            await this.record('user', id, found, found, [
              { path: 'password', from: SECRET_MASK, to: SECRET_MASK },
            ]);
        },
        delete: changed('user', user, (id) => tx.users.delete(id)),
      }),
      accounts: wrap(tx.accounts, {
        insert: created('account', (a: Parameters<typeof tx.accounts.insert>[0]) => tx.accounts.insert(a)),
        update: changed('account', account, (id, patch: Parameters<typeof tx.accounts.update>[1]) =>
          tx.accounts.update(id, patch),
        ),
        delete: changed('account', account, (id) => tx.accounts.delete(id)),
      }),
      tokens: wrap(tx.tokens, {
        insert: created('token', (t: Parameters<typeof tx.tokens.insert>[0]) => tx.tokens.insert(t)),
        delete: changed('token', token, (id) => tx.tokens.delete(id)),
      }),
      adminUsers: wrap(tx.adminUsers, {
        insert: created('admin', (a: Parameters<typeof tx.adminUsers.insert>[0]) => tx.adminUsers.insert(a)),
        updatePassword: changed('admin', admin, (id, hash: string) => tx.adminUsers.updatePassword(id, hash)),
        delete: changed('admin', admin, (id) => tx.adminUsers.delete(id)),
      }),
    };
  }
}
