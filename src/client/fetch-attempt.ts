// One request to one provisioning URL, and what the phone makes of the reply: a usable
// configuration, an <error> document whose text it shows, or a failure that sends it on to the next
// URL. Only a 2xx reply holding a configuration document without validation errors counts as usable.
import {
  bindConfig,
  bindError,
  decodeUtf8,
  DEFAULT_MAX_INPUT_CHARS,
  hasErrors,
  readXml,
  validateConfig,
  type ConfigDocument,
  type Diagnostic,
  type DocumentSchema,
} from '../core/index.js';
import { HttpFailure, type Clock, type HttpFetch } from './client-ports.js';
import type { Attempt, AttemptVerdict } from './simulation-report.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Larger replies are abandoned; the core refuses documents above the same size. */
export const MAX_REPLY_BYTES = DEFAULT_MAX_INPUT_CHARS;

export interface AttemptRequest {
  readonly index: number;
  readonly url: string;
  /** The URL as reported (password masked). */
  readonly shown: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly auth: Attempt['auth'];
  readonly timeoutMs: number;
  /** The configuration dialect the emulated phone understands. */
  readonly schema: DocumentSchema;
}

export interface AttemptResult {
  readonly attempt: Attempt;
  /** Present only when the verdict is 'configuration'. */
  readonly configuration?: ConfigDocument;
}

export async function runAttempt(
  request: AttemptRequest,
  ports: { readonly fetch: HttpFetch; readonly clock: Clock },
): Promise<AttemptResult> {
  const started = ports.clock.now();
  const base = {
    index: request.index,
    url: request.shown,
    auth: request.auth,
    startedAt: new Date(started).toISOString(),
  };
  try {
    const response = await ports.fetch({
      url: request.url,
      headers: request.headers,
      timeoutMs: request.timeoutMs,
      maxBytes: MAX_REPLY_BYTES,
    });
    const durationMs = ports.clock.now() - started;
    const judged = judgeReply(response.status, response.body, request.schema);
    const { configuration, ...fields } = judged;
    const attempt: Attempt = {
      ...base,
      durationMs,
      status: response.status,
      ...(response.contentType === undefined ? {} : { contentType: response.contentType }),
      bytes: response.body.byteLength,
      ...(response.redirects === undefined ? {} : { redirects: response.redirects }),
      ...fields,
    };
    return configuration === undefined ? { attempt } : { attempt, configuration };
  } catch (error) {
    const durationMs = ports.clock.now() - started;
    const timedOut = error instanceof HttpFailure && error.kind === 'timeout';
    return {
      attempt: {
        ...base,
        durationMs,
        verdict: timedOut ? 'timeout' : 'network-error',
        problem: error instanceof Error ? error.message : String(error),
      },
    };
  }
}

export interface Judgement {
  readonly verdict: AttemptVerdict;
  readonly problem?: string;
  readonly errorText?: string;
  readonly errorCode?: number;
  readonly diagnostics?: readonly Diagnostic[];
  readonly configuration?: ConfigDocument;
}

/** What the phone makes of one HTTP reply. Pure: the property tests call it directly. */
export function judgeReply(status: number, body: Uint8Array, schema: DocumentSchema): Judgement {
  const ok = status >= 200 && status < 300;
  const decoded = decodeUtf8(body);
  if ('error' in decoded) {
    return ok
      ? { verdict: 'invalid-configuration', problem: `the reply ${decoded.error}` }
      : { verdict: 'http-error', problem: `HTTP ${status}; the body ${decoded.error}` };
  }
  const text = decoded.text;
  const { root, diagnostics } = readXml(text);
  if (root === undefined) {
    return ok
      ? { verdict: 'invalid-configuration', problem: 'the reply is not an XML document', diagnostics }
      : { verdict: 'http-error', problem: `HTTP ${status}${snippet(text)}` };
  }
  if (root.name === 'error') {
    const parsed = bindError(root, diagnostics);
    const document = parsed.document;
    return {
      verdict: 'error-document',
      ...(ok ? {} : { problem: `HTTP ${status}` }),
      ...(document === undefined ? {} : { errorText: document.message, errorCode: document.code }),
      diagnostics: parsed.diagnostics,
    };
  }
  if (root.name !== schema.root) {
    return ok
      ? {
          verdict: 'invalid-configuration',
          problem: `the reply's root element is <${root.name}>, not <${schema.root}>`,
        }
      : { verdict: 'http-error', problem: `HTTP ${status} with a <${root.name}> document` };
  }
  if (!ok) {
    return {
      verdict: 'http-error',
      problem: `HTTP ${status}: a configuration sent with a failure status is not used`,
    };
  }
  const bound = bindConfig(root, diagnostics, schema);
  if (bound.document === undefined) {
    return {
      verdict: 'invalid-configuration',
      problem: 'the reply is not a configuration',
      diagnostics: bound.diagnostics,
    };
  }
  const all = [...bound.diagnostics, ...validateConfig(bound.document, schema)];
  if (hasErrors(all)) {
    const count = all.filter((d) => d.severity === 'error').length;
    return {
      verdict: 'invalid-configuration',
      problem: `the configuration fails validation (${count} error${count === 1 ? '' : 's'})`,
      diagnostics: all,
    };
  }
  return { verdict: 'configuration', diagnostics: all, configuration: bound.document };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** The start of a non-XML body (a proxy's error page, a plain-text message), one line, printable. */
function snippet(text: string): string {
  const line = text
    .replace(/<[^>]*>/g, ' ')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (line === '') return '';
  return `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}
