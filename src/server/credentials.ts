// Where a provisioning request carries its credentials: an HTTP Basic header, or URL parameters
// under any of the accepted names. A well-formed Basic header wins; otherwise the URL parameters are
// used. The service decides what empty credentials mean (it records them as missing).
import {
  PASS_PARAMS,
  USER_PARAMS,
  VERSION_PARAM,
  type CredentialTransport,
} from '../services/provisioning-contract.js';
import type { QueryParams } from './query-params.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
  readonly transport: CredentialTransport;
  /** The mobile apps' [version] parameter, when sent. */
  readonly clientVersion: string | undefined;
}

/** Placeholders a phone leaves in the URL when it has nothing to substitute. */
const PLACEHOLDERS = new Set([
  '[user]',
  '[pass]',
  '[username]',
  '[password]',
  '[version]',
  '{username}',
  '{password}',
  '{version}',
]);

const BASIC = /^Basic[ \t]+([A-Za-z0-9+/\-_]+=*)[ \t]*$/i;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function readCredentials(params: QueryParams, authorization: string | undefined): Credentials {
  const version = firstValue(params, [VERSION_PARAM]);
  const basic = authorization === undefined ? undefined : parseBasic(authorization);
  if (basic !== undefined) return { ...basic, transport: 'basic', clientVersion: version };
  return {
    username: firstValue(params, USER_PARAMS) ?? '',
    password: firstValue(params, PASS_PARAMS) ?? '',
    transport: 'url',
    clientVersion: version,
  };
}

/** The first accepted name that carries a real (non-empty, substituted) value. */
function firstValue(params: QueryParams, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = params[name];
    if (value !== undefined && value !== '' && !PLACEHOLDERS.has(value)) return value;
  }
  return undefined;
}

/** RFC 7617: base64 of "user:password"; UTF-8, falling back to Latin-1 for old clients. */
export function parseBasic(header: string): { username: string; password: string } | undefined {
  const match = BASIC.exec(header);
  if (match === null) return undefined;
  const bytes = Buffer.from(match[1] as string, 'base64');
  let decoded: string;
  try {
    decoded = UTF8.decode(bytes);
  } catch {
    decoded = bytes.toString('latin1');
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
