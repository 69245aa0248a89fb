// Rendered documents per user, valid for one data generation. Everything a render reads (tenants,
// groups, parsed profiles, the server-wide profile) is cached for the same generation, so a user's
// first fetch after a change costs two small queries (the user, their accounts) plus the render.
import { parseConfig, validateConfig, type ConfigDocument } from '../core/index.js';
import { parseAccountItem } from './account-item.js';
import { ZprovError } from './errors.js';
import type { Group, Tenant, User, UserCredentials } from './model.js';
import { renderUserConfig, type RenderedConfig } from './render-user-config.js';
import type { SecretBox } from './secret-box.js';
import type { StoreReader } from './store.js';

export interface UserDocument {
  readonly user: User;
  readonly tenant: Tenant;
  /** Changes whenever the user's password or enabled flag does. */
  readonly stamp: string;
  readonly credentials: UserCredentials;
  /** The rendered document; its tree only when the cache was asked to keep trees (reports). */
  readonly rendered: ServedConfig;
}

/** What serving needs of a render: the bytes and their hash (the tree costs several KB per user). */
export type ServedConfig = Omit<RenderedConfig, 'document'> & {
  readonly document?: RenderedConfig['document'];
};

/** What identifies the state of a user's credentials: any change to it invalidates remembered logins. */
export const credentialStamp = (user: User, credentials: UserCredentials): string =>
  [
    user.enabled ? '1' : '0',
    credentials.passwordHash ?? '',
    credentials.previousPasswordHash ?? '',
    credentials.previousValidUntil ?? '',
  ].join('|');

export class UserDocumentCache {
  private generation = Number.NaN;
  private documents = new Map<string, UserDocument>();
  private loading = new Map<string, Promise<UserDocument | undefined>>();
  private tenants: Promise<ReadonlyMap<string, Tenant>> | undefined;
  /** The same map once loaded, for callers that cannot wait. */
  private loadedTenants: ReadonlyMap<string, Tenant> | undefined;
  private groups = new Map<string, Promise<Group | undefined>>();
  private profiles = new Map<string, Promise<ConfigDocument | undefined>>();
  private serverProfile: Promise<string | undefined> | undefined;

  constructor(
    private readonly store: StoreReader,
    private readonly box: SecretBox,
    private readonly options: { readonly keepDocuments?: boolean } = {},
  ) {}

  /** Drops everything when the data generation moved on. */
  sync(generation: number): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.documents = new Map();
    this.loading = new Map();
    this.tenants = undefined;
    this.loadedTenants = undefined;
    this.groups = new Map();
    this.profiles = new Map();
    this.serverProfile = undefined;
  }

  /** Tenants by slug. */
  tenantsBySlug(): Promise<ReadonlyMap<string, Tenant>> {
    if (this.tenants === undefined) {
      const pending = this.store.tenants.list().then((list) => {
        const bySlug = new Map(list.map((t) => [t.slug, t]));
        if (this.tenants === pending) this.loadedTenants = bySlug;
        return bySlug;
      });
      pending.catch(() => {
        if (this.tenants === pending) this.tenants = undefined;
      });
      this.tenants = pending;
    }
    return this.tenants;
  }

  /** Tenants by slug when this generation has loaded them already, else undefined (never waits). */
  tenantsIfLoaded(): ReadonlyMap<string, Tenant> | undefined {
    return this.loadedTenants;
  }

  /** The cached document, if this generation already rendered it. */
  cached(userId: string): UserDocument | undefined {
    return this.documents.get(userId);
  }

  /** Loads (once, however many ask at the same time) and renders a user's document; undefined if the user is gone. */
  load(
    userId: string,
    known?: { user: User; credentials: UserCredentials },
  ): Promise<UserDocument | undefined> {
    const cached = this.documents.get(userId);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.loading.get(userId);
    if (pending === undefined) {
      const generation = this.generation;
      pending = this.build(userId, known).then(
        (document) => {
          if (this.generation === generation) {
            this.loading.delete(userId);
            if (document !== undefined) this.documents.set(userId, document);
          }
          return document;
        },
        (error: unknown) => {
          if (this.generation === generation) this.loading.delete(userId);
          throw error;
        },
      );
      this.loading.set(userId, pending);
    }
    return pending;
  }

  private async build(
    userId: string,
    known: { user: User; credentials: UserCredentials } | undefined,
  ): Promise<UserDocument | undefined> {
    const login = known ?? (await this.store.users.findLoginById(userId));
    if (login === undefined) return undefined;
    const { user, credentials } = login;
    const tenant = [...(await this.tenantsBySlug()).values()].find((t) => t.id === user.tenantId);
    if (tenant === undefined) return undefined;
    const group = user.groupId === undefined ? undefined : await this.group(user.groupId);
    const profileIds = [await this.serverProfileId(), tenant.profileId, group?.profileId, user.profileId];
    const layers: ConfigDocument[] = [];
    for (const id of profileIds) {
      if (id === undefined) continue;
      const layer = await this.profile(id);
      if (layer !== undefined) layers.push(layer);
    }
    const accounts = (await this.store.accounts.listByUser(user.id)).map((account) => ({
      ident: account.ident,
      item: parseAccountItem(account.options),
      password:
        account.sealedPassword === undefined
          ? undefined
          : this.box.open(account.sealedPassword, account.ident),
      isDefault: account.isDefault,
    }));
    const rendered = renderUserConfig({ layers, accounts });
    // Every write is validated, so this only fails on a defect; never serve such a document.
    const error = validateConfig(rendered.document).find((d) => d.severity === 'error');
    if (error !== undefined)
      throw new ZprovError(
        'internal',
        `rendered document for user ${user.id} fails validation: ${error.path}: ${error.message}`,
      );
    const served: ServedConfig =
      this.options.keepDocuments === true
        ? rendered
        : { body: rendered.body, hash: rendered.hash, empty: rendered.empty };
    return { user, tenant, stamp: credentialStamp(user, credentials), credentials, rendered: served };
  }

  private group(id: string): Promise<Group | undefined> {
    return memo(this.groups, id, () => this.store.groups.findById(id));
  }

  private serverProfileId(): Promise<string | undefined> {
    const pending = (this.serverProfile ??= this.store.profiles.serverProfileId());
    pending.catch(() => {
      if (this.serverProfile === pending) this.serverProfile = undefined;
    });
    return pending;
  }

  private profile(id: string): Promise<ConfigDocument | undefined> {
    return memo(this.profiles, id, async () => {
      const profile = await this.store.profiles.findById(id);
      if (profile === undefined) return undefined;
      const { document } = parseConfig(profile.document);
      if (document === undefined)
        throw new ZprovError('internal', `stored profile ${profile.name} cannot be read`);
      return document;
    });
  }
}

/** One load per key and generation; a failed load is forgotten so the next request tries again. */
function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = map.get(key);
  if (pending === undefined) {
    const created = load();
    created.catch(() => {
      if (map.get(key) === created) map.delete(key);
    });
    map.set(key, created);
    pending = created;
  }
  return pending;
}
