// The one place where failures become HTTP replies: service error codes and provisioning outcomes map
// to a status here, and every failure is sent as Zoiper's <error code="1">…</error> document, whose
// text the phone shows to the person in front of it.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorDocument, isZprovError, serializeError, type ErrorCode } from '../core/index.js';
import { PHONE_MESSAGES } from '../services/messages.js';
import type { RefusalOutcome } from '../services/provisioning-contract.js';

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  user_disabled: 403,
  forbidden: 403,
  not_found: 404,
  nothing_to_serve: 404,
  already_exists: 409,
  precondition_failed: 412,
  precondition_required: 428,
  rate_limited: 429,
  unavailable: 503,
  io: 500,
  config: 500,
  internal: 500,
};

/** The service's refusal outcomes, as the error codes of the catalogue. */
export const OUTCOME_CODES: Readonly<Record<RefusalOutcome, ErrorCode>> = {
  missing_credentials: 'unauthenticated',
  unknown_user: 'unauthenticated',
  wrong_password: 'unauthenticated',
  disabled: 'user_disabled',
  revoked: 'user_disabled',
  locked_out: 'rate_limited',
  nothing_to_serve: 'nothing_to_serve',
  busy: 'unavailable',
  internal_error: 'internal',
};

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';
/** Sent with every provisioning reply, served or refused. */
export const PROVISIONING_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': XML_CONTENT_TYPE,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
});

export interface Refusal {
  readonly code: ErrorCode;
  /** Shown on the phone: no internals, no hint which half of the credentials was wrong. */
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

/** A reply as status, headers and body, for whichever way in sends it (see provision-route.ts). */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a request that failed inside zprov gets: no internals, whatever the cause. */
export const INTERNAL_REFUSAL: Refusal = Object.freeze({
  code: 'internal',
  message: PHONE_MESSAGES.internal_error,
});

export function refusalAnswer(refusal: Refusal): HttpAnswer {
  const status = HTTP_STATUS[refusal.code];
  const headers: Record<string, string> = { ...PROVISIONING_HEADERS };
  if (status === 401) headers['www-authenticate'] = 'Basic realm="zprov", charset="UTF-8"';
  if (refusal.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(refusal.retryAfterSeconds)));
  return { status, headers, body: serializeError(errorDocument(refusal.message)) };
}

/** A request that cannot be read (bad path, body too large, wrong media type): status as given. */
const badRequestAnswer = (status: number): HttpAnswer => ({
  status,
  headers: PROVISIONING_HEADERS,
  body: serializeError(errorDocument(PHONE_MESSAGES.bad_request)),
});

/** Sends an answer through Fastify. */
export const sendAnswer = (reply: FastifyReply, answer: HttpAnswer): FastifyReply =>
  reply.code(answer.status).headers(answer.headers).send(answer.body);

/** Writes an answer on the raw response exactly as Fastify would: its headers, content-length, body. */
export function writeAnswer(response: ServerResponse, answer: HttpAnswer): void {
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-length': String(Buffer.byteLength(answer.body)),
  });
  response.end(answer.body);
}

export const sendRefusal = (reply: FastifyReply, refusal: Refusal): FastifyReply =>
  sendAnswer(reply, refusalAnswer(refusal));

/** Fastify's error handler: anything a route throws, and the framework's own request errors. */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (isZprovError(error) && HTTP_STATUS[error.code] < 500) {
    request.log.info({ req: request.raw, code: error.code, field: error.field }, 'request refused');
    return sendRefusal(reply, { code: error.code, message: error.message });
  }
  const status = (error as FastifyError).statusCode;
  if (!isZprovError(error) && status !== undefined && status >= 400 && status < 500) {
    // Body too large, unsupported media type, malformed request: the framework's own 4xx.
    request.log.info({ req: request.raw, status, code: (error as FastifyError).code }, 'request rejected');
    return sendAnswer(reply, badRequestAnswer(status));
  }
  request.log.error({ req: request.raw, err: error }, 'request failed');
  return sendRefusal(reply, INTERNAL_REFUSAL);
}

export function handleNotFound(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendRefusal(reply, { code: 'not_found', message: PHONE_MESSAGES.not_found });
}

/**
 * What Node's HTTP parser refuses before any route runs (a malformed request, headers over the limit,
 * a request that did not arrive in time): the same document the phone can show, on the raw socket,
 * which is then closed. Bound to the Fastify instance as its clientErrorHandler.
 */
export function handleClientError(
  this: { log: FastifyBaseLogger },
  error: NodeJS.ErrnoException,
  socket: Duplex,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  this.log.debug({ err: error, status }, 'request could not be read');
  if (socket.writable) {
    const answer = badRequestAnswer(status);
    const headers = Object.entries({
      ...answer.headers,
      'content-length': String(Buffer.byteLength(answer.body)),
      connection: 'close',
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${headers}\r\n${answer.body}`);
  }
  socket.destroy(error);
}

/**
 * The router's own refusals (a malformed or over-long path segment) reach only the raw response; they
 * get the same document and headers.
 */
export function sendRawRejection(res: ServerResponse, status: 400 | 414): void {
  writeAnswer(res, badRequestAnswer(status));
}
