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
// Unknown usernames are answered after as long as a check takes (check-duration.ts), without one.
import { setTimeout as delay } from 'node:timers/promises';
import { ServedDocumentKeeper } from './served-document-keeper.js';
import { AuditBuffer } from './audit-buffer.js';
import { isoTimeFormatter, silentLogger, systemClock, type Clock, type ServiceLogger } from './clock.js';
import { CheckDuration } from './check-duration.js';
import { CredentialCache, type CachedLogin, type Fingerprint } from './credential-cache.js';
import { GenerationWatch } from './generation-watch.js';
import { LoginThrottle, type ThrottleConfig } from './login-throttle.js';
import { DEFAULT_TENANT_SLUG, deviceOf, MAX_USER_AGENT, type Tenant, type UserCredentials } from './model.js';
import { andThen, recovering, type NowOrLater } from './now-or-later.js';
import { passwordId, type PasswordHasher } from './password-hash.js';
import { firstParam, paramListsFor } from '../core/index.js';
import { refusalMessage } from './messages.js';
import { RefusalSampler, type RefusalSamplerLimits } from './refusal-sampler.js';
import { SlowCheckQueue, type NotRun, type SlowCheckLimits } from './slow-check-queue.js';
import { KnownAddresses } from './known-addresses.js';
import { NO_OBSERVER, type ProvisioningObserver } from './provisioning-observer.js';
import type {
  DocumentOutcome,
  ProvisioningRequest,
  ProvisioningResult,
  ProvisioningService,
  RefusalOutcome,
} from './provisioning-contract.js';
import type { SecretBox } from './secret-box.js';
import type { Store } from './store.js';
import { UserDocumentCache, type UserDocument } from './user-document-cache.js';

const MAX_USERNAME = 256;
const MAX_PASSWORD = 1024;
/** What of a [version] the audit log keeps (of a User-Agent: MAX_USER_AGENT). */
const MAX_CLIENT_VERSION = 32;

const bounded = (text: string | undefined, max: number): string | undefined =>
  text === undefined || text.length <= max ? text : text.slice(0, max);

/** Refusals decided by what a stranger sent: recorded within the sampler's limits only. */
const UNAUTHENTICATED: ReadonlySet<RefusalOutcome> = new Set([
  'missing_credentials',
  'unknown_user',
  'wrong_password',
  'locked_out',
  'busy',
]);

/** What a refusal for too much waiting work suggests: soon, but not at once. */
const BUSY_RETRY_SECONDS = 5;

export interface ResolvedLogin {
  readonly tenant: Tenant | undefined;
  readonly tenantSlug: string;
  readonly username: string;
  /** What lockouts and remembered logins are kept under: the tenant and the username. */
  readonly key: string;
}

/** Which tenant and username a request means (see the comment at the top of this file). */
export function resolveLogin(
  request: Pick<ProvisioningRequest, 'tenant' | 'username'>,
  tenants: ReadonlyMap<string, Tenant>,
): ResolvedLogin {
  if (request.tenant !== undefined && request.tenant !== '') {
    const slug = request.tenant.toLowerCase();
    return login(tenants.get(slug), slug, request.username);
  }
  const at = request.username.lastIndexOf('@');
  if (at > 0) {
    const slug = request.username.slice(at + 1).toLowerCase();
    const tenant = tenants.get(slug);
    if (tenant !== undefined) return login(tenant, slug, request.username.slice(0, at));
  }
  return login(tenants.get(DEFAULT_TENANT_SLUG), DEFAULT_TENANT_SLUG, request.username);
}

const login = (tenant: Tenant | undefined, tenantSlug: string, username: string): ResolvedLogin => ({
  tenant,
  tenantSlug,
  username,
  key: `${tenantSlug}\u0000${username}`,
});

/** One provisioning request on its way through the use case. */
interface Fetch {
  readonly request: ProvisioningRequest;
  /** The tenant the path names, once tenants are loaded: its language words a refusal. */
  readonly pathTenant?: Tenant | undefined;
  /** When it arrived (epoch ms): every record and decision about it uses this time. */
  readonly now: number;
  /** When it arrived, by performance.now() (0 when nobody observes): its duration starts here. */
  readonly started: number;
}

