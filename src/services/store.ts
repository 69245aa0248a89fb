// What services need from storage. One implementation per database lives in src/storage/; services
// and tests see only these interfaces and the domain records of model.ts.
import type { PhoneParamNames } from '../core/index.js';
import type { Language } from './messages.js';
import type {
  Account,
  AccountProtocol,
  AdminRole,
  AdminSession,
  AdminUser,
  ApiToken,
  Enrolment,
  EnrolmentKind,
  Revision,
  RevisionEntity,
  AuditEntry,
  FetchState,
  Group,
  Profile,
  Tenant,
  User,
  UserCredentials,
} from './model.js';
import type { FetchOutcome } from './provisioning-contract.js';

export interface TenantReader {
  list(): Promise<Tenant[]>;
  findBySlug(slug: string): Promise<Tenant | undefined>;
  findById(id: string): Promise<Tenant | undefined>;
}

export interface TenantWriter extends TenantReader {
  insert(tenant: {
    slug: string;
    name: string;
    deleteAccountsBeforehand: boolean;
    deleteContactServicesBeforehand: boolean;
    language?: Language;
    phoneParams?: PhoneParamNames;
    oemProviderId?: string;
  }): Promise<Tenant>;
  update(
    id: string,
    patch: Partial<{
      name: string;
      profileId: string | null;
      deleteAccountsBeforehand: boolean;
      deleteContactServicesBeforehand: boolean;
      language: Language;
      phoneParams: PhoneParamNames;
      oemProviderId: string | null;
    }>,
  ): Promise<void>;
  /** Removes the tenant with its groups, users and accounts. */
  delete(id: string): Promise<void>;
}

export interface GroupReader {
  listByTenant(tenantId: string): Promise<Group[]>;
  find(tenantId: string, name: string): Promise<Group | undefined>;
  findById(id: string): Promise<Group | undefined>;
}

export interface GroupWriter extends GroupReader {
  insert(group: { tenantId: string; name: string }): Promise<Group>;
  update(id: string, patch: { profileId: string | null }): Promise<void>;
  /** Removes the group; its users stay, without a group. */
  delete(id: string): Promise<void>;
}

/** Where a profile is assigned. */
export interface ProfileAssignments {
  readonly server: boolean;
  /** Tenant slugs. */
  readonly tenants: readonly string[];
  readonly groups: readonly { tenant: string; name: string }[];
  readonly users: readonly { tenant: string; username: string }[];
}

export interface ProfileReader {
  list(): Promise<Profile[]>;
  findByName(name: string): Promise<Profile | undefined>;
  findById(id: string): Promise<Profile | undefined>;
  /** The profile every user gets first (the server-wide layer). */
  serverProfileId(): Promise<string | undefined>;
  assignments(id: string): Promise<ProfileAssignments>;
}

