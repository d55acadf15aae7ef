import { describe, expect, it } from 'vitest';
import { ClientGoneError, DownloadsBusyError, type DownloadTurn, DownloadTurns } from './download-turns.js';

const stillWaiting = Symbol('still waiting');

/** What `turn` has settled to once every callback queued so far has run: its turn, its failure, or `stillWaiting`. */
async function settled(turn: Promise<DownloadTurn>): Promise<DownloadTurn | Error | typeof stillWaiting> {
  const outcome = turn.then((given) => given, (error: unknown) => error as Error);
  return Promise.race([outcome, new Promise<typeof stillWaiting>((resolve) => setImmediate(() => resolve(stillWaiting)))]);
}

const open = () => new AbortController().signal;

describe('DownloadTurns', () => {
  it('gives as many turns at once as its limit, then one to each download waiting, in the order they came', async () => {
    const turns = new DownloadTurns({ atOnce: 2, waiting: 5 });
    const first = await turns.take(open());
    const second = await turns.take(open());
    const third = turns.take(open());
    const fourth = turns.take(open());
    expect(await settled(third)).toBe(stillWaiting);
    expect([turns.inProgress, turns.waiting]).toEqual([2, 2]);

    second.end();
    expect(await settled(third)).not.toBe(stillWaiting);
    expect(await settled(fourth)).toBe(stillWaiting);
    // A newcomer goes behind the one still waiting, even once a turn is free.
    const fifth = turns.take(open());
    first.end();
    expect(await settled(fourth)).not.toBe(stillWaiting);
    expect(await settled(fifth)).toBe(stillWaiting);
    expect([turns.inProgress, turns.waiting]).toEqual([2, 1]);

    (await third).end();
    (await fourth).end();
    (await fifth).end();
    expect([turns.inProgress, turns.waiting]).toEqual([0, 0]);
  });

  it('refuses a download when the line is full, saying when to ask again', async () => {
    const turns = new DownloadTurns({ atOnce: 1, waiting: 1 });
    const first = await turns.take(open());
    const second = turns.take(open());
    const refused = await settled(turns.take(open()));
    expect(refused).toBeInstanceOf(DownloadsBusyError);
    expect(refused).toMatchObject({ code: 'DOWNLOADS_BUSY', retryAfterSeconds: 60, message: 'Trop de téléchargements sont en cours sur le serveur : réessayez dans une minute.' });
    expect([turns.inProgress, turns.waiting]).toEqual([1, 1]);

    first.end();
    (await second).end();
    expect([turns.inProgress, turns.waiting]).toEqual([0, 0]);
  });

  it('lets a download whose client has gone leave the line, and gives the turn to the one after it', async () => {
    const turns = new DownloadTurns({ atOnce: 1, waiting: 2 });
    const first = await turns.take(open());
    const gone = new AbortController();
    const leaving = turns.take(gone.signal);
    const staying = turns.take(open());
    gone.abort();
    expect(await settled(leaving)).toBeInstanceOf(ClientGoneError);
    expect(turns.waiting).toBe(1);

    first.end();
    expect(await settled(staying)).not.toBe(stillWaiting);
    (await staying).end();
    expect([turns.inProgress, turns.waiting]).toEqual([0, 0]);
  });

  it('takes nothing for a client already gone, and frees a turn once however often it is ended', async () => {
    const turns = new DownloadTurns({ atOnce: 1, waiting: 1 });
    const gone = new AbortController();
    gone.abort();
    expect(await settled(turns.take(gone.signal))).toBeInstanceOf(ClientGoneError);
    expect([turns.inProgress, turns.waiting]).toEqual([0, 0]);

    const first = await turns.take(open());
    const second = turns.take(open());
    first.end();
    first.end();
    expect([turns.inProgress, turns.waiting]).toEqual([1, 0]);
    (await second).end();
    expect(turns.inProgress).toBe(0);
  });
});
