// The provisioning server's domain records, as services and adapters see them. Storage maps its rows
// to these and back; row types never leave src/storage/.
import type { PhoneParamNames, ZoiperPlatform } from '../core/index.js';
import type { Language } from './messages.js';
import type { FetchOutcome } from './provisioning-contract.js';

export type AccountProtocol = 'sip' | 'iax2';
export const ACCOUNT_PROTOCOLS: readonly AccountProtocol[] = ['sip', 'iax2'];

/** A tenant: an organisation with its own users, groups and provisioning URL (/t/<slug>/provision). */
export interface Tenant {
  readonly id: string;
  /** Lower-case URL segment; the tenant `default` always exists. */
  readonly slug: string;
  readonly name: string;
  /** What Provision.xml files for this tenant say by default (delete_accounts_beforehand). */
  readonly deleteAccountsBeforehand: boolean;
  /** The same for delete_contact_services_beforehand. */
  readonly deleteContactServicesBeforehand: boolean;
  /** Profile layered over the server-wide one for every user of the tenant. */
  readonly profileId: string | undefined;
  readonly createdAt: string;
  /** The language of the texts its phones show when provisioning fails. */
  readonly language: Language;
  /** Parameter names its phones send instead of zprov's (read at its own path); none by default. */
  readonly phoneParams: PhoneParamNames;
  /** Its branded apps' provider id in Zoiper's OEM portal, for token links; none by default. */
  readonly oemProviderId?: string | undefined;
}

export const DEFAULT_TENANT_SLUG = 'default';

export interface Group {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly profileId: string | undefined;
  readonly createdAt: string;
}

