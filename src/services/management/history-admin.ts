// The change history as administrators use it: list it (a tenant, a user, an account, a profile),
// look at one revision, preview what a user would be served with it, and restore it. A restore is a
// change like any other: it is recorded as a new revision, marked as the restore of the old one.
import { ZprovError } from '../../core/errors.js';
import type { RenderedConfig } from '../../core/index.js';
import { runRestoring } from '../change-history.js';
import type { Account, Group, Profile, Revision, Tenant, User } from '../model.js';
import type { SecretBox } from '../secret-box.js';
import type { Store, StoreWriter } from '../store.js';
import { UserDocumentCache } from '../user-document-cache.js';
import { requireAccount, requireProfile, requireTenant, requireUser } from './lookups.js';

export interface HistoryQuery {
  readonly tenant?: string;
  /** With tenant: one user's revisions (the user's own, not their accounts'). */
  readonly user?: string;
  readonly account?: string;
  readonly profile?: string;
  /** Paging back: only revisions older than this seq. */
  readonly beforeSeq?: number;
  readonly limit: number;
}

/** Thrown inside a preview's transaction so that nothing it changed is kept. */
class PreviewDone extends Error {
  constructor(readonly rendered: RenderedConfig | undefined) {
    super('preview rolled back');
  }
}

export class HistoryAdmin {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
  ) {}

  async list(query: HistoryQuery): Promise<Revision[]> {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > 10_000)
      throw new ZprovError('invalid_input', 'limit: a whole number from 1 to 10000', 'limit');
    const tenant = query.tenant === undefined ? undefined : await requireTenant(this.store, query.tenant);
    let entityId: string | undefined;
    if (query.user !== undefined) {
      if (tenant === undefined) throw new ZprovError('invalid_input', 'user: name the tenant too', 'tenant');
      entityId = (await requireUser(this.store, tenant, query.user)).id;
    }
    if (query.account !== undefined)
      entityId = (await requireAccount(this.store, query.account, tenant?.slug)).id;
    if (query.profile !== undefined) entityId = (await requireProfile(this.store, query.profile)).id;
    return this.store.revisions.list({
      ...(tenant === undefined || entityId !== undefined ? {} : { tenantId: tenant.id }),
      ...(entityId === undefined ? {} : { entityId }),
      ...(query.beforeSeq === undefined ? {} : { beforeSeq: query.beforeSeq }),
      limit: query.limit,
    });
  }

  async show(seq: number): Promise<Revision> {
    const revision = await this.store.revisions.find(seq);
    if (revision === undefined) throw new ZprovError('not_found', `no revision #${seq}`, 'revision');
    return revision;
  }

  /** Brings the record back to what it was after revision `seq` (before it, for a deletion). */
  async restore(seq: number): Promise<Revision> {
    const revision = await this.show(seq);
    await runRestoring(seq, () => this.store.write((tx) => applyRevision(tx, revision)));
    const [latest] = await this.store.revisions.list({ entityId: revision.entityId, limit: 1 });
    return latest ?? revision;
  }

  /**
   * What `user` of `tenant` would be served were revision `seq` restored now: the restore runs in a
   * transaction that is rolled back, so nothing is kept and nobody else sees it.
   */
  async preview(seq: number, tenantSlug: string, username: string): Promise<RenderedConfig> {
    const revision = await this.show(seq);
    try {
      await this.store.write(async (tx) => {
        await applyRevision(tx, revision);
        const tenant = await requireTenant(tx, tenantSlug);
        const user = await requireUser(tx, tenant, username);
        const cache = new UserDocumentCache(tx, this.box, { keepDocuments: true });
        cache.sync(Number.NaN);
        const document = await cache.load(user.id);
        throw new PreviewDone(document?.rendered as RenderedConfig | undefined);
      });
    } catch (error) {
      if (!(error instanceof PreviewDone)) throw error;
      if (error.rendered === undefined) throw new ZprovError('not_found', `no user '${username}'`, 'user');
      return error.rendered;
    }
    throw new ZprovError('internal', 'a preview was not rolled back');
  }
}

/** Writes a revision's record back: its state after the change, or before it for a deletion. */
async function applyRevision(tx: StoreWriter, revision: Revision): Promise<void> {
  const text = revision.after ?? revision.before;
  if (text === undefined) throw new ZprovError('invalid_input', `revision #${revision.seq} holds no record`);
  const record = JSON.parse(text) as Record<string, unknown>;
  const id = revision.entityId;
  switch (revision.entity) {
    case 'tenant': {
      const t = record as unknown as Tenant;
      if ((await tx.tenants.findById(id)) === undefined)
        throw new ZprovError(
          'invalid_input',
          `tenant ${revision.label} was removed with everything in it; add it again`,
        );
      return tx.tenants.update(id, {
        name: t.name,
        profileId: t.profileId ?? null,
        deleteAccountsBeforehand: t.deleteAccountsBeforehand,
        deleteContactServicesBeforehand: t.deleteContactServicesBeforehand,
      });
    }
    case 'group': {
      const g = record as unknown as Group;
      const existing = (await tx.groups.findById(id)) ?? (await tx.groups.find(g.tenantId, g.name));
      const group = existing ?? (await tx.groups.insert({ tenantId: g.tenantId, name: g.name }));
      return tx.groups.update(group.id, { profileId: g.profileId ?? null });
    }
    case 'profile': {
      const p = record as unknown as Profile;
      const existing = (await tx.profiles.findById(id)) ?? (await tx.profiles.findByName(p.name));
      const profile = existing ?? (await tx.profiles.insert({ name: p.name, document: p.document }));
      await tx.profiles.updateDocument(profile.id, p.document);
      await tx.profiles.updateAccountDefaults(profile.id, p.accountDefaults ?? null);
      return tx.profiles.updatePlatformPins(profile.id, p.platformPins ?? null);
    }
    case 'user': {
      const u = record as unknown as User;
      if ((await tx.users.findById(id)) === undefined)
        throw new ZprovError(
          'invalid_input',
          `user ${revision.label} was removed; its password is not kept in the history, so add it again`,
        );
      return tx.users.update(id, {
        displayName: u.displayName,
        enabled: u.enabled,
        groupId: u.groupId ?? null,
        profileId: u.profileId ?? null,
        revokedAt: u.revokedAt ?? null,
      });
    }
    case 'account': {
      const a = record as unknown as Account;
      const patch = {
        position: a.position,
        protocol: a.protocol,
        isDefault: a.isDefault,
        options: a.options,
        sealedPassword: a.sealedPassword ?? null,
        enabled: a.enabled,
      };
      if ((await tx.accounts.findById(id)) !== undefined) return tx.accounts.update(id, patch);
      if ((await tx.users.findById(a.userId)) === undefined)
        throw new ZprovError(
          'invalid_input',
          `the user of account ${revision.label} was removed; add it first`,
        );
      await tx.accounts.insert({
        userId: a.userId,
        ident: a.ident,
        position: a.position,
        protocol: a.protocol,
        isDefault: a.isDefault,
        options: a.options,
        sealedPassword: a.sealedPassword,
        ...(a.sourceKey === undefined ? {} : { sourceKey: a.sourceKey }),
        enabled: a.enabled,
      });
      return;
    }
    case 'server':
      return tx.profiles.setServerProfile((record['profileId'] as string | undefined) ?? null);
    case 'token':
      throw new ZprovError('invalid_input', 'tokens are not restored from the history; create a new one');
    case 'admin':
      throw new ZprovError(
        'invalid_input',
        'people who sign in are not restored from the history; add them again (zprov admin add)',
      );
  }
}
