// Everything an administrator does, as one object the CLI (and any later admin API) is handed.
import type { Clock } from '../clock.js';
import type { PasswordHasher } from '../password-hash.js';
import type { SecretBox } from '../secret-box.js';
import { atomicStore } from '../atomic-store.js';
import type { Store } from '../store.js';
import { AccountExport } from '../import/account-export.js';
import { AccountImport } from '../import/account-import.js';
import type { ThrottleConfig } from '../login-throttle.js';
import { AccountAdmin } from './account-admin.js';
import { AdminUsers } from './admin-users.js';
import { Enrolments } from './enrolments.js';
import { ProfileAdmin } from './profile-admin.js';
import { ProvisionFileBuilder } from './provision-file-builder.js';
import { ReportAdmin } from './report-admin.js';
import { TokenAdmin } from './token-admin.js';
import { HistoryAdmin } from './history-admin.js';
import { GroupAdmin, TenantAdmin } from './tenant-admin.js';
import { UserAdmin } from './user-admin.js';

export interface ManagementService {
  readonly tenants: TenantAdmin;
  readonly groups: GroupAdmin;
  readonly profiles: ProfileAdmin;
  readonly users: UserAdmin;
  readonly accounts: AccountAdmin;
  readonly reports: ReportAdmin;
  readonly provisionFiles: ProvisionFileBuilder;
  /** PBX, CSV and JSON imports of accounts (and the users they need). */
  readonly imports: AccountImport;
  /** A tenant's accounts as zprov's CSV/JSON rows. */
  readonly exports: AccountExport;
  /** Tokens of the administration API. */
  readonly tokens: TokenAdmin;
  /** People who sign in to the web pages, and their sessions. */
  readonly admins: AdminUsers;
  /** One-time enrolment links and Zoiper OEM tokens for end users. */
  readonly enrolments: Enrolments;
  /** The change history: list, show, preview and restore revisions. */
  readonly history: HistoryAdmin;
  /**
   * Runs the calls `work` makes on this service as one transaction (AtomicStore): a check of
   * what is there and the change made on it cannot be split by another writer, in this process
   * or any other on the same database.
   */
  atomically<T>(work: () => Promise<T>): Promise<T>;
}

export interface ManagementDeps {
  readonly store: Store;
  readonly box: SecretBox;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly rotationWindowSeconds: number;
  /** Base URLs written into Provision.xml when none are given. */
  readonly defaultUrls: readonly string[];
  /** The failure limits of the web pages' sign-in: the phones' endpoint's. */
  readonly throttle: ThrottleConfig;
}

export function createManagement(deps: ManagementDeps): ManagementService {
  const store = atomicStore(deps.store);
  const users = new UserAdmin(store, deps.hasher, deps.clock, deps.rotationWindowSeconds);
  const accounts = new AccountAdmin(store, deps.box, deps.clock);
  const provisionFiles = new ProvisionFileBuilder(store, users, deps.defaultUrls);
  return {
    tenants: new TenantAdmin(store),
    groups: new GroupAdmin(store),
    profiles: new ProfileAdmin(store, deps.box),
    users,
    accounts,
    reports: new ReportAdmin(store, deps.box),
    provisionFiles,
    imports: new AccountImport(store, deps.box, deps.hasher),
    exports: new AccountExport(store, deps.box),
    tokens: new TokenAdmin(store, deps.clock),
    admins: new AdminUsers(store, deps.hasher, deps.clock, deps.throttle),
    enrolments: new Enrolments(store, users, accounts, provisionFiles, deps.clock, deps.defaultUrls),
    history: new HistoryAdmin(store, deps.box),
    atomically: (work) => store.atomically(work),
  };
}
