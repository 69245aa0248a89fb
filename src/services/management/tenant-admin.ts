// Tenants and groups.
import { PARAM_NAME, type PhoneParamNames } from '../../core/index.js';
import { ZprovError } from '../../core/errors.js';
import { isLanguage, LANGUAGES, type Language } from '../messages.js';
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
  /** The language of the texts its phones show when provisioning fails (default English). */
  readonly language?: string;
  /** URL parameter names its phones send instead of zprov's. */
  readonly phoneParams?: PhoneParamNames;
  /** Its branded apps' provider id in Zoiper's OEM portal (token links). */
  readonly oemProviderId?: string | null;
}

export interface TenantChanges {
  readonly name?: string;
  readonly deleteAccountsBeforehand?: boolean;
  readonly deleteContactServicesBeforehand?: boolean;
  readonly language?: string;
  /** Replaces the tenant's names; an empty object goes back to zprov's. */
  readonly phoneParams?: PhoneParamNames;
  /** Its branded apps' provider id in Zoiper's OEM portal (token links); null removes it. */
  readonly oemProviderId?: string | null;
}

const OEM_PROVIDER_ID = /^[A-Za-z0-9]{1,64}$/;

function checkOemProviderId(id: string | null): string | null {
  if (id !== null && !OEM_PROVIDER_ID.test(id))
    throw new ZprovError(
      'invalid_input',
      `oemProviderId: '${id}' is not a provider id (letters and digits, as Zoiper's OEM portal shows it)`,
      'oemProviderId',
    );
  return id;
}

function checkLanguage(language: string): Language {
  if (!isLanguage(language))
    throw new ZprovError(
      'invalid_input',
      `language: expected one of ${LANGUAGES.join(', ')}, got '${language}'`,
      'language',
    );
  return language;
}

/** Each name URL-safe, and no name used for two credentials. */
function checkPhoneParams(names: PhoneParamNames): PhoneParamNames {
  const seen = new Map<string, string>();
  const checked: { username?: string; password?: string; version?: string } = {};
  for (const role of ['username', 'password', 'version'] as const) {
    const name = names[role];
    if (name === undefined) continue;
    const field = `phoneParams.${role}`;
    if (!PARAM_NAME.test(name))
      throw new ZprovError(
        'invalid_input',
        `${field}: '${name}' is not a parameter name (1 to 32 of A-Z a-z 0-9 . _ ~ -)`,
        field,
      );
    const other = seen.get(name);
    if (other !== undefined)
      throw new ZprovError('invalid_input', `${field}: '${name}' is already the ${other} parameter`, field);
    seen.set(name, role);
    checked[role] = name;
  }
  return checked;
}

export class TenantAdmin {
  constructor(private readonly store: Store) {}

  async add(input: NewTenant): Promise<Tenant> {
    const slug = checkTenantSlug(input.slug, 'slug');
    const name = checkLabel(input.name ?? slug, 'name');
    const language = input.language === undefined ? undefined : checkLanguage(input.language);
    const phoneParams = input.phoneParams === undefined ? undefined : checkPhoneParams(input.phoneParams);
    const oemProviderId =
      input.oemProviderId === undefined || input.oemProviderId === null
        ? undefined
        : checkOemProviderId(input.oemProviderId);
    return this.store.write(async (tx) => {
      if ((await tx.tenants.findBySlug(slug)) !== undefined)
        throw new ZprovError('already_exists', `tenant '${slug}' already exists`, 'slug');
      return tx.tenants.insert({
        slug,
        name,
        deleteAccountsBeforehand: input.deleteAccountsBeforehand ?? true,
        deleteContactServicesBeforehand: input.deleteContactServicesBeforehand ?? false,
        ...(language === undefined ? {} : { language }),
        ...(phoneParams === undefined ? {} : { phoneParams }),
        ...(oemProviderId === null || oemProviderId === undefined ? {} : { oemProviderId }),
      });
    });
  }

  list(): Promise<Tenant[]> {
    return this.store.tenants.list();
  }

  get(slug: string): Promise<Tenant> {
    return requireTenant(this.store, slug);
  }

  /** Changes the name, the Provision.xml defaults or what its phones are told and send. */
  async update(slug: string, patch: TenantChanges): Promise<Tenant> {
    const name = patch.name === undefined ? undefined : checkLabel(patch.name, 'name');
    const language = patch.language === undefined ? undefined : checkLanguage(patch.language);
    const phoneParams = patch.phoneParams === undefined ? undefined : checkPhoneParams(patch.phoneParams);
    const oemProviderId =
      patch.oemProviderId === undefined ? undefined : checkOemProviderId(patch.oemProviderId);
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
        ...(language === undefined ? {} : { language }),
        ...(phoneParams === undefined ? {} : { phoneParams }),
        ...(oemProviderId === undefined ? {} : { oemProviderId }),
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
