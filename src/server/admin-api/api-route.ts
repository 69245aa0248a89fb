// One route of the administration API as data: its method and path, the schemas of what it takes and
// gives back (TypeBox, so the same object validates requests, types the handler and goes into the
// OpenAPI document), who may call it, and its handler. Routes are registered from these and the
// OpenAPI document is generated from the same list: there is no second copy to keep in step.
import { createHash } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import type { Principal } from '../../services/management/token-admin.js';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** read: every role; write: server and tenant admins; server-admin: server admins only. */
export type ApiAccess = 'read' | 'write' | 'server-admin';

export interface ApiRequest<P, Q, B> {
  readonly principal: Principal;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The If-Match header as sent (an ETag), if any. */
  readonly ifMatch: string | undefined;
}

export interface ApiReply {
  readonly status: number;
  /** Serialised as JSON; undefined for 204. */
  readonly body?: unknown;
  /** The version of what the reply shows, sent as ETag. */
  readonly etag?: string;
}

export interface ApiRoute<
  P extends TSchema = TSchema,
  Q extends TSchema = TSchema,
  B extends TSchema = TSchema,
> {
  readonly method: ApiMethod;
  /** Fastify's form, below /api/v1: `/tenants/:tenant/users`. */
  readonly path: string;
  /** One line for the reference; also the OpenAPI operation's summary. */
  readonly summary: string;
  /** The OpenAPI tag it is listed under (tenants, users, ...). */
  readonly tag: string;
  readonly access: ApiAccess;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Every status it answers with success and the schema of that body (null: no body). */
  readonly responses: Readonly<Record<number, TSchema | null>>;
  readonly handler: (request: ApiRequest<Static<P>, Static<Q>, Static<B>>) => Promise<ApiReply>;
}

/** Keeps a route's schema types attached to its handler while the list holds routes of every shape. */
export const apiRoute = <P extends TSchema, Q extends TSchema, B extends TSchema>(
  route: ApiRoute<P, Q, B>,
): ApiRoute => route as unknown as ApiRoute;

/** A strong ETag for a representation: the first 32 hex digits of the SHA-256 of its JSON. */
export function etagOf(representation: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(representation)).digest('hex').slice(0, 32)}"`;
}
