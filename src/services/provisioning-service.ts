// The provisioning use case: who is asking, may they have their document, and which document.
//
// Tenant resolution: the tenant named by the URL path (/t/<tenant>/provision) when there is one;
// otherwise a username of the form user@tenant when <tenant> is an existing tenant's slug; otherwise
// the whole username in the default tenant. Usernames are case-sensitive, tenant slugs are not.
//
// Cost: the first fetch of a login runs the slow hash (scrypt, off the event loop). After a success
// the login is remembered as a keyed fingerprint (credential-cache.ts) and the document stays
// rendered until the data generation changes, so a repeat fetch costs a keyed hash and a few map
// look-ups, and is answered at once (no promise), which lets the HTTP adapter write it in the same turn.
// Unknown usernames are checked against a dummy hash so they take as long as known ones.
import type { ThrottleConfig } from '../config/app-config.js';
import type {
  ProvisioningRequest,
  ProvisioningResult,
  ProvisioningService,
} from './provisioning-contract.js';
import { AuditBuffer } from './audit-buffer.js';
import { isoTimeFormatter, silentLogger, systemClock, type Clock, type ServiceLogger } from './clock.js';
import { CredentialCache, type CachedLogin, type Fingerprint } from './credential-cache.js';
import { GenerationWatch } from './generation-watch.js';
import { LoginThrottle } from './login-throttle.js';
import { DEFAULT_TENANT_SLUG, type AuditOutcome, type Tenant, type UserCredentials } from './model.js';
import type { PasswordHasher } from './password-hash.js';
import type { SecretBox } from './secret-box.js';
import type { Store } from './store.js';
import { UserDocumentCache, type UserDocument } from './user-document-cache.js';

/** What the person in front of the phone reads. Never says which half of the credentials was wrong. */
export const USER_MESSAGES: Readonly<Record<Exclude<AuditOutcome, 'served' | 'locked_out'>, string>> = {
  missing_credentials: 'Please enter your provisioning username and password.',
  unknown_user: 'The username or password is not correct.',
  wrong_password: 'The username or password is not correct.',
  disabled: 'This account is disabled. Please contact your administrator.',
  nothing_to_serve: 'There is no configuration for this account yet. Please contact your administrator.',
  internal_error: 'The provisioning service could not answer. Please try again later.',
};

