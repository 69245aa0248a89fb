// Getting a phone set up without mailing passwords around. Two kinds of one-time secret, each single
// use and expiring, of which only the SHA-256 is stored:
// - an enrolment link (`…/t/<tenant>/enrol/<secret>`): the page it opens shows, once, what the user
//   needs, with a provisioning password made fresh at that moment (the previous one keeps working for
//   the rotation window): for Desktop their Provision.xml to download, for the branded apps the
//   username and password to type in;
// - a Zoiper OEM token: the link the user follows (Zoiper's QR page for the tenant's OEM provider id)
//   carries nothing but the token; the app appends it to the Token URL configured in the OEM portal
//   (`…/t/<tenant>/token?t=`), and zprov answers with the SIP username, password and authentication
//   username of the user's default account.
import { createHash, randomBytes } from 'node:crypto';
import { optionValue, ZprovError } from '../../core/index.js';
import { currentActor, runAs } from '../change-history.js';
import type { Clock } from '../clock.js';
import { DEFAULT_LANGUAGE, type Language } from '../messages.js';
import type { Enrolment, EnrolmentKind, Tenant, User } from '../model.js';
import type { Store } from '../store.js';
import type { AccountAdmin } from './account-admin.js';
import { requireTenant, requireUser } from './lookups.js';
import type { ProvisionFileBuilder } from './provision-file-builder.js';
import type { UserAdmin } from './user-admin.js';

export const ENROLMENT_KINDS: readonly EnrolmentKind[] = ['link', 'token'];
export const DEFAULT_VALID_HOURS = 72;
const MAX_VALID_HOURS = 24 * 30;
/** Zoiper's page that shows an OEM app's QR code for a provider id and a token. */
export const ZOIPER_QR_PAGE = 'https://oem.zoiper.com/qr-howto.php';
/** 32 characters of base64url: 192 random bits. */
const SECRET = /^[A-Za-z0-9_-]{32}$/;

export interface EnrolmentOffer {
  readonly kind: EnrolmentKind;
  /** What the user is sent: the only place the secret appears. */
  readonly link: string;
  readonly expiresAt: string;
}

/** Why a secret cannot be used (the page and the token reply say it in the tenant's words). */
export type EnrolmentRefusal = 'unknown' | 'used' | 'expired';

export interface LinkEnrolment {
  readonly tenant: Tenant;
  readonly user: User;
  /** The fresh provisioning password, shown this once. */
  readonly password: string;
  /** The user's Provision.xml with that password preset. */
  readonly provisionFile: string;
}

export interface TokenCredentials {
  readonly username: string;
  readonly password: string;
  readonly authenticationUsername: string;
}

const idOf = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

export class Enrolments {
  constructor(
    private readonly store: Store,
    private readonly users: UserAdmin,
    private readonly accounts: AccountAdmin,
    private readonly provisionFiles: ProvisionFileBuilder,
    private readonly clock: Clock,
    private readonly defaultUrls: readonly string[],
  ) {}