/** A named set of Config.xml options, stored as Config.xml text the core wrote and validated. */
export interface Profile {
  readonly id: string;
  readonly name: string;
  /** Config.xml text (root <options>) holding only the options this profile sets. */
  readonly document: string;
  /**
   * Options for every account of the users the profile applies to: one account item's Config.xml
   * text (core/config/account-defaults.ts); undefined when the profile sets none.
   */
  readonly accountDefaults: string | undefined;
  /**
   * Options meant for some platforms only, as JSON (core/config/platform-pins.ts): left out of
   * the documents of the other platforms. Undefined when the profile pins none.
   */
  readonly platformPins?: string | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface User {
  readonly id: string;
  readonly tenantId: string;
  /** The provisioning username the phone sends; unique within the tenant, case-sensitive. */
  readonly username: string;
  readonly displayName: string;
  readonly enabled: boolean;
  readonly groupId: string | undefined;
  readonly profileId: string | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * When `zprov user revoke` took the user's accounts away: from then on each of the user's devices
   * is served a document removing them once, then refused. Undefined while not revoked.
   */
  readonly revokedAt?: string | undefined;
}

/** The stored forms of a user's provisioning password (see password-hash.ts). */
export interface UserCredentials {
  /** Encoded slow hash of the current password; undefined until a password is set. */
  readonly passwordHash: string | undefined;
  /** The hash before the last change, accepted until previousValidUntil (rotation window). */
  readonly previousPasswordHash: string | undefined;
  /** ISO time after which the previous password stops working. */
  readonly previousValidUntil: string | undefined;
}

export interface Account {
  readonly id: string;
  readonly userId: string;
  /** Stable identity in the phone: assigned once at creation, never derived from other fields. */
  readonly ident: string;
  /** Order among the user's accounts, from 0. */
  readonly position: number;
  readonly protocol: AccountProtocol;
  /** The one account rendered as general/account. */
  readonly isDefault: boolean;
  /**
   * Config.xml text holding one <accounts><account> item with every option the account sets, except
   * its ident and password (kept apart: the ident in its own column, the password encrypted).
   */
  readonly options: string;
  /** The SIP/IAX password sealed by secret-box.ts; undefined when the account has none. */
  readonly sealedPassword: string | undefined;
  /** `<format>:<key>` when the account came from an import (pjsip:1001): what a re-import matches. */
  readonly sourceKey: string | undefined;
  /** A disabled account is kept but not served (an import's `--missing disable`). */
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What an administration API token may do. */
export type AdminRole = 'server-admin' | 'tenant-admin' | 'read-only';
export const ADMIN_ROLES: readonly AdminRole[] = ['server-admin', 'tenant-admin', 'read-only'];

/** A token of the administration API; only a hash of its secret is kept. */
export interface ApiToken {
  readonly id: string;
  /** Unique; what the change history and the logs name the token by. */
  readonly name: string;
  readonly role: AdminRole;
  /** A tenant admin's tenant (a read-only token may be limited to one too); undefined: every tenant. */
  readonly tenantId: string | undefined;
  readonly secretHash: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | undefined;
}

/** A person who signs in to the web pages: the same roles as API tokens. */
export interface AdminUser {
  readonly id: string;
  /** Unique; what the change history and the logs name the person by. */
  readonly name: string;
  readonly role: AdminRole;
  /** A tenant admin's tenant (a read-only person may be limited to one too); undefined: every tenant. */
  readonly tenantId: string | undefined;
  /** As every password zprov keeps: scrypt (services/password-hash.ts). */
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A signed-in browser: the cookie holds a secret, the database only its SHA-256. */
export interface AdminSession {
  /** sha256 hex of the cookie's secret. */
  readonly id: string;
  readonly adminUserId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
}

/** An enrolment link's page, or a Zoiper OEM token. */
export type EnrolmentKind = 'link' | 'token';

/** A one-time secret handed to an end user (services/management/enrolments.ts). */
export interface Enrolment {
  /** sha256 hex of the secret. */
  readonly id: string;
  readonly kind: EnrolmentKind;
  readonly userId: string;
  /** Who made it, as the history names actors. */
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** When it was used; it works once. */
  readonly usedAt: string | undefined;
}

/** What the change history keeps records of. */
export type RevisionEntity =
  'tenant' | 'group' | 'profile' | 'user' | 'account' | 'token' | 'admin' | 'server';

/** One change, as the history keeps it. */
export interface Revision {
  /** The order changes were committed in, across every adapter and process. */
  readonly seq: number;
  readonly at: string;
  /** Who: `cli:<os user>`, `token:<name>`, or `server`. */
  readonly actor: string;
  /** The tenant the record belongs to; undefined for server-wide records (profiles, tokens). */
  readonly tenantId: string | undefined;
  readonly entity: RevisionEntity;
  readonly entityId: string;
  /** How a person names the record: `acme`, `acme/alice`, `acme/alice/3f9c…`, a profile's name. */
  readonly label: string;
  /** `reveal`: a password was shown in clear (the API's ?reveal=true); nothing changed. */
  readonly action: 'create' | 'update' | 'delete' | 'restore' | 'reveal';
  /** The record before and after, as JSON (passwords only sealed or hashed-out); undefined on create/delete. */
  readonly before: string | undefined;
  readonly after: string | undefined;
  /** What changed, as `path: from -> to` entries with secrets masked. */
  readonly changes: readonly RevisionChange[];
}

export interface RevisionChange {
  readonly path: string;
  readonly from?: string;
  readonly to?: string;
}

/** One provisioning request, as recorded. */
/**
 * Which of a user's passwords a served fetch matched: the current one, or the previous one while a
 * rotation's window is open (the phone still holds the old Provision.xml).
 */
export type PasswordUsed = 'current' | 'previous';

export interface AuditEntry {
  readonly at: string;
  /** Tenant slug the request resolved to (or named, when it names no tenant). */
  readonly tenant: string;
  readonly username: string;
  /** Set when the username resolved to a user (also for failures). */
  readonly userId: string | undefined;
  readonly clientAddress: string;
  readonly userAgent: string | undefined;
  /** The mobile apps' version parameter, when sent. */
  readonly clientVersion: string | undefined;
  readonly transport: 'url' | 'basic';
  readonly outcome: FetchOutcome;
  /** sha256 hex of the document served. */
  readonly documentHash: string | undefined;
  /** For a served fetch: which password it matched, as things stood then. */
  readonly passwordUsed?: PasswordUsed | undefined;
  /** For a served fetch: passwordId() of the stored hash it matched. */
  readonly passwordId?: string | undefined;
  /** Whose document the request asked for (its path); Desktop when absent. */
  readonly platform?: ZoiperPlatform | undefined;
}

/**
 * One of a user's devices: the user's phones are told apart by the platform whose document they ask
 * for and the User-Agent they send. A phone whose app is updated sends a new User-Agent and shows as
 * a new device; the storage keeps a user's most recent MAX_DEVICES_PER_USER.
 */
export interface DeviceKey {
  readonly platform: ZoiperPlatform;
  /** As sent, cut to MAX_USER_AGENT characters; '' when the phone sent none. */
  readonly userAgent: string;
}

/** How many devices per user the fetch state keeps: the most recently seen ones. */
export const MAX_DEVICES_PER_USER = 8;
/** What of a User-Agent the audit log and the fetch state keep: enough to tell phones apart. */
export const MAX_USER_AGENT = 256;

/** The device a request comes from. */
export const deviceOf = (platform: ZoiperPlatform | undefined, userAgent: string | undefined): DeviceKey => ({
  platform: platform ?? 'desktop',
  userAgent: userAgent === undefined ? '' : userAgent.slice(0, MAX_USER_AGENT),
});

/** The last document one of a user's devices picked up. */
export interface FetchState extends DeviceKey {
  readonly userId: string;
  /** The mobile apps' version parameter that fetch sent, if any. */
  readonly clientVersion?: string | undefined;
  readonly lastFetchAt: string;
  readonly lastDocumentHash: string;
  readonly lastClientAddress: string;
  /**
   * passwordId() of the hash that fetch matched: compared with the user's hashes now, it tells
   * whether the phone holds the current password, the previous one, or one replaced since. Undefined
   * for fetches recorded before zprov kept it.
   */
  readonly lastPasswordId?: string | undefined;
}
