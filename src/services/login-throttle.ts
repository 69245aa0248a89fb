// Failure limits with exponential back-off, per key (a username or a client address). After
// maxFailures failures the key is locked for lockoutSeconds, each further lockout doubling it up to
// maxLockoutSeconds; a key quiet for maxLockoutSeconds after its last failure or lockout starts
// over. Kept in memory and bounded: the oldest keys are dropped first, so random usernames cannot
// exhaust memory.
import type { Clock } from './clock.js';

interface KeyState {
  failures: number;
  lockouts: number;
  lockedUntil: number;
  lastFailure: number;
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

  recordFailure(key: string): void {
    const now = this.clock.now();
    let state = this.states.get(key);
    if (state !== undefined && state.lockedUntil <= now && this.isQuiet(state, now)) state = undefined;
    state ??= { failures: 0, lockouts: 0, lockedUntil: 0, lastFailure: now };
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
    }
    // Re-insert so Map order is least recently failed first; drop the oldest beyond the bound.
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

  recordSuccess(key: string): void {
    this.states.delete(key);
  }

  get size(): number {
    return this.states.size;
  }
}
