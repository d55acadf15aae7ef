import { type FastifyInstance } from 'fastify';
import { type CalendarFeeds } from './calendar-feeds.js';

/** A token is 32 random bytes in base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** `GET /calendars/<token>.ics`: the secret address is the only credential calendar applications can send. */
export function registerCalendarFeedRoutes(app: FastifyInstance, feeds: CalendarFeeds): void {
  app.get<{ Params: { file: string } }>('/calendars/:file', async (request, reply) => {
    const token = request.params.file.replace(/\.ics$/, '');
    const document = TOKEN_PATTERN.test(token) ? await feeds.render(token) : undefined;
    // Nothing is kept by caches: a revoked or disabled feed stops showing reservations at once, and comes back once enabled.
    void reply.header('Cache-Control', 'no-store');
    if (document === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('Agenda inconnu, révoqué ou suspendu.');
    return reply.type('text/calendar; charset=utf-8').send(document);
  });
}
