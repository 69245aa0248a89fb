// How long a password check takes here and now, so that a login that cannot match (an unknown
// username, a user without a password) is answered after as long as one that can, without spending
// the CPU: a stranger's made-up username costs a timer, not a slow hash. The estimate follows the
// checks actually run (their running time, not their wait in the queue), so it tracks the machine's
// load as they do.

/** Weight of the newest check in the running average. */
const WEIGHT = 0.2;

export class CheckDuration {
  private perHashMs: number | undefined;

  /** A check that ran `hashes` slow hashes in `ms`. */
  record(ms: number, hashes: number): void {
    const per = ms / Math.max(1, hashes);
    this.perHashMs = this.perHashMs === undefined ? per : this.perHashMs + WEIGHT * (per - this.perHashMs);
  }

  /** How long a check of `hashes` slow hashes takes, once one has been measured. */
  estimate(hashes: number): number | undefined {
    return this.perHashMs === undefined ? undefined : this.perHashMs * hashes;
  }
}
