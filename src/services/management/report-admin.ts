// What administrators ask about: the document a user would be served right now, recent fetches, and
// which phones have not picked up the latest settings.
import {
  diffConfigs,
  parseConfig,
  storedConfigSchema,
  ZprovError,
  ZOIPER_PLATFORMS,
  type DiffEntry,
  type PlatformLoss,
  type PlatformRender,
  type ZoiperPlatform,
} from '../../core/index.js';
import type {
  AuditEntry,
  DeviceKey,
  FetchState,
  PasswordUsed,
  Tenant,
  User,
  UserCredentials,
} from '../model.js';
import { passwordId } from '../password-hash.js';
import type { SecretBox } from '../secret-box.js';
import { servedDocumentContext } from '../served-document-keeper.js';
import type { FetchOutcome } from '../provisioning-contract.js';
import type { AuditRecord, Store } from '../store.js';
import { UserDocumentCache, type UserDocument } from '../user-document-cache.js';
import { requireTenant, requireUser } from './lookups.js';

/**
 * Where a device stands: `revoking` and `removed` for a revoked user's devices (still to take the
 * document removing the accounts, or taken it).
 */
export type FetchStatus =
  'current' | 'stale' | 'never' | 'nothing_to_serve' | 'disabled' | 'revoking' | 'removed';

export const FETCH_STATUSES: readonly FetchStatus[] = [
  'current',
  'stale',
  'never',
  'nothing_to_serve',
  'disabled',
  'revoking',
  'removed',
];

/** One of a user's devices, or the user alone when no device has fetched yet. */
export interface StalenessRow {
  /** The tenant's slug. */
  readonly tenant: string;
  readonly username: string;
  /** The device (platform and User-Agent); undefined on the one row of a user no device fetched for. */
  readonly device: DeviceKey | undefined;
  /** The mobile apps' version parameter the device last sent. */
  readonly clientVersion: string | undefined;
  readonly status: FetchStatus;
  readonly currentHash: string | undefined;
  readonly lastFetchAt: string | undefined;
  readonly lastHash: string | undefined;
  readonly lastClientAddress: string | undefined;
  /**
   * Which of the user's passwords, as they are now, the last served fetch proved: `replaced` when it
   * was one changed since (the phone cannot log in any more); undefined if unknown (never fetched, or
   * fetched before zprov kept it).
   */
  readonly lastPasswordUsed: PasswordUsed | 'replaced' | undefined;
  /** While a rotation's window is open: when the previous password stops working (ISO time). */
  readonly previousPasswordUntil: string | undefined;
}

/** Which of the user's hashes now the one a fetch matched (by passwordId) is. */
function whichPassword(
  id: string | undefined,
  credentials: UserCredentials | undefined,
  rotationOpen: boolean,
): StalenessRow['lastPasswordUsed'] {
  if (id === undefined || credentials === undefined) return undefined;
  if (credentials.passwordHash !== undefined && passwordId(credentials.passwordHash) === id) return 'current';
  if (
    rotationOpen &&
    credentials.previousPasswordHash !== undefined &&
    passwordId(credentials.previousPasswordHash) === id
  )
    return 'previous';
  return 'replaced';
}

/**
 * A phone that may still hold the previous password: a rotation's window is open and its last fetch
 * did not prove the current one. Revoking the old password (`--revoke-old`) locks these phones out.
 */
export const onPreviousPassword = (row: StalenessRow): boolean =>
  row.previousPasswordUntil !== undefined && row.lastPasswordUsed !== 'current';

/** Users read and rendered at a time while a status page fills. */
const STATUS_BATCH = 200;

/**
 * A status row's place in the paged report: its username, then its device's platform and user agent
 * (NUL-separated; none for a user no device has fetched for). A cursor names the row it follows by it.
 */
export const statusRowKey = (row: { username: string; device?: DeviceKey | undefined }): string =>
  row.device === undefined
    ? row.username
    : `${row.username}\u0000${row.device.platform}\u0000${row.device.userAgent}`;

/** Code-unit order of the keys: the same on every database and locale. */
const byKey = (a: StalenessRow, b: StalenessRow): number => {
  const [x, y] = [statusRowKey(a), statusRowKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Each user's rows by device; the users stay in the order given (a user's rows stand together). */
function devicesInOrder(rows: readonly StalenessRow[]): StalenessRow[] {
  const ordered: StalenessRow[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j < rows.length && rows[j]?.username === rows[i]?.username) j++;
    ordered.push(...rows.slice(i, j).sort(byKey));
    i = j;
  }
  return ordered;
}

