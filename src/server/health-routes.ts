// Liveness (the process answers) and readiness (it can reach its storage), for load balancers and
// orchestrators. Neither needs credentials nor says anything about the data.
import type { FastifyInstance } from 'fastify';

export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';

/** Resolves when storage answers; rejects (or throws) when it does not. */
export type ReadinessCheck = () => Promise<void> | void;

export function registerHealthRoutes(app: FastifyInstance, checkReady: ReadinessCheck): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: LIVENESS_PATH,
    handler: (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: READINESS_PATH,
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await checkReady();
        return reply.send({ status: 'ready' });
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable' });
      }
    },
  });
}
