// People who sign in to the web pages: made by `zprov admin add` with the roles API tokens have,
// their passwords hashed like every other password zprov keeps. Signing in checks the password under
// the same failure limits as the phones' endpoint (per name and per client address) and opens a
// session: a random secret for the browser's cookie, of which the database keeps only the SHA-256.
// A session ends at sign-out, after an idle time, after a maximum age, or when the person's password
// changes or the person is removed.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ZprovError } from '../../core/errors.js';
import type { Clock } from '../clock.js';
import { LoginThrottle, type ThrottleConfig } from '../login-throttle.js';
import type { AdminRole, AdminUser } from '../model.js';
import type { PasswordHasher } from '../password-hash.js';
import type { Store } from '../store.js';
import { requireTenant } from './lookups.js';
import { checkRole, type Principal } from './token-admin.js';

export interface AdminUserView {
  readonly name: string;
  readonly role: AdminRole;
  readonly tenant: string | undefined;
  readonly createdAt: string;
}

export interface SessionLimits {
  /** A session not used for this long is over. */
  readonly idleSeconds: number;
  /** A session is over this long after sign-in, however busy. */
  readonly maxAgeSeconds: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = Object.freeze({
  idleSeconds: 30 * 60,
  maxAgeSeconds: 12 * 60 * 60,
});

/** A signed-in browser as the pages see it. */
export interface WebSession {
  readonly principal: Principal;
  /** The secret the cookie carries (only the browser and this request know it). */
  readonly secret: string;
  /** What every form of this session sends back; derived from the secret, never stored. */
  readonly csrfToken: string;
}

export type SignInResult =
  | { readonly ok: true; readonly session: WebSession }
  | { readonly ok: false; readonly reason: 'wrong' | 'locked'; readonly retryAfterSeconds: number };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const MIN_PASSWORD = 12;
const MAX_PASSWORD = 1024;
const SECRET = /^[A-Za-z0-9_-]{43}$/;
/** last_seen_at is written at most this often per session. */
const TOUCH_INTERVAL_MS = 60_000;

const sessionId = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
/** Domain-separated from the session id, so the stored id does not give away the CSRF token. */
const csrfTokenOf = (secret: string): string =>
  createHash('sha256').update(`zprov csrf\0${secret}`, 'utf8').digest('base64url');

export class AdminUsers {
  private readonly nameThrottle: LoginThrottle;
  private readonly addressThrottle: LoginThrottle;
  /** Checked when the name is unknown, so that the time taken does not tell names apart. */
  private dummy: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    throttle: ThrottleConfig,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {
    const backOff = {
      lockoutSeconds: throttle.lockoutSeconds,
      maxLockoutSeconds: throttle.maxLockoutSeconds,
    };
    this.nameThrottle = new LoginThrottle({ ...backOff, maxFailures: throttle.maxFailuresPerUser }, clock);
    this.addressThrottle = new LoginThrottle(
      { ...backOff, maxFailures: throttle.maxFailuresPerAddress },
      clock,
    );
  }

  async add(name: string, role: string, password: string, tenantSlug?: string): Promise<AdminUserView> {
    if (!NAME.test(name))
      throw new ZprovError(
        'invalid_input',
        `name: '${name}' is not a sign-in name (letters, digits, '.', '_', '@', '-'; at most 64)`,
        'name',
      );
    const checked = checkRole(role);
    if (checked === 'tenant-admin' && tenantSlug === undefined)
      throw new ZprovError('invalid_input', 'tenant: a tenant admin needs --tenant', 'tenant');
    if (checked === 'server-admin' && tenantSlug !== undefined)
      throw new ZprovError(
        'invalid_input',
        'tenant: a server admin sees every tenant; leave out --tenant',
        'tenant',
      );
    checkPassword(password);
    const passwordHash = await this.hasher.hash(password);
    const admin = await this.store.write(async (tx) => {
      const tenant = tenantSlug === undefined ? undefined : await requireTenant(tx, tenantSlug);
      if ((await tx.adminUsers.findByName(name)) !== undefined)
        throw new ZprovError('already_exists', `'${name}' can sign in already`, 'name');
      return tx.adminUsers.insert({
        id: randomUUID(),
        name,
        role: checked,
        tenantId: tenant?.id,
        passwordHash,
      });
    });
    return this.view(admin);
  }

  async list(): Promise<AdminUserView[]> {
    return Promise.all((await this.store.adminUsers.list()).map((a) => this.view(a)));
  }

  /** Removes the person; their sessions end with them. */
  async remove(name: string): Promise<void> {
    await this.store.write(async (tx) => {
      const admin = await this.require(tx.adminUsers.findByName(name), name);
      await tx.adminUsers.delete(admin.id);
    });
  }