/** A fetch whose tenant and username are known. */
interface LoginFetch extends Fetch {
  readonly login: ResolvedLogin;
}

/**
 * The request's credentials read again under the parameter names of the tenant its path names,
 * when that tenant has names of its own (a Basic header still wins for username and password).
 */
function withTenantParams(request: ProvisioningRequest, tenant: Tenant): ProvisioningRequest {
  const names = tenant.phoneParams;
  const params = request.params;
  if (params === undefined) return request;
  if (names.username === undefined && names.password === undefined && names.version === undefined)
    return request;
  const lists = paramListsFor(names);
  const clientVersion = firstParam(params, lists.version);
  if (request.transport === 'basic') return { ...request, clientVersion };
  return {
    ...request,
    username: firstParam(params, lists.username) ?? '',
    password: firstParam(params, lists.password) ?? '',
    clientVersion,
  };
}

/** Longer credentials than anyone uses are refused before any hashing. */
const tooLong = (request: ProvisioningRequest): boolean =>
  request.username.length > MAX_USERNAME || request.password.length > MAX_PASSWORD;

/**
 * Which stored hash a login matched. One verified against the previous password carries when its
 * rotation window closes.
 */
interface VerifiedLogin {
  readonly validUntil?: number | undefined;
  readonly passwordId?: string | undefined;
}

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
  /** How many slow checks run and wait (slow-check-queue.ts); DEFAULT_SLOW_CHECK_LIMITS by default. */
  readonly slowChecks?: SlowCheckLimits;
  /** How many refusals the audit log records (refusal-sampler.ts); DEFAULT_REFUSAL_LIMITS by default. */
  readonly refusalLimits?: RefusalSamplerLimits;
  /** Addresses exempt from the per-address lockout (trusted networks); none by default. */
  readonly exemptFromAddressLimits?: (address: string) => boolean;
  /** Told how each fetch ends and what the caches, lockouts and audit do (metrics); nobody by default. */
  readonly observer?: ProvisioningObserver;
}

type Failure = Exclude<ProvisioningResult, { ok: true }>;

export class ProvisioningUseCase implements ProvisioningService {
  private readonly clock: Clock;
  private readonly logger: ServiceLogger;
  private readonly observer: ProvisioningObserver;
  /** Fetches are timed only for an observer: performance.now() costs some 50 ns a call. */
  private readonly timed: boolean;
  private readonly watch: GenerationWatch;
  private readonly documents: UserDocumentCache;
  private readonly logins = new CredentialCache();
  private readonly isoTime = isoTimeFormatter();
  private readonly userThrottle: LoginThrottle;
  private readonly addressThrottle: LoginThrottle;
  private readonly audit: AuditBuffer;
  private readonly servedDocuments: ServedDocumentKeeper;

  /** Made on the first unknown username (a scrypt run), not at start: CLI commands never need it. */
  private dummyHash: Promise<string> | undefined;
  /** The measuring of a first slow check: under way, or done once a check has been measured. */
  private calibration: Promise<NotRun | undefined> | undefined;
  private readonly checkDuration = new CheckDuration();
  private readonly refusals: RefusalSampler;
  private readonly checks: SlowCheckQueue;
  private readonly knownAddresses = new KnownAddresses();
  /** Answers still to come, so that close() can wait for them before storage goes. */
  private readonly answering = new Set<Promise<ProvisioningResult>>();

  constructor(private readonly options: ProvisioningOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    const observer = (this.observer = options.observer ?? NO_OBSERVER);
    this.timed = options.observer !== undefined;
    this.watch = new GenerationWatch(
      () => options.store.generation(),
      this.clock,
      options.generationCheckMs ?? 1000,
    );
    this.documents = new UserDocumentCache(options.store, options.box, {
      onLookup: (hit) => observer.documentCache(hit),
    });
    const { throttle } = options;
    const limits = { lockoutSeconds: throttle.lockoutSeconds, maxLockoutSeconds: throttle.maxLockoutSeconds };
    this.userThrottle = new LoginThrottle(
      { ...limits, maxFailures: throttle.maxFailuresPerUser },
      this.clock,
      undefined,
      () => observer.lockedOut('username'),
    );
    this.addressThrottle = new LoginThrottle(
      { ...limits, maxFailures: throttle.maxFailuresPerAddress },
      this.clock,
      undefined,
      () => observer.lockedOut('address'),
    );
    this.audit = new AuditBuffer(options.store.audit, { ...options.audit, logger: this.logger, observer });
    this.servedDocuments = new ServedDocumentKeeper(
      options.store.servedDocuments,
      options.box,
      this.clock,
      this.logger,
    );
    this.refusals = new RefusalSampler(this.clock, this.logger, options.refusalLimits);
    this.checks = new SlowCheckQueue(options.slowChecks);
  }

