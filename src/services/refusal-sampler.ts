// What a refused request may write to disk. Refusals come from input nobody authenticated, so one
// client could otherwise grow the audit log (and the WAL behind it) as fast as it can send: at most
// `perAddress` refusals from one address are recorded per minute, and at most `perSecond` from all
// addresses together; the rest are counted and reported once a minute in the log.
import type { Clock, ServiceLogger } from './clock.js';

export interface RefusalSamplerLimits {
  readonly perAddressPerMinute: number;
  readonly perSecond: number;
  /** Addresses remembered at once; the least recent are forgotten first. */
  readonly maxAddresses: number;
}

export const DEFAULT_REFUSAL_LIMITS: RefusalSamplerLimits = Object.freeze({
  perAddressPerMinute: 20,
  perSecond: 50,
  maxAddresses: 10_000,
});

const MINUTE = 60_000;

export class RefusalSampler {
  private readonly perAddress = new Map<string, { minute: number; count: number }>();
  private second = -1;
  private inSecond = 0;
  private reportedMinute = -1;
  private suppressed = 0;

  constructor(
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
    private readonly limits: RefusalSamplerLimits = DEFAULT_REFUSAL_LIMITS,
  ) {}

  /** Whether a refusal from `address` at `now` is recorded. */
  admit(address: string, now: number = this.clock.now()): boolean {
    this.report(now);
    const minute = Math.floor(now / MINUTE);
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.inSecond = 0;
    }
    let seen = this.perAddress.get(address);
    if (seen === undefined || seen.minute !== minute) seen = { minute, count: 0 };
    this.perAddress.delete(address);
    this.perAddress.set(address, seen);
    if (this.perAddress.size > this.limits.maxAddresses) {
      const oldest = this.perAddress.keys().next().value;
      if (oldest !== undefined) this.perAddress.delete(oldest);
    }
    if (seen.count >= this.limits.perAddressPerMinute || this.inSecond >= this.limits.perSecond) {
      this.suppressed += 1;
      return false;
    }
    seen.count += 1;
    this.inSecond += 1;
    return true;
  }

  /** Logs, at most once a minute, how many refusals went unrecorded since the last report. */
  private report(now: number): void {
    const minute = Math.floor(now / MINUTE);
    if (minute === this.reportedMinute) return;
    this.reportedMinute = minute;
    if (this.suppressed === 0) return;
    this.logger.warn(
      { unrecorded: this.suppressed },
      'refused provisioning requests over the audit limits were not recorded',
    );
    this.suppressed = 0;
  }
}
