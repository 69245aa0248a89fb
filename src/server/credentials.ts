// Where a provisioning request carries its credentials: an HTTP Basic header, or URL parameters
// under any of the accepted names. A well-formed Basic header wins; otherwise the URL parameters are
// used. The service decides what empty credentials mean (it records them as missing), and reads the
// parameters again under a tenant's own names when the tenant has some.
import { DEFAULT_PARAM_LISTS, firstParam, parseBasicAuthorization } from '../core/index.js';
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
  const version = firstParam(params, DEFAULT_PARAM_LISTS.version);
  const basic = authorization === undefined ? undefined : parseBasicAuthorization(authorization);
  if (basic !== undefined) return { ...basic, transport: 'basic', clientVersion: version };
  return {
    username: firstParam(params, DEFAULT_PARAM_LISTS.username) ?? '',
    password: firstParam(params, DEFAULT_PARAM_LISTS.password) ?? '',
    transport: 'url',
    clientVersion: version,
  };
}
