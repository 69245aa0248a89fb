// Kysely table types: the rows as the database holds them. Internal to src/storage/; repositories map
// them to the domain records of services/model.ts. Booleans are 0/1 integers and times ISO-8601 text
// so the same SQL runs on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  delete_accounts: number;
  delete_contact_services: number;
  profile_id: string | null;
  created_at: string;
  /** Null: English. */
  language: string | null;
  /** JSON of PhoneParamNames; null: zprov's names only. */
  phone_params: string | null;
  /** Zoiper OEM provider id of its branded apps; null: none. */
  oem_provider_id: string | null;
}

export interface GroupsTable {
  id: string;
  tenant_id: string;
  name: string;
  profile_id: string | null;
  created_at: string;
}

export interface ProfilesTable {
  id: string;
  name: string;
  document: string;
  /** An account item's Config.xml text: options for every account of the profile's users. */
  account_defaults: string | null;
  /** JSON: profile path → the platforms it is for (core/config/platform-pins.ts); null when none. */
  platform_pins: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  enabled: number;
  group_id: string | null;
  profile_id: string | null;
  password_hash: string | null;
  previous_password_hash: string | null;
  previous_valid_until: string | null;
  created_at: string;
  updated_at: string;
  /** When the user was revoked (zprov user revoke); null while they are not. */
  revoked_at: string | null;
}

export interface AccountsTable {
  id: string;
  user_id: string;
  ident: string;
  position: number;
  protocol: string;
  is_default: number;
  options: string;
  sealed_password: string | null;
  /** `<format>:<key>` for an imported account. */
  source_key: string | null;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** Single row (id = 1): the data generation and the server-wide profile. */
export interface ServerStateTable {
  id: number;
  /** bigint: PostgreSQL returns it as text, SQLite as a number. */
  generation: string | number;
  server_profile_id: string | null;
}

export interface AuditLogTable {
  id: Generated<string | number>;
  at: string;
  tenant: string;
  username: string;
  user_id: string | null;
  client_address: string;
  user_agent: string | null;
  client_version: string | null;
  transport: string;
  outcome: string;
  document_hash: string | null;
  password_used: string | null;
  /** Null for the Desktop document (and for fetches logged before platforms were told apart). */
  platform: string | null;
}

/** The last fetch of each of a user's devices: one row per (user, platform, user agent). */
export interface DeviceFetchStateTable {
  user_id: string;
  /** desktop, android or ios. */
  platform: string;
  /** As the phone sent it, cut to a bound; '' when it sent none. */
  user_agent: string;
  client_version: string | null;
  last_fetch_at: string;
  last_document_hash: string;
  last_client_address: string;
  last_password_id: string | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  tenant_id: string | null;
  /** sha256 hex of the token's secret part. */
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface AdminUsersTable {
  id: string;
  name: string;
  role: string;
  tenant_id: string | null;
  /** scrypt, as every password zprov keeps. */
  password_hash: string;
  created_at: string;
  updated_at: string;
}

export interface AdminSessionsTable {
  /** sha256 hex of the cookie's secret. */
  id: string;
  admin_user_id: string;
  created_at: string;
  last_seen_at: string;
}

export interface EnrolmentsTable {
  /** sha256 hex of the secret. */
  id: string;
  kind: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ServedDocumentsTable {
  /** sha256 hex of the document as served. */
  hash: string;
  /** The document, sealed (it holds SIP passwords). */
  sealed: string;
  first_served_at: string;
}

export interface RevisionsTable {
  /** Assigned by the database: the order changes were committed in. */
  seq: Generated<number>;
  at: string;
  actor: string;
  tenant_id: string | null;
  entity: string;
  entity_id: string;
  label: string;
  action: string;
  before: string | null;
  after: string | null;
  changes: string;
}

export interface Database {
  api_tokens: ApiTokensTable;
  admin_users: AdminUsersTable;
  admin_sessions: AdminSessionsTable;
  enrolments: EnrolmentsTable;
  served_documents: ServedDocumentsTable;
  revisions: RevisionsTable;
  tenants: TenantsTable;
  user_groups: GroupsTable;
  profiles: ProfilesTable;
  users: UsersTable;
  accounts: AccountsTable;
  server_state: ServerStateTable;
  audit_log: AuditLogTable;
  device_fetch_state: DeviceFetchStateTable;
}

export type SqlDialectName = 'sqlite' | 'postgres';
