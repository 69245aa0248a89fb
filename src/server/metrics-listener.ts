// /metrics on a listener of its own (plain node:http, not the phones' server): the figures name
// tenants, so they are served where the operator chooses (loopback by default), never on the port
// phones reach.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { ZprovError } from '../core/errors.js';
import { hostForUrl } from './start-server.js';

export interface MetricsListener {
  /** The bound address, e.g. http://127.0.0.1:9464 (the real port when 0 was asked for). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startMetricsListener(
  settings: { readonly host: string; readonly port: number },
  registry: Registry,
): Promise<MetricsListener> {
  const server = createServer((req, res) => void answer(req, res, registry));
  server.keepAliveTimeout = 10_000;
  server.requestTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw new ZprovError(
      'config',
      `cannot listen on ${settings.host}:${settings.port} for metrics: ${(error as Error).message}`,
      'metricsPort',
      { cause: error },
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(settings.host)}:${port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper keeps its connection open between scrapes.
        server.closeAllConnections();
      })),
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, registry: Registry): Promise<void> {
  const path = (req.url ?? '').split('?', 1)[0];
  if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: try /metrics\n');
    return;
  }
  try {
    const body = await registry.metrics();
    res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${(error as Error).message}\n`);
  }
}
