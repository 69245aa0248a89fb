// What a token may see and change. A tenant admin (or a read-only token limited to a tenant) sees
// only its tenant: anything else answers 404, exactly as if it did not exist, so a token cannot learn
// which other tenants there are. A read-only token reading is fine; writing is 403.
import { ZprovError } from '../../core/errors.js';
import type { Tenant } from '../../services/model.js';
import type { Principal } from '../../services/management/token-admin.js';
import type { ApiAccess } from './api-route.js';

/** Throws forbidden when the route's access is more than the principal's role gives. */
export function checkAccess(principal: Principal, access: ApiAccess): void {
  if (access === 'read') return;
  if (principal.role === 'read-only')
    throw new ZprovError('forbidden', `token '${principal.name}' is read-only`);
  if (access === 'server-admin' && principal.role !== 'server-admin')
    throw new ZprovError(
      'forbidden',
      `only a server admin token may do this; '${principal.name}' is a ${principal.role}`,
    );
}

/** Whether the principal may see anything of this tenant. */
export const seesTenant = (principal: Principal, tenant: Pick<Tenant, 'id'>): boolean =>
  principal.tenantId === undefined || principal.tenantId === tenant.id;

/** The tenant when the principal may see it; otherwise the same not_found as a tenant that does not exist. */
export function visibleTenant<T extends Pick<Tenant, 'id' | 'slug'>>(
  principal: Principal,
  tenant: T | undefined,
  asked: string,
): T {
  if (tenant === undefined || !seesTenant(principal, tenant))
    throw new ZprovError('not_found', `no tenant '${asked}'`, 'tenant');
  return tenant;
}

/** Server-wide things (profiles, tokens, other tenants' lists) are for tokens not limited to a tenant. */
export function checkServerWide(principal: Principal, what: string): void {
  if (principal.tenantId !== undefined) throw new ZprovError('not_found', `no ${what}`);
}
