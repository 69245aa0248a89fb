// Provision.xml for a tenant: where the phone fetches its configuration and how it authenticates.
// Base URLs are the server's public URLs (failover order) + the tenant's provisioning path; with URL
// authentication the phone substitutes [user] and [pass] into ?user=[user]&pass=[pass].
//
// URL-breaking characters: the vendor does not say whether the phone percent-encodes what it
// substitutes, so zprov refuses a preset password (or username) with characters outside A-Z a-z 0-9
// . _ ~ - for URL authentication in plain format. The MD5 format is always safe (hex digits), as
// are passwords zprov generates (letters and digits) and HTTP Basic authentication.
import {
  PASSWORD_FORMAT,
  passwordOnWire,
  readProvision,
  serializeProvision,
  MOBILE_URL_QUERY,
  URL_AUTH_QUERY,
  ZprovError,
  type ProvisionDocument,
  type ZoiperPlatform,
} from '../../core/index.js';
import { provisionPath } from '../provisioning-contract.js';
import type { Store } from '../store.js';
import { isUrlSafe } from './input-rules.js';
import { requireTenant } from './lookups.js';
import type { UserAdmin } from './user-admin.js';

export interface ProvisionFileRequest {
  readonly tenant: string;
  /** Base URLs in failover order; default: the configured public URLs. */
  readonly urls?: readonly string[];
  readonly auth?: 'url' | 'basic';
  /** md5 (default): the preset password is written as its MD5 hex; plain: as is. */
  readonly passwordFormat?: 'md5' | 'plain';
  /** Preset credentials written into the file ... */
  readonly user?: string;
  readonly password?: string;
  /** ... or the phone asks its user for them (the default without --user). */
  readonly userInput?: boolean;
  /** Overrides the tenant's delete_accounts_beforehand default with false. */
  readonly keepAccounts?: boolean;
  /** Overrides the tenant's delete_contact_services_beforehand default with true. */
  readonly deleteContactServices?: boolean;
}

export interface ProvisionFile {
  readonly text: string;
  readonly document: ProvisionDocument;
  readonly warnings: readonly string[];
}

function invalid(field: string, message: string): never {
  throw new ZprovError('invalid_input', `${field}: ${message}`, field);
}

export function provisioningUrl(
  base: string,
  tenantSlug: string,
  auth: 'url' | 'basic',
  platform: ZoiperPlatform = 'desktop',
): string {
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    invalid('url', `'${base}' is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    invalid('url', `'${base}' is not http:// or https://`);
  if (parsed.search !== '' || parsed.hash !== '')
    invalid('url', `'${base}' must not carry a query or fragment`);
  if (parsed.username !== '' || parsed.password !== '')
    invalid('url', `'${base}' must not carry credentials`);
  const path = `${base.replace(/\/+$/, '')}${provisionPath(tenantSlug, platform)}`;
  if (platform !== 'desktop') return `${path}${MOBILE_URL_QUERY}`;
  return `${path}${auth === 'url' ? URL_AUTH_QUERY : ''}`;
}

export class ProvisionFileBuilder {
  constructor(
    private readonly store: Store,
    private readonly users: UserAdmin,
    private readonly defaultUrls: readonly string[],
  ) {}

  /**
   * A tenant's provisioning URL for one platform, one per base URL: for Desktop as Provision.xml
   * writes it (URL authentication), for an app the template its brand is built with.
   */
  async urlTemplates(
    tenantSlug: string,
    platform: ZoiperPlatform,
    urls: readonly string[] = [],
  ): Promise<string[]> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const bases = urls.length > 0 ? urls : this.defaultUrls;
    if (bases.length === 0) invalid('url', 'no base URL: pass --url or configure publicUrls');
    return bases.map((base) => provisioningUrl(base, tenant.slug, 'url', platform));
  }

  async build(request: ProvisionFileRequest): Promise<ProvisionFile> {
    const tenant = await requireTenant(this.store, request.tenant);
    const auth = request.auth ?? 'url';
    const format = request.passwordFormat === 'plain' ? PASSWORD_FORMAT.PLAIN : PASSWORD_FORMAT.MD5;
    const urls = request.urls !== undefined && request.urls.length > 0 ? request.urls : this.defaultUrls;
    if (urls.length === 0) invalid('url', 'no base URL: pass --url or configure publicUrls');
    const preset = request.user !== undefined && request.userInput !== true;
    if (request.user !== undefined && request.userInput === true)
      invalid('user', 'preset credentials (--user) and --user-input exclude each other');
    let user = '';
    let password = '';
    if (preset) {
      user = request.user;
      if (request.password === undefined) invalid('password', 'preset credentials need the password too');
      if (!(await this.users.checkPassword(tenant.slug, user, request.password)))
        invalid(
          'password',
          `is not the current provisioning password of user '${user}' in tenant ${tenant.slug}`,
        );
      if (auth === 'url' && !isUrlSafe(user))
        invalid('user', `'${user}' holds characters that may break the URL; use --auth basic for this user`);
      if (auth === 'url' && format === PASSWORD_FORMAT.PLAIN && !isUrlSafe(request.password))
        invalid(
          'password',
          'holds characters that may break the URL in plain format; use --password-format md5 (hex digits are URL-safe), --auth basic, or set a generated password',
        );
      password = passwordOnWire(request.password, format);
    }
    const document: ProvisionDocument = {
      kind: 'provision',
      baseUrls: urls.map((base) => provisioningUrl(base, tenant.slug, auth)),
      options: {
        useAuthentication: true,
        userInputAuthentication: !preset,
        authenticationType: auth,
        user,
        password,
        passwordFormat: format,
        deleteAccountsBeforehand: request.keepAccounts === true ? false : tenant.deleteAccountsBeforehand,
        deleteContactServicesBeforehand:
          request.deleteContactServices === true ? true : tenant.deleteContactServicesBeforehand,
      },
    };
    const text = serializeProvision(document);
    const { diagnostics } = readProvision(text);
    const error = diagnostics.find((d) => d.severity === 'error');
    if (error !== undefined)
      throw new ZprovError('internal', `Provision.xml fails validation: ${error.path}: ${error.message}`);
    return { text, document, warnings: diagnostics.map((d) => `${d.path}: ${d.message}`) };
  }
}
