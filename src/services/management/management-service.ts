// Everything an administrator does, as one object the CLI (and any later admin API) is handed.
import type { Clock } from '../clock.js';
import type { PasswordHasher } from '../password-hash.js';
import type { SecretBox } from '../secret-box.js';
import type { Store } from '../store.js';
import { AccountExport } from '../import/account-export.js';
import { AccountImport } from '../import/account-import.js';
import { AccountAdmin } from './account-admin.js';
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
  /** The change history: list, show, preview and restore revisions. */
  readonly history: HistoryAdmin;
}

export interface ManagementDeps {
  readonly store: Store;
  readonly box: SecretBox;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly rotationWindowSeconds: number;
  /** Base URLs written into provision.xml when none are given. */
  readonly defaultUrls: readonly string[];
}

export function createManagement(deps: ManagementDeps): ManagementService {
  const users = new UserAdmin(deps.store, deps.hasher, deps.clock, deps.rotationWindowSeconds);
  return {
    tenants: new TenantAdmin(deps.store),
    groups: new GroupAdmin(deps.store),
    profiles: new ProfileAdmin(deps.store, deps.box),
    users,
    accounts: new AccountAdmin(deps.store, deps.box, deps.clock),
    reports: new ReportAdmin(deps.store, deps.box),
    provisionFiles: new ProvisionFileBuilder(deps.store, users, deps.defaultUrls),
    imports: new AccountImport(deps.store, deps.box, deps.hasher),
    exports: new AccountExport(deps.store, deps.box),
    tokens: new TokenAdmin(deps.store, deps.clock),
    history: new HistoryAdmin(deps.store, deps.box),
  };
}
