// The administration API's OpenAPI 3.1 document, made from the same route list that registers the
// routes: TypeBox schemas are JSON Schema (2020-12 is what OpenAPI 3.1 takes), so the schemas that
// validate requests and replies are the document's, and no hand-kept copy can drift from the code.
import { Type, type TSchema } from '@sinclair/typebox';
import { ERROR_CODES } from '../../core/errors.js';
import type { ApiMethod, ApiRoute } from './api-route.js';

/** The one shape of every failure: the catalogue's code, a message, and the field or option path. */
export const ErrorBody = Type.Object(
  {
    code: Type.Union(Object.values(ERROR_CODES).map((code) => Type.Literal(code))),
    message: Type.String(),
    field: Type.Optional(
      Type.String({ description: 'The field or option path concerned (general/record_calls).' }),
    ),
  },
  { additionalProperties: false },
);

export const ErrorReply = Type.Object({ error: ErrorBody });

/** What any route may answer besides its own replies; a route's own schema for a status wins. */
export const COMMON_ERRORS: Readonly<Record<number, string>> = {
  400: 'The request is invalid; `field` names the field or option path.',
  401: 'No token, or one that is unknown or revoked.',
  403: 'The token may not do this (a read-only token writing, a tenant admin doing a server-wide thing).',
  404: 'No such thing, or one the token may not see.',
  412: 'If-Match names a version that is no longer the current one.',
  428: 'A change to an existing record needs If-Match.',
  429: 'Too many requests; retry after the time in Retry-After.',
};

/** Failures only some routes give; a route lists them in `responses` (null: the error shape). */
const ROUTE_ERRORS: Readonly<Record<number, string>> = {
  409: 'It exists already.',
};

const METHOD_ORDER: readonly ApiMethod[] = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];

/** TypeBox keeps its bookkeeping under symbol keys; a JSON round trip leaves the plain JSON Schema. */
const plain = (schema: TSchema): Record<string, unknown> =>
  JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

/** Fastify's `/tenants/:tenant` as OpenAPI's `/tenants/{tenant}`. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** `GET /tenants/:tenant/users` → getTenantsByTenantUsers: stable, and unique while paths are. */
export function operationId(method: ApiMethod, path: string): string {
  const words = path
    .split('/')
    .filter((segment) => segment !== '')
    .flatMap((segment) =>
      segment.startsWith(':')
        ? ['by', ...segment.slice(1).split(/[^A-Za-z0-9]+/)]
        : segment.split(/[^A-Za-z0-9]+/),
    )
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return method.toLowerCase() + words.join('');
}

function parameters(schema: TSchema | undefined, where: 'path' | 'query'): object[] {
  if (schema === undefined) return [];
  const json = plain(schema);
  const properties = (json.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
      // A repeatable query parameter (?url=a&url=b) is sent as the parameter again per value.
      ...(where === 'query' && rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

const jsonContent = (schema: TSchema) => ({ 'application/json': { schema: plain(schema) } });

function responses(route: ApiRoute): Record<string, object> {
  const out: Record<string, object> = {};
  const statuses = new Set([
    ...Object.keys(route.responses).map(Number),
    ...Object.keys(COMMON_ERRORS).map(Number),
  ]);
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const own = route.responses[status];
    if (own === undefined) {
      out[String(status)] = { $ref: `#/components/responses/Error${status}` };
      continue;
    }
    // A failure a route lists without a schema of its own (409) has the one error shape.
    const schema = own === null && status >= 400 ? ErrorReply : own;
    out[String(status)] = {
      description: status < 300 ? 'Success.' : (COMMON_ERRORS[status] ?? ROUTE_ERRORS[status] ?? 'Failure.'),
      ...(schema === null ? {} : { content: jsonContent(schema) }),
    };
  }
  return out;
}

function operation(route: ApiRoute): object {
  const params = [...parameters(route.params, 'path'), ...parameters(route.query, 'query')];
  return {
    operationId: operationId(route.method, route.path),
    summary: route.summary,
    tags: [route.tag],
    description: `Access: ${ACCESS_TEXT[route.access]}.`,
    security: [{ bearerAuth: [] }],
    ...(params.length === 0 ? {} : { parameters: params }),
    ...(route.body === undefined
      ? {}
      : { requestBody: { required: true, content: jsonContent(route.body) } }),
    responses: responses(route),
  };
}

const ACCESS_TEXT: Readonly<Record<ApiRoute['access'], string>> = {
  read: 'any token that sees the tenant (read-only tokens included)',
  write: 'server and tenant admin tokens',
  'server-admin': 'server admin tokens only',
};

export interface OpenApiOptions {
  /** info.version; the API's own version by default. */
  readonly version?: string;
}

/** The document; the same routes give the same bytes (paths, methods and tags in a fixed order). */
export function buildOpenApiDocument(routes: readonly ApiRoute[], options: OpenApiOptions = {}): object {
  const paths = new Map<string, Map<ApiMethod, object>>();
  for (const route of routes) {
    const path = openApiPath(route.path);
    const methods = paths.get(path) ?? new Map<ApiMethod, object>();
    if (methods.has(route.method)) throw new Error(`two routes for ${route.method} ${route.path}`);
    methods.set(route.method, operation(route));
    paths.set(path, methods);
  }
  const sortedPaths: Record<string, Record<string, object>> = {};
  for (const path of [...paths.keys()].sort()) {
    const methods = paths.get(path) as Map<ApiMethod, object>;
    const item: Record<string, object> = {};
    for (const method of METHOD_ORDER) {
      const op = methods.get(method);
      if (op !== undefined) item[method.toLowerCase()] = op;
    }
    sortedPaths[path] = item;
  }
  const errorResponses: Record<string, object> = {};
  for (const [status, description] of Object.entries(COMMON_ERRORS))
    errorResponses[`Error${status}`] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  return {
    openapi: '3.1.0',
    info: {
      title: 'zprov administration API',
      version: options.version ?? '1',
      description:
        'Tenants, users, accounts, profiles, documents and imports of a zprov provisioning server. ' +
        'Every request carries a token (`zprov token create`) as `Authorization: Bearer …`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name })),
    paths: sortedPaths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: plain(ErrorReply) },
      responses: errorResponses,
    },
  };
}
