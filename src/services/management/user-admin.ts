// Users: the provisioning credentials a phone sends. Passwords are hashed (slowly, off the event loop)
// before the write transaction starts, so a write never holds the database lock while hashing.
import type { Clock } from '../clock.js';
import { ZprovError } from '../../core/errors.js';
import type { User, UserCredentials } from '../model.js';
import type { PasswordHasher } from '../password-hash.js';
import type { NewUser, Store } from '../store.js';
import { checkGroupName, checkLabel, checkPassword, checkUsername, generatePassword } from './input-rules.js';
import { requireGroup, requireTenant, requireUser } from './lookups.js';

export interface NewUserInput {
  readonly tenant: string;
  readonly username: string;
  readonly displayName?: string;
  readonly group?: string;
  readonly enabled?: boolean;
  /** The provisioning password; when absent and `generatePassword` is set, one is generated. */
  readonly password?: string;
  readonly generatePassword?: boolean;
}

export interface PasswordChange {
  /** Set when zprov generated the password: shown once, never stored in plain text. */
  readonly generatedPassword: string | undefined;
  /** When the previous password stops working (ISO), if it keeps working for a while. */
  readonly previousValidUntil: string | undefined;
}

export class UserAdmin {
  constructor(
    private readonly store: Store,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly rotationWindowSeconds: number,
  ) {}

  async add(input: NewUserInput): Promise<{ user: User; generatedPassword: string | undefined }> {
    const username = checkUsername(input.username);
    const displayName = checkLabel(input.displayName ?? username, 'display-name');
    if (input.group !== undefined) checkGroupName(input.group);
    const generated =
      input.password === undefined && input.generatePassword === true ? generatePassword() : undefined;
    const passwordHash =
      input.password !== undefined
        ? await this.hasher.hash(checkPassword(input.password))
        : generated === undefined
          ? undefined
          : await this.hasher.hashGenerated(generated);
    const user = await this.store.write(async (tx) => {
      const tenant = await requireTenant(tx, input.tenant);
      if ((await tx.users.find(tenant.id, username)) !== undefined)
        throw new ZprovError(
          'already_exists',
          `user '${username}' already exists in tenant ${tenant.slug}`,
          'username',
        );
      const group = input.group === undefined ? undefined : await requireGroup(tx, tenant, input.group);
      return tx.users.insert({
        tenantId: tenant.id,
        username,
        displayName,
        enabled: input.enabled ?? true,
        groupId: group?.id,
        passwordHash,
      });
    });
    return { user, generatedPassword: generated };
  }

  /**
   * Adds many users to one tenant in one transaction (imports, benchmarks); passwords are hashed
   * `concurrency` at a time on the thread pool first. All or nothing.
   */
  async addMany(
    tenantSlug: string,
    entries: readonly { username: string; password: string; displayName?: string }[],
    options: { concurrency?: number } = {},
  ): Promise<number> {
    const checked = entries.map((e, i) => ({
      username: checkUsername(e.username, `users[${i}].username`),
      displayName: checkLabel(e.displayName ?? e.username, `users[${i}].display-name`),
      password: checkPassword(e.password, `users[${i}].password`),
    }));
    const hashes = new Array<string>(checked.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < checked.length) {
        const i = next++;
        hashes[i] = await this.hasher.hash((checked[i] as { password: string }).password);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    return this.store.write(async (tx) => {
      const tenant = await requireTenant(tx, tenantSlug);
      const rows: NewUser[] = checked.map((e, i) => ({
        tenantId: tenant.id,
        username: e.username,
        displayName: e.displayName,
        enabled: true,
        groupId: undefined,
        passwordHash: hashes[i],
      }));
      await tx.users.insertMany(rows);
      return rows.length;
    });
  }

  async list(tenantSlug: string, filter: { group?: string; enabled?: boolean } = {}): Promise<User[]> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const group =
      filter.group === undefined ? undefined : await requireGroup(this.store, tenant, filter.group);
    const users = await this.store.users.list(tenant.id, group === undefined ? {} : { groupId: group.id });
    return filter.enabled === undefined ? users : users.filter((u) => u.enabled === filter.enabled);
  }

