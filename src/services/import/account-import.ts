// Bringing a PBX's accounts in: one use case for every import format. The adapter parses the source
// (src/core/import/) and hands the records here; this plans what changes (accounts and users to add,
// update, disable, remove; per item what changes, secrets masked) and, unless it is a dry run, applies
// the plan in one write transaction: all or nothing. Each account remembers its source key
// (`pjsip:1001`), so importing again updates the same account and keeps its ident.
import { randomBytes } from 'node:crypto';
import {
  accountItemDocument,
  diffConfigs,
  optionNode,
  pathInAccountItem,
  REGISTRAR_OPTION,
  sectionNode,
  serializeAccountItem,
  withOption,
  ZprovError,
  type ImportedAccount,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportParse,
  type ImportProblem,
  type SectionNode,
} from '../../core/index.js';
import { assertValidAccountItem, parseAccountItem, setAccountOption } from '../account-item.js';
import type { Account, Tenant, User } from '../model.js';
import type { PasswordHasher } from '../password-hash.js';
import type { SecretBox } from '../secret-box.js';
import type { NewUser, Store, StoreReader, StoreWriter } from '../store.js';
import { checkLabel, checkUsername, generatePassword } from '../management/input-rules.js';
import { requireGroup, requireTenant } from '../management/lookups.js';

export type MissingPolicy = 'keep' | 'disable' | 'remove';
export const MISSING_POLICIES: readonly MissingPolicy[] = ['keep', 'disable', 'remove'];

export interface ImportRequest {
  readonly tenant: string;
  readonly format: ImportFormat;
  readonly source: ImportParse;
  /** What happens to accounts imported earlier from this format that the source no longer has. */
  readonly missing?: MissingPolicy;
  /** SIP_domain (IAX2_host) for accounts whose source names none: the PBX's address. */
  readonly domain?: string;
  /** A column of the source whose value names the provisioning user (default: one user per extension). */
  readonly groupBy?: string;
  /** The provisioning group new users join. */
  readonly group?: string;
  /** Plan only: nothing is written. */
  readonly dryRun?: boolean;
  /** Told as accounts are applied (a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Handed the generated passwords inside the transaction, before it commits: if keeping them fails
   * (the credentials file cannot be written), nothing is written at all and no password is lost.
   */
  readonly keepCredentials?: (credentials: readonly GeneratedCredential[]) => Promise<void>;
}

export interface GeneratedCredential {
  readonly user: string;
  readonly password: string;
}

/** One change to one option of an account: the path relative to the account; secrets masked. */
export interface OptionChange {
  readonly path: string;
  readonly from?: string;
  readonly to?: string;
}

export interface AccountPlanItem {
  /** `<format>:<key>`. */
  readonly sourceKey: string;
  readonly user: string;
  /** Undefined for an account still to be added. */
  readonly ident: string | undefined;
  readonly changes: readonly OptionChange[];
}

export interface ImportPlan {
  readonly tenant: string;
  readonly format: ImportFormat;
  readonly missing: MissingPolicy;
  readonly accounts: {
    readonly add: readonly AccountPlanItem[];
    readonly update: readonly AccountPlanItem[];
    readonly unchanged: number;
    /** Gone from the source: disabled, removed, or (keep) left as they are, by `missing`. */
    readonly missing: readonly AccountPlanItem[];
  };
  readonly users: {
    readonly add: readonly string[];
    /** Users all of whose accounts came from this format and are gone from it. */
    readonly disable: readonly string[];
    readonly remove: readonly string[];
  };
  /** The parser's problems and the ones found while planning; any error stops a real run. */
  readonly problems: readonly ImportProblem[];
}

export interface ImportOutcome {
  readonly plan: ImportPlan;
  readonly written: boolean;
  /** Provisioning passwords generated for the users the import added: shown once, stored hashed. */
  readonly credentials: readonly { readonly user: string; readonly password: string }[];
}

/** Options the importers map from a source: on re-import the source's values replace them (or drop them). */
const SOURCE_OWNED = new Set([
  'username',
  'name',
  'SIP_domain',
  'IAX2_host',
  'SIP_transport_type',
  'codecs',
  'SIP_srtp_mode',
  'SIP_callerId',
  'IAX2_callerId',
  'IAX2_callerNumber',
  'SIP_use_auth_username',
  'SIP_auth_username',
  'SIP_use_outbound_proxy',
  'SIP_outbound_proxy',
]);

