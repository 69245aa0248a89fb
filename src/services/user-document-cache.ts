// Rendered documents per user, valid for one data generation. Everything a render reads (tenants,
// groups, parsed profiles, the server-wide profile) is cached for the same generation, so a user's
// first fetch after a change costs two small queries (the user, their accounts) plus the render.
import {
  hasPins,
  layerForPlatform,
  parseConfig,
  platformConfigSchemas,
  platformLosses,
  removalDocument,
  renderedConfig,
  renderForPlatform,
  renderUserConfig,
  storedConfigSchema,
  validateConfig,
  type PinnedLayer,
  type PlatformLoss,
  type PlatformRender,
  type RenderedConfig,
  type ZoiperPlatform,
} from '../core/index.js';
import { parseAccountItem } from './account-item.js';
import { ZprovError } from '../core/errors.js';
import type { Group, Tenant, User, UserCredentials } from './model.js';
import { LoadOnce, LoadOnceMap } from './load-once.js';
import { openProfileSecrets } from './profile-secrets.js';
import { profilePins } from './profile-pins.js';
import type { NowOrLater } from './now-or-later.js';
import type { SecretBox } from './secret-box.js';
import type { StoreReader } from './store.js';

export interface UserDocument {
  readonly user: User;
  readonly tenant: Tenant;
  /** Changes whenever the user's password or enabled flag does. */
  readonly stamp: string;
  readonly credentials: UserCredentials;
  /**
   * What a Desktop phone is served; its tree only when the cache was asked to keep trees (reports).
   * The same as servedTo('desktop').
   */
  readonly rendered: ServedConfig;
  /** What the platform's phone is served: made on first asking, then kept for the generation. */
  servedTo(platform: ZoiperPlatform): ServedConfig;
  /**
   * What a revoked user's phone of that platform is sent once: the document removing the accounts
   * it holds (core/render/removal-document.ts), validated like every document served.
   */
  removal(platform: ZoiperPlatform): ServedConfig;
  /** What the platform is not sent of the user's configuration, and why (rendered on each asking). */
  losses(platform: ZoiperPlatform): PlatformLoss[];
}

/** What serving needs of a render: the bytes and their hash (the tree costs several KB per user). */
export type ServedConfig = Omit<PlatformRender, 'document'> & {
  readonly document?: PlatformRender['document'];
};

/** What identifies the state of a user's credentials: any change to it invalidates remembered logins. */
export const credentialStamp = (user: User, credentials: UserCredentials): string =>
  [
    user.enabled ? '1' : '0',
    credentials.passwordHash ?? '',
    credentials.previousPasswordHash ?? '',
    credentials.previousValidUntil ?? '',
  ].join('|');

/** Everything read for one data generation; dropped whole when the generation moves on. */
class GenerationData {
  readonly tenants: LoadOnce<ReadonlyMap<string, Tenant>>;
  readonly serverProfileId: LoadOnce<string | undefined>;
  /** A user not found is not remembered: the next request asks again. */
  readonly documents = new LoadOnceMap<string, UserDocument | undefined>((d) => d !== undefined);
  readonly groups = new LoadOnceMap<string, Group | undefined>();
  readonly profiles = new LoadOnceMap<string, PinnedLayer | undefined>();

  constructor(store: StoreReader) {
    this.tenants = new LoadOnce<ReadonlyMap<string, Tenant>>(
      async () => new Map((await store.tenants.list()).map((t) => [t.slug, t])),
    );
    this.serverProfileId = new LoadOnce(() => store.profiles.serverProfileId());
  }
}

export class UserDocumentCache {
  private generation = Number.NaN;
  private data: GenerationData;

  constructor(
    private readonly store: StoreReader,
    private readonly box: SecretBox,
    private readonly options: {
      readonly keepDocuments?: boolean;
      /** Told of each document asked for: rendered for this generation already, or rendered now. */
      readonly onLookup?: (hit: boolean) => void;
    } = {},
  ) {
    this.data = new GenerationData(store);
  }

