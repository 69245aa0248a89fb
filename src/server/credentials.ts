// Where a provisioning request carries its credentials: an HTTP Basic header, or URL parameters
// under any of the accepted names. A well-formed Basic header wins; otherwise the URL parameters are
// used. The service decides what empty credentials mean (it records them as missing).
import {
  ALL_PLACEHOLDERS,
  parseBasicAuthorization,
  PASS_PARAMS,
  USER_PARAMS,
  VERSION_PARAM,
} from '../core/index.js';
import type { CredentialTransport } from '../services/provisioning-contract.js';
import type { QueryParams } from './query-params.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
  readonly transport: CredentialTransport;
  /** The mobile apps' [version] parameter, when sent. */
  readonly clientVersion: string | undefined;
}

export function readCredentials(params: QueryParams, authorization: string | undefined): Credentials {
  const version = firstValue(params, [VERSION_PARAM]);
  const basic = authorization === undefined ? undefined : parseBasicAuthorization(authorization);
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
    if (value !== undefined && value !== '' && !ALL_PLACEHOLDERS.has(value)) return value;
  }
  return undefined;
}
