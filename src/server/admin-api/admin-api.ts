// The administration API under /api/v1: bearer tokens, per-token rate limits, role checks, request
// validation from each route's TypeBox schemas, ETag and If-Match, and every failure as the one JSON
// shape { error: { code, message, field } }. It lives in an encapsulated Fastify context, so when it
// shares the phones' server its error and 404 handlers never touch the phones' <error> replies.
import rateLimit from '@fastify/rate-limit';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import {
  fastify,
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import { isZprovError, ZprovError, type ErrorCode } from '../../core/errors.js';
import { runAs } from '../../services/change-history.js';
import type { ManagementService } from '../../services/management/management-service.js';
import type { Principal } from '../../services/management/token-admin.js';
import { HTTP_STATUS } from '../http-errors.js';
import { createServerLogger } from '../server-logger.js';
import { hostForUrl } from '../listen-address.js';
import { checkAccess } from './access.js';
import type { ApiRoute } from './api-route.js';
import { registerOpenApiDocument, registerReferencePage } from './reference-page.js';
import { apiRoutes } from './routes/index.js';
import { registerAdminWeb } from '../admin-web/admin-web.js';

export const API_PREFIX = '/api/v1';

export interface AdminApiLimits {
  /** Requests one token may make per minute. */
  readonly requestsPerMinute: number;
  /** Unknown tokens one client address may present per minute before it waits (guessing). */
  readonly failedTokensPerMinute: number;
  /** Largest request body, bytes (imports send whole files). */
  readonly bodyLimit: number;
}

export const DEFAULT_ADMIN_LIMITS: AdminApiLimits = Object.freeze({
  requestsPerMinute: 600,
  failedTokensPerMinute: 10,
  bodyLimit: 4 * 1024 * 1024,
});

export interface AdminApiDeps {
  readonly management: ManagementService;
  /** The routes to serve; every route of routes/index.ts when absent. */
  readonly routes?: readonly ApiRoute[];
  readonly limits?: Partial<AdminApiLimits>;
  /** For the routes' own notices (a revealed password); the app's logger when absent. */
  readonly logger?: Logger;
}

const WINDOW_MS = 60_000;
const JSON_TYPE = 'application/json; charset=utf-8';

/** A request that fails its route's schema; `field` is the path within the part (body, query). */
class InputFailure extends Error {
  constructor(
    message: string,
    readonly field: string | undefined,
  ) {
    super(message);
  }
}

type HttpPart = 'body' | 'querystring' | 'params';

/**
 * A validator made from a TypeBox schema: query and path parameters are converted from text and get
 * their defaults; unknown fields are refused, not dropped, so a misspelt field is an error the client
 * sees. The first failure's JSON pointer becomes the field path (`set/stun~1use_stun` → `set/stun/use_stun`).
 */
function validatorFor(schema: TSchema, part: HttpPart) {
  const checker = TypeCompiler.Compile(schema);
  return (data: unknown): { value: unknown } | { error: Error } => {
    if (part === 'body' && (data === null || data === undefined))
      return { error: new InputFailure('body: a JSON object is required', undefined) };
    const value =
      part === 'body'
        ? data
        : Value.Convert(schema, Value.Default(schema, Value.Clone({ ...(data as object) })));
    if (checker.Check(value)) return { value };
    const first = checker.Errors(value).First();
    const field =
      first === undefined || first.path === ''
        ? undefined
        : first.path
            .slice(1)
            .split('/')
            .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
            .join('/');
    const where = part === 'querystring' ? 'query' : part === 'params' ? 'path' : 'body';
    return {
      error: new InputFailure(`${field ?? where}: ${first?.message ?? 'invalid'}`, field),
    };
  };
}

/** Failed token checks per client address in fixed one-minute windows. */
class FailureWindow {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly max: number) {}

  /** Seconds the address must wait, or 0. */
  waitFor(address: string, now: number): number {
    const entry = this.counts.get(address);
    if (entry === undefined || entry.resetAt <= now) return 0;
    return entry.count >= this.max ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  record(address: string, now: number): void {
    const entry = this.counts.get(address);
    if (entry === undefined || entry.resetAt <= now) {
      // Bounded: a spray of addresses forgets only windows that are over.
      if (this.counts.size >= 10_000)
        for (const [key, old] of this.counts) if (old.resetAt <= now) this.counts.delete(key);
      this.counts.set(address, { count: 1, resetAt: now + WINDOW_MS });
    } else entry.count++;
  }
}

function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  field?: string,
): FastifyReply {
  if (status === 401) void reply.header('www-authenticate', 'Bearer realm="zprov admin"');
  return reply
    .code(status)
    .header('content-type', JSON_TYPE)
    .header('cache-control', 'no-store')
    .send({ error: { code, message, ...(field === undefined ? {} : { field }) } });
}

/** Every failure in the API's context, as the one JSON shape. */
export function handleApiError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof InputFailure)
    return sendError(reply, 400, 'invalid_input', error.message, error.field);
  if (isZprovError(error) && HTTP_STATUS[error.code] < 500)
    return sendError(reply, HTTP_STATUS[error.code], error.code, error.message, error.field);
  const status = (error as FastifyError).statusCode;
  if (!isZprovError(error) && status !== undefined && status >= 400 && status < 500)
    // The framework's own refusals: malformed JSON, a body too large, another media type.
    return sendError(reply, status, 'invalid_input', error.message, 'body');
  request.log.error({ req: request.raw, err: error }, 'admin request failed');
  return sendError(reply, 500, 'internal', 'internal error; the server log has the details');
}

export function handleApiNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(
    reply,
    404,
    'not_found',
    `no route ${request.method} ${request.url.split('?', 1)[0] ?? ''}`,
  );
}

