// The provisioning endpoint: the default tenant at PROVISION_PATH, every tenant under its own path,
// and for each the Android and iOS apps' addresses (the same path + /android, /ios), whose replies
// are in the app's own dialect.
// Two ways in, one behaviour (same request, same log lines, same reply bytes):
// - directProvisioning: a plain GET, which is what phones send, answered straight from node:http
//   before the framework sees it. Per fetch this skips the router, the request and reply objects
//   and the hook chain, the largest cost of a warm fetch after the kernel's (docs/server.md,
//   "Benchmark"). Anything it is not sure of it leaves alone.
// - the Fastify route: POST (credentials in the URL or in a form body), and every GET that
//   directProvisioning leaves alone (a percent-encoded path, say), with the router's decoding.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZoiperPlatform } from '../core/index.js';
import {
  APP_PLATFORMS,
  PROVISION_PATH,
  tenantProvisionPath,
  type ProvisioningRequest,
  type ProvisioningResult,
  type ProvisioningService,
} from '../services/provisioning-contract.js';
import { andThen, settle } from '../services/now-or-later.js';
import type { ClientAddressResolver } from './client-address.js';
import { readCredentials } from './credentials.js';
import {
  INTERNAL_REFUSAL,
  OUTCOME_CODES,
  PROVISIONING_HEADERS,
  refusalAnswer,
  sendAnswer,
  writeAnswer,
  type HttpAnswer,
} from './http-errors.js';
import { parseQueryParams, type QueryParams } from './query-params.js';

export interface ProvisionRouteDeps {
  readonly provisioning: ProvisioningService;
  readonly clientAddress: ClientAddressResolver;
}

const TENANT_SLOT = 'tenant-slot';
/** The tenant route in the router's syntax, derived from the contract's path so both always agree. */
export const TENANT_ROUTE = tenantProvisionPath(TENANT_SLOT).replace(TENANT_SLOT, ':tenant');
const [TENANT_PREFIX, TENANT_SUFFIX] = tenantProvisionPath(TENANT_SLOT).split(TENANT_SLOT) as [
  string,
  string,
];

const FORM = 'application/x-www-form-urlencoded';

export function registerProvisionRoutes(app: FastifyInstance, deps: ProvisionRouteDeps): void {
  // Phones that POST may send their credentials as a form; any other body is read (within the body
  // limit) and ignored.
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) =>
    done(null, parseQueryParams(body as string)),
  );
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));

  const handler =
    (platform: ZoiperPlatform) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const { tenant } = request.params as { tenant?: string };
      const target = { tenant, platform };
      const sent = provisioningRequest(paramsOf(request), target, request.raw, deps.clientAddress);
      const result = await deps.provisioning.provision(sent);
      logResult(request.log, request.raw, sent, result);
      return sendAnswer(reply, answerOf(result));
    };
  for (const url of [PROVISION_PATH, TENANT_ROUTE]) {
    app.route({ method: ['GET', 'POST'], url, handler: handler('desktop') });
    for (const platform of APP_PLATFORMS)
      app.route({ method: ['GET', 'POST'], url: `${url}/${platform}`, handler: handler(platform) });
  }
}

/** Answers the request and returns true, or returns false having done nothing (the router answers). */
export type DirectHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface DirectProvisioningDeps extends ProvisionRouteDeps {
  readonly logger: FastifyBaseLogger;
  /** The router's limit on a path segment: a longer tenant segment is the router's to refuse. */
  readonly maxParamLength: number;
}

/**
 * Plain GETs of PROVISION_PATH and of a tenant's path whose slug needs no decoding, answered on
 * node:http exactly as the Fastify route answers them. Everything else (other methods and paths,
 * percent-escapes or '#' in the path, absolute-form request targets) is left to the router. Hooks
 * added to the Fastify app do not run for these requests.
 */
export function directProvisioning(deps: DirectProvisioningDeps): DirectHandler {
  const { provisioning, clientAddress, logger, maxParamLength } = deps;
  return (request, response) => {
    if (request.method !== 'GET') return false;
    const url = request.url ?? '';
    const q = url.indexOf('?');
    const target = provisioningTarget(q === -1 ? url : url.slice(0, q), maxParamLength);
    if (target === null) return false;
    settle(
      () => {
        const params = parseQueryParams(q === -1 ? '' : url.slice(q + 1));
        const sent = provisioningRequest(params, target, request, clientAddress);
        return andThen(provisioning.provision(sent), (result) =>
          reply(logger, request, response, sent, result),
        );
      },
      (error) => failed(logger, request, response, error),
    );
    return true;
  };
}

