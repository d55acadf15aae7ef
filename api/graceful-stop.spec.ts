import { once } from 'node:events';
import { request } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { stopGracefully } from './graceful-stop.js';

/** Resolves with what settled first: the promise's outcome, or `'still waiting'` after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  return Promise.race([promise, sleep(ms, 'still waiting' as const)]);
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  app?.server.closeAllConnections();
  await app?.close();
  app = undefined;
});

/**
 * A server with a slow answer and an endless download, stopped as `api/server.ts` stops it.
 * `slowAsked` resolves once the slow answer's handler runs: only then is that request in flight
 * (a connection that has sent nothing yet is idle, and a stop closes it at once).
 */
async function startApp(graceMs: number): Promise<{ url: string; stopping: AbortSignal; slowAsked: Promise<void> }> {
  app = Fastify();
  const stopping = stopGracefully(app, graceMs);
  let asked: () => void = () => undefined;
  const slowAsked = new Promise<void>((resolve) => (asked = resolve));
  app.get('/slow', async () => {
    asked();
    await sleep(300);
    return { answered: true };
  });
  app.get('/streamed', (_request, reply) => reply.send(Readable.from((async function* () {
    yield 'begun, ';
    await sleep(300);
    yield 'ended';
  })())));
  app.get('/endless', (_request, reply) => reply.send(new Readable({ read() { setTimeout(() => this.push(Buffer.alloc(1_024)), 20); } })));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, stopping, slowAsked };
}

/** A GET over a keep-alive connection, as browsers and fetch send them, with the socket's end. */
function keptAliveGet(url: string): Promise<{ status: number; connection: string | undefined; body: string; socketClosed: Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers: { connection: 'keep-alive' } }, (response) => {
      const socketClosed = once(response.socket, 'close');
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () =>
        resolve({ status: response.statusCode!, connection: response.headers.connection, body, socketClosed }));
    });
    sent.on('error', reject).end();
  });
}

describe('a stop waits for answers, not for connections', () => {
  it('answers a request in flight when the stop begins, says the connection closes, and closes it once answered', async () => {
    const { url, stopping, slowAsked } = await startApp(60_000);
    const answer = keptAliveGet(`${url}/slow`);
    await slowAsked;
    const closed = app!.close();
    const { status, connection, body, socketClosed } = await answer;
    expect(stopping.aborted).toBe(true);
    expect([status, connection, JSON.parse(body)]).toEqual([200, 'close', { answered: true }]);
    await socketClosed;
    // Without the hooks the close waited for the connection's keep-alive, 72 s.
    expect(await within(closed, 10_000)).toBeUndefined();
  });

  it('closes a connection whose answer had begun before the stop as soon as it is sent', async () => {
    const { url } = await startApp(60_000);
    const response = await fetch(`${url}/streamed`);
    expect(response.headers.get('connection')).toBe('keep-alive');
    const closed = app!.close();
    expect(await response.text()).toBe('begun, ended');
    expect(await within(closed, 10_000)).toBeUndefined();
  });

  it('cuts an answer still being sent once the grace has passed: the client sees it fail, never end', async () => {
    const { url } = await startApp(300);
    const response = await fetch(`${url}/endless`);
    const reader = response.body!.getReader();
    await reader.read();
    const closed = app!.close();
    const drained = (async () => {
      for (;;) if ((await reader.read()).done) return 'ended';
    })();
    await expect(drained).rejects.toThrow();
    expect(await within(closed, 10_000)).toBeUndefined();
  });

  it('lets an answer that ends within the grace end', async () => {
    const { url, slowAsked } = await startApp(5_000);
    const answer = keptAliveGet(`${url}/slow`);
    await slowAsked;
    const closed = app!.close();
    expect(JSON.parse((await answer).body)).toEqual({ answered: true });
    await closed;
  });
});
