// The emulator's ports on Node: the real file system, HTTP(S) GET, the system clock.
import { readdir, readFile } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  HttpFailure,
  type Clock,
  type ClientFileSystem,
  type HttpFetch,
  type HttpRequest,
  type HttpResponse,
} from './client-ports.js';

const errnoCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

export const nodeFileSystem: ClientFileSystem = {
  async readFile(path) {
    try {
      return await readFile(path);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  },
  async listDirectory(path) {
    try {
      return await readdir(path);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  },
};

export const systemClock: Clock = { now: () => Date.now() };

/** Redirects followed before giving up, as common HTTP clients do. */
export const MAX_REDIRECTS = 5;

/**
 * GET over node:http/https. Not the built-in fetch: that refuses some ports a phone would use (the
 * fetch standard's "bad ports"). Redirects are followed (up to MAX_REDIRECTS); the Authorization
 * header is dropped when a redirect leaves the origin, as curl does. The timeout covers the whole
 * exchange, redirects included.
 */
export const nodeFetch: HttpFetch = (request: HttpRequest): Promise<HttpResponse> =>
  new Promise((resolvePromise, rejectPromise) => {
    let settled = false;
    let current: ClientRequest | undefined;
    const settle = (error: HttpFailure | undefined, response?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) {
        current?.destroy();
        rejectPromise(error);
      } else resolvePromise(response as HttpResponse);
    };
    const timer = setTimeout(
      () => settle(new HttpFailure('timeout', `no complete reply within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const redirects: string[] = [];
    const get = (url: URL, headers: Readonly<Record<string, string>>): void => {
      const client = url.protocol === 'https:' ? httpsRequest : httpRequest;
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        settle(new HttpFailure('network', `unsupported protocol ${url.protocol}`));
        return;
      }
      const req = client(url, { method: 'GET', headers }, (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location !== undefined) {
          res.resume();
          if (redirects.length >= MAX_REDIRECTS) {
            settle(new HttpFailure('network', `more than ${MAX_REDIRECTS} redirects`));
            return;
          }
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            settle(new HttpFailure('network', `HTTP ${status} redirects to an invalid location`));
            return;
          }
          redirects.push(`${status} -> ${next.origin}${next.pathname}`);
          const kept = { ...headers };
          if (next.origin !== url.origin) delete kept['authorization'];
          get(next, kept);
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > request.maxBytes) {
          settle(
            new HttpFailure(
              'too-large',
              `the reply announces ${declared} bytes; the limit is ${request.maxBytes}`,
            ),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.byteLength;
          if (total > request.maxBytes)
            settle(
              new HttpFailure('too-large', `the reply is larger than the ${request.maxBytes}-byte limit`),
            );
          else chunks.push(chunk);
        });
        res.on('error', (error) => settle(new HttpFailure('network', describeNetworkError(error))));
        res.on('end', () =>
          settle(undefined, {
            status,
            contentType: res.headers['content-type'],
            body: Buffer.concat(chunks),
            ...(redirects.length > 0 ? { redirects } : {}),
          }),
        );
      });
      current = req;
      req.on('error', (error) => settle(new HttpFailure('network', describeNetworkError(error))));
      req.end();
    };
    let first: URL;
    try {
      first = new URL(request.url);
    } catch {
      settle(new HttpFailure('network', 'the URL cannot be parsed'));
      return;
    }
    get(first, request.headers);
  });

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errnoCode(error);
  return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