  /**
   * A page of a tenant's users in username order, read as a page (never the whole tenant): `next` is
   * the `after` of the page that follows, undefined on the last.
   */
  async page(
    tenantSlug: string,
    query: {
      search?: string;
      after?: string;
      group?: string;
      enabled?: boolean;
      descending?: boolean;
      limit: number;
    },
  ): Promise<{ users: User[]; next: string | undefined }> {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > 1000)
      throw new ZprovError('invalid_input', 'limit: a whole number from 1 to 1000', 'limit');
    const tenant = await requireTenant(this.store, tenantSlug);
    const group = query.group === undefined ? undefined : await requireGroup(this.store, tenant, query.group);
    const users = await this.store.users.page(tenant.id, {
      ...(query.search === undefined ? {} : { search: query.search }),
      ...(query.after === undefined ? {} : { after: query.after }),
      ...(group === undefined ? {} : { groupId: group.id }),
      ...(query.enabled === undefined ? {} : { enabled: query.enabled }),
      ...(query.descending === true ? { descending: true } : {}),
      limit: query.limit + 1,
    });
    const more = users.length > query.limit;
    const shown = more ? users.slice(0, query.limit) : users;
    return { users: shown, next: more ? shown.at(-1)?.username : undefined };
  }

  async get(tenantSlug: string, username: string): Promise<User> {
    return requireUser(this.store, await requireTenant(this.store, tenantSlug), username);
  }

  /** Changes the display name or the group (null: no group). */
  async update(
    tenantSlug: string,
    username: string,
    patch: { displayName?: string; group?: string | null },
  ): Promise<User> {
    if (patch.displayName !== undefined) checkLabel(patch.displayName, 'display-name');
    return this.store.write(async (tx) => {
      const tenant = await requireTenant(tx, tenantSlug);
      const user = await requireUser(tx, tenant, username);
      const group =
        patch.group === undefined || patch.group === null
          ? patch.group
          : await requireGroup(tx, tenant, patch.group);
      await tx.users.update(user.id, {
        ...(patch.displayName === undefined ? {} : { displayName: patch.displayName }),
        ...(group === undefined ? {} : { groupId: group === null ? null : group.id }),
      });
      return (await tx.users.findById(user.id)) as User;
    });
  }

  /** Enabling a user also takes back a revocation: the phones are served the user's document again. */
  async setEnabled(tenantSlug: string, username: string, enabled: boolean): Promise<void> {
    await this.store.write(async (tx) => {
      const user = await requireUser(tx, await requireTenant(tx, tenantSlug), username);
      await tx.users.update(user.id, {
        enabled,
        ...(enabled && user.revokedAt !== undefined ? { revokedAt: null } : {}),
      });
    });
  }

  /**
   * Takes the user's accounts off their phones: from now on each device is served, once, the document
   * that removes them, then refused (a refusal alone leaves a phone its accounts). Enabling the
   * user takes it back. Revoking a revoked user keeps the first time, so no device is asked twice.
   */
  async revoke(tenantSlug: string, username: string): Promise<User> {
    return this.store.write(async (tx) => {
      const user = await requireUser(tx, await requireTenant(tx, tenantSlug), username);
      if (user.revokedAt !== undefined && user.enabled) return user;
      const revokedAt = new Date(this.clock.now()).toISOString();
      await tx.users.update(user.id, { enabled: true, revokedAt });
      return { ...user, enabled: true, revokedAt };
    });
  }

  /** Removes the user and their accounts. */
  async remove(tenantSlug: string, username: string): Promise<void> {
    await this.store.write(async (tx) => {
      const user = await requireUser(tx, await requireTenant(tx, tenantSlug), username);
      await tx.users.delete(user.id);
    });
  }

  /**
   * Sets a new provisioning password (given, or generated when `password` is undefined). The old one
   * keeps working for the rotation window so phones can pick up the change, unless `revokeOld`.
   */
  async setPassword(
    tenantSlug: string,
    username: string,
    password: string | undefined,
    options: { revokeOld?: boolean } = {},
  ): Promise<PasswordChange> {
    const generated = password === undefined ? generatePassword() : undefined;
    const hash =
      generated !== undefined
        ? await this.hasher.hashGenerated(generated)
        : await this.hasher.hash(checkPassword(password as string));
    const now = this.clock.now();
    const previousValidUntil = await this.store.write(async (tx) => {
      const user = await requireUser(tx, await requireTenant(tx, tenantSlug), username);
      const old = (await tx.users.credentials(user.id)) as UserCredentials;
      const keep =
        options.revokeOld !== true && this.rotationWindowSeconds > 0 && old.passwordHash !== undefined;
      const until = keep ? new Date(now + this.rotationWindowSeconds * 1000).toISOString() : undefined;
      await tx.users.setCredentials(user.id, {
        passwordHash: hash,
        previousPasswordHash: keep ? old.passwordHash : undefined,
        previousValidUntil: until,
      });
      return until;
    });
    return { generatedPassword: generated, previousValidUntil };
  }

  /** Whether `password` is the user's current provisioning password (either form). */
  async checkPassword(tenantSlug: string, username: string, password: string): Promise<boolean> {
    const user = await this.get(tenantSlug, username);
    const credentials = await this.store.users.credentials(user.id);
    return credentials?.passwordHash !== undefined && this.hasher.verify(credentials.passwordHash, password);
  }
}
