// The OpenAPI document made from the route list: OpenAPI 3.1's shape, every route in it exactly once
// with its method and path, the errors every route can give, schemas Ajv compiles, and the same bytes
// for the same routes.
import { describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../../src/server/admin-api/api-route.js';
import { buildOpenApiDocument, openApiPath, operationId } from '../../../src/server/admin-api/openapi.js';
import { apiRoutes } from '../../../src/server/admin-api/routes/index.js';
import type { ManagementService } from '../../../src/services/management/management-service.js';
import { replyValidator } from './openapi-validator.js';

// The routes are only listed here, never called: no management service is needed behind them.
const deps = { management: {} as ManagementService };
const allRoutes = (): ApiRoute[] => apiRoutes(deps);

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  security: object[];
  parameters?: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { $ref?: string; description?: string }>;
}
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, object>; schemas: Record<string, object> };
  tags: { name: string }[];
};

describe('OpenAPI document', () => {
  const routes = allRoutes();
  const doc = buildOpenApiDocument(routes) as Doc;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

  it('has the shape of an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('zprov administration API');
    expect(doc.info.version).toEqual(expect.any(String));
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer' } });
    expect(doc.tags.map((t) => t.name)).toEqual([...new Set(routes.map((r) => r.tag))].sort());
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\/[^:]*$/);
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      expect(['get', 'put', 'post', 'patch', 'delete']).toContain(method);
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(op.summary.length).toBeGreaterThan(0);
      for (const status of ['400', '401', '403', '404', '412', '428', '429'])
        expect(op.responses[status], `${method} ${path} ${status}`).toBeDefined();
      // Every {param} of the path is declared, required, as a path parameter.
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(declared.map((p) => p.name).sort()).toEqual([...inPath].sort());
      for (const p of declared) expect(p.required).toBe(true);
      for (const p of op.parameters ?? []) expect(JSON.stringify(p.schema)).not.toContain('"Symbol');
    }
  });

  it('holds every route exactly once, with its method and path', () => {
    expect(operations).toHaveLength(routes.length);
    for (const route of routes) {
      const matches = operations.filter(
        (o) => o.path === openApiPath(route.path) && o.method === route.method.toLowerCase(),
      );
      expect(matches, `${route.method} ${route.path}`).toHaveLength(1);
      const op = matches[0]?.op as Operation;
      expect(op.operationId).toBe(operationId(route.method, route.path));
      expect(op.summary).toBe(route.summary);
      expect(op.tags).toEqual([route.tag]);
      expect(op.requestBody !== undefined).toBe(route.body !== undefined);
      for (const status of Object.keys(route.responses)) expect(op.responses[status]).toBeDefined();
    }
  });

  it('turns Fastify paths into OpenAPI paths and names operations after them', () => {
    expect(openApiPath('/tenants/:tenant/users/:user/document')).toBe(
      '/tenants/{tenant}/users/{user}/document',
    );
    expect(operationId('GET', '/tenants/:tenant/provision-file')).toBe('getTenantsByTenantProvisionFile');
  });

  it('gives the same bytes for the same routes, in whatever order they are listed', () => {
    const again = JSON.stringify(buildOpenApiDocument(allRoutes()));
    expect(again).toBe(JSON.stringify(doc));
    expect(JSON.stringify(buildOpenApiDocument([...allRoutes()].reverse()))).toBe(again);
  });

  it('refuses two routes for one method and path', () => {
    const [first] = routes;
    expect(() => buildOpenApiDocument([first as ApiRoute, first as ApiRoute])).toThrow(/two routes/);
  });

  it('has response schemas JSON Schema 2020-12 compiles, and the error shape every failure has', () => {
    const validator = replyValidator(doc);
    for (const { path, method, op } of operations)
      for (const status of Object.keys(op.responses)) {
        const fastifyPath = path.replace(/\{([^}]+)\}/g, ':$1');
        expect(() => validator.check(method.toUpperCase(), fastifyPath, Number(status), {})).not.toThrow();
      }
    const [sample] = operations;
    const fastifyPath = (sample?.path ?? '').replace(/\{([^}]+)\}/g, ':$1');
    const check = (body: unknown) =>
      validator.check((sample?.method ?? '').toUpperCase(), fastifyPath, 404, body);
    expect(check({ error: { code: 'not_found', message: 'no tenant' } })).toEqual([]);
    expect(check({ error: { code: 'invalid_input', message: 'x', field: 'general/record_calls' } })).toEqual(
      [],
    );
    expect(check({ error: { code: 'nonsense', message: 'x' } })).not.toEqual([]);
    expect(check({ message: 'x' })).not.toEqual([]);
  });
});