export interface ProfileWriter extends ProfileReader {
  insert(profile: { name: string; document: string }): Promise<Profile>;
  updateDocument(id: string, document: string): Promise<void>;
  /** null: the profile sets no account defaults. */
  updateAccountDefaults(id: string, accountDefaults: string | null): Promise<void>;
  /** null: no option of the profile is pinned to platforms. */
  updatePlatformPins(id: string, platformPins: string | null): Promise<void>;
  setServerProfile(id: string | null): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface UserListFilter {
  readonly groupId?: string;
}

/** A page of a tenant's users in username order: those after `after`, matching `search`. */
export interface UserPageQuery {
  /** Part of the username or display name, any case. */
  readonly search?: string;
  /** The previous page's last username. */
  readonly after?: string;
  /** Only the users of this group. */
  readonly groupId?: string;
  /** Only enabled (true) or disabled (false) users. */
  readonly enabled?: boolean;
  /** Z to A: `after` then means the page's users come before it. */
  readonly descending?: boolean;
  readonly limit: number;
}

export interface UserReader {
  list(tenantId: string, filter?: UserListFilter): Promise<User[]>;
  page(tenantId: string, query: UserPageQuery): Promise<User[]>;
  /** True when any tenant has a user. */
  exist(): Promise<boolean>;
  find(tenantId: string, username: string): Promise<User | undefined>;
  findById(id: string): Promise<User | undefined>;
  credentials(userId: string): Promise<UserCredentials | undefined>;
  /** The user and their stored password forms by id. */
  findLoginById(userId: string): Promise<{ user: User; credentials: UserCredentials } | undefined>;
  /** The user and their stored password forms in one read (the provisioning path). */
  findLogin(
    tenantId: string,
    username: string,
  ): Promise<{ user: User; credentials: UserCredentials } | undefined>;
}

export interface NewUser {
  readonly tenantId: string;
  readonly username: string;
  readonly displayName: string;
  readonly enabled: boolean;
  readonly groupId: string | undefined;
  readonly passwordHash: string | undefined;
}

export interface UserWriter extends UserReader {
  insert(user: NewUser): Promise<User>;
  /** Many users in one statement batch (bulk import); returns them as inserted, in the order given. */
  insertMany(users: readonly NewUser[]): Promise<User[]>;
  update(
    id: string,
    patch: Partial<{
      displayName: string;
      enabled: boolean;
      groupId: string | null;
      profileId: string | null;
      /** When the user was revoked; null takes a revocation back. */
      revokedAt: string | null;
    }>,
  ): Promise<void>;
  setCredentials(userId: string, credentials: UserCredentials): Promise<void>;
  /** Removes the user with their accounts. */
  delete(id: string): Promise<void>;
}

export interface AccountReader {
  /** The user's accounts in position order. */
  listByUser(userId: string): Promise<Account[]>;
  findByIdent(ident: string): Promise<Account | undefined>;
  findById(id: string): Promise<Account | undefined>;
  /** The tenant's accounts whose source key starts with `prefix` (`pjsip:`), with their user's id. */
  listImported(tenantId: string, prefix: string): Promise<Account[]>;
  /** The distinct first `length` characters of the sealed passwords stored (which key sealed them). */
  sealedPrefixes(length: number): Promise<string[]>;
}

export interface AccountWriter extends AccountReader {
  insert(account: {
    userId: string;
    ident: string;
    position: number;
    protocol: AccountProtocol;
    isDefault: boolean;
    options: string;
    sealedPassword: string | undefined;
    sourceKey?: string;
    enabled?: boolean;
  }): Promise<Account>;
  update(
    id: string,
    patch: Partial<{
      position: number;
      protocol: AccountProtocol;
      isDefault: boolean;
      options: string;
      sealedPassword: string | null;
      enabled: boolean;
    }>,
  ): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface ApiTokenReader {
  list(): Promise<ApiToken[]>;
  findById(id: string): Promise<ApiToken | undefined>;
  findByName(name: string): Promise<ApiToken | undefined>;
}

export interface ApiTokenWriter extends ApiTokenReader {
  insert(token: {
    id: string;
    name: string;
    role: AdminRole;
    tenantId: string | undefined;
    secretHash: string;
  }): Promise<ApiToken>;
  delete(id: string): Promise<void>;
}

export interface AdminUserReader {
  list(): Promise<AdminUser[]>;
  findById(id: string): Promise<AdminUser | undefined>;
  findByName(name: string): Promise<AdminUser | undefined>;
}

export interface AdminUserWriter extends AdminUserReader {
  insert(admin: {
    id: string;
    name: string;
    role: AdminRole;
    tenantId: string | undefined;
    passwordHash: string;
  }): Promise<AdminUser>;
  updatePassword(id: string, passwordHash: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * Signed-in browsers. Written outside write(): signing in is not a management change, so it neither
 * bumps the data generation nor enters the history.
 */
export interface AdminSessionStore {
  insert(session: AdminSession): Promise<void>;
  find(id: string): Promise<AdminSession | undefined>;
  touch(id: string, at: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** Every session of one person (a new password, a removed person). */
  deleteForAdmin(adminUserId: string): Promise<void>;
  /** Sessions last seen before `before` (ISO time); returns how many went. */
  deleteIdleSince(before: string): Promise<number>;
}

/** One-time enrolment secrets, outside write() like sessions: handing one out changes no configuration. */
export interface EnrolmentStore {
  insert(enrolment: Omit<Enrolment, 'usedAt'>): Promise<void>;
  find(id: string): Promise<Enrolment | undefined>;
  /** Marks it used when it is of that kind, unused and unexpired at `at`; undefined when it was not. */
  take(id: string, kind: EnrolmentKind, at: string): Promise<Enrolment | undefined>;
  /** Newest first. */
  listByUser(userId: string): Promise<Enrolment[]>;
  /** Those that expired before `before`; returns how many went. */
  deleteExpiredBefore(before: string): Promise<number>;
}

/** A document as some device last fetched it, sealed. */
export interface ServedDocument {
  readonly hash: string;
  readonly sealed: string;
  readonly at: string;
}

/**
 * The documents devices hold, by hash, so that what a device holds can be compared with what it
 * would be served now. Written outside write(), in batches, like the audit log.
 */
export interface ServedDocumentStore {
  /** Keeps those not kept yet (a hash already kept is left as it is). */
  keep(documents: readonly ServedDocument[]): Promise<void>;
  /** The sealed document, if kept. */
  find(hash: string): Promise<string | undefined>;
  /**
   * Forgets the documents kept before `before` (ISO time) that no device's last fetch names any
   * more; returns how many went. Newer ones stay: their devices' states may not be written yet.
   */
  pruneUnreferenced(before: string): Promise<number>;
}

export interface RevisionQuery {
  readonly tenantId?: string;
  readonly entityId?: string;
  readonly entity?: RevisionEntity;
  /** Only revisions before this seq (paging back in time). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

export interface RevisionReader {
  /** Most recent first. */
  list(query: RevisionQuery): Promise<Revision[]>;
  find(seq: number): Promise<Revision | undefined>;
}

export interface RevisionWriter extends RevisionReader {
  append(revisions: readonly Omit<Revision, 'seq'>[]): Promise<void>;
}

export interface AuditQuery {
  readonly tenantId?: string;
  readonly userId?: string;
  readonly limit: number;
}

/** A page of the audit log, most recent first, for the administration API. */
export interface AuditPageQuery extends AuditQuery {
  readonly outcome?: FetchOutcome;
  /** Only entries at or after this ISO time. */
  readonly since?: string;
  /** Only entries recorded before the one with this id (the previous page's last). */
  readonly beforeId?: number;
}

/** An audit entry with the key it was stored under, which orders entries and pages them. */
export interface AuditRecord {
  readonly id: number;
  readonly entry: AuditEntry;
}

/** Audit entries and fetch states: written in batches by the provisioning path, never in a write(). */
export interface AuditLog {
  /**
   * One transaction: appends the entries and upserts the fetch states (at most one per device), then
   * keeps only each of those users' MAX_DEVICES_PER_USER most recent devices.
   */
  appendBatch(entries: readonly AuditEntry[], fetchStates: readonly FetchState[]): Promise<void>;
  /** Most recent first. */
  recent(query: AuditQuery): Promise<AuditEntry[]>;
  /** Most recent first, with their ids: what a cursor continues from. */
  page(query: AuditPageQuery): Promise<AuditRecord[]>;
  /** Each user's devices, the most recently seen first; users never served are absent. */
  fetchStates(userIds: readonly string[]): Promise<Map<string, FetchState[]>>;
  /**
   * Deletes entries recorded before `before` (ISO time) among the `limit` oldest, in one statement;
   * returns how many went. Call again while it returns `limit`.
   */
  pruneOldest(before: string, limit: number): Promise<number>;
}

export interface StoreReader {
  readonly tenants: TenantReader;
  readonly groups: GroupReader;
  readonly profiles: ProfileReader;
  readonly users: UserReader;
  readonly accounts: AccountReader;
  readonly tokens: ApiTokenReader;
  readonly adminUsers: AdminUserReader;
  readonly revisions: RevisionReader;
}

export interface StoreWriter {
  readonly tenants: TenantWriter;
  readonly groups: GroupWriter;
  readonly profiles: ProfileWriter;
  readonly users: UserWriter;
  readonly accounts: AccountWriter;
  readonly tokens: ApiTokenWriter;
  readonly adminUsers: AdminUserWriter;
  readonly revisions: RevisionWriter;
}

export interface WriteOptions {
  /**
   * The work decides on what it reads in the transaction (an If-Match check before the change):
   * no other transaction may change that in between. SQLite's write transactions are serial
   * anyway; PostgreSQL runs this one SERIALIZABLE and runs the work again when a concurrent
   * transaction conflicted with it, so the second decision sees what the first one committed.
   */
  readonly serializable?: boolean;
}

export interface Store extends StoreReader {
  readonly audit: AuditLog;
  readonly sessions: AdminSessionStore;
  readonly enrolments: EnrolmentStore;
  readonly servedDocuments: ServedDocumentStore;
  /**
   * Runs `work` in one write transaction (all or nothing) and bumps the data generation with it, so
   * every process serving from this database notices that rendered documents may have changed.
   */
  write<T>(work: (tx: StoreWriter) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** A number that changes with every committed write(); cheap to read. */
  generation(): Promise<number>;
  /**
   * Records that a token was used, at most once a minute per token: outside write(), so it neither
   * bumps the data generation nor waits behind a management write for long.
   */
  touchToken(id: string, at: string): Promise<void>;
  /** Storage is reachable and answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The same store with its write transaction wrapped (history recording, cache notification). */
export function withWrite(store: Store, write: Store['write']): Store {
  return {
    tenants: store.tenants,
    groups: store.groups,
    profiles: store.profiles,
    users: store.users,
    accounts: store.accounts,
    tokens: store.tokens,
    adminUsers: store.adminUsers,
    revisions: store.revisions,
    audit: store.audit,
    sessions: store.sessions,
    enrolments: store.enrolments,
    servedDocuments: store.servedDocuments,
    touchToken: (id, at) => store.touchToken(id, at),
    generation: () => store.generation(),
    ping: () => store.ping(),
    close: () => store.close(),
    write,
  };
}
