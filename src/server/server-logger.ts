// The server's pino logger. Secrets never reach it: request lines are logged with the query string
// replaced (credentials travel there), headers are not logged at all, and a redaction list catches
// any password or Authorization value that a log call might still carry.
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export const REDACTED = '[redacted]';

/** Paths pino blanks out wherever a log call puts them. */
export const REDACT_PATHS: readonly string[] = [
  'password',
  'pass',
  'authorization',
  '*.password',
  '*.pass',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.query',
  'req.body',
  'request.password',
];

/** The request line as logged: path kept, query string (where URL credentials live) replaced. */
export function redactUrl(url: string | undefined): string {
  if (url === undefined) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : `${url.slice(0, q)}?${REDACTED}`;
}

interface RawRequestLike {
  readonly method?: string;
  readonly url?: string;
  readonly ip?: string;
  readonly socket?: { readonly remoteAddress?: string };
}

const serializers: LoggerOptions['serializers'] = {
  req: (req: RawRequestLike) => ({
    method: req.method,
    url: redactUrl(req.url),
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: pino.stdSerializers.err,
};

export function createServerLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { name: 'zprov' },
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers,
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/**
 * Log lines for a person at a terminal: pino-pretty's formatter applied to each JSON line in this
 * thread, as it is written (no transport, so no worker thread and nothing lost at exit). Loaded only
 * when asked for.
 */
export async function prettyDestination(
  write: (line: string) => void,
  options: { readonly colors: boolean },
): Promise<DestinationStream> {
  const { prettyFactory } = await import('pino-pretty');
  const prettify = prettyFactory({
    colorize: options.colors,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
    ignore: 'pid,hostname,name',
    singleLine: true,
  });
  return { write: (line: string) => write(prettify(line)) };
}