  provision(request: ProvisioningRequest): NowOrLater<ProvisioningResult> {
    const fetch: Fetch = { request, now: this.clock.now(), started: this.timed ? performance.now() : 0 };
    const result = recovering(
      () => this.answer(fetch),
      (error) => this.internalError(fetch, error),
    );
    if (result instanceof Promise) {
      this.answering.add(result);
      void result.finally(() => this.answering.delete(result));
    }
    return result;
  }

  /**
   * The server is stopping: the password checks waiting now are refused at once (busy), so the
   * requests behind them end; running checks, and those of requests still arriving, go on.
   */
  beginShutdown(): void {
    this.checks.refuseWaiting();
  }

  /** Management data changed in this process: look at the generation on the next request. */
  invalidate(): void {
    this.watch.markStale();
  }

  /** Writes the audit entries still buffered. */
  async flushAudit(): Promise<void> {
    await Promise.all([this.audit.flush(), this.servedDocuments.flush()]);
  }

  /** Stops slow work, waits for every answer still to come, then writes the audit buffer. */
  async close(): Promise<void> {
    await this.checks.close();
    while (this.answering.size > 0) await Promise.allSettled([...this.answering]);
    await this.audit.close();
    await this.servedDocuments.close();
  }

  /**
   * Each step runs once, without waiting while it can: missing credentials and a remembered login
   * whose document is rendered for the current data generation are answered at once; the first step
   * that needs the database or the slow hash makes the rest wait.
   */
  private answer(arrived: Fetch): NowOrLater<ProvisioningResult> {
    return andThen(this.tenants(), (tenants) => {
      const named =
        arrived.request.tenant === undefined ? undefined : tenants.get(arrived.request.tenant.toLowerCase());
      const request = named === undefined ? arrived.request : withTenantParams(arrived.request, named);
      const { now, started } = arrived;
      if (request.username === '' || request.password === '')
        return this.fail(
          { request, now, started, pathTenant: named },
          request.tenant ?? DEFAULT_TENANT_SLUG,
          undefined,
          'missing_credentials',
        );
      return this.answerLogin({
        request,
        now,
        started,
        pathTenant: named,
        login: resolveLogin(request, tenants),
      });
    });
  }

  /** The tenants of the current data generation: at once when they are loaded already. */
  private tenants(): NowOrLater<ReadonlyMap<string, Tenant>> {
    return andThen(this.watch.current(), (generation) => {
      this.documents.sync(generation);
      return this.documents.tenantsBySlug();
    });
  }

  /**
   * A login remembered as verified is served whatever the lockouts say: they stop guessing, and these
   * credentials were already found right by the slow hash. Anything else is refused while locked out.
   */
  private answerLogin(fetch: LoginFetch): NowOrLater<ProvisioningResult> {
    const { request, login, now } = fetch;
    if (tooLong(request)) return this.refuseUnheard(fetch, 0);
    const fingerprint = this.logins.fingerprint(login.key, request.password);
    const remembered = this.logins.match(login.key, fingerprint, now);
    this.observer.loginCache(remembered !== undefined);
    const document = remembered && this.documents.cached(remembered.userId);
    if (remembered !== undefined && document !== undefined && isCurrent(remembered, document))
      return this.serve(fetch, document, remembered);
    const retryAfter = this.retryAfter(fetch);
    if (retryAfter > 0) return this.refuseUnheard(fetch, retryAfter);
    return this.verifyAndServe(fetch, fingerprint, remembered);
  }

