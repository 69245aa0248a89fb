// SIP and IAX2 accounts of a user. Each gets an ident when it is created (random, never derived from
// its other fields), so the phone updates the account on re-provisioning instead of adding a copy.
// The item is validated by the core on every write; the password is sealed (secret-box.ts).
import { createHash, randomBytes } from 'node:crypto';
import {
  optionNode,
  REGISTRAR_OPTION,
  sectionNode,
  serializeAccountItem,
  withOption,
  type SectionNode,
} from '../../core/index.js';
import {
  assertValidAccountItem,
  parseAccountItem,
  setAccountOption,
  unsetAccountOption,
} from '../account-item.js';
import { ZprovError } from '../../core/errors.js';
import { ACCOUNT_PROTOCOLS, type Account, type AccountProtocol } from '../model.js';
import type { SecretBox } from '../secret-box.js';
import { currentActor } from '../change-history.js';
import { systemClock, type Clock } from '../clock.js';
import type { Store, StoreWriter } from '../store.js';
import { checkLabel, checkWritable, hasControlCharacters } from './input-rules.js';
import { requireAccount, requireTenant, requireUser } from './lookups.js';

export interface AccountChanges {
  readonly protocol?: AccountProtocol;
  /** The SIP/IAX username. */
  readonly username?: string;
  /** The SIP/IAX password; null removes it. */
  readonly password?: string | null;
  /** SIP_domain for SIP, IAX2_host for IAX2. */
  readonly domain?: string;
  /** The account's name in the phone. */
  readonly name?: string;
  /** Codec names or ids in order of preference, comma-separated. */
  readonly codecs?: string;
  /** Any account option by path relative to the account: [path, value]. */
  readonly set?: readonly (readonly [string, string])[];
  readonly unset?: readonly string[];
  readonly isDefault?: boolean;
}

export interface AccountView {
  readonly ident: string;
  readonly tenant: string;
  readonly username: string;
  readonly protocol: AccountProtocol;
  readonly position: number;
  readonly isDefault: boolean;
  readonly hasPassword: boolean;
  /**
   * Changes whenever the password is set (a digest of its sealed form, which is new on every seal),
   * so a version of the account (an ETag) changes with it; says nothing about the password.
   */
  readonly passwordStamp: string | undefined;
  readonly updatedAt: string;
  /** A disabled account is kept but not served. */
  readonly enabled: boolean;
  /** Where an imported account came from (`pjsip:1001`). */
  readonly sourceKey: string | undefined;
  /** Every option the account sets, without its password. */
  readonly item: SectionNode;
  readonly warnings: readonly string[];
}

function checkProtocol(protocol: string): AccountProtocol {
  if (!(ACCOUNT_PROTOCOLS as readonly string[]).includes(protocol))
    throw new ZprovError(
      'invalid_input',
      `protocol: '${protocol}' is not one of ${ACCOUNT_PROTOCOLS.join(', ')}`,
      'protocol',
    );
  return protocol as AccountProtocol;
}

function checkSecret(password: string): string {
  if (password.length > 256)
    throw new ZprovError('invalid_input', 'password: at most 256 characters', 'password');
  if (hasControlCharacters(password))
    throw new ZprovError('invalid_input', 'password: must not hold control characters', 'password');
  return checkWritable(password, 'password');
}

/** Applies the changes to an item; returns the new item and the warnings of its validation. */
function applyChanges(item: SectionNode, protocol: AccountProtocol, ident: string, changes: AccountChanges) {
  let next = withOption(item, 'protocol', protocol);
  if (changes.name !== undefined) next = setAccountOption(next, 'name', checkLabel(changes.name, 'name'));
  if (changes.username !== undefined)
    next = setAccountOption(next, 'username', checkLabel(changes.username, 'username'));
  if (changes.domain !== undefined)
    next = setAccountOption(next, REGISTRAR_OPTION[protocol], checkLabel(changes.domain, 'domain'));
  if (changes.codecs !== undefined) next = setAccountOption(next, 'codecs', changes.codecs);
  for (const [path, value] of changes.set ?? []) next = setAccountOption(next, path, value);
  for (const path of changes.unset ?? []) next = unsetAccountOption(next, path);
  // Validate the item as it will be served: with its ident and a password in place.
  const served = withOption(withOption(next, 'ident', ident), 'password', '');
  const warnings = assertValidAccountItem(served)
    .filter((d) => d.severity === 'warning')
    .map((d) => `${d.path}: ${d.message}`);
  return { item: next, warnings };
}