export function lockedOutMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed attempts. Please try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`;
}

const MAX_USERNAME = 256;
const MAX_PASSWORD = 1024;

export interface ResolvedLogin {
  readonly tenant: Tenant | undefined;
  readonly tenantSlug: string;
  readonly username: string;
}

/** Which tenant and username a request means (see the comment at the top of this file). */
export function resolveLogin(
  request: Pick<ProvisioningRequest, 'tenant' | 'username'>,
  tenants: ReadonlyMap<string, Tenant>,
): ResolvedLogin {
  if (request.tenant !== undefined && request.tenant !== '') {
    const slug = request.tenant.toLowerCase();
    return { tenant: tenants.get(slug), tenantSlug: slug, username: request.username };
  }
  const at = request.username.lastIndexOf('@');
  if (at > 0) {
    const slug = request.username.slice(at + 1).toLowerCase();
    const tenant = tenants.get(slug);
    if (tenant !== undefined) return { tenant, tenantSlug: slug, username: request.username.slice(0, at) };
  }
  return {
    tenant: tenants.get(DEFAULT_TENANT_SLUG),
    tenantSlug: DEFAULT_TENANT_SLUG,
    username: request.username,
  };
}

const loginKeyOf = (login: ResolvedLogin): string => `${login.tenantSlug}\u0000${login.username}`;

/** Longer credentials than anyone uses are refused before any hashing. */
const tooLong = (request: ProvisioningRequest): boolean =>
  request.username.length > MAX_USERNAME || request.password.length > MAX_PASSWORD;

/** A remembered login still counts for this document: same credentials, user still enabled. */
const isCurrent = (remembered: CachedLogin, document: UserDocument): boolean =>
  document.stamp === remembered.stamp && document.user.enabled;

export interface ProvisioningOptions {
  readonly store: Store;
  readonly box: SecretBox;
  readonly hasher: PasswordHasher;
  readonly throttle: ThrottleConfig;
  readonly clock?: Clock;
  readonly logger?: ServiceLogger;
  /** How often the data generation is read from the database (other processes' writes). Default 1000 ms. */
  readonly generationCheckMs?: number;
  readonly audit?: { readonly flushIntervalMs?: number; readonly maxBatch?: number };
}

type Failure = Exclude<ProvisioningResult, { ok: true }>;

export class ProvisioningUseCase implements ProvisioningService {
  private readonly clock: Clock;
  private readonly logger: ServiceLogger;
  private readonly watch: GenerationWatch;
  private readonly documents: UserDocumentCache;
  private readonly logins = new CredentialCache();
  private readonly isoTime = isoTimeFormatter();
  private readonly userThrottle: LoginThrottle;
  private readonly addressThrottle: LoginThrottle;
  private readonly audit: AuditBuffer;

  /** Made on the first unknown username (a scrypt run), not at start: CLI commands never need it. */
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly options: ProvisioningOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.watch = new GenerationWatch(
      () => options.store.generation(),
      this.clock,
      options.generationCheckMs ?? 1000,
    );
    this.documents = new UserDocumentCache(options.store, options.box);
    const { throttle } = options;
    this.userThrottle = new LoginThrottle(
      {
        maxFailures: throttle.maxFailuresPerUser,
        lockoutSeconds: throttle.lockoutSeconds,
        maxLockoutSeconds: throttle.maxLockoutSeconds,
      },
      this.clock,
    );
    this.addressThrottle = new LoginThrottle(
      {
        maxFailures: throttle.maxFailuresPerAddress,
        lockoutSeconds: throttle.lockoutSeconds,
        maxLockoutSeconds: throttle.maxLockoutSeconds,
      },
      this.clock,
    );
    this.audit = new AuditBuffer(options.store.audit, { ...options.audit, logger: this.logger });
  }

  provision(request: ProvisioningRequest): ProvisioningResult | Promise<ProvisioningResult> {
    const now = this.clock.now();
    try {
      const result = this.answer(request, now);
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => this.internalError(request, now, error));
    } catch (error) {
      return this.internalError(request, now, error);
    }
  }

  /** Management data changed in this process: look at the generation on the next request. */
  invalidate(): void {
    this.watch.markStale();
  }

  /** Writes the audit entries still buffered. */
  flushAudit(): Promise<void> {
    return this.audit.flush();
  }

  close(): Promise<void> {
    return this.audit.close();
  }

  /**
   * Each step runs once, without waiting while it can: missing credentials and a remembered login
   * whose document is rendered for the current data generation are answered at once; the first step
   * that needs the database or the slow hash turns the rest into a promise.
   */
  private answer(
    request: ProvisioningRequest,
    now: number,
  ): ProvisioningResult | Promise<ProvisioningResult> {
    if (request.username === '' || request.password === '') return this.missingCredentials(request, now);
    const generation = this.watch.current();
    if (typeof generation === 'number') {
      this.documents.sync(generation);
      const tenants = this.documents.tenantsIfLoaded();
      if (tenants !== undefined) return this.answerIn(request, now, tenants);
    }
    return this.loadTenants(generation).then((tenants) => this.answerIn(request, now, tenants));
  }

  private async loadTenants(generation: number | Promise<number>): Promise<ReadonlyMap<string, Tenant>> {
    this.documents.sync(await generation);
    return this.documents.tenantsBySlug();
  }

  private answerIn(
    request: ProvisioningRequest,
    now: number,
    tenants: ReadonlyMap<string, Tenant>,
  ): ProvisioningResult | Promise<ProvisioningResult> {
    const login = resolveLogin(request, tenants);
    const loginKey = loginKeyOf(login);
    const retryAfter = this.retryAfter(request, loginKey);
    if (retryAfter > 0 || tooLong(request))
      return this.refuseUnheard(request, now, login, loginKey, retryAfter);
    const fingerprint = this.logins.fingerprint(loginKey, request.password);
    const remembered = this.logins.match(loginKey, fingerprint, now);
    const document = remembered && this.documents.cached(remembered.userId);
    if (remembered !== undefined && document !== undefined && isCurrent(remembered, document))
      return this.serve(request, now, document);
    return this.verifyAndServe(request, now, login, loginKey, fingerprint, remembered);
  }

  /**
   * A login locked out, or with credentials longer than anyone uses: refused before any hashing. Only
   * a served repeat fetch is answered at once; a refusal, recorded like every other, comes later.
   */
  private async refuseUnheard(
    request: ProvisioningRequest,
    now: number,
    login: ResolvedLogin,
    loginKey: string,
    retryAfter: number,
  ): Promise<ProvisioningResult> {
    if (retryAfter > 0) return this.fail(request, now, login.tenantSlug, undefined, 'locked_out', retryAfter);
    return this.failedLogin(request, now, login, loginKey, undefined, 'unknown_user');
  }

  private async verifyAndServe(
    request: ProvisioningRequest,
    now: number,
    login: ResolvedLogin,
    loginKey: string,
    fingerprint: Fingerprint,
    remembered: CachedLogin | undefined,
  ): Promise<ProvisioningResult> {
    // A login verified before, for a user whose credentials have not changed since, whose document
    // is not rendered for this generation yet.
    if (remembered !== undefined) {
      const document =
        this.documents.cached(remembered.userId) ?? (await this.documents.load(remembered.userId));
      if (document !== undefined && isCurrent(remembered, document))
        return this.serve(request, now, document);
      this.logins.forget(loginKey);
    }

    // Slow path: the stored hash decides.
    const found = login.tenant && (await this.options.store.users.findLogin(login.tenant.id, login.username));
    const verdict = await this.verify(found?.credentials, request.password, now);
    if (found === undefined)
      return this.failedLogin(request, now, login, loginKey, undefined, 'unknown_user');
    if (!verdict.ok) return this.failedLogin(request, now, login, loginKey, found.user.id, 'wrong_password');
    this.userThrottle.recordSuccess(loginKey);
    if (!found.user.enabled) return this.fail(request, now, login.tenantSlug, found.user.id, 'disabled');
    const document = await this.documents.load(found.user.id, found);
    if (document === undefined)
      return this.failedLogin(request, now, login, loginKey, undefined, 'unknown_user');
    this.logins.remember(loginKey, fingerprint, {
      userId: document.user.id,
      stamp: document.stamp,
      validUntil: verdict.validUntil,
    });
    return this.serve(request, now, document);
  }

  /** Seconds until this login may try again (the longer of its username's and its address's lockout). */
  private retryAfter(request: ProvisioningRequest, loginKey: string): number {
    return Math.max(
      this.userThrottle.retryAfter(loginKey),
      this.addressThrottle.retryAfter(request.clientAddress),
    );
  }

  private missingCredentials(request: ProvisioningRequest, now: number): Failure {
    return this.fail(request, now, request.tenant ?? DEFAULT_TENANT_SLUG, undefined, 'missing_credentials');
  }

  private internalError(request: ProvisioningRequest, now: number, error: unknown): Failure {
    this.logger.error({ err: error, tenant: request.tenant }, 'provisioning request failed');
    return this.fail(request, now, request.tenant ?? DEFAULT_TENANT_SLUG, undefined, 'internal_error');
  }

  /** The current password, or the previous one while its rotation window is open. */
  private async verify(
    credentials: UserCredentials | undefined,
    password: string,
    now: number,
  ): Promise<{ ok: boolean; validUntil?: number }> {
    const current = credentials?.passwordHash;
    const matches = await this.options.hasher.verify(
      current ?? (await (this.dummyHash ??= this.options.hasher.dummyHash())),
      password,
    );
    if (matches && current !== undefined) return { ok: true };
    const previous = credentials?.previousPasswordHash;
    const until =
      credentials?.previousValidUntil === undefined ? NaN : Date.parse(credentials.previousValidUntil);
    if (previous !== undefined && until > now && (await this.options.hasher.verify(previous, password)))
      return { ok: true, validUntil: until };
    return { ok: false };
  }

  private serve(request: ProvisioningRequest, now: number, document: UserDocument): ProvisioningResult {
    const { rendered, user, tenant } = document;
    if (rendered.empty) return this.fail(request, now, tenant.slug, user.id, 'nothing_to_serve');
    this.audit.record(
      {
        at: this.isoTime(now),
        tenant: tenant.slug,
        username: user.username,
        userId: user.id,
        clientAddress: request.clientAddress,
        userAgent: request.userAgent,
        clientVersion: request.clientVersion,
        transport: request.transport,
        outcome: 'served',
        documentHash: rendered.hash,
      },
      now,
    );
    return { ok: true, outcome: 'served', body: rendered.body, documentHash: rendered.hash };
  }

  private failedLogin(
    request: ProvisioningRequest,
    now: number,
    login: ResolvedLogin,
    loginKey: string,
    userId: string | undefined,
    outcome: 'unknown_user' | 'wrong_password',
  ): Failure {
    this.userThrottle.recordFailure(loginKey);
    this.addressThrottle.recordFailure(request.clientAddress);
    return this.fail(request, now, login.tenantSlug, userId, outcome);
  }

  private fail(
    request: ProvisioningRequest,
    now: number,
    tenantSlug: string,
    userId: string | undefined,
    outcome: Failure['outcome'],
    retryAfterSeconds?: number,
  ): Failure {
    this.audit.record(
      {
        at: this.isoTime(now),
        tenant: tenantSlug,
        username: request.username.slice(0, MAX_USERNAME),
        userId,
        clientAddress: request.clientAddress,
        userAgent: request.userAgent,
        clientVersion: request.clientVersion,
        transport: request.transport,
        outcome,
        documentHash: undefined,
      },
      now,
    );
    if (outcome === 'locked_out')
      return {
        ok: false,
        outcome,
        userMessage: lockedOutMessage(retryAfterSeconds ?? 60),
        retryAfterSeconds,
      };
    return { ok: false, outcome, userMessage: USER_MESSAGES[outcome] };
  }
}