  /**
   * A login locked out, or with credentials longer than anyone uses: refused before any hashing. Only
   * a served repeat fetch is answered at once; a refusal, recorded like every other, comes later.
   */
  private async refuseUnheard(fetch: LoginFetch, retryAfter: number): Promise<ProvisioningResult> {
    if (retryAfter > 0) return this.fail(fetch, fetch.login.tenantSlug, undefined, 'locked_out', retryAfter);
    return this.failedLogin(fetch, undefined, 'unknown_user');
  }

  private async verifyAndServe(
    fetch: LoginFetch,
    fingerprint: Fingerprint,
    remembered: CachedLogin | undefined,
  ): Promise<ProvisioningResult> {
    const { request, login } = fetch;
    // A login verified before, for a user whose credentials have not changed since, whose document
    // is not rendered for this generation yet.
    if (remembered !== undefined) {
      const document = await this.documents.load(remembered.userId);
      if (document !== undefined && isCurrent(remembered, document))
        return this.serve(fetch, document, remembered);
      this.logins.forget(login.key);
    }

    // Slow path: the stored hash decides. The attempt counts against the login's and the address's
    // budgets before the hash runs, so concurrent guesses cannot all pass a check made before them.
    const wait = this.beginVerification(fetch);
    if (wait > 0) return this.fail(fetch, login.tenantSlug, undefined, 'locked_out', wait);
    let outcome: 'failed' | 'passed' | 'unfinished' = 'unfinished';
    try {
      const found =
        login.tenant && (await this.options.store.users.findLogin(login.tenant.id, login.username));
      const verdict = await this.verify(fetch, found?.credentials);
      if (typeof verdict === 'string')
        return this.fail(fetch, login.tenantSlug, undefined, 'busy', BUSY_RETRY_SECONDS);
      if (found === undefined || !verdict.ok) {
        outcome = 'failed';
        return this.fail(
          fetch,
          login.tenantSlug,
          found?.user.id,
          found === undefined ? 'unknown_user' : 'wrong_password',
        );
      }
      outcome = 'passed';
      this.knownAddresses.remember(login.key, request.clientAddress);
      if (!found.user.enabled) return this.fail(fetch, login.tenantSlug, found.user.id, 'disabled');
      const document = await this.documents.load(found.user.id, found);
      if (document === undefined) return this.fail(fetch, login.tenantSlug, undefined, 'unknown_user');
      this.logins.remember(login.key, fingerprint, {
        userId: document.user.id,
        stamp: document.stamp,
        validUntil: verdict.validUntil,
        passwordId: verdict.passwordId,
      });
      return this.serve(fetch, document, verdict);
    } finally {
      this.endVerification(fetch, outcome);
    }
  }

  /** Seconds to wait, or 0 when a verification for this login and address has begun. */
  private beginVerification({ request, login }: LoginFetch): number {
    const forUser = this.userThrottle.begin(login.key);
    if (forUser > 0 || this.exempt(request.clientAddress)) return forUser;
    const forAddress = this.addressThrottle.begin(request.clientAddress);
    if (forAddress > 0) this.userThrottle.settle(login.key, false);
    return forAddress;
  }

  /** Settles a verification begun by beginVerification: a failure counts, the right password forgives. */
  private endVerification({ request, login }: LoginFetch, outcome: 'failed' | 'passed' | 'unfinished'): void {
    this.userThrottle.settle(login.key, outcome === 'failed');
    if (!this.exempt(request.clientAddress))
      this.addressThrottle.settle(request.clientAddress, outcome === 'failed');
    if (outcome === 'passed') this.userThrottle.recordSuccess(login.key);
  }

  /** Seconds until this login may try again (the longer of its username's and its address's lockout). */
  private retryAfter({ request, login }: LoginFetch): number {
    const forUser = this.userThrottle.retryAfter(login.key);
    if (this.exempt(request.clientAddress)) return forUser;
    return Math.max(forUser, this.addressThrottle.retryAfter(request.clientAddress));
  }

  private exempt(address: string): boolean {
    return this.options.exemptFromAddressLimits?.(address) === true;
  }

  private internalError(fetch: Fetch, error: unknown): Failure {
    const { tenant } = fetch.request;
    this.logger.error({ err: error, tenant }, 'provisioning request failed');
    return this.fail(fetch, tenant ?? DEFAULT_TENANT_SLUG, undefined, 'internal_error');
  }

