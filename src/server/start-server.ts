// Listening and stopping: reads the certificate files, builds the app, listens, and closes it so that
// requests in flight finish before the process lets go of its storage.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { isZprovError, ZprovError } from '../core/errors.js';
import type { ProvisioningService } from '../services/provisioning-contract.js';
import { hostForUrl } from './listen-address.js';
import { registerAdminApi, type AdminApiDeps } from './admin-api/admin-api.js';
import { buildServer, type ServerLimits } from './build-server.js';
import { registerEnrolmentRoutes } from './enrolment-routes.js';
import type { Enrolments } from '../services/management/enrolments.js';
import type { TrustedProxies } from '../config/trusted-proxies.js';
import type { ReadinessCheck } from './health-routes.js';
import type { LogLevel } from './server-logger.js';

export interface ListenSettings {
  readonly host: string;
  readonly port: number;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | undefined;
  readonly trustedProxies: TrustedProxies;
  readonly logLevel: LogLevel;
}

export interface StartOptions {
  readonly provisioning: ProvisioningService;
  readonly checkReady: ReadinessCheck;
  /** A logger shared with the services; otherwise one is made from the settings' level. */
  readonly logger?: Logger;
  readonly logDestination?: DestinationStream;
  readonly limits?: Partial<ServerLimits>;
  /** How long close() waits for requests in flight before cutting their connections, ms. */
  readonly drainTimeoutMs?: number;
  /** Serve the administration API on this (the phones') port too: only with --admin-on-phone-port. */
  readonly adminApi?: AdminApiDeps;
  /** Serve end users' enrolment links and the branded apps' Token URL (enrolment-routes.ts). */
  readonly enrolments?: Enrolments;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** The bound address as a URL, e.g. http://127.0.0.1:8080 (the real port when 0 was asked for). */
  readonly url: string;
  /** Stops accepting, lets requests in flight finish (up to the drain timeout), then resolves. */
  close(): Promise<void>;
}

export async function startServer(settings: ListenSettings, options: StartOptions): Promise<RunningServer> {
  const tls = settings.tls === undefined ? undefined : readTls(settings.tls);
  let app: FastifyInstance;
  try {
    app = buildServer({
      provisioning: options.provisioning,
      checkReady: options.checkReady,
      trustedProxies: settings.trustedProxies,
      logLevel: settings.logLevel,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.logDestination === undefined ? {} : { logDestination: options.logDestination }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      ...(tls === undefined ? {} : { tls }),
    });
  } catch (error) {
    if (isZprovError(error) || tls === undefined) throw error;
    throw new ZprovError(
      'config',
      `cannot use the TLS certificate and key: ${(error as Error).message}`,
      'tlsCert',
      { cause: error },
    );
  }
  try {
    if (options.adminApi !== undefined) await registerAdminApi(app, options.adminApi);
    if (options.enrolments !== undefined)
      await registerEnrolmentRoutes(app, { enrolments: options.enrolments });
    await app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    await app.close();
    throw new ZprovError(
      'config',
      `cannot listen on ${settings.host}:${settings.port}: ${(error as Error).message}`,
      'port',
      { cause: error },
    );
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  const url = `${settings.tls === undefined ? 'http' : 'https'}://${hostForUrl(settings.host)}:${port}`;
  let closing: Promise<void> | undefined;
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  return {
    app,
    url,
    close: () => (closing ??= closeGracefully(app, drainTimeoutMs)),
  };
}

async function closeGracefully(app: FastifyInstance, drainTimeoutMs: number): Promise<void> {
  // Fastify stops accepting, closes idle keep-alive connections and answers new requests on busy
  // ones with 503. A connection whose request finishes later turns idle and would otherwise linger
  // for the keep-alive timeout, so idle connections are closed again as they appear. The timer only
  // cuts connections whose requests outlive the drain timeout.
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  const cut = setTimeout(() => app.server.closeAllConnections(), drainTimeoutMs);
  sweep.unref();
  cut.unref();
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}

function readTls(tls: { readonly certFile: string; readonly keyFile: string }): {
  cert: Buffer;
  key: Buffer;
} {
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ZprovError(
        'config',
        `cannot read the TLS ${what} ${file}: ${(error as Error).message}`,
        file,
        {
          cause: error,
        },
      );
    }
  };
  return { cert: read(tls.certFile, 'certificate'), key: read(tls.keyFile, 'key') };
}

export { hostForUrl } from './listen-address.js';
