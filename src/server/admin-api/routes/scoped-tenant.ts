// The tenant a tenant-scoped route names, as the principal may see it: a tenant it may not see is
// not_found exactly like one that does not exist (see access.ts).
import type { ManagementService } from '../../../services/management/management-service.js';
import type { Principal } from '../../../services/management/token-admin.js';
import type { Tenant } from '../../../services/model.js';
import { visibleTenant } from '../access.js';
import { unlessNotFound } from './route-support.js';

export async function scopedTenant(
  management: ManagementService,
  principal: Principal,
  slug: string,
): Promise<Tenant> {
  return visibleTenant(principal, await unlessNotFound(management.tenants.get(slug)), slug);
}