  /**
   * The current password, or the previous one while its rotation window is open. A refusal takes as
   * long as a slow check, whatever was checked: a username with nothing to check (unknown) and a
   * generated password's fast check wait out the difference on a timer rather than spending the CPU,
   * so neither tells a real username from a made-up one. Until a first slow check has been measured,
   * they wait for one run against a dummy hash (calibrate). Slow checks wait their turn in the queue; one
   * that could not run says why.
   */
  private async verify(
    fetch: LoginFetch,
    credentials: UserCredentials | undefined,
  ): Promise<{ ok: boolean; validUntil?: number; passwordId?: string } | NotRun> {
    const { request, now } = fetch;
    const password = request.password;
    const started = performance.now();
    const current = credentials?.passwordHash;
    if (current !== undefined) {
      const matches = await this.timedCheck(fetch, current);
      if (matches !== false)
        return matches === true ? { ok: true, passwordId: passwordId(current) } : matches;
    }
    const previous = credentials?.previousPasswordHash;
    const until =
      credentials?.previousValidUntil === undefined ? NaN : Date.parse(credentials.previousValidUntil);
    if (previous !== undefined && until > now) {
      const matches = await this.timedCheck(fetch, previous);
      if (matches !== false)
        return matches === true ? { ok: true, validUntil: until, passwordId: passwordId(previous) } : matches;
    }
    const hashes = this.options.hasher.hashesFor(password);
    if (this.checkDuration.estimate(hashes) === undefined) {
      const calibrated = await this.calibrate();
      if (calibrated !== undefined) return calibrated;
    }
    const wait = this.checkDuration.estimate(hashes) ?? 0;
    if (wait > performance.now() - started) await delay(wait - (performance.now() - started));
    return { ok: false };
  }

  /**
   * Until a slow check has been measured, one is run against a dummy hash, and every refusal arriving
   * meanwhile waits for that one: after a start, a crowd of strangers costs one slow hash, not one
   * each. A calibration that could not run is tried again by the next refusal.
   */
  private calibrate(): Promise<NotRun | undefined> {
    this.calibration ??= (async () => {
      const { hasher } = this.options;
      const dummy = await (this.dummyHash ??= hasher.dummyHash());
      const result = await this.checks.run(
        'other',
        async () => {
          const started = performance.now();
          await hasher.verify(dummy, '');
          this.checkDuration.record(performance.now() - started, 1);
        },
        () => false,
      );
      if (typeof result !== 'string') return undefined;
      this.calibration = undefined;
      return result;
    })();
    return this.calibration;
  }

  /** One check; a slow one waits its turn, and its duration is recorded for the refusals that have none. */
  private async timedCheck(fetch: LoginFetch, encoded: string): Promise<boolean | NotRun> {
    const { hasher } = this.options;
    const { password, clientAddress, connection } = fetch.request;
    if (!hasher.isSlow(encoded)) return hasher.verify(encoded, password);
    const lane = this.knownAddresses.has(fetch.login.key, clientAddress) ? 'known' : 'other';
    return this.checks.run(
      lane,
      async () => {
        const started = performance.now();
        const matches = await hasher.verify(encoded, password);
        this.checkDuration.record(performance.now() - started, matches ? 1 : hasher.hashesFor(password));
        return matches;
      },
      () => connection?.destroyed === true,
    );
  }

  /** Seconds since the fetch arrived, for the observer. */
  private seconds(fetch: Fetch): number {
    return this.timed ? (performance.now() - fetch.started) / 1000 : 0;
  }

  /** `login`: how the password was verified, now or when the login was remembered. */
  private serve(fetch: Fetch, document: UserDocument, login: VerifiedLogin): NowOrLater<ProvisioningResult> {
    const { request } = fetch;
    const { user, tenant } = document;
    if (user.revokedAt !== undefined) return this.serveRevoked(fetch, document, login);
    const rendered = request.platform === undefined ? document.rendered : document.servedTo(request.platform);
    if (rendered.empty) return this.fail(fetch, tenant.slug, user.id, 'nothing_to_serve');
    return this.answerWith(fetch, document, login, 'served', rendered);
  }