  /** A new one-time secret for a user, and the link to send them. */
  async create(
    tenantSlug: string,
    username: string,
    kind: EnrolmentKind,
    validHours: number = DEFAULT_VALID_HOURS,
  ): Promise<EnrolmentOffer> {
    if (!ENROLMENT_KINDS.includes(kind))
      throw new ZprovError(
        'invalid_input',
        `kind: '${String(kind)}' is not one of ${ENROLMENT_KINDS.join(', ')}`,
        'kind',
      );
    if (!Number.isFinite(validHours) || validHours <= 0 || validHours > MAX_VALID_HOURS)
      throw new ZprovError(
        'invalid_input',
        `valid hours: more than 0, at most ${MAX_VALID_HOURS}`,
        'validHours',
      );
    const tenant = await requireTenant(this.store, tenantSlug);
    const user = await requireUser(this.store, tenant, username);
    if (!user.enabled || user.revokedAt !== undefined)
      throw new ZprovError('invalid_input', `user ${username} is disabled: enable them first`, 'user');
    if (kind === 'token') {
      if (tenant.oemProviderId === undefined)
        throw new ZprovError(
          'invalid_input',
          `tenant ${tenant.slug} has no OEM provider id: zprov tenant update ${tenant.slug} --oem-provider-id <id>`,
          'oemProviderId',
        );
      await this.defaultSipAccount(tenant, user);
    }
    const base = this.defaultUrls[0];
    if (kind === 'link' && base === undefined)
      throw new ZprovError('invalid_input', 'no public URL to put in the link: set publicUrls', 'publicUrls');
    const secret = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now + validHours * 3600_000).toISOString();
    await this.store.enrolments.insert({
      id: idOf(secret),
      kind,
      userId: user.id,
      createdBy: currentActor(),
      createdAt: new Date(now).toISOString(),
      expiresAt,
    });
    // Expired secrets go when new ones are made, so the table holds only recent ones.
    await this.store.enrolments.deleteExpiredBefore(new Date(now - 30 * 24 * 3600_000).toISOString());
    const link =
      kind === 'link'
        ? `${String(base).replace(/\/+$/, '')}/t/${encodeURIComponent(tenant.slug)}/enrol/${secret}`
        : `${ZOIPER_QR_PAGE}?provider_id=${encodeURIComponent(tenant.oemProviderId ?? '')}&u=&p=&a=&t=${secret}`;
    return { kind, link, expiresAt };
  }

  /** What a secret is now, without taking it (the page a link opens, before the person asks). */
  async look(tenantSlug: string, secret: string, kind: EnrolmentKind): Promise<EnrolmentRefusal | 'ready'> {
    const found = await this.find(tenantSlug, secret, kind);
    if (found === undefined) return 'unknown';
    return this.state(found.enrolment);
  }

  /** Takes an enrolment link: a fresh provisioning password and the Provision.xml that holds it. */
  async redeemLink(tenantSlug: string, secret: string): Promise<LinkEnrolment | EnrolmentRefusal> {
    const found = await this.find(tenantSlug, secret, 'link');
    if (found === undefined) return 'unknown';
    const taken = await this.store.enrolments.take(found.enrolment.id, 'link', this.nowIso());
    if (taken === undefined) return this.whyNotTaken(found.enrolment);
    const { tenant, user } = found;
    return runAs(`enrolment:${found.enrolment.createdBy}`, async () => {
      const change = await this.users.setPassword(tenant.slug, user.username, undefined);
      const password = change.generatedPassword as string;
      const file = await this.provisionFiles.build({ tenant: tenant.slug, user: user.username, password });
      return { tenant, user, password, provisionFile: file.text };
    });
  }

  /** Takes an OEM token: the SIP credentials of the user's default account. */
  async redeemToken(tenantSlug: string, secret: string): Promise<TokenCredentials | EnrolmentRefusal> {
    const found = await this.find(tenantSlug, secret, 'token');
    if (found === undefined) return 'unknown';
    const taken = await this.store.enrolments.take(found.enrolment.id, 'token', this.nowIso());
    if (taken === undefined) return this.whyNotTaken(found.enrolment);
    const { tenant, user } = found;
    const account = await this.defaultSipAccount(tenant, user);
    // Recorded in the history as a reveal, like every password shown in clear.
    const password = await runAs(`enrolment:${found.enrolment.createdBy}`, () =>
      this.accounts.revealPassword(account.ident, tenant.slug),
    );
    return {
      username: String(optionValue(account.item, 'username') ?? ''),
      password: password ?? '',
      authenticationUsername: String(
        optionValue(account.item, 'SIP_auth_username') ?? optionValue(account.item, 'username') ?? '',
      ),
    };
  }

  /** The language the tenant's phones are answered in (an OEM token refused). */
  async phoneLanguage(tenantSlug: string): Promise<Language> {
    return (await this.store.tenants.findBySlug(tenantSlug))?.language ?? DEFAULT_LANGUAGE;
  }

  /** The user's secrets not yet used nor expired, newest first (what an administrator may cancel). */
  async pending(tenantSlug: string, username: string): Promise<Enrolment[]> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const user = await requireUser(this.store, tenant, username);
    const now = this.nowIso();
    return (await this.store.enrolments.listByUser(user.id)).filter(
      (e) => e.usedAt === undefined && e.expiresAt > now,
    );
  }

  private async find(
    tenantSlug: string,
    secret: string,
    kind: EnrolmentKind,
  ): Promise<{ enrolment: Enrolment; tenant: Tenant; user: User } | undefined> {
    if (!SECRET.test(secret)) return undefined;
    const enrolment = await this.store.enrolments.find(idOf(secret));
    if (enrolment === undefined || enrolment.kind !== kind) return undefined;
    const tenant = await this.store.tenants.findBySlug(tenantSlug);
    const user = await this.store.users.findById(enrolment.userId);
    // Another tenant's secret at this tenant's address is no secret at all.
    if (tenant === undefined || user === undefined || user.tenantId !== tenant.id) return undefined;
    return { enrolment, tenant, user };
  }

  private state(enrolment: Enrolment): EnrolmentRefusal | 'ready' {
    if (enrolment.usedAt !== undefined) return 'used';
    return enrolment.expiresAt <= this.nowIso() ? 'expired' : 'ready';
  }

  /** Expired, or used: by an earlier request, or by one that took it since it was read. */
  private whyNotTaken(enrolment: Enrolment): EnrolmentRefusal {
    const state = this.state(enrolment);
    return state === 'ready' ? 'used' : state;
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private async defaultSipAccount(tenant: Tenant, user: User) {
    const accounts = (await this.accounts.list(tenant.slug, user.username)).filter(
      (a) => a.enabled && a.protocol === 'sip' && a.hasPassword,
    );
    const account = accounts.find((a) => a.isDefault) ?? accounts[0];
    if (account === undefined)
      throw new ZprovError(
        'invalid_input',
        `user ${user.username} has no SIP account with a password to hand out by token`,
        'user',
      );
    return account;
  }
}