const SECRET = '********';

/** What a record asks the account to be. */
interface Desired {
  readonly record: ImportedAccount;
  readonly sourceKey: string;
  readonly user: string;
  readonly displayName: string;
  readonly item: SectionNode;
}

/** What planning decided, with what applying needs of it. */
interface Decisions {
  readonly plan: ImportPlan;
  readonly tenant: Tenant;
  readonly adds: readonly Desired[];
  readonly updates: readonly { desired: Desired; account: Account }[];
  readonly missing: readonly Account[];
  readonly usersToAdd: readonly { username: string; displayName: string; groupId: string | undefined }[];
  readonly usersByName: ReadonlyMap<string, User>;
  readonly usersGone: readonly User[];
}

export class AccountImport {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Plans, and applies unless `dryRun`. A plan holding an error is never applied (invalid_input). */
  async run(request: ImportRequest): Promise<ImportOutcome> {
    const missing = request.missing ?? 'keep';
    if (!MISSING_POLICIES.includes(missing))
      throw new ZprovError(
        'invalid_input',
        `missing: '${String(missing)}' is not keep, disable or remove`,
        'missing',
      );
    if (request.domain !== undefined) checkLabel(request.domain, 'domain');
    if (request.dryRun === true) {
      const decisions = await this.decide(this.store, request, missing);
      return { plan: decisions.plan, written: false, credentials: [] };
    }
    return this.store.write(async (tx) => {
      const decisions = await this.decide(tx, request, missing);
      const errors = decisions.plan.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0)
        throw new ImportRefused(
          decisions.plan,
          `${errors.length} error${errors.length === 1 ? '' : 's'} in the source; nothing was written`,
        );
      const adding = decisions.usersToAdd.length;
      if (adding > 0 && request.keepCredentials === undefined)
        throw new ZprovError(
          'invalid_input',
          `the import adds ${adding} user${adding === 1 ? '' : 's'} whose generated passwords must be kept: give a credentials file`,
          'credentials-out',
        );
      const credentials = await this.apply(tx, decisions, request);
      if (credentials.length > 0) await request.keepCredentials?.(credentials);
      return { plan: decisions.plan, written: true, credentials };
    });
  }

  private async decide(
    store: StoreReader,
    request: ImportRequest,
    missing: MissingPolicy,
  ): Promise<Decisions> {
    const tenant = await requireTenant(store, request.tenant);
    if (request.group !== undefined) await requireGroup(store, tenant, request.group);
    const problems: ImportProblem[] = [...request.source.problems];
    const prefix = `${request.format}:`;
    const table = TABLE_FORMATS.has(request.format);
    // zprov's own CSV/JSON may name any source key (an export's rows do): they see every imported account.
    const existing = new Map(
      (await store.accounts.listImported(tenant.id, table ? '' : prefix)).map((a) => [
        a.sourceKey as string,
        a,
      ]),
    );
    const users = await store.users.list(tenant.id);
    const usersByName = new Map(users.map((u) => [u.username, u]));
    const usersById = new Map(users.map((u) => [u.id, u]));
    const groups = new Map((await store.groups.listByTenant(tenant.id)).map((g) => [g.name, g.id]));
    const defaultGroup = request.group === undefined ? undefined : groups.get(request.group);

    const adds: Desired[] = [];
    const updates: { desired: Desired; account: Account }[] = [];
    const planAdd: AccountPlanItem[] = [];
    const planUpdate: AccountPlanItem[] = [];
    let unchanged = 0;
    const seen = new Set<string>();
    const usersToAdd = new Map<string, { displayName: string; groupId: string | undefined }>();
    for (const record of request.source.accounts) {
      const desired = this.desired(record, prefix, request, problems);
      if (desired === undefined) continue;
      if (seen.has(desired.sourceKey)) {
        problems.push(problemAt(record, `key '${record.key}' appears twice; the second is skipped`));
        continue;
      }
      seen.add(desired.sourceKey);
      const account = existing.get(desired.sourceKey) ?? (await byIdent(store, desired.sourceKey, usersById));
      if (account === undefined && desired.sourceKey.startsWith(IDENT_PREFIX)) {
        problems.push(
          problemAt(
            record,
            `no account with ident '${desired.sourceKey.slice(IDENT_PREFIX.length)}' in tenant ${tenant.slug}`,
            'key',
          ),
        );
        continue;
      }
      if (account === undefined) {
        adds.push(desired);
        planAdd.push({
          sourceKey: desired.sourceKey,
          user: desired.user,
          ident: undefined,
          changes: describeNew(desired),
        });
        if (!usersByName.has(desired.user) && !usersToAdd.has(desired.user)) {
          const groupName = record.columns['group'];
          const groupId = groupName === undefined || groupName === '' ? defaultGroup : groups.get(groupName);
          if (groupName !== undefined && groupName !== '' && groupId === undefined)
            problems.push(problemAt(record, `no group '${groupName}' in tenant ${tenant.slug}`, 'group'));
          usersToAdd.set(desired.user, { displayName: desired.displayName, groupId });
        }
        continue;
      }
      const owner = usersById.get(account.userId)?.username ?? '?';
      if (owner !== desired.user)
        problems.push({
          severity: 'warning',
          message: `belongs to user '${owner}' in zprov, the source now says '${desired.user}'; it stays with '${owner}'`,
          at: record.at,
          key: record.key,
        });
      const changes = this.changes(account, desired);
      if (changes.length === 0) unchanged += 1;
      else {
        updates.push({ desired, account });
        planUpdate.push({ sourceKey: desired.sourceKey, user: owner, ident: account.ident, changes });
      }
    }
    const gone = [...existing.values()].filter(
      (a) => a.sourceKey?.startsWith(prefix) === true && !seen.has(a.sourceKey),
    );
    const planMissing = gone.map((a) => ({
      sourceKey: a.sourceKey as string,
      user: usersById.get(a.userId)?.username ?? '?',
      ident: a.ident,
      changes:
        missing === 'keep'
          ? []
          : [{ path: 'enabled', from: String(a.enabled), to: missing === 'remove' ? undefined : 'false' }],
    }));
    const usersGone = missing === 'keep' ? [] : await usersLeftEmpty(store, gone, seen, prefix, usersById);
    const plan: ImportPlan = {
      tenant: tenant.slug,
      format: request.format,
      missing,
      accounts: { add: planAdd, update: planUpdate, unchanged, missing: planMissing },
      users: {
        add: [...usersToAdd.keys()],
        disable: missing === 'disable' ? usersGone.filter((u) => u.enabled).map((u) => u.username) : [],
        remove: missing === 'remove' ? usersGone.map((u) => u.username) : [],
      },
      problems,
    };
    return {
      plan,
      tenant,
      adds,
      updates,
      missing: gone,
      usersToAdd: [...usersToAdd].map(([username, u]) => ({ username, ...u })),
      usersByName,
      usersGone,
    };
  }

  /** The account a record asks for, checked by the core; undefined (with a problem) when it cannot be. */
  private desired(
    record: ImportedAccount,
    prefix: string,
    request: ImportRequest,
    problems: ImportProblem[],
  ): Desired | undefined {
    const user = request.groupBy === undefined ? record.user : record.columns[request.groupBy];
    if (user === undefined || user === '') {
      problems.push(
        problemAt(record, `no value in column '${request.groupBy ?? ''}' to name its user`, request.groupBy),
      );
      return undefined;
    }
    try {
      checkUsername(user, 'user');
      const displayName = checkLabel(record.displayName ?? user, 'display_name');
      let item = sectionNode('account', [optionNode('protocol', record.protocol)]);
      item = setAccountOption(item, 'username', record.username);
      for (const [path, value] of record.options) item = setAccountOption(item, path, value);
      const domainOption = REGISTRAR_OPTION[record.protocol];
      if (!item.children.some((c) => c.name === domainOption)) {
        if (request.domain === undefined)
          problems.push({
            severity: 'warning',
            message: `no ${domainOption} in the source and no --domain given; the phone will not know where to register`,
            at: record.at,
            key: record.key,
          });
        else item = setAccountOption(item, domainOption, request.domain);
      }
      if (!item.children.some((c) => c.name === 'name')) {
        const domain = item.children.find((c) => c.name === domainOption);
        const host = domain?.kind === 'option' ? String(domain.value) : undefined;
        item = setAccountOption(
          item,
          'name',
          host === undefined ? record.username : `${record.username}@${host}`,
        );
      }
      assertValidAccountItem(withOption(withOption(item, 'ident', '0'.repeat(16)), 'password', ''));
      return { record, sourceKey: sourceKeyOf(request.format, record.key), user, displayName, item };
    } catch (error) {
      if (!(error instanceof ZprovError)) throw error;
      problems.push(problemAt(record, error.message, error.field));
      return undefined;
    }
  }

  /** The item an existing account gets: the source's options over what zprov's own edits added. */
  private merged(account: Account, desired: Desired): SectionNode {
    const kept = parseAccountItem(account.options).children.filter(
      (c) => !SOURCE_OWNED.has(c.name) && c.name !== 'protocol',
    );
    return { ...desired.item, children: [...desired.item.children, ...kept] };
  }

  private changes(account: Account, desired: Desired): OptionChange[] {
    const before = parseAccountItem(account.options);
    const after = this.merged(account, desired);
    const changes: OptionChange[] = diffConfigs(accountItemDocument(before), accountItemDocument(after)).map(
      (d) => ({
        path: pathInAccountItem(d.path),
        ...(d.from === undefined ? {} : { from: d.from }),
        ...(d.to === undefined ? {} : { to: d.to }),
      }),
    );
    if (account.protocol !== desired.record.protocol)
      changes.unshift({ path: 'protocol', from: account.protocol, to: desired.record.protocol });
    const password =
      account.sealedPassword === undefined ? undefined : this.box.open(account.sealedPassword, account.ident);
    if (password !== desired.record.password)
      changes.push({
        path: 'password',
        ...(password === undefined ? {} : { from: SECRET }),
        ...(desired.record.password === undefined ? {} : { to: SECRET }),
      });
    if (account.enabled !== desired.record.enabled)
      changes.push({ path: 'enabled', from: String(account.enabled), to: String(desired.record.enabled) });
    return changes;
  }

  private async apply(
    tx: StoreWriter,
    decisions: Decisions,
    request: ImportRequest,
  ): Promise<{ user: string; password: string }[]> {
    const { tenant } = decisions;
    const total = decisions.adds.length + decisions.updates.length + decisions.missing.length;
    let done = 0;
    const tick = (): void => {
      done += 1;
      if (done % 100 === 0 || done === total) request.onProgress?.(done, total);
    };
    const credentials: { user: string; password: string }[] = [];
    const newUsers: NewUser[] = [];
    for (const u of decisions.usersToAdd) {
      const password = generatePassword();
      credentials.push({ user: u.username, password });
      newUsers.push({
        tenantId: tenant.id,
        username: u.username,
        displayName: u.displayName,
        enabled: true,
        groupId: u.groupId,
        passwordHash: await this.hasher.hashGenerated(password),
      });
    }
    const inserted = newUsers.length > 0 ? await tx.users.insertMany(newUsers) : [];
    const userIds = new Map([...decisions.usersByName].map(([name, u]) => [name, u.id]));
    for (const u of inserted) userIds.set(u.username, u.id);
    const newUserNames = new Set(newUsers.map((u) => u.username));
    // Positions: after a user's existing accounts; a new user's first account is the default.
    const nextPosition = new Map<string, { position: number; hasDefault: boolean }>();
    for (const desired of decisions.adds) {
      const userId = userIds.get(desired.user) as string;
      let slot = nextPosition.get(userId);
      if (slot === undefined) {
        const own = newUserNames.has(desired.user) ? [] : await tx.accounts.listByUser(userId);
        slot = {
          position: own.length === 0 ? 0 : Math.max(...own.map((a) => a.position)) + 1,
          hasDefault: own.some((a) => a.isDefault),
        };
        nextPosition.set(userId, slot);
      }
      const ident = randomBytes(8).toString('hex');
      await tx.accounts.insert({
        userId,
        ident,
        position: slot.position,
        protocol: desired.record.protocol,
        isDefault: !slot.hasDefault,
        options: serializeAccountItem(desired.item),
        sealedPassword:
          desired.record.password === undefined ? undefined : this.box.seal(desired.record.password, ident),
        sourceKey: desired.sourceKey,
        enabled: desired.record.enabled,
      });
      nextPosition.set(userId, { position: slot.position + 1, hasDefault: true });
      tick();
    }
    for (const { desired, account } of decisions.updates) {
      await tx.accounts.update(account.id, {
        protocol: desired.record.protocol,
        options: serializeAccountItem(this.merged(account, desired)),
        sealedPassword:
          desired.record.password === undefined
            ? null
            : this.box.seal(desired.record.password, account.ident),
        enabled: desired.record.enabled,
      });
      tick();
    }
    const policy = decisions.plan.missing;
    for (const account of decisions.missing) {
      if (policy === 'disable' && account.enabled) await tx.accounts.update(account.id, { enabled: false });
      if (policy === 'remove') await tx.accounts.delete(account.id);
      tick();
    }
    for (const user of decisions.usersGone) {
      if (policy === 'disable' && user.enabled) await tx.users.update(user.id, { enabled: false });
      if (policy === 'remove') await tx.users.delete(user.id);
    }
    return credentials;
  }
}