  /** A new password; every open session of the person ends. */
  async setPassword(name: string, password: string): Promise<void> {
    checkPassword(password);
    const passwordHash = await this.hasher.hash(password);
    const admin = await this.store.write(async (tx) => {
      const found = await this.require(tx.adminUsers.findByName(name), name);
      await tx.adminUsers.updatePassword(found.id, passwordHash);
      return found;
    });
    await this.store.sessions.deleteForAdmin(admin.id);
  }

  /**
   * Checks a name and password from `address`. Refused the same way whether the name is unknown or
   * the password wrong; a name or address past its failure limit waits without a check.
   */
  async signIn(name: string, password: string, address: string): Promise<SignInResult> {
    const nameKey = name.toLowerCase();
    const wait = Math.max(this.nameThrottle.retryAfter(nameKey), this.addressThrottle.retryAfter(address));
    if (wait > 0) return { ok: false, reason: 'locked', retryAfterSeconds: wait };
    const byName = this.nameThrottle.begin(nameKey);
    if (byName > 0) return { ok: false, reason: 'locked', retryAfterSeconds: byName };
    const byAddress = this.addressThrottle.begin(address);
    if (byAddress > 0) {
      this.nameThrottle.settle(nameKey, false);
      return { ok: false, reason: 'locked', retryAfterSeconds: byAddress };
    }
    let admin: AdminUser | undefined;
    let matched = false;
    try {
      admin = password.length > MAX_PASSWORD ? undefined : await this.store.adminUsers.findByName(name);
      const hash = admin?.passwordHash ?? (await (this.dummy ??= this.hasher.dummyHash()));
      matched = (await this.hasher.verifyTyped(hash, password.slice(0, MAX_PASSWORD))) && admin !== undefined;
    } finally {
      this.nameThrottle.settle(nameKey, !matched);
      this.addressThrottle.settle(address, !matched);
    }
    if (!matched || admin === undefined) return { ok: false, reason: 'wrong', retryAfterSeconds: 0 };
    const secret = randomBytes(32).toString('base64url');
    const at = new Date(this.clock.now()).toISOString();
    await this.store.sessions.insert({
      id: sessionId(secret),
      adminUserId: admin.id,
      createdAt: at,
      lastSeenAt: at,
    });
    // Sessions nobody ended are swept here, so the table holds only live ones and the last idle hour's.
    await this.store.sessions.deleteIdleSince(
      new Date(this.clock.now() - this.limits.idleSeconds * 1000).toISOString(),
    );
    return { ok: true, session: { principal: principalOf(admin), secret, csrfToken: csrfTokenOf(secret) } };
  }

  /** The session a cookie's secret stands for; undefined when it is unknown, idle too long or too old. */
  async session(secret: string): Promise<WebSession | undefined> {
    if (!SECRET.test(secret)) return undefined;
    const id = sessionId(secret);
    const session = await this.store.sessions.find(id);
    if (session === undefined) return undefined;
    const now = this.clock.now();
    const lastSeen = Date.parse(session.lastSeenAt);
    if (
      now - lastSeen > this.limits.idleSeconds * 1000 ||
      now - Date.parse(session.createdAt) > this.limits.maxAgeSeconds * 1000
    ) {
      await this.store.sessions.delete(id);
      return undefined;
    }
    const admin = await this.store.adminUsers.findById(session.adminUserId);
    if (admin === undefined) return undefined;
    if (now - lastSeen >= TOUCH_INTERVAL_MS) await this.store.sessions.touch(id, new Date(now).toISOString());
    return { principal: principalOf(admin), secret, csrfToken: csrfTokenOf(secret) };
  }

  async signOut(secret: string): Promise<void> {
    if (SECRET.test(secret)) await this.store.sessions.delete(sessionId(secret));
  }

  private async require(found: Promise<AdminUser | undefined>, name: string): Promise<AdminUser> {
    const admin = await found;
    if (admin === undefined) throw new ZprovError('not_found', `no one called '${name}' can sign in`, 'name');
    return admin;
  }

  private async view(admin: AdminUser): Promise<AdminUserView> {
    const tenant =
      admin.tenantId === undefined ? undefined : (await this.store.tenants.findById(admin.tenantId))?.slug;
    return { name: admin.name, role: admin.role, tenant, createdAt: admin.createdAt };
  }
}

const principalOf = (admin: AdminUser): Principal => ({
  name: `web:${admin.name}`,
  role: admin.role,
  tenantId: admin.tenantId,
});

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    throw new ZprovError(
      'invalid_input',
      `password: from ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`,
      'password',
    );
}
