// Finding what a command names, or failing with not_found naming the field.
import { ZprovError } from '../../core/errors.js';
import type { Account, Group, Profile, Tenant, User } from '../model.js';
import type { StoreReader } from '../store.js';

export async function requireTenant(store: StoreReader, slug: string): Promise<Tenant> {
  const tenant = await store.tenants.findBySlug(slug.toLowerCase());
  if (tenant === undefined) throw new ZprovError('not_found', `no tenant '${slug}'`, 'tenant');
  return tenant;
}

export async function requireGroup(store: StoreReader, tenant: Tenant, name: string): Promise<Group> {
  const group = await store.groups.find(tenant.id, name);
  if (group === undefined)
    throw new ZprovError('not_found', `no group '${name}' in tenant ${tenant.slug}`, 'group');
  return group;
}

export async function requireProfile(store: StoreReader, name: string): Promise<Profile> {
  const profile = await store.profiles.findByName(name);
  if (profile === undefined) throw new ZprovError('not_found', `no profile '${name}'`, 'profile');
  return profile;
}

export async function requireUser(store: StoreReader, tenant: Tenant, username: string): Promise<User> {
  const user = await store.users.find(tenant.id, username);
  if (user === undefined)
    throw new ZprovError('not_found', `no user '${username}' in tenant ${tenant.slug}`, 'user');
  return user;
}

/**
 * Idents are unique across tenants, so the tenant is optional; given, it must be the account's (a
 * script that names the tenant everywhere gets a refusal, not another tenant's account).
 */
export async function requireAccount(
  store: StoreReader,
  ident: string,
  tenantSlug?: string,
): Promise<Account> {
  const account = await store.accounts.findByIdent(ident);
  if (account === undefined) throw new ZprovError('not_found', `no account with ident '${ident}'`, 'account');
  if (tenantSlug !== undefined) {
    const user = await store.users.findById(account.userId);
    const tenant = user && (await store.tenants.findById(user.tenantId));
    if (tenant?.slug !== tenantSlug.toLowerCase())
      throw new ZprovError('not_found', `no account '${ident}' in tenant '${tenantSlug}'`, 'ident');
  }
  return account;
}