/** A refused real run: the plan travels with the error, so the adapter can still print every problem. */
export class ImportRefused extends ZprovError {
  constructor(
    readonly plan: ImportPlan,
    message: string,
  ) {
    super('invalid_input', message);
  }
}

/** Formats whose rows may name a source key of any format, or an account's ident. */
const TABLE_FORMATS: ReadonlySet<ImportFormat> = new Set(['csv', 'json']);
const IDENT_PREFIX = 'ident:';
const NAMED_KEY = new RegExp(`^(?:${[...IMPORT_FORMATS, 'ident'].join('|')}):.`);

/** `<format>:<key>`; zprov's CSV/JSON keys that already name one (pjsip:1001, ident:3f9c…) stay as they are. */
export function sourceKeyOf(format: ImportFormat, key: string): string {
  return TABLE_FORMATS.has(format) && NAMED_KEY.test(key) ? key : `${format}:${key}`;
}

/** The tenant's account an `ident:` key names. */
async function byIdent(
  store: StoreReader,
  sourceKey: string,
  usersById: ReadonlyMap<string, User>,
): Promise<Account | undefined> {
  if (!sourceKey.startsWith(IDENT_PREFIX)) return undefined;
  const account = await store.accounts.findByIdent(sourceKey.slice(IDENT_PREFIX.length));
  return account !== undefined && usersById.has(account.userId) ? account : undefined;
}