/** Whose configuration a provisioning path asks for: the tenant (undefined: the default) and platform. */
export interface ProvisioningTarget {
  readonly tenant: string | undefined;
  readonly platform: ZoiperPlatform;
}

/**
 * The tenant a provisioning path names: undefined for PROVISION_PATH, the slug for a tenant's path,
 * null for any other path and for a slug the router would have to decode or refuse.
 */
export function tenantOfPath(path: string, maxParamLength: number): string | undefined | null {
  if (path === PROVISION_PATH) return undefined;
  if (!path.startsWith(TENANT_PREFIX) || !path.endsWith(TENANT_SUFFIX)) return null;
  const slug = path.slice(TENANT_PREFIX.length, path.length - TENANT_SUFFIX.length);
  return slug.length <= maxParamLength && PLAIN_SEGMENT.test(slug) ? slug : null;
}

/** tenantOfPath for the Desktop path and the apps' (the same path + /android or /ios). */
export function provisioningTarget(path: string, maxParamLength: number): ProvisioningTarget | null {
  const slash = path.lastIndexOf('/');
  const last = path.slice(slash + 1);
  const platform = APP_PLATFORMS.find((p) => p === last);
  const tenant = tenantOfPath(platform === undefined ? path : path.slice(0, slash), maxParamLength);
  return tenant === null ? null : { tenant, platform: platform ?? 'desktop' };
}

/** Unreserved URL characters only (RFC 3986): a segment that reads the same decoded or not. */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/;

function provisioningRequest(
  params: QueryParams,
  { tenant, platform }: ProvisioningTarget,
  raw: IncomingMessage,
  clientAddress: ClientAddressResolver,
): ProvisioningRequest {
  const credentials = readCredentials(params, raw.headers.authorization);
  return {
    tenant,
    platform,
    username: credentials.username,
    password: credentials.password,
    transport: credentials.transport,
    clientAddress: clientAddress(raw.socket.remoteAddress, raw.headers['x-forwarded-for']),
    userAgent: raw.headers['user-agent'],
    clientVersion: credentials.clientVersion,
    params,
    connection: raw.socket,
  };
}

/** Served fetches are logged at debug only (they are in the audit log); refusals at info. */
function logResult(
  logger: FastifyBaseLogger,
  raw: IncomingMessage,
  sent: ProvisioningRequest,
  result: ProvisioningResult,
): void {
  const { tenant, username, clientAddress, platform } = sent;
  if (result.ok) {
    logger.debug(
      { req: raw, tenant, platform, username, clientAddress, clientVersion: sent.clientVersion },
      'served',
    );
    return;
  }
  logger.info(
    {
      req: raw,
      outcome: result.outcome,
      tenant,
      platform,
      username,
      transport: sent.transport,
      clientAddress,
    },
    'provisioning refused',
  );
}

function answerOf(result: ProvisioningResult): HttpAnswer {
  if (result.ok) return { status: 200, headers: PROVISIONING_HEADERS, body: result.body };
  return refusalAnswer({
    code: OUTCOME_CODES[result.outcome],
    message: result.userMessage,
    ...(result.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: result.retryAfterSeconds }),
  });
}

function reply(
  logger: FastifyBaseLogger,
  request: IncomingMessage,
  response: ServerResponse,
  sent: ProvisioningRequest,
  result: ProvisioningResult,
): void {
  logResult(logger, request, sent, result);
  writeAnswer(response, answerOf(result));
}

/** As Fastify's error handler answers a route that throws (http-errors.ts). */
function failed(
  logger: FastifyBaseLogger,
  request: IncomingMessage,
  response: ServerResponse,
  error: unknown,
): void {
  logger.error({ req: request, err: error }, 'request failed');
  // A reply already under way cannot be replaced by another: the connection is cut instead.
  if (response.headersSent) response.destroy();
  else writeAnswer(response, refusalAnswer(INTERNAL_REFUSAL));
}

/** URL parameters, completed by a POSTed form's fields (the URL wins where both name a field). */
function paramsOf(request: FastifyRequest): QueryParams {
  const query = request.query as QueryParams;
  const body = request.body;
  if (body === undefined || body === null || typeof body !== 'object') return query;
  return Object.assign(Object.create(null) as Record<string, string>, body as QueryParams, query);
}