  /** Drops everything when the data generation moved on. */
  sync(generation: number): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.data = new GenerationData(this.store);
  }

  /** Tenants by slug: at once when this generation has loaded them already. */
  tenantsBySlug(): NowOrLater<ReadonlyMap<string, Tenant>> {
    return this.data.tenants.get();
  }

  /** The cached document, if this generation already rendered it. */
  cached(userId: string): UserDocument | undefined {
    const document = this.data.documents.peek(userId);
    if (document !== undefined) this.options.onLookup?.(true);
    return document;
  }

  /**
   * A user's document, loaded and rendered once however many ask at the same time (at once when this
   * generation has rendered it already); undefined if the user is gone.
   */
  load(
    userId: string,
    known?: { user: User; credentials: UserCredentials },
  ): NowOrLater<UserDocument | undefined> {
    const data = this.data;
    return data.documents.get(userId, () => {
      this.options.onLookup?.(false);
      return this.build(data, userId, known);
    });
  }

  private async build(
    data: GenerationData,
    userId: string,
    known: { user: User; credentials: UserCredentials } | undefined,
  ): Promise<UserDocument | undefined> {
    const login = known ?? (await this.store.users.findLoginById(userId));
    if (login === undefined) return undefined;
    const { user, credentials } = login;
    const tenant = [...(await data.tenants.get()).values()].find((t) => t.id === user.tenantId);
    if (tenant === undefined) return undefined;
    const { groupId } = user;
    const group =
      groupId === undefined
        ? undefined
        : await data.groups.get(groupId, () => this.store.groups.findById(groupId));
    const profileIds = [await data.serverProfileId.get(), tenant.profileId, group?.profileId, user.profileId];
    const layers: PinnedLayer[] = [];
    for (const id of profileIds) {
      if (id === undefined) continue;
      const layer = await data.profiles.get(id, () => this.profile(id));
      if (layer !== undefined) layers.push(layer);
    }
    const stored = await this.store.accounts.listByUser(user.id);
    const accounts = stored
      .filter((account) => account.enabled)
      .map((account) => ({
        ident: account.ident,
        item: parseAccountItem(account.options),
        password:
          account.sealedPassword === undefined
            ? undefined
            : this.box.open(account.sealedPassword, account.ident),
        isDefault: account.isDefault,
      }));
    const render = (from: readonly PinnedLayer[]): RenderedConfig =>
      renderUserConfig({
        layers: from.map((l) => l.document),
        accountDefaults: from.flatMap((l) => (l.accountDefaults === undefined ? [] : [l.accountDefaults])),
        accounts,
      });
    // Options pinned to platforms make a render per platform; without pins one render serves all.
    const pinned = layers.some((l) => hasPins(l.pins));
    const renderFor = (platform: ZoiperPlatform): RenderedConfig =>
      render(layers.map((l) => layerForPlatform(l, platform)));
    const rendered = pinned ? renderFor('desktop') : render(layers);
    const desktop = this.served(user, renderForPlatform(rendered, 'desktop'));
    // The apps' documents are made when one of them first asks: from the tree when it is kept, else
    // from the rendered text, kept only when it holds more than the Desktop document.
    const whole =
      this.options.keepDocuments === true
        ? rendered
        : desktop.leftOut.length === 0
          ? desktop.body
          : rendered.body;
    const mobile = new Map<ZoiperPlatform, ServedConfig>();
    const servedTo = (platform: ZoiperPlatform): ServedConfig => {
      if (platform === 'desktop') return desktop;
      let served = mobile.get(platform);
      if (served === undefined) {
        const source = pinned ? renderFor(platform) : wholeDocument(whole);
        served = this.served(user, renderForPlatform(source, platform));
        mobile.set(platform, served);
      }
      return served;
    };
    const removals = new Map<ZoiperPlatform, ServedConfig>();
    const removal = (platform: ZoiperPlatform): ServedConfig => {
      let served = removals.get(platform);
      if (served === undefined) {
        // Every account the phone may hold: a disabled one may have been served before.
        const removed = stored.map((a) => ({ ident: a.ident, protocol: a.protocol }));
        const document = removalDocument(removed, platform, {
          deleteAccountsBeforehand: tenant.deleteAccountsBeforehand,
        });
        served = this.served(user, { ...document, platform, leftOut: [] });
        removals.set(platform, served);
      }
      return served;
    };
    return {
      user,
      tenant,
      stamp: credentialStamp(user, credentials),
      credentials,
      rendered: desktop,
      servedTo,
      removal,
      losses: (platform) =>
        platformLosses(
          render(layers).document,
          (pinned ? renderFor(platform) : render(layers)).document,
          platform,
        ),
    };
  }

  /** Checked against its platform's schema, and without its tree unless trees are kept. */
  private served(user: User, render: PlatformRender): ServedConfig {
    // Every write is validated, so this only fails on a defect; never serve such a document.
    const error = validateConfig(render.document, platformConfigSchemas[render.platform]).find(
      (d) => d.severity === 'error',
    );
    if (error !== undefined)
      throw new ZprovError(
        'internal',
        `${render.platform} document for user ${user.id} fails validation: ${error.path}: ${error.message}`,
      );
    if (this.options.keepDocuments === true) return render;
    const { document: _tree, ...served } = render;
    return served;
  }

  private async profile(id: string): Promise<PinnedLayer | undefined> {
    const profile = await this.store.profiles.findById(id);
    if (profile === undefined) return undefined;
    const { document } = parseConfig(profile.document, {}, storedConfigSchema);
    if (document === undefined)
      throw new ZprovError('internal', `stored profile ${profile.name} cannot be read`);
    return {
      document: openProfileSecrets(document, this.box),
      accountDefaults:
        profile.accountDefaults === undefined ? undefined : parseAccountItem(profile.accountDefaults),
      pins: profilePins(profile),
    };
  }
}

/** The rendered document again, from its tree or its text (the text of a valid render reads back whole). */
function wholeDocument(whole: RenderedConfig | string): RenderedConfig {
  if (typeof whole !== 'string') return whole;
  const { document } = parseConfig(whole, {}, storedConfigSchema);
  if (document === undefined) throw new ZprovError('internal', 'a rendered document cannot be read back');
  return renderedConfig(document);
}
