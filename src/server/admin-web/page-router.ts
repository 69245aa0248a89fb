// What the page modules are given to add their routes, and the helpers their handlers share.
import type { FastifyRequest } from 'fastify';
import { isZprovError, ZprovError } from '../../core/errors.js';
import type { WebSession } from '../../services/management/admin-users.js';
import type { Html } from './html.js';
import type { PageContext } from './page-layout.js';

/** What a page handler is given: the session and the page's frame. */
export interface PageRequest {
  readonly session: WebSession;
  readonly page: PageContext;
  readonly request: FastifyRequest;
}

export type PageHandler = (req: PageRequest) => Promise<PageAnswer>;

export type PageAnswer =
  | { readonly status?: number; readonly html: Html }
  /** A page sent as it is made (an import's progress): the browser shows each part on arrival. */
  | { readonly stream: AsyncIterable<string> }
  /** A file to save (a Provision.xml). */
  | { readonly download: { readonly name: string; readonly type: string; readonly body: string } }
  | { readonly redirect: string };

/** How the page modules add their routes: GETs render, POSTs are checked for the CSRF token first. */
export interface PageRouter {
  get(path: string, handler: PageHandler): void;
  post(path: string, handler: PageHandler): void;
}

/** An uploaded file's bytes ('' when none was sent), from a multipart form. */
export const formFile = (request: FastifyRequest, name: string): Buffer | undefined => {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return Buffer.isBuffer(value) && value.length > 0 ? value : undefined;
};

/** The Config.xml of configXmlFields: the uploaded file when one was chosen, else the pasted text. */
export const configText = (request: FastifyRequest, name: string): string =>
  formFile(request, `${name}-file`)?.toString('utf8') ?? formField(request, name);

/** A form's field as text ('' when absent or repeated oddly). */
export const formField = (request: FastifyRequest, name: string): string => {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return typeof value.at(-1) === 'string' ? (value.at(-1) as string) : '';
  return typeof value === 'string' ? value : '';
};

/** Turns a refused input into the message shown beside its field; other failures go on up. */
export function fieldError(error: unknown): { field: string; message: string } {
  if (
    isZprovError(error) &&
    error.code !== 'internal' &&
    error.code !== 'forbidden' &&
    error.code !== 'not_found'
  )
    return { field: error.field ?? '', message: error.message };
  throw error instanceof Error ? error : new ZprovError('internal', String(error));
}