  /**
   * A revoked user's device gets the document that removes its accounts until it has taken it (the
   * last document it took is that one), then a refusal. The documents' hashes decide, not the
   * clocks of the nodes that revoked and served. A device never seen before gets the removal too:
   * it may be a known phone under a new User-Agent, and the document holds no secret.
   */
  private async serveRevoked(
    fetch: Fetch,
    document: UserDocument,
    login: VerifiedLogin,
  ): Promise<ProvisioningResult> {
    const { user, tenant } = document;
    const device = deviceOf(fetch.request.platform, fetch.request.userAgent);
    const removal = document.removal(device.platform);
    const devices = (await this.options.store.audit.fetchStates([user.id])).get(user.id) ?? [];
    const taken = devices.some(
      (d) =>
        d.platform === device.platform &&
        d.userAgent === device.userAgent &&
        d.lastDocumentHash === removal.hash,
    );
    if (taken) return this.fail(fetch, tenant.slug, user.id, 'revoked');
    return this.answerWith(fetch, document, login, 'removed', removal);
  }

  private answerWith(
    fetch: Fetch,
    document: UserDocument,
    login: VerifiedLogin,
    outcome: DocumentOutcome,
    rendered: { readonly body: string; readonly hash: string },
  ): ProvisioningResult {
    const { request, now } = fetch;
    const { user, tenant } = document;
    this.observer.fetched(outcome, tenant.slug, this.seconds(fetch));
    this.audit.record(
      {
        at: this.isoTime(now),
        tenant: tenant.slug,
        username: user.username,
        userId: user.id,
        clientAddress: request.clientAddress,
        userAgent: bounded(request.userAgent, MAX_USER_AGENT),
        clientVersion: bounded(request.clientVersion, MAX_CLIENT_VERSION),
        transport: request.transport,
        outcome,
        documentHash: rendered.hash,
        passwordUsed: login.validUntil === undefined ? 'current' : 'previous',
        passwordId: login.passwordId,
        platform: request.platform,
      },
      now,
    );
    this.servedDocuments.offer(rendered.hash, rendered.body, this.isoTime(now));
    return { ok: true, outcome, body: rendered.body, documentHash: rendered.hash };
  }

  /** A wrong password or unknown username: counted against the login and the address. */
  private failedLogin(
    fetch: LoginFetch,
    userId: string | undefined,
    outcome: 'unknown_user' | 'wrong_password',
  ): Failure {
    this.userThrottle.recordFailure(fetch.login.key);
    if (!this.exempt(fetch.request.clientAddress))
      this.addressThrottle.recordFailure(fetch.request.clientAddress);
    return this.fail(fetch, fetch.login.tenantSlug, userId, outcome);
  }

  private fail(
    fetch: Fetch,
    tenantSlug: string,
    userId: string | undefined,
    outcome: RefusalOutcome,
    retryAfterSeconds?: number,
  ): Failure {
    const { request, now } = fetch;
    if (!UNAUTHENTICATED.has(outcome) || this.refusals.admit(request.clientAddress, now))
      this.audit.record(
        {
          at: this.isoTime(now),
          tenant: tenantSlug,
          username: request.username.slice(0, MAX_USERNAME),
          userId,
          clientAddress: request.clientAddress,
          userAgent: bounded(request.userAgent, MAX_USER_AGENT),
          clientVersion: bounded(request.clientVersion, MAX_CLIENT_VERSION),
          transport: request.transport,
          outcome,
          documentHash: undefined,
          platform: request.platform,
        },
        now,
      );
    // Only an existing tenant names the count: a made-up tenant in the path is no tenant.
    const knownTenant = (fetch as Partial<LoginFetch>).login?.tenant?.slug;
    this.observer.fetched(outcome, knownTenant, this.seconds(fetch));
    const language = (fetch as Partial<LoginFetch>).login?.tenant?.language ?? fetch.pathTenant?.language;
    const userMessage = refusalMessage(outcome, retryAfterSeconds, language);
    if (outcome === 'locked_out' || outcome === 'busy')
      return { ok: false, outcome, userMessage, retryAfterSeconds };
    return { ok: false, outcome, userMessage };
  }
}
