// The contract between the provisioning use case (services) and the adapters that expose it
// (the HTTP endpoint, benchmarks, tests). Kept small on purpose: the endpoint knows how the phone
// sends its credentials; the service knows everything else.

/** How the phone sent its credentials. */
export type CredentialTransport = 'url' | 'basic';

export interface ProvisioningRequest {
  /** Tenant slug from the URL path (/t/<tenant>/provision) or from a "user@tenant" username; undefined = default tenant. */
  readonly tenant: string | undefined;
  readonly username: string;
  /** As received: the plain password, or its MD5 hex when the provision.xml uses password_format 0. */
  readonly password: string;
  readonly transport: CredentialTransport;
  /** The client's address after trusted-proxy resolution. */
  readonly clientAddress: string;
  readonly userAgent: string | undefined;
  /** The mobile apps' [version] parameter (for example "1.14") when sent; worth recording, never required. */
  readonly clientVersion?: string | undefined;
}

/** Every way a provisioning request ends; recorded in the audit log as is. */
export type ProvisioningOutcome =
  | 'served'
  | 'missing_credentials'
  | 'unknown_user'
  | 'wrong_password'
  | 'disabled'
  | 'locked_out'
  | 'nothing_to_serve'
  | 'internal_error';

export type ProvisioningResult =
  | {
      readonly ok: true;
      readonly outcome: 'served';
      /** The Config.xml-shaped document, UTF-8 text, ready to send. */
      readonly body: string;
      /** sha256 hex of body, as recorded in the audit log (usable as an ETag). */
      readonly documentHash: string;
    }
  | {
      readonly ok: false;
      readonly outcome: Exclude<ProvisioningOutcome, 'served'>;
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
  provision(request: ProvisioningRequest): ProvisioningResult | Promise<ProvisioningResult>;
}

/**
 * Where phones fetch their configuration. The default tenant answers at PROVISION_PATH, every tenant
 * at tenantProvisionPath(slug). Credentials come as URL parameters (any of the names below) or as
 * HTTP Basic. The canonical URL that zprov writes into provision.xml is
 * `<public url>/t/<tenant>/provision?user=[user]&pass=[pass]`.
 */
export const PROVISION_PATH = '/provision';
export const tenantProvisionPath = (tenantSlug: string): string =>
  `/t/${encodeURIComponent(tenantSlug)}/provision`;

/**
 * Query parameter names accepted for the username and password, canonical first (Desktop, then mobile).
 * Substituted values: the vendor does not say whether phones percent-encode them. zprov's emulator
 * (`zprov simulate`) sends them percent-encoded (encodeURIComponent, UTF-8); the endpoint decodes
 * %XX escapes and also accepts the raw characters a phone may send (docs/phone-emulation.md).
 */
export const USER_PARAMS = ['user', 'username', 'u'] as const;
export const PASS_PARAMS = ['pass', 'password', 'p'] as const;
/** Sent by Zoiper for Android and iOS through their [version] placeholder. */
export const VERSION_PARAM = 'version';
