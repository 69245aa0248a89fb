// Builds the HTTP app without listening: tests inject or listen on an ephemeral port, `zprov serve`
// listens on the configured address (see start-server.ts).
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import { fastify, LogController, type FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import type { ProvisioningService } from '../services/provisioning-contract.js';
import { addressMatcher } from '../config/address-list.js';
import type { TrustedProxies } from '../config/trusted-proxies.js';
import { clientAddressResolver } from './client-address.js';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.js';
import { handleClientError, handleError, handleNotFound, sendRawRejection } from './http-errors.js';
import { directProvisioning, registerProvisionRoutes, type DirectHandler } from './provision-route.js';
import { parseQueryParams } from './query-params.js';
import { createServerLogger, type LogLevel } from './server-logger.js';

/** Size and time limits: small, because a provisioning request is one short GET. */
export interface ServerLimits {
  /** Largest request body (a POSTed form), bytes. */
  readonly bodyLimit: number;
  /** Longest path parameter (the tenant slug), characters. */
  readonly maxParamLength: number;
  /** Request line plus headers, bytes (Node's maxHeaderSize). */
  readonly maxHeaderSize: number;
  /** Whole request must arrive within this, ms. */
  readonly requestTimeoutMs: number;
  /** Headers must arrive within this, ms (slow-loris guard). */
  readonly headersTimeoutMs: number;
  /** An idle kept-alive connection is closed after this, ms. */
  readonly keepAliveTimeoutMs: number;
  /** A socket with no traffic at all is closed after this, ms. */
  readonly connectionTimeoutMs: number;
  /**
   * Open connections one client address may hold; more are closed at once, so that one client cannot
   * use up the process's file descriptors. Not applied to trusted proxies, whose connections carry
   * many clients.
   */
  readonly maxConnectionsPerAddress: number;
}

export const DEFAULT_LIMITS: ServerLimits = Object.freeze({
  bodyLimit: 16 * 1024,
  maxParamLength: 100,
  maxHeaderSize: 8 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 15_000,
  keepAliveTimeoutMs: 10_000,
  connectionTimeoutMs: 60_000,
  maxConnectionsPerAddress: 256,
});

export interface ServerDeps {
  readonly provisioning: ProvisioningService;
  readonly checkReady: ReadinessCheck;
  readonly trustedProxies: TrustedProxies;
  /** The logger to use (see createServerLogger); otherwise one is made from logLevel and logDestination. */
  readonly logger?: Logger;
  readonly logLevel?: LogLevel;
  /** Where log lines go; standard output when absent. */
  readonly logDestination?: DestinationStream;
  /** PEM certificate chain and key: the server speaks HTTPS when given. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly limits?: Partial<ServerLimits>;
}

export function buildServer(deps: ServerDeps): FastifyInstance {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const logger = deps.logger ?? createServerLogger(deps.logLevel ?? 'info', deps.logDestination);
  const clientAddress = clientAddressResolver(deps.trustedProxies);
  // Phones' GETs are answered ahead of the router (provision-route.ts) until the app starts closing;
  // from then on Fastify answers every request, refusing new ones with 503.
  let direct: DirectHandler | undefined = directProvisioning({
    provisioning: deps.provisioning,
    clientAddress,
    logger,
    maxParamLength: limits.maxParamLength,
  });
  const socketOptions = { maxHeaderSize: limits.maxHeaderSize };
  const tlsOptions =
    deps.tls === undefined
      ? undefined
      : { ...socketOptions, cert: deps.tls.cert, key: deps.tls.key, minVersion: 'TLSv1.2' as const };
  const app = fastify({
    loggerInstance: logger,
    // Fastify's own per-request info lines would print (and cost) every fetch; the routes log what matters.
    logController: new LogController({ disableRequestLogging: true }),
    // Requests log through the server's logger itself: a child logger per request (for a request id
    // nobody reads on the served path) costs more than the rest of the routing.
    childLoggerFactory: (parent) => parent,
    bodyLimit: limits.bodyLimit,
    clientErrorHandler: handleClientError,
    exposeHeadRoutes: false,
    // X-Forwarded-For is resolved by clientAddressResolver, only as configured.
    trustProxy: false,
    routerOptions: {
      maxParamLength: limits.maxParamLength,
      querystringParser: parseQueryParams,
      onMaxParamLength: (_path, _req, res) => sendRawRejection(res, 414),
      onBadUrl: (_path, _req, res) => sendRawRejection(res, 400),
    },
    // Read by Fastify only to print https:// addresses; the server itself is made below.
    ...(tlsOptions === undefined ? {} : { https: tlsOptions }),
    serverFactory: (routed) => {
      const listener = (request: IncomingMessage, response: ServerResponse): void => {
        if (direct === undefined || !direct(request, response)) routed(request, response);
      };
      // Node checks the header and request timeouts only this often (30 s by default, which let a
      // slow client keep its socket for up to twice the documented time).
      const checkEvery = Math.max(25, Math.min(1000, Math.floor(limits.headersTimeoutMs / 10)));
      const serverOptions = { ...socketOptions, connectionsCheckingInterval: checkEvery };
      const server =
        tlsOptions === undefined
          ? createHttpServer(serverOptions, listener)
          : createHttpsServer({ ...tlsOptions, ...serverOptions }, listener);
      limitConnectionsPerAddress(server, limits.maxConnectionsPerAddress, deps.trustedProxies);
      server.requestTimeout = limits.requestTimeoutMs;
      server.headersTimeout = limits.headersTimeoutMs;
      server.keepAliveTimeout = limits.keepAliveTimeoutMs;
      server.setTimeout(limits.connectionTimeoutMs);
      return server;
    },
  }) as unknown as FastifyInstance;
  app.addHook('preClose', (done) => {
    direct = undefined;
    done();
  });

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  registerHealthRoutes(app, deps.checkReady);
  registerProvisionRoutes(app, { provisioning: deps.provisioning, clientAddress });
  return app;
}

/** Closes a client's connections beyond `max` open at once (trusted proxies excepted). */
function limitConnectionsPerAddress(server: Server, max: number, trustedProxies: TrustedProxies): void {
  if (typeof trustedProxies === 'number' && trustedProxies > 0) return; // every peer is a proxy
  const isProxy = addressMatcher(Array.isArray(trustedProxies) ? trustedProxies : []);
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    if (isProxy(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
