import { describe, expect, it } from 'vitest';
import { askedAgainOnceTheServerIsBack, fetchSeeingOwnWrites } from './graphql-client.js';

/** A server stand-in: answers each request with the next position, and keeps what it was asked. */
function serverAnswering(positions: Array<number | null>) {
  const asked: Array<string | null> = [];
  const send: typeof fetch = (_input, init) => {
    asked.push(new Headers(init?.headers).get('mutua-wait-for-position'));
    const position = positions.shift();
    return Promise.resolve(new Response('{}', { headers: position == null ? {} : { 'mutua-position': String(position) } }));
  };
  return { send, asked };
}

describe('asking to be answered after what was seen', () => {
  it('names the highest position seen so far, never a lower one', async () => {
    const server = serverAnswering([12, 9, null, 15, 15]);
    const seeingOwnWrites = fetchSeeingOwnWrites(server.send);
    for (let request = 0; request < 5; request += 1) await seeingOwnWrites('/graphql', { method: 'POST' });
    expect(server.asked).toEqual([null, '12', '12', '12', '15']);
  });

  it('keeps the request’s own headers', async () => {
    const asked: Headers[] = [];
    const seeingOwnWrites = fetchSeeingOwnWrites((_input, init) => {
      asked.push(new Headers(init?.headers));
      return Promise.resolve(new Response('{}', { headers: { 'mutua-position': '3' } }));
    });
    await seeingOwnWrites('/graphql', { headers: { Authorization: 'Bearer jeton' } });
    await seeingOwnWrites('/graphql', { headers: { Authorization: 'Bearer jeton' } });
    expect(asked.map((headers) => [headers.get('authorization'), headers.get('mutua-wait-for-position')]))
      .toEqual([['Bearer jeton', null], ['Bearer jeton', '3']]);
  });
});

describe('what is sent again while the server cannot be reached', () => {
  const unreachable = { networkError: new TypeError('Failed to fetch'), graphQLErrors: [] };
  const stopping = { graphQLErrors: [{ message: 'Le serveur redémarre', extensions: { code: 'SERVER_STOPPING' } }] };
  const refused = { graphQLErrors: [{ message: 'Créneau déjà pris', extensions: { code: 'RESERVATION_CONFLICT' } }] };

  it('sends live updates and queries again when the server could not be reached or is stopping', () => {
    for (const kind of ['subscription', 'query'] as const) {
      expect([unreachable, stopping, refused].map((error) => askedAgainOnceTheServerIsBack(error, { kind }))).toEqual([true, true, false]);
    }
  });

  it('never sends a mutation again: the first may have been recorded', () => {
    expect([unreachable, stopping].map((error) => askedAgainOnceTheServerIsBack(error, { kind: 'mutation' }))).toEqual([false, false]);
  });
});
