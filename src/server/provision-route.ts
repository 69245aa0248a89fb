// The provisioning endpoint: the default tenant at PROVISION_PATH, every tenant under its own path.
// GET is what phones send; POST is accepted too (credentials in the URL, or a form body).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  PROVISION_PATH,
  tenantProvisionPath,
  type ProvisioningRequest,
  type ProvisioningResult,
  type ProvisioningService,
} from '../services/provisioning-contract.js';
import type { ClientAddressResolver } from './client-address.js';
import { readCredentials } from './credentials.js';
import { OUTCOME_CODES, PROVISIONING_HEADERS, sendRefusal } from './http-errors.js';
import { parseQueryParams, type QueryParams } from './query-params.js';

export interface ProvisionRouteDeps {
  readonly provisioning: ProvisioningService;
  readonly clientAddress: ClientAddressResolver;
}

const TENANT_SLOT = 'tenant-slot';
/** The tenant route in the router's syntax, derived from the contract's path so both always agree. */
export const TENANT_ROUTE = tenantProvisionPath(TENANT_SLOT).replace(TENANT_SLOT, ':tenant');

const FORM = 'application/x-www-form-urlencoded';

export function registerProvisionRoutes(app: FastifyInstance, deps: ProvisionRouteDeps): void {
  // Phones that POST may send their credentials as a form; any other body is read (within the body
  // limit) and ignored.
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) =>
    done(null, parseQueryParams(body as string)),
  );
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));

  // A repeat fetch is answered by the service at once; it is sent in the same turn, without the
  // promise an async handler would add to every warm fetch (a tenth of Fastify's cost per request).
  const handler = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | undefined => {
    const params = paramsOf(request);
    const credentials = readCredentials(params, request.headers.authorization);
    const provisioningRequest: ProvisioningRequest = {
      tenant: (request.params as { tenant?: string }).tenant,
      username: credentials.username,
      password: credentials.password,
      transport: credentials.transport,
      clientAddress: deps.clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for']),
      userAgent: request.headers['user-agent'],
      clientVersion: credentials.clientVersion,
    };
    const result = deps.provisioning.provision(provisioningRequest);
    if (result instanceof Promise)
      return result.then((settled) => sendResult(request, reply, provisioningRequest, settled));
    sendResult(request, reply, provisioningRequest, result);
    return undefined;
  };

  for (const url of [PROVISION_PATH, TENANT_ROUTE]) app.route({ method: ['GET', 'POST'], url, handler });
}

function sendResult(
  request: FastifyRequest,
  reply: FastifyReply,
  sent: ProvisioningRequest,
  result: ProvisioningResult,
): FastifyReply {
  const { tenant, username, clientAddress } = sent;
  if (result.ok) {
    request.log.debug(
      { req: request.raw, tenant, username, clientAddress, clientVersion: sent.clientVersion },
      'served',
    );
    return reply.headers(PROVISIONING_HEADERS).send(result.body);
  }
  request.log.info(
    { req: request.raw, outcome: result.outcome, tenant, username, transport: sent.transport, clientAddress },
    'provisioning refused',
  );
  return sendRefusal(reply, {
    code: OUTCOME_CODES[result.outcome],
    message: result.userMessage,
    ...(result.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: result.retryAfterSeconds }),
  });
}

/** URL parameters, completed by a POSTed form's fields (the URL wins where both name a field). */
function paramsOf(request: FastifyRequest): QueryParams {
  const query = request.query as QueryParams;
  const body = request.body;
  if (body === undefined || body === null || typeof body !== 'object') return query;
  return Object.assign(Object.create(null) as Record<string, string>, body as QueryParams, query);
}
