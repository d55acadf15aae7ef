import { type FastifyInstance } from 'fastify';

/**
 * How long a stop lets answers still being sent (a year's invoices zip, an audit bundle) go on
 * before it cuts their connections: well under `docker stop`'s 10 s and a service manager's
 * usual 30 to 90 s, so that the process closes its stores itself rather than being killed.
 */
export const SENDING_GRACE_MS = 5_000;

/**
 * Bounds what `app.close()` (SIGTERM, Ctrl-C, a service manager's stop) waits for. Node's server
 * stops listening and then waits for every open connection to end, with no bound: a connection
 * whose request was answered after the stop began stayed open for its keep-alive (72 s, Fastify's
 * default), and a page with live updates (a subscription's server-sent events) never ended, so
 * the process was killed in the end. Once the stop begins:
 * - the signal returned is aborted: live streams end on it (`SERVER_STOPPING`), and the client
 *   opens them again on the next server;
 * - answers not yet begun say `Connection: close`, and a connection is closed as soon as its
 *   answer is sent (Fastify itself closes those idle at that moment and answers new requests 503);
 * - after `graceMs`, connections still sending are cut: a download is then incomplete, as a
 *   client sees it (the zip's or the bundle's end is missing), never one that looks complete.
 */
export function stopGracefully(app: FastifyInstance, graceMs = SENDING_GRACE_MS): AbortSignal {
  const stopping = new AbortController();
  let cutStillSending: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    stopping.abort();
    cutStillSending = setTimeout(() => app.server.closeAllConnections(), graceMs);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (stopping.signal.aborted) void reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('onResponse', (_request, _reply, done) => {
    // The connection counts as idle once Node has finished the response, just after this hook.
    if (stopping.signal.aborted) setImmediate(() => app.server.closeIdleConnections());
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    clearTimeout(cutStillSending);
    done();
  });
  return stopping.signal;
}
