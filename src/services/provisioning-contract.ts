// The contract between the provisioning use case (services) and the adapters that expose it
// (the HTTP endpoint, benchmarks, tests). Kept small on purpose: the endpoint knows how the phone
// sends its credentials; the service knows everything else.
import type { ZoiperPlatform } from '../core/index.js';
import type { NowOrLater } from './now-or-later.js';

/** How the phone sent its credentials. */
export type CredentialTransport = 'url' | 'basic';

export interface ProvisioningRequest {
  /** Tenant slug from the URL path (/t/<tenant>/provision) or from a "user@tenant" username; undefined = default tenant. */
  readonly tenant: string | undefined;
  readonly username: string;
  /** As received: the plain password, or its MD5 hex when the Provision.xml uses password_format 0. */
  readonly password: string;
  readonly transport: CredentialTransport;
  /** The client's address after trusted-proxy resolution. */
  readonly clientAddress: string;
  readonly userAgent: string | undefined;
  /** The mobile apps' [version] parameter (for example "1.14") when sent; worth recording, never required. */
  readonly clientVersion?: string | undefined;
  /** Whose dialect the reply is in, from the path the phone asked at; Desktop when absent. */
  readonly platform?: ZoiperPlatform | undefined;
  /**
   * The URL (and form) parameters as received: read again under the tenant's own parameter names
   * when the path names a tenant that has some (Tenant.phoneParams).
   */
  readonly params?: Readonly<Record<string, string>> | undefined;
  /** The connection the request came on: once destroyed, nobody waits for the answer. */
  readonly connection?: { readonly destroyed: boolean };
}

/** Every way a provisioning request ends; recorded in the audit log as is. */
export type FetchOutcome =
  | 'served'
  /** A revoked user's device was sent the document that removes its accounts (HTTP 200). */
  | 'removed'
  /** A revoked user's device that has taken the removal already: refused. */
  | 'revoked'
  | 'missing_credentials'
  | 'unknown_user'
  | 'wrong_password'
  | 'disabled'
  | 'locked_out'
  | 'nothing_to_serve'
  /** Too many password checks waiting, or the server is stopping: try again shortly. */
  | 'busy'
  | 'internal_error';

/** Every outcome, documents first: the order reports and filters list them in. */
export const FETCH_OUTCOMES: readonly FetchOutcome[] = [
  'served',
  'removed',
  'revoked',
  'missing_credentials',
  'unknown_user',
  'wrong_password',
  'disabled',
  'locked_out',
  'nothing_to_serve',
  'busy',
  'internal_error',
];

/** The outcomes that answer with a document. */
export type DocumentOutcome = 'served' | 'removed';

/** The outcomes that refuse the phone its document. */
export type RefusalOutcome = Exclude<FetchOutcome, DocumentOutcome>;

export type ProvisioningResult =
  | {
      readonly ok: true;
      /** `removed`: the document takes the accounts of a revoked user away. */
      readonly outcome: DocumentOutcome;
      /** The Config.xml-shaped document, UTF-8 text, ready to send. */
      readonly body: string;
      /** sha256 hex of body, as recorded in the audit log (usable as an ETag). */
      readonly documentHash: string;
    }
  | {
      readonly ok: false;
      readonly outcome: RefusalOutcome;
      /** Text for the person in front of the phone: no internals, no hint which half was wrong. */
      readonly userMessage: string;
      /** For locked_out: when trying again makes sense. */
      readonly retryAfterSeconds?: number;
    };

export interface ProvisioningService {
  /**
   * Answers a provisioning request. Never throws: every outcome is a result. The answer comes back at
   * once (not as a promise) when nothing needs waiting for, which is the common case of a phone
   * fetching again; adapters should write such an answer without deferring it.
   */
  provision(request: ProvisioningRequest): NowOrLater<ProvisioningResult>;
}

/**
 * Where phones fetch their configuration. The default tenant answers at PROVISION_PATH, every tenant
 * at tenantProvisionPath(slug). Credentials come as URL parameters (the names listed in the core's
 * phone-wire.ts) or as HTTP Basic. The canonical URL that zprov writes into Provision.xml is
 * `<public url>/t/<tenant>/provision` + URL_AUTH_QUERY (`?user=[user]&pass=[pass]`).
 */
export const PROVISION_PATH = '/provision';
export const tenantProvisionPath = (tenantSlug: string): string =>
  `/t/${encodeURIComponent(tenantSlug)}/provision`;

/** The platforms with an address of their own: the Desktop path followed by `/android` or `/ios`. */
export const APP_PLATFORMS: readonly Exclude<ZoiperPlatform, 'desktop'>[] = ['android', 'ios'];

/**
 * Where a platform's phones of a tenant (undefined: the default tenant) fetch: what an operator
 * enters in a branded app's order form, and what Desktop's Provision.xml names.
 */
export const provisionPath = (
  tenantSlug: string | undefined,
  platform: ZoiperPlatform = 'desktop',
): string => {
  const path = tenantSlug === undefined ? PROVISION_PATH : tenantProvisionPath(tenantSlug);
  return platform === 'desktop' ? path : `${path}/${platform}`;
};
