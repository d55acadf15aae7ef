import { type FastifyInstance } from 'fastify';
import { type StoreHealth } from './store-health.js';

/**
 * GET /health: 200 `{ status: 'ok' }` once the read models have caught up with the log and the
 * store takes writes; 503 with `catching-up`, or `store-unavailable` and the store's reason (disk
 * full, file read-only, KurrentDB unreachable). A load balancer stops sending requests on 503 and
 * resumes by itself once the store is back: the process needs no restart. With several server
 * processes (`MUTUA_PROCESSES`) each answers for itself, and says which it is (`pid`).
 */
export function registerHealth(app: FastifyInstance, health: StoreHealth): void {
  app.get('/health', async (_request, reply) => {
    const report = await health.report();
    return reply.code(report.status === 'ok' ? 200 : 503).send({ ...report, pid: process.pid });
  });
}
