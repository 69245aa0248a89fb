// What the person in front of the phone reads when provisioning fails: Zoiper shows the text of the
// <error> reply as it is. The one table of these texts, each refusal worded once. They never say
// which half of the credentials was wrong and never show internals.
import type { RefusalOutcome } from './provisioning-contract.js';

export const PHONE_MESSAGES: Readonly<
  Record<Exclude<RefusalOutcome, 'locked_out'> | 'not_found' | 'bad_request', string>
> = Object.freeze({
  missing_credentials: 'Please enter your provisioning username and password.',
  unknown_user: 'The username or password is not correct.',
  wrong_password: 'The username or password is not correct.',
  disabled: 'This account is disabled. Please contact your administrator.',
  nothing_to_serve: 'There is no configuration for this account yet. Please contact your administrator.',
  internal_error: 'The provisioning server could not answer. Please try again later.',
  busy: 'The provisioning server is busy. Please try again in a moment.',
  /** A path at which no provisioning endpoint answers. */
  not_found: 'There is no configuration at this address. Please check the provisioning URL.',
  /** A request that cannot be read (a malformed path, a body too large, a wrong media type). */
  bad_request: 'The provisioning request could not be read. Please check the provisioning URL.',
});

/** A locked-out login's message: when to try again, in whole minutes. */
export function lockedOutMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed attempts. Please try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`;
}

/** The message for a refused fetch. */
export const refusalMessage = (outcome: RefusalOutcome, retryAfterSeconds?: number): string =>
  outcome === 'locked_out' ? lockedOutMessage(retryAfterSeconds ?? 60) : PHONE_MESSAGES[outcome];