function problemAt(record: ImportedAccount, message: string, field?: string): ImportProblem {
  const at = field === undefined ? record.at : { ...record.at, field };
  return { severity: 'error', message, at, key: record.key };
}

function describeNew(desired: Desired): OptionChange[] {
  const changes: OptionChange[] = diffConfigs(
    accountItemDocument(sectionNode('account', [])),
    accountItemDocument(desired.item),
  ).map((d) => ({
    path: pathInAccountItem(d.path),
    ...(d.to === undefined ? {} : { to: d.to }),
  }));
  if (desired.record.password !== undefined) changes.push({ path: 'password', to: SECRET });
  if (!desired.record.enabled) changes.push({ path: 'enabled', to: 'false' });
  return changes;
}

/**
 * Users every one of whose accounts came from this format and is gone from the source: they have
 * nothing left to be provisioned with.
 */
async function usersLeftEmpty(
  store: StoreReader,
  gone: readonly Account[],
  seen: ReadonlySet<string>,
  prefix: string,
  usersById: ReadonlyMap<string, User>,
): Promise<User[]> {
  const result: User[] = [];
  for (const userId of new Set(gone.map((a) => a.userId))) {
    const accounts = await store.accounts.listByUser(userId);
    const allGone = accounts.every((a) => a.sourceKey?.startsWith(prefix) === true && !seen.has(a.sourceKey));
    const user = usersById.get(userId);
    if (allGone && user !== undefined) result.push(user);
  }
  return result;
}
