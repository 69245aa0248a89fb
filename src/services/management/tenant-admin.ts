// Tenants and groups.
import { ZprovError } from '../../core/errors.js';
import { DEFAULT_TENANT_SLUG, type Group, type Tenant } from '../model.js';
import type { Store } from '../store.js';
import { checkGroupName, checkLabel, checkTenantSlug } from './input-rules.js';
import { requireGroup, requireTenant } from './lookups.js';

export interface NewTenant {
  readonly slug: string;
  readonly name?: string;
  /** Provision.xml default for delete_accounts_beforehand (true unless told otherwise). */
  readonly deleteAccountsBeforehand?: boolean;
  readonly deleteContactServicesBeforehand?: boolean;
}

export class TenantAdmin {
  constructor(private readonly store: Store) {}

  async add(input: NewTenant): Promise<Tenant> {
    const slug = checkTenantSlug(input.slug, 'slug');
    const name = checkLabel(input.name ?? slug, 'name');
    return this.store.write(async (tx) => {
      if ((await tx.tenants.findBySlug(slug)) !== undefined)
        throw new ZprovError('already_exists', `tenant '${slug}' already exists`, 'slug');
      return tx.tenants.insert({
        slug,
        name,
        deleteAccountsBeforehand: input.deleteAccountsBeforehand ?? true,
        deleteContactServicesBeforehand: input.deleteContactServicesBeforehand ?? false,
      });
    });
  }

  list(): Promise<Tenant[]> {
    return this.store.tenants.list();
  }

  get(slug: string): Promise<Tenant> {
    return requireTenant(this.store, slug);
  }

  /** Changes the name or the Provision.xml defaults. */
  async update(
    slug: string,
    patch: {
      name?: string;
      deleteAccountsBeforehand?: boolean;
      deleteContactServicesBeforehand?: boolean;
    },
  ): Promise<Tenant> {
    const name = patch.name === undefined ? undefined : checkLabel(patch.name, 'name');
    return this.store.write(async (tx) => {
      const tenant = await requireTenant(tx, slug);
      await tx.tenants.update(tenant.id, {
        ...(name === undefined ? {} : { name }),
        ...(patch.deleteAccountsBeforehand === undefined
          ? {}
          : { deleteAccountsBeforehand: patch.deleteAccountsBeforehand }),
        ...(patch.deleteContactServicesBeforehand === undefined
          ? {}
          : { deleteContactServicesBeforehand: patch.deleteContactServicesBeforehand }),
      });
      return (await tx.tenants.findById(tenant.id)) as Tenant;
    });
  }

  /** Removes a tenant with all its groups, users and accounts. The default tenant stays. */
  async remove(slug: string): Promise<void> {
    if (slug.toLowerCase() === DEFAULT_TENANT_SLUG)
      throw new ZprovError('invalid_input', 'the default tenant cannot be removed', 'tenant');
    await this.store.write(async (tx) => {
      const tenant = await requireTenant(tx, slug);
      await tx.tenants.delete(tenant.id);
    });
  }
}

export class GroupAdmin {
  constructor(private readonly store: Store) {}

  async add(tenantSlug: string, name: string): Promise<Group> {
    checkGroupName(name);
    return this.store.write(async (tx) => {
      const tenant = await requireTenant(tx, tenantSlug);
      if ((await tx.groups.find(tenant.id, name)) !== undefined)
        throw new ZprovError(
          'already_exists',
          `group '${name}' already exists in tenant ${tenant.slug}`,
          'group',
        );
      return tx.groups.insert({ tenantId: tenant.id, name });
    });
  }

  async list(tenantSlug: string): Promise<Group[]> {
    const tenant = await requireTenant(this.store, tenantSlug);
    return this.store.groups.listByTenant(tenant.id);
  }

  /** Removes a group; its users stay in the tenant without a group. */
  async remove(tenantSlug: string, name: string): Promise<void> {
    await this.store.write(async (tx) => {
      const tenant = await requireTenant(tx, tenantSlug);
      const group = await requireGroup(tx, tenant, name);
      await tx.groups.delete(group.id);
    });
  }
}
