import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Actor } from '../auth/actor.js';
import { type StoreHealth } from './store-health.js';

/** Who may read the whole report: the pôle's coordinator, who runs its server. */
const REPORT_READERS = new Set(['COORDINATOR']);

/**
 * GET /health: 200 `{ status: 'ok' }` once the read models have caught up with the log (and the
 * projector thread that folded a rebuild has been replaced) and the store takes writes; 503 with
 * `catching-up`, or `store-unavailable`. A load balancer stops
 * sending requests on 503 and resumes by itself once the store is back: the process needs no
 * restart. That status is all anyone is told; a coordinator's bearer token also gets the log's
 * position and head, the store's reason (disk full, file read-only, KurrentDB unreachable), how
 * many projector threads the process has started and, with several server processes
 * (`MUTUA_PROCESSES`), which one answered (`pid`): they say how busy the pôle is, what its machine
 * suffers from and which process to aim at.
 */
export function registerHealth(app: FastifyInstance, health: StoreHealth, auth: { authenticate(token: string): Promise<Actor> }): void {
  app.get('/health', async (request, reply) => {
    const report = await health.report();
    const code = report.status === 'ok' ? 200 : 503;
    if (!(await readsTheReport(request, auth))) return reply.code(code).send({ status: report.status });
    return reply.code(code).send({ ...report, pid: process.pid });
  });
}

/** A token that is missing, refused or another role's gets the status alone: /health never fails over who asks. */
async function readsTheReport(request: FastifyRequest, auth: { authenticate(token: string): Promise<Actor> }): Promise<boolean> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return false;
  try {
    return REPORT_READERS.has((await auth.authenticate(header.slice('Bearer '.length).trim())).role);
  } catch {
    return false;
  }
}