export class ReportAdmin {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
  ) {}

  private async documents(): Promise<UserDocumentCache> {
    const cache = new UserDocumentCache(this.store, this.box, { keepDocuments: true });
    cache.sync(await this.store.generation());
    return cache;
  }

  /**
   * Exactly what the user's phone of that platform (default Desktop) gets from the endpoint now (the
   * same render, byte for byte), with what that platform is not sent.
   */
  async render(
    tenantSlug: string,
    username: string,
    platform: ZoiperPlatform = 'desktop',
  ): Promise<{ user: User; rendered: PlatformRender }> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const user = await requireUser(this.store, tenant, username);
    const document = await (await this.documents()).load(user.id);
    if (document === undefined) throw new ZprovError('not_found', `no user '${username}'`, 'user');
    return { user: document.user, rendered: document.servedTo(platform) as PlatformRender };
  }

  /** What each platform is not sent of a user's configuration, and why. */
  async platformLosses(
    tenantSlug: string,
    username: string,
  ): Promise<{ user: User; losses: Record<ZoiperPlatform, PlatformLoss[]> }> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const user = await requireUser(this.store, tenant, username);
    const document = await (await this.documents()).load(user.id);
    if (document === undefined) throw new ZprovError('not_found', `no user '${username}'`, 'user');
    const losses = Object.fromEntries(ZOIPER_PLATFORMS.map((p) => [p, document.losses(p)]));
    return { user: document.user, losses: losses as Record<ZoiperPlatform, PlatformLoss[]> };
  }

  /** Recent provisioning requests, most recent first. */
  async fetchLog(query: { tenant?: string; username?: string; limit: number }): Promise<AuditEntry[]> {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > 100_000)
      throw new ZprovError('invalid_input', 'limit: a whole number from 1 to 100000', 'limit');
    if (query.username !== undefined) {
      const tenant = await requireTenant(this.store, query.tenant ?? 'default');
      const user = await requireUser(this.store, tenant, query.username);
      return this.store.audit.recent({ userId: user.id, limit: query.limit });
    }
    if (query.tenant !== undefined) {
      const tenant = await requireTenant(this.store, query.tenant);
      return this.store.audit.recent({ tenantId: tenant.id, limit: query.limit });
    }
    return this.store.audit.recent({ limit: query.limit });
  }

  /**
   * A page of the fetch log of one tenant (or one of its users), most recent first, filtered by
   * outcome and time; `beforeId` continues after the previous page's last entry.
   */
  async fetchLogPage(query: {
    tenant: string;
    username?: string;
    outcome?: FetchOutcome;
    since?: string;
    beforeId?: number;
    limit: number;
  }): Promise<AuditRecord[]> {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > 1000)
      throw new ZprovError('invalid_input', 'limit: a whole number from 1 to 1000', 'limit');
    if (query.since !== undefined && Number.isNaN(Date.parse(query.since)))
      throw new ZprovError('invalid_input', `since: '${query.since}' is not an ISO time`, 'since');
    const tenant = await requireTenant(this.store, query.tenant);
    const user =
      query.username === undefined ? undefined : await requireUser(this.store, tenant, query.username);
    return this.store.audit.page({
      ...(user === undefined ? { tenantId: tenant.id } : { userId: user.id }),
      ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
      // Stored times are ISO text in UTC; the bound is compared as the same text.
      ...(query.since === undefined ? {} : { since: new Date(query.since).toISOString() }),
      ...(query.beforeId === undefined ? {} : { beforeId: query.beforeId }),
      limit: query.limit,
    });
  }

  /**
   * Every user of a tenant, or of every tenant when none is named, with whether their phone holds
   * the document they would be served now. Ordered by tenant, then as the tenant lists its users.
   */
  async staleness(tenantSlug?: string): Promise<StalenessRow[]> {
    const tenants =
      tenantSlug === undefined
        ? [...(await this.store.tenants.list())].sort((a, b) => a.slug.localeCompare(b.slug))
        : [await requireTenant(this.store, tenantSlug)];
    // One document cache for every tenant: one read of the data generation, not one per tenant.
    const documents = await this.documents();
    const rows: StalenessRow[] = [];
    for (const tenant of tenants)
      rows.push(...(await this.statusOfUsers(tenant, await this.store.users.list(tenant.id), documents)));
    return rows;
  }

  /**
   * A page of a tenant's status rows, in the store's username order and, within a user, by device
   * (platform, then user agent): those after the row whose statusRowKey is `after`, of `status` when
   * named. Users are read and rendered a batch at a time, only as far as the page needs, so a page
   * never loads the whole tenant unless the filter leaves it nearly empty.
   */
  async statusPage(
    tenantSlug: string,
    query: { after?: string; status?: FetchStatus; limit: number },
  ): Promise<{ rows: StalenessRow[]; more: boolean }> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const documents = await this.documents();
    const rows: StalenessRow[] = [];
    const take = (batch: readonly StalenessRow[]) => {
      for (const row of devicesInOrder(batch))
        if (query.status === undefined || row.status === query.status) rows.push(row);
    };
    const { after } = query;
    const afterUser = after?.split('\u0000')[0];
    if (after !== undefined && afterUser !== undefined) {
      // The rest of the cursor's user: its devices after the one named.
      const user = await this.store.users.find(tenant.id, afterUser);
      const mine = user === undefined ? [] : await this.statusOfUsers(tenant, [user], documents);
      take(mine.filter((row) => statusRowKey(row) > after));
    }
    let next = afterUser;
    while (rows.length <= query.limit) {
      const users = await this.store.users.page(tenant.id, {
        ...(next === undefined ? {} : { after: next }),
        limit: STATUS_BATCH,
      });
      take(await this.statusOfUsers(tenant, users, documents));
      if (users.length < STATUS_BATCH) break;
      next = users.at(-1)?.username;
    }
    return { rows: rows.slice(0, query.limit), more: rows.length > query.limit };
  }

  /** The same for a page of a tenant's users (UserAdmin.page): only their documents are rendered. */
  async statusOf(tenantSlug: string, users: readonly User[]): Promise<StalenessRow[]> {
    const tenant = await requireTenant(this.store, tenantSlug);
    return this.statusOfUsers(
      tenant,
      users.filter((u) => u.tenantId === tenant.id),
      await this.documents(),
    );
  }

  /**
   * For each of the user's devices of `platform`: what changed between the document it last fetched
   * and the one it would be served now (secrets masked); undefined where that document was not kept
   * (fetched before zprov kept them, or forgotten since).
   */
  async deviceChanges(
    tenantSlug: string,
    username: string,
    platform: ZoiperPlatform,
  ): Promise<{ row: StalenessRow; changes: DiffEntry[] | undefined }[]> {
    const rows = (await this.userStatus(tenantSlug, username)).filter((r) => r.device?.platform === platform);
    const { rendered } = await this.render(tenantSlug, username, platform);
    const now = rendered.document;
    return Promise.all(
      rows.map(async (row) => {
        const hash = row.lastHash;
        const sealed = hash === undefined ? undefined : await this.store.servedDocuments.find(hash);
        if (hash === undefined || sealed === undefined || now === undefined)
          return { row, changes: undefined };
        const { document } = parseConfig(
          this.box.open(sealed, servedDocumentContext(hash)),
          {},
          storedConfigSchema,
        );
        return { row, changes: document === undefined ? undefined : diffConfigs(document, now) };
      }),
    );
  }

  /** The same for one user: a row per device (one row when none has fetched). */
  async userStatus(tenantSlug: string, username: string): Promise<StalenessRow[]> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const user = await requireUser(this.store, tenant, username);
    return this.statusOfUsers(tenant, [user], await this.documents());
  }

  private async statusOfUsers(
    tenant: Tenant,
    users: readonly User[],
    documents: UserDocumentCache,
  ): Promise<StalenessRow[]> {
    const fetches = await this.store.audit.fetchStates(users.map((u) => u.id));
    const rows: StalenessRow[] = [];
    for (const user of users) {
      const document = await documents.load(user.id);
      // The document was loaded with the user's login: no second read for the password hashes.
      const credentials = document?.credentials;
      const until = credentials?.previousValidUntil;
      const rotationOpen =
        credentials?.previousPasswordHash !== undefined &&
        until !== undefined &&
        Date.parse(until) > Date.now();
      const devices: readonly (FetchState | undefined)[] = fetches.get(user.id) ?? [undefined];
      for (const last of devices) {
        const { status, currentHash } = deviceStatus(user, document, last);
        rows.push({
          tenant: tenant.slug,
          username: user.username,
          device: last === undefined ? undefined : { platform: last.platform, userAgent: last.userAgent },
          clientVersion: last?.clientVersion,
          status,
          currentHash,
          lastFetchAt: last?.lastFetchAt,
          lastHash: last?.lastDocumentHash,
          lastClientAddress: last?.lastClientAddress,
          lastPasswordUsed: whichPassword(last?.lastPasswordId, credentials, rotationOpen),
          previousPasswordUntil: rotationOpen ? until : undefined,
        });
      }
    }
    return rows;
  }
}

/**
 * A device against the document its platform would be served now (Desktop for a user no device
 * fetched for); a revoked user's device against the document removing the accounts.
 */
function deviceStatus(
  user: User,
  document: UserDocument | undefined,
  last: FetchState | undefined,
): { status: FetchStatus; currentHash: string | undefined } {
  const platform = last?.platform ?? 'desktop';
  if (!user.enabled) return { status: 'disabled', currentHash: undefined };
  if (user.revokedAt !== undefined) {
    const removal = document?.removal(platform).hash;
    // As the endpoint decides: the device's last document is the removal (no device: none to remove).
    const taken = last === undefined || last.lastDocumentHash === removal;
    return { status: taken ? 'removed' : 'revoking', currentHash: removal };
  }
  const served = document?.servedTo(platform);
  const currentHash = served?.empty === false ? served.hash : undefined;
  const status: FetchStatus =
    currentHash === undefined
      ? 'nothing_to_serve'
      : last === undefined
        ? 'never'
        : last.lastDocumentHash === currentHash
          ? 'current'
          : 'stale';
  return { status, currentHash };
}
