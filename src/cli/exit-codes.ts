// Every exit code zprov uses, in one place.
import type { ErrorCode } from '../services/errors.js';

export const EXIT = {
  OK: 0,
  /** The input was read but has errors (validate), or the operation was refused. */
  INVALID: 1,
  /** Bad usage, or a file that cannot be read. */
  USAGE: 2,
  /** A service failure not otherwise mapped. */
  FAILURE: 3,
} as const;

/** Exit code of a command that failed with a service error. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
    case 'not_found':
    case 'already_exists':
      return EXIT.INVALID;
    case 'io':
    case 'config':
      return EXIT.USAGE;
    default:
      return EXIT.FAILURE;
  }
}