export class AccountAdmin {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly clock: Clock = systemClock,
  ) {}

  async add(tenantSlug: string, username: string, changes: AccountChanges): Promise<AccountView> {
    const protocol = checkProtocol(changes.protocol ?? 'sip');
    const ident = randomBytes(8).toString('hex');
    const base = sectionNode('account', [optionNode('protocol', protocol)]);
    const named =
      changes.name === undefined && changes.username !== undefined
        ? {
            ...changes,
            name: changes.domain === undefined ? changes.username : `${changes.username}@${changes.domain}`,
          }
        : changes;
    const { item, warnings } = applyChanges(base, protocol, ident, named);
    const password =
      changes.password === undefined || changes.password === null ? undefined : checkSecret(changes.password);
    return this.store.write(async (tx) => {
      const tenant = await requireTenant(tx, tenantSlug);
      const user = await requireUser(tx, tenant, username);
      const existing = await tx.accounts.listByUser(user.id);
      const isDefault = changes.isDefault === true || existing.length === 0;
      if (isDefault) await clearDefault(tx, existing);
      const account = await tx.accounts.insert({
        userId: user.id,
        ident,
        position: existing.length === 0 ? 0 : Math.max(...existing.map((a) => a.position)) + 1,
        protocol,
        isDefault,
        options: serializeAccountItem(item),
        sealedPassword: password === undefined ? undefined : this.box.seal(password, ident),
      });
      return this.view(account, tenant.slug, user.username, warnings);
    });
  }

  async list(tenantSlug: string, username: string): Promise<AccountView[]> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const user = await requireUser(this.store, tenant, username);
    return (await this.store.accounts.listByUser(user.id)).map((a) =>
      this.view(a, tenant.slug, user.username, []),
    );
  }

  /** `tenantSlug`, when given, must be the account's (requireAccount); so for update, remove, setDefault. */
  async show(ident: string, tenantSlug?: string): Promise<AccountView> {
    const account = await requireAccount(this.store, ident, tenantSlug);
    const user = await this.store.users.findById(account.userId);
    const tenant = user && (await this.store.tenants.findById(user.tenantId));
    return this.view(account, tenant?.slug ?? '?', user?.username ?? '?', []);
  }

  async update(ident: string, changes: AccountChanges, tenantSlug?: string): Promise<AccountView> {
    const password =
      changes.password === undefined || changes.password === null
        ? changes.password
        : checkSecret(changes.password);
    return this.store.write(async (tx) => {
      const account = await requireAccount(tx, ident, tenantSlug);
      const protocol = changes.protocol === undefined ? account.protocol : checkProtocol(changes.protocol);
      const { item, warnings } = applyChanges(parseAccountItem(account.options), protocol, ident, changes);
      if (changes.isDefault === true) await clearDefault(tx, await tx.accounts.listByUser(account.userId));
      await tx.accounts.update(account.id, {
        protocol,
        options: serializeAccountItem(item),
        ...(changes.isDefault === true ? { isDefault: true } : {}),
        ...(password === undefined
          ? {}
          : { sealedPassword: password === null ? null : this.box.seal(password, ident) }),
      });
      const updated = (await tx.accounts.findByIdent(ident)) as Account;
      const user = await tx.users.findById(account.userId);
      const tenant = user && (await tx.tenants.findById(user.tenantId));
      return this.view(updated, tenant?.slug ?? '?', user?.username ?? '?', warnings);
    });
  }

  /** Removes an account; if it was the default, the first remaining account becomes the default. */
  async remove(ident: string, tenantSlug?: string): Promise<void> {
    await this.store.write(async (tx) => {
      const account = await requireAccount(tx, ident, tenantSlug);
      await tx.accounts.delete(account.id);
      const rest = await tx.accounts.listByUser(account.userId);
      for (const [position, other] of rest.entries()) {
        const patch = {
          ...(other.position !== position ? { position } : {}),
          ...(account.isDefault && position === 0 ? { isDefault: true } : {}),
        };
        if (Object.keys(patch).length > 0) await tx.accounts.update(other.id, patch);
      }
    });
  }

  async setDefault(ident: string, tenantSlug?: string): Promise<void> {
    await this.store.write(async (tx) => {
      const account = await requireAccount(tx, ident, tenantSlug);
      await clearDefault(tx, await tx.accounts.listByUser(account.userId));
      await tx.accounts.update(account.id, { isDefault: true });
    });
  }

  /** The account's SIP/IAX password in clear (undefined when it has none); callers decide who may see it. */
  /** The account's SIP/IAX password in clear; every reveal is recorded in the change history. */
  async revealPassword(ident: string, tenantSlug?: string): Promise<string | undefined> {
    return this.store.write(async (tx) => {
      const account = await requireAccount(tx, ident, tenantSlug);
      const user = await tx.users.findById(account.userId);
      const tenant = user && (await tx.tenants.findById(user.tenantId));
      await tx.revisions.append([
        {
          at: new Date(this.clock.now()).toISOString(),
          actor: currentActor(),
          tenantId: user?.tenantId,
          entity: 'account',
          entityId: account.id,
          label: `${tenant?.slug ?? '?'}/${user?.username ?? '?'}/${ident}`,
          action: 'reveal',
          before: undefined,
          after: undefined,
          changes: [{ path: 'password', to: 'revealed' }],
        },
      ]);
      return account.sealedPassword === undefined ? undefined : this.box.open(account.sealedPassword, ident);
    });
  }

  private view(account: Account, tenant: string, username: string, warnings: readonly string[]): AccountView {
    return {
      ident: account.ident,
      tenant,
      username,
      protocol: account.protocol,
      position: account.position,
      isDefault: account.isDefault,
      hasPassword: account.sealedPassword !== undefined,
      passwordStamp:
        account.sealedPassword === undefined
          ? undefined
          : createHash('sha256').update(account.sealedPassword).digest('hex').slice(0, 16),
      updatedAt: account.updatedAt,
      enabled: account.enabled,
      sourceKey: account.sourceKey,
      item: parseAccountItem(account.options),
      warnings,
    };
  }
}

async function clearDefault(tx: StoreWriter, accounts: readonly Account[]): Promise<void> {
  for (const a of accounts) if (a.isDefault) await tx.accounts.update(a.id, { isDefault: false });
}
