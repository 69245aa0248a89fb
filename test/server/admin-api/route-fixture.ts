// A composed app on SQLite with the four kinds of token the API knows, and the real administration
// API plugin serving the route modules under test on a listening socket, called over real HTTP; every
// reply it gives is recorded, so tests can check each against the OpenAPI document.
import { fastify, type FastifyInstance } from 'fastify';
import type { ApiRoute } from '../../../src/server/admin-api/api-route.js';
import { API_PREFIX, registerAdminApi } from '../../../src/server/admin-api/admin-api.js';
import type { RouteDeps } from '../../../src/server/admin-api/routes/route-support.js';
import { expect } from 'vitest';
import { buildOpenApiDocument } from '../../../src/server/admin-api/openapi.js';
import { apiRoutes } from '../../../src/server/admin-api/routes/index.js';
import { testApp, type TestApp } from '../../support/test-app.js';
import { replyValidator } from './openapi-validator.js';

export const PREFIX = API_PREFIX;

export type Who = 'admin' | 'acme-admin' | 'reader' | 'acme-reader';

export interface RecordedReply {
  readonly method: string;
  /** The route's path in Fastify's form, below the prefix. */
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

/** A reply as the tests read it. */
export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RouteFixture {
  readonly app: FastifyInstance;
  readonly t: TestApp;
  /** Every reply a route gave, success or failure, for checking against the OpenAPI document. */
  readonly recorded: RecordedReply[];
  call(
    who: Who | undefined,
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<HttpReply>;
  close(): Promise<void>;
  /**
   * Closes, then fails unless more than `atLeast` replies were recorded and every one matches the
   * OpenAPI document's schema for its route and status.
   */
  closeCheckingReplies(atLeast?: number): Promise<void>;
}

export async function routeFixture(routes: (deps: RouteDeps) => ApiRoute[]): Promise<RouteFixture> {
  const t = await testApp({ publicUrls: ['https://prov.example.test'] });
  const management = t.app.management;
  await management.tenants.add({ slug: 'acme' });
  await management.tenants.add({ slug: 'other' });
  const made = async (name: Who, role: string, tenant?: string) =>
    [name, (await management.tokens.create(name, role, tenant)).token] as const;
  const tokens = Object.fromEntries([
    await made('admin', 'server-admin'),
    await made('acme-admin', 'tenant-admin', 'acme'),
    await made('reader', 'read-only'),
    await made('acme-reader', 'read-only', 'acme'),
  ]) as Record<Who, string>;
  const app = fastify({ logger: false });
  const recorded: RecordedReply[] = [];
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (route?.startsWith(PREFIX) === true && typeof payload === 'string' && payload !== '')
      recorded.push({
        method: request.method,
        path: route.slice(PREFIX.length),
        status: reply.statusCode,
        body: JSON.parse(payload) as unknown,
      });
    return payload;
  });
  await registerAdminApi(app, { management, routes: routes({ management }) });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const close = async (): Promise<void> => {
    await app.close();
    await t.close();
  };
  return {
    app,
    t,
    recorded,
    call: async (who, method, path, options = {}) => {
      const response = await fetch(base + PREFIX + path, {
        method,
        headers: {
          ...(who === undefined ? {} : { authorization: `Bearer ${tokens[who]}` }),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const body = await response.text();
      return {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body,
        json: <T = any>(): T => JSON.parse(body) as T, // eslint-disable-line @typescript-eslint/no-explicit-any
      };
    },
    close,
    closeCheckingReplies: async (atLeast = 5) => {
      const validator = replyValidator(buildOpenApiDocument(apiRoutes({ management })));
      const problems = recorded.flatMap((r) => validator.check(r.method, r.path, r.status, r.body));
      await close();
      expect(recorded.length).toBeGreaterThan(atLeast);
      expect(problems).toEqual([]);
    },
  };
}
