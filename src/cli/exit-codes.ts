// Every exit code zprov uses, in one place.
import type { SimulationOutcome } from '../client/simulation-report.js';
import type { ErrorCode } from '../core/errors.js';

export const EXIT = {
  OK: 0,
  /** The input was read but has errors (validate), or the operation was refused. */
  INVALID: 1,
  /** Bad usage, or a file that cannot be read. */
  USAGE: 2,
  /** A service failure not otherwise mapped. */
  FAILURE: 3,
  /** simulate/apply: no provision file in any place the phone looks. */
  NO_PROVISION_FILE: 10,
  /** simulate/apply: the provision file found is not valid; the phone ignores it. */
  INVALID_PROVISION_FILE: 11,
  /** simulate/apply: every URL failed (no connection, timeout, HTTP failure, unusable reply). */
  ALL_URLS_FAILED: 12,
  /** simulate/apply: no URL gave a configuration and a server answered with an <error> document. */
  SERVER_ERROR_DOCUMENT: 13,
  /** apply --strict: Zoiper appears to be running, nothing was written. */
  ZOIPER_RUNNING: 14,
} as const;

/** Exit code of a command that failed with a service error. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
    case 'not_found':
    case 'already_exists':
    case 'forbidden':
    case 'precondition_failed':
    case 'precondition_required':
      return EXIT.INVALID;
    case 'io':
    case 'config':
      return EXIT.USAGE;
    default:
      return EXIT.FAILURE;
  }
}

/** Exit code of `zprov simulate` and `zprov apply` for each way a provisioning run ends. */
export function exitCodeForSimulation(outcome: SimulationOutcome): number {
  switch (outcome) {
    case 'success':
      return EXIT.OK;
    case 'no-provision-file':
      return EXIT.NO_PROVISION_FILE;
    case 'invalid-provision-file':
      return EXIT.INVALID_PROVISION_FILE;
    case 'all-failed':
      return EXIT.ALL_URLS_FAILED;
    case 'error-document':
      return EXIT.SERVER_ERROR_DOCUMENT;
    case 'credentials-unavailable':
      return EXIT.USAGE;
    case 'invalid-local-config':
      return EXIT.INVALID;
  }
}
