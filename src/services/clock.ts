// Time as services see it: injectable so lockouts and rotation windows can be tested without waiting.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * ISO 8601 text for an epoch-ms time, remembering the last answer: a busy server stamps many requests
 * within the same millisecond, and formatting a date costs about as much as the rest of a warm fetch.
 */
export function isoTimeFormatter(): (ms: number) => string {
  let lastMs = Number.NaN;
  let lastText = '';
  return (ms) => {
    if (ms !== lastMs) {
      lastText = new Date(ms).toISOString();
      lastMs = ms;
    }
    return lastText;
  };
}

/** A clock tests move by hand. */
export function manualClock(
  start = Date.parse('2025-01-01T00:00:00Z'),
): Clock & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** What services log through: pino's (object, message) signature, so a pino logger fits as is. */
export interface ServiceLogger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export const silentLogger: ServiceLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
};
