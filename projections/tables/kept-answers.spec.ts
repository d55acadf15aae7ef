import { describe, expect, it } from 'vitest';
import { type Checkpoint } from './checkpoints.js';
import { KeptAnswers } from './kept-answers.js';

interface Booking {
  room: string;
  day: number;
}

/** A projection's checkpoint as a thread hears of it, and a table whose reads are counted by question. */
function kept(bounds: { maxAnswers?: number; maxRows?: number } = {}) {
  const first: Checkpoint = { name: 'calendars', version: 1, position: 10, status: 'LIVE', generation: 1 };
  let checkpoint: Checkpoint | undefined = first;
  let table: Booking[] = [{ room: 'atelier', day: 1 }, { room: 'atelier', day: 2 }, { room: 'bureau', day: 1 }];
  const reads: string[] = [];
  let failing = false;
  const answers = new KeptAnswers<Booking>({ projectionCheckpoint: (name) => (name === 'calendars' ? checkpoint : undefined) }, {
    projection: 'calendars', maxAnswers: bounds.maxAnswers ?? 10, maxRows: bounds.maxRows ?? 100,
  });
  return {
    answers,
    /** The bookings of a room, as a resolver asks for them. */
    ask: (room: string) => answers.answer(room, () => {
      reads.push(room);
      if (failing) return Promise.reject(new Error('the database is gone'));
      return Promise.resolve(table.filter((booking) => booking.room === room).map((booking) => ({ ...booking })));
    }),
    reads: () => reads.length,
    readsOf: (room: string) => reads.filter((read) => read === room).length,
    hear: (change: Partial<Checkpoint> | undefined) => (checkpoint = change && { ...(checkpoint ?? first), ...change }),
    write: (bookings: Booking[]) => (table = bookings),
    fail: (fails: boolean) => (failing = fails),
  };
}

describe('answers kept in memory between two changes of their projection', () => {
  it('reads each question once per generation, and again once the thread hears of the next', async () => {
    const calendars = kept();
    expect(await calendars.ask('atelier')).toEqual([{ room: 'atelier', day: 1 }, { room: 'atelier', day: 2 }]);
    expect(await calendars.ask('bureau')).toEqual([{ room: 'bureau', day: 1 }]);
    await calendars.ask('atelier');
    expect(calendars.reads()).toBe(2);

    // Written in the tables but not heard of yet: the answers stay those of generation 1.
    calendars.write([{ room: 'atelier', day: 3 }]);
    expect(await calendars.ask('atelier')).toHaveLength(2);
    calendars.hear({ generation: 2, position: 11 });
    expect(await calendars.ask('atelier')).toEqual([{ room: 'atelier', day: 3 }]);
    expect(await calendars.ask('bureau')).toEqual([]);
    expect(calendars.reads()).toBe(4);
  });

  it('shares one read between the asks of a question that arrive while it is read, and freezes what it shares', async () => {
    const calendars = kept();
    const answers = await Promise.all([calendars.ask('atelier'), calendars.ask('atelier'), calendars.ask('atelier')]);
    expect(calendars.reads()).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(Object.isFrozen(answers[0])).toBe(true);
    expect(Object.isFrozen(answers[0][0])).toBe(true);
  });

  it('keeps nothing while the projection is rebuilt or its checkpoint unknown', async () => {
    const calendars = kept();
    calendars.hear({ status: 'REBUILDING' });
    await calendars.ask('atelier');
    await calendars.ask('atelier');
    calendars.hear(undefined);
    await calendars.ask('atelier');
    expect(calendars.reads()).toBe(3);
    expect(calendars.answers.size).toEqual({ answers: 0, rows: 0 });
  });

  it('drops the least recently asked answers beyond its bounds, and never keeps an answer longer than them', async () => {
    const byAnswers = kept({ maxAnswers: 2 });
    await byAnswers.ask('atelier');
    await byAnswers.ask('bureau');
    await byAnswers.ask('atelier');
    await byAnswers.ask('salle');
    expect(byAnswers.answers.size.answers).toBe(2);
    await byAnswers.ask('atelier');
    await byAnswers.ask('bureau');
    expect([byAnswers.readsOf('atelier'), byAnswers.readsOf('bureau')]).toEqual([1, 2]);

    const byRows = kept({ maxRows: 2 });
    byRows.write([{ room: 'atelier', day: 1 }, { room: 'atelier', day: 2 }, { room: 'atelier', day: 3 }, { room: 'bureau', day: 1 }, { room: 'salle', day: 1 }]);
    await byRows.ask('atelier');
    await byRows.ask('atelier');
    expect(byRows.readsOf('atelier')).toBe(2);
    await byRows.ask('bureau');
    await byRows.ask('salle');
    expect(byRows.answers.size).toEqual({ answers: 2, rows: 2 });
    await byRows.ask('bureau');
    await byRows.ask('salle');
    expect(byRows.reads()).toBe(4);
  });

  it('does not keep a failed read: the next ask reads again', async () => {
    const calendars = kept();
    calendars.fail(true);
    await expect(calendars.ask('atelier')).rejects.toThrow('the database is gone');
    calendars.fail(false);
    expect(await calendars.ask('atelier')).toHaveLength(2);
    expect(calendars.reads()).toBe(2);
  });
});
