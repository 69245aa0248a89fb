// The one catalogue of failures zprov reports, kept in the core so that every layer (config, storage,
// services, adapters) can raise them while pointing inward. Each adapter maps a code once: the HTTP
// error handler to a status, the CLI entry to an exit code, the provisioning endpoint to an <error>
// reply.

export const ERROR_CODES = {
  /** Input that fails validation; the message names the field. */
  INVALID_INPUT: 'invalid_input',
  NOT_FOUND: 'not_found',
  ALREADY_EXISTS: 'already_exists',
  /** Authenticated, but the role does not allow it (a read-only token writing). */
  FORBIDDEN: 'forbidden',
  /** A write named a version (If-Match) that is no longer the current one. */
  PRECONDITION_FAILED: 'precondition_failed',
  /** A write to an existing record without If-Match: it could overwrite a change it never saw. */
  PRECONDITION_REQUIRED: 'precondition_required',
  /** A provisioning request with missing, unknown or wrong credentials. */
  UNAUTHENTICATED: 'unauthenticated',
  /** Too many failures: the username or client address is locked out for a while. */
  RATE_LIMITED: 'rate_limited',
  USER_DISABLED: 'user_disabled',
  /** The server cannot take the request now (too much waiting work, or stopping); try again shortly. */
  UNAVAILABLE: 'unavailable',
  /** The user exists and authenticated but has nothing to be served (no profile, no account). */
  NOTHING_TO_SERVE: 'nothing_to_serve',
  /** A file could not be read or written. */
  IO: 'io',
  /** The server's own configuration is unusable (bad flag, unreadable key file). */
  CONFIG: 'config',
  INTERNAL: 'internal',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class ZprovError extends Error {
  override readonly name = 'ZprovError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The field, option path or file the error is about, when there is one. */
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isZprovError = (e: unknown): e is ZprovError => e instanceof ZprovError;
