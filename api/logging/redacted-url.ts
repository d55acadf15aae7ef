import { type FastifyRequest } from 'fastify';

/** Query parameters that carry a credential: a download link's token, and any other link's that names it so. */
const SECRET_PARAMETERS = new Set(['token']);
/** A calendar feed's address is its secret: the segment after `/calendars/`. */
const FEED_SECRET = /(^|\/)(calendars\/)[^/]*/gi;

/**
 * The address of a request as the log may keep it: the calendar feed secret of `/calendars/<secret>.ics`
 * and the value of every `token` parameter replaced. Whoever reads the logs must not be able to act
 * as the people whose requests they read.
 */
export function redactedUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = (queryStart === -1 ? url : url.slice(0, queryStart)).replace(FEED_SECRET, '$1$2[secret]');
  if (queryStart === -1) return path;
  const query = url.slice(queryStart + 1).split('&').map((parameter) => {
    const nameEnd = parameter.indexOf('=');
    const name = nameEnd === -1 ? parameter : parameter.slice(0, nameEnd);
    return SECRET_PARAMETERS.has(decodedName(name).toLowerCase()) ? `${name}=[redacted]` : parameter;
  });
  return `${path}?${query.join('&')}`;
}

/** Fastify's own serialiser of a request for the log, with the address redacted. */
export function redactedRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket ? request.socket.remotePort : undefined,
  };
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
