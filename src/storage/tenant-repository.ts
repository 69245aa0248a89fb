// Tenants over SQL.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { PhoneParamNames } from '../core/index.js';
import type { Tenant } from '../services/model.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../services/messages.js';
import type { TenantWriter } from '../services/store.js';
import type { Database, TenantsTable } from './database-tables.js';
import { fromFlag, optional, toFlag, type Now } from './row-values.js';

const toTenant = (row: Selectable<TenantsTable>): Tenant => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  deleteAccountsBeforehand: fromFlag(row.delete_accounts),
  deleteContactServicesBeforehand: fromFlag(row.delete_contact_services),
  profileId: optional(row.profile_id),
  createdAt: row.created_at,
  language: row.language !== null && isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
  phoneParams: phoneParamsOf(row.phone_params),
  oemProviderId: optional(row.oem_provider_id),
});

/** Only the three names, each a string: a hand-edited row cannot put anything else in. */
function phoneParamsOf(text: string | null): PhoneParamNames {
  if (text === null) return {};
  const value = JSON.parse(text) as Record<string, unknown>;
  const names: { username?: string; password?: string; version?: string } = {};
  for (const key of ['username', 'password', 'version'] as const)
    if (typeof value[key] === 'string') names[key] = value[key];
  return names;
}

const phoneParamsColumn = (names: PhoneParamNames): string | null =>
  Object.keys(names).length === 0 ? null : JSON.stringify(names);

export class SqlTenantRepository implements TenantWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: Now,
  ) {}

  async list(): Promise<Tenant[]> {
    const rows = await this.db.selectFrom('tenants').selectAll().orderBy('slug').execute();
    return rows.map(toTenant);
  }

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const row = await this.db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && toTenant(row);
  }

  async findById(id: string): Promise<Tenant | undefined> {
    const row = await this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTenant(row);
  }

  async insert(tenant: {
    slug: string;
    name: string;
    deleteAccountsBeforehand: boolean;
    deleteContactServicesBeforehand: boolean;
    language?: Language;
    phoneParams?: PhoneParamNames;
    oemProviderId?: string;
  }): Promise<Tenant> {
    const row = {
      id: randomUUID(),
      slug: tenant.slug,
      name: tenant.name,
      delete_accounts: toFlag(tenant.deleteAccountsBeforehand),
      delete_contact_services: toFlag(tenant.deleteContactServicesBeforehand),
      profile_id: null,
      created_at: this.now(),
      language:
        tenant.language === undefined || tenant.language === DEFAULT_LANGUAGE ? null : tenant.language,
      phone_params: phoneParamsColumn(tenant.phoneParams ?? {}),
      oem_provider_id: tenant.oemProviderId ?? null,
    };
    await this.db.insertInto('tenants').values(row).execute();
    return toTenant(row);
  }

  async update(
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
  ): Promise<void> {
    const values: Partial<TenantsTable> = {};
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.profileId !== undefined) values.profile_id = patch.profileId;
    if (patch.deleteAccountsBeforehand !== undefined)
      values.delete_accounts = toFlag(patch.deleteAccountsBeforehand);
    if (patch.deleteContactServicesBeforehand !== undefined)
      values.delete_contact_services = toFlag(patch.deleteContactServicesBeforehand);
    if (patch.language !== undefined)
      values.language = patch.language === DEFAULT_LANGUAGE ? null : patch.language;
    if (patch.phoneParams !== undefined) values.phone_params = phoneParamsColumn(patch.phoneParams);
    if (patch.oemProviderId !== undefined) values.oem_provider_id = patch.oemProviderId;
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable('tenants').set(values).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('tenants').where('id', '=', id).execute();
  }
}
