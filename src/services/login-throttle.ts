// Failure limits with exponential back-off, per key (a username or a client address). After
// maxFailures failures the key is locked for lockoutSeconds, each further lockout doubling it up to
// maxLockoutSeconds; a key quiet for maxLockoutSeconds after its last failure or lockout starts
// over. A verification is counted when it begins, before the slow hash runs, so that guesses sent
// all at once get no more verifications than guesses sent one after another. Kept in memory and
// bounded: the oldest keys are dropped first, so random usernames cannot exhaust memory.
import type { Clock } from './clock.js';

interface KeyState {
  failures: number;
  lockouts: number;
  lockedUntil: number;
  lastFailure: number;
  /** Verifications begun and not settled yet. */
  pending: number;
}

export interface ThrottleLimits {
  readonly maxFailures: number;
  readonly lockoutSeconds: number;
  readonly maxLockoutSeconds: number;
}

/** The provisioning endpoint's limits: one throttle per username, one per client address. */
export interface ThrottleConfig {
  /** Failed logins per username before it is locked out. */
  readonly maxFailuresPerUser: number;
  /** Failed logins per client address before it is locked out. */
  readonly maxFailuresPerAddress: number;
  /** First lockout; each further lockout doubles it up to maxLockoutSeconds. */
  readonly lockoutSeconds: number;
  readonly maxLockoutSeconds: number;
}

export class LoginThrottle {
  private readonly states = new Map<string, KeyState>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly clock: Clock,
    private readonly maxKeys = 100_000,
    /** Told each time a key is locked out (metrics). */
    private readonly onLockout: () => void = () => undefined,
  ) {}

  /** Seconds until the key may try again; 0 when it is not locked. */
  retryAfter(key: string): number {
    const state = this.states.get(key);
    if (state === undefined) return 0;
    const now = this.clock.now();
    if (state.lockedUntil > now) return Math.ceil((state.lockedUntil - now) / 1000);
    if (this.isQuiet(state, now)) this.states.delete(key);
    return 0;
  }

  /**
   * Begins a verification for the key when its budget allows one more: not locked, and its failures
   * plus the verifications under way below maxFailures. Returns 0 when it began (settle it once it
   * ends), else the seconds to wait: what is left of a lockout, or 1 while the budget is taken by
   * verifications under way.
   */
  begin(key: string): number {
    const now = this.clock.now();
    const state = this.current(key, now);
    if (state.lockedUntil > now) return Math.ceil((state.lockedUntil - now) / 1000);
    if (state.failures + state.pending >= this.limits.maxFailures) return 1;
    state.pending += 1;
    this.keep(key, state);
    return 0;
  }

  /** A verification begun with begin() has ended; a failed one counts as a failure. */
  settle(key: string, failed: boolean): void {
    const state = this.states.get(key);
    if (state === undefined) return; // dropped meanwhile to bound memory
    state.pending = Math.max(0, state.pending - 1);
    if (failed) this.fail(key, state, this.clock.now());
    else if (state.pending === 0 && state.failures === 0 && state.lockouts === 0) this.states.delete(key);
  }

  /** A failure that began no verification (credentials refused before any check). */
  recordFailure(key: string): void {
    const now = this.clock.now();
    this.fail(key, this.current(key, now), now);
  }

  /** The key's state, a fresh one when it has none or has been quiet long enough. */
  private current(key: string, now: number): KeyState {
    const state = this.states.get(key);
    if (state !== undefined && (state.lockedUntil > now || state.pending > 0 || !this.isQuiet(state, now)))
      return state;
    return { failures: 0, lockouts: 0, lockedUntil: 0, lastFailure: now, pending: 0 };
  }

  private fail(key: string, state: KeyState, now: number): void {
    state.failures += 1;
    state.lastFailure = now;
    if (state.failures >= this.limits.maxFailures) {
      state.lockouts += 1;
      state.failures = 0;
      const seconds = Math.min(
        this.limits.lockoutSeconds * 2 ** Math.min(state.lockouts - 1, 30),
        this.limits.maxLockoutSeconds,
      );
      state.lockedUntil = now + seconds * 1000;
      this.onLockout();
    }
    this.keep(key, state);
  }

  /** Stores the state as the most recent; drops the least recent beyond the bound. */
  private keep(key: string, state: KeyState): void {
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > this.maxKeys) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
  }

  /**
   * Quiet for as long as the longest lockout, counted from the later of the last failure and the end
   * of the last lockout: a key that sat out a longest lockout and fails again at once is not quiet.
   */
  private isQuiet(state: KeyState, now: number): boolean {
    return now - Math.max(state.lastFailure, state.lockedUntil) > this.limits.maxLockoutSeconds * 1000;
  }

  /** The right credentials: the key's failures and lockouts are forgiven (verifications under way still settle). */
  recordSuccess(key: string): void {
    const state = this.states.get(key);
    if (state === undefined || state.pending === 0) this.states.delete(key);
    else Object.assign(state, { failures: 0, lockouts: 0, lockedUntil: 0 });
  }

  get size(): number {
    return this.states.size;
  }
}