/** Mounts the API under /api/v1 in a context of its own. */
export async function registerAdminApi(app: FastifyInstance, deps: AdminApiDeps): Promise<void> {
  const limits = { ...DEFAULT_ADMIN_LIMITS, ...deps.limits };
  const logger = deps.logger ?? (app.log as Logger);
  const routes = deps.routes ?? apiRoutes({ management: deps.management, logger });
  const principals = new WeakMap<FastifyRequest, Principal>();
  const failures = new FailureWindow(limits.failedTokensPerMinute);

  const authenticate = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const presented = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1];
    if (presented === undefined)
      throw new ZprovError(
        'unauthenticated',
        'send Authorization: Bearer <token> (made by zprov token create)',
      );
    const address = request.ip;
    const wait = failures.waitFor(address, Date.now());
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      throw new ZprovError('rate_limited', `too many unknown tokens from this address; retry in ${wait} s`);
    }
    const principal = await deps.management.tokens.authenticate(presented);
    if (principal === undefined) {
      failures.record(address, Date.now());
      throw new ZprovError('unauthenticated', 'the token is unknown or revoked');
    }
    principals.set(request, principal);
  };

  await app.register(
    async (api) => {
      api.setErrorHandler(handleApiError);
      api.setNotFoundHandler(handleApiNotFound);
      // Per token once authenticated; per address for what fails before that.
      await api.register(rateLimit, {
        global: true,
        max: limits.requestsPerMinute,
        timeWindow: WINDOW_MS,
        hook: 'preParsing',
        keyGenerator: (request) => {
          const principal = principals.get(request);
          return principal === undefined ? `address:${request.ip}` : `token:${principal.name}`;
        },
        errorResponseBuilder: (_request, context) =>
          new ZprovError('rate_limited', `too many requests; retry in ${context.after}`),
      });
      // One line per request naming the token: never the Authorization header, the query or a body.
      api.addHook('onResponse', (request, reply, done) => {
        request.log.info(
          {
            req: request.raw,
            token: principals.get(request)?.name,
            status: reply.statusCode,
            ms: Math.round(reply.elapsedTime),
          },
          'admin request',
        );
        done();
      });
      for (const route of routes) {
        const parts: Partial<Record<HttpPart, TSchema>> = {
          ...(route.params === undefined ? {} : { params: route.params }),
          ...(route.query === undefined ? {} : { querystring: route.query }),
          ...(route.body === undefined ? {} : { body: route.body }),
        };
        api.route({
          method: route.method,
          url: route.path,
          bodyLimit: limits.bodyLimit,
          schema: parts,
          // Compiled from the route's own TypeBox objects, whatever Fastify hands the compiler.
          validatorCompiler: ({ httpPart }) => {
            const schema = parts[httpPart as HttpPart];
            return schema === undefined ? () => true : validatorFor(schema, httpPart as HttpPart);
          },
          onRequest: async (request, reply) => {
            await authenticate(request, reply);
            checkAccess(principals.get(request) as Principal, route.access);
          },
          handler: async (request, reply) => {
            const principal = principals.get(request) as Principal;
            const ifMatch = request.headers['if-match'];
            const answer = await runAs(`token:${principal.name}`, () =>
              route.handler({
                principal,
                params: request.params,
                query: request.query ?? {},
                body: request.body,
                ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
              }),
            );
            void reply.code(answer.status).header('cache-control', 'no-store');
            if (answer.etag !== undefined) void reply.header('etag', answer.etag);
            if (answer.body === undefined) return reply.send();
            return reply.header('content-type', JSON_TYPE).send(JSON.stringify(answer.body));
          },
        });
      }
    },
    { prefix: API_PREFIX },
  );

  // ---- The OpenAPI document and the reference page (openapi.ts, reference-page.ts), public like
  // ---- any published API description; in a context of their own with the same JSON errors.
  await app.register(async (docs) => {
    docs.setErrorHandler(handleApiError);
    registerOpenApiDocument(docs, API_PREFIX, routes);
    registerReferencePage(docs, API_PREFIX);
  });
}

export interface AdminListenerDeps extends AdminApiDeps {
  /** Shared with the rest of the server; otherwise one at info level on standard output. */
  readonly logger?: Logger;
}

export interface AdminListener {
  readonly app: FastifyInstance;
  /** The bound address, e.g. http://127.0.0.1:8081 (the real port when 0 was asked for). */
  readonly url: string;
  close(): Promise<void>;
}

/** The API on a listener of its own, apart from the phones' port (loopback by default). */
export async function startAdminListener(
  settings: { readonly host: string; readonly port: number },
  deps: AdminListenerDeps,
): Promise<AdminListener> {
  const logger = deps.logger ?? createServerLogger('info');
  const app = fastify({
    loggerInstance: logger,
    // The API logs one line per request itself (registerAdminApi).
    logController: new LogController({ disableRequestLogging: true }),
    exposeHeadRoutes: false,
    trustProxy: false,
  }) as unknown as FastifyInstance;
  app.setErrorHandler(handleApiError);
  app.setNotFoundHandler(handleApiNotFound);
  try {
    await registerAdminApi(app, { ...deps, logger });
    await registerAdminWeb(app, { management: deps.management });
    await app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    await app.close();
    if (isZprovError(error)) throw error;
    throw new ZprovError(
      'config',
      `cannot listen on ${settings.host}:${settings.port} for the administration API: ${(error as Error).message}`,
      'adminPort',
      { cause: error },
    );
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  let closing: Promise<void> | undefined;
  return {
    app,
    url: `http://${hostForUrl(settings.host)}:${port}`,
    close: () =>
      (closing ??= (async () => {
        // An API client may keep its connection open between calls.
        const cut = setTimeout(() => app.server.closeAllConnections(), 5_000);
        cut.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(cut);
        }
      })()),
  };
}
