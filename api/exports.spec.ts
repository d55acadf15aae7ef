import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { answer, takeDownloadTurn } from './exports.js';
import { type DownloadLimits, DownloadTurns } from './threads/download-turns.js';

/**
 * A server with three downloads taken in turn, as the FEC and the audit bundle are: one sent at
 * once, one that fails once its turn has come, and one that waits, after its first bytes, until
 * the test lets it end (`release`).
 */
async function downloadServer(limits: DownloadLimits): Promise<{ url: string; turns: DownloadTurns; release: () => void }> {
  const turns = new DownloadTurns(limits);
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  // The client may leave a connection open that it never sent a request on: closed with the rest.
  const app = Fastify({ forceCloseConnections: true });
  app.get('/whole', (request, reply) => answer(request, reply, async () => {
    await takeDownloadTurn(turns, reply);
    return reply.send(Readable.from(['une ligne\n', 'une autre\n']));
  }));
  app.get('/failing', (request, reply) => answer(request, reply, async () => {
    await takeDownloadTurn(turns, reply);
    throw new Error('the first page could not be written');
  }));
  app.get('/held', (request, reply) => answer(request, reply, async () => {
    await takeDownloadTurn(turns, reply);
    return reply.send(Readable.from((async function* () {
      yield 'le début\n';
      await released;
      yield 'la fin\n';
    })()));
  }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  servers.push(app);
  return { url, turns, release };
}

const servers: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((app) => app.close()));
});

/** A download under way: its answer has begun, its first bytes have come, and its client reads no further for now. */
async function heldDownload(url: string): Promise<{ rest: () => Promise<string>; cut: AbortController }> {
  const cut = new AbortController();
  const response = await fetch(`${url}/held`, { signal: cut.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  expect((await reader.read()).done).toBe(false);
  const rest = async () => {
    let text = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += Buffer.from(read.value).toString();
    return text;
  };
  return { rest, cut };
}

describe('downloads taken in turn, over HTTP', () => {
  it('ends the turn of a download once it is sent whole, and of one that fails before its answer begins', async () => {
    const { url, turns } = await downloadServer({ atOnce: 1, waiting: 0 });
    // With one turn and no line, a turn left taken would have the next download refused.
    for (let round = 0; round < 3; round += 1) {
      const whole = await fetch(`${url}/whole`);
      expect([whole.status, await whole.text()]).toEqual([200, 'une ligne\nune autre\n']);
      const failing = await fetch(`${url}/failing`);
      expect([failing.status, await failing.json()]).toEqual([500, { code: 'INTERNAL', message: 'Erreur interne.' }]);
    }
    await expect.poll(() => turns.inProgress).toBe(0);
  });

  it('refuses a download beyond the line with 503, DOWNLOADS_BUSY and when to ask again', async () => {
    const { url, turns, release } = await downloadServer({ atOnce: 1, waiting: 0 });
    const held = await heldDownload(url);
    const refused = await fetch(`${url}/whole`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toEqual({ code: 'DOWNLOADS_BUSY', message: 'Trop de téléchargements sont en cours sur le serveur : réessayez dans une minute.' });

    release();
    expect(await held.rest()).toBe('la fin\n');
    await expect.poll(() => turns.inProgress).toBe(0);
  });

  it('gives the turn of a download its client cuts to the next one, and lets a client that leaves the line go', async () => {
    const { url, turns, release } = await downloadServer({ atOnce: 1, waiting: 2 });
    const held = await heldDownload(url);
    const leaving = new AbortController();
    const left = fetch(`${url}/whole`, { signal: leaving.signal }).catch((error: unknown) => error);
    const next = fetch(`${url}/whole`);
    await expect.poll(() => turns.waiting).toBe(2);

    leaving.abort();
    expect(await left).toMatchObject({ name: 'AbortError' });
    await expect.poll(() => turns.waiting).toBe(1);
    held.cut.abort();
    const answered = await next;
    expect([answered.status, await answered.text()]).toEqual([200, 'une ligne\nune autre\n']);
    await expect.poll(() => [turns.inProgress, turns.waiting]).toEqual([0, 0]);
    release();
  });
});
