import { describe, expect, it } from 'vitest';
import { type Checkpoint } from './checkpoints.js';
import { CurrentRows } from './current-rows.js';

interface Row {
  id: string;
  name: string;
}

/** A projection's checkpoint as a thread hears of it, and a table whose reads are counted. */
function kept(options: { maxRows?: number } = {}) {
  const first: Checkpoint = { name: 'things', version: 1, position: 10, status: 'LIVE', generation: 1 };
  let checkpoint: Checkpoint | undefined = first;
  let table: Row[] = [{ id: 'b', name: 'Bureau' }, { id: 'a', name: 'Atelier' }];
  let reads = 0;
  let failing = false;
  const rows = new CurrentRows<Row>({ projectionCheckpoint: (name) => (name === 'things' ? checkpoint : undefined) }, {
    projection: 'things',
    load: () => {
      reads += 1;
      if (failing) return Promise.reject(new Error('the database is gone'));
      return Promise.resolve(table.map((row) => ({ ...row })));
    },
    loadSome: (ids) => Promise.resolve(new Map(table.filter((row) => ids.includes(row.id)).map((row) => [row.id, { ...row }]))),
    idOf: (row) => row.id,
    maxRows: options.maxRows ?? 100,
  });
  return {
    rows,
    reads: () => reads,
    hear: (change: Partial<Checkpoint> | undefined) => (checkpoint = change && { ...(checkpoint ?? first), ...change }),
    write: (rows: Row[]) => (table = rows),
    fail: (fails: boolean) => (failing = fails),
  };
}

describe('rows kept in memory between two changes of their projection', () => {
  it('reads the tables once per generation, and again once the thread hears of the next', async () => {
    const things = kept();
    const first = await things.rows.current();
    expect(first?.rows.map((row) => row.name)).toEqual(['Bureau', 'Atelier']);
    expect(first?.byId.get('a')?.name).toBe('Atelier');
    await things.rows.current();
    expect(things.reads()).toBe(1);

    // Written in the tables but not heard of yet: the kept rows stay those of generation 1.
    things.write([{ id: 'a', name: 'Atelier partagé' }]);
    expect((await things.rows.current())?.rows.map((row) => row.name)).toEqual(['Bureau', 'Atelier']);
    things.hear({ generation: 2, position: 11 });
    expect((await things.rows.current())?.rows.map((row) => row.name)).toEqual(['Atelier partagé']);
    expect(things.reads()).toBe(2);
  });

  it('shares one read between the asks of a generation that arrive while it is read', async () => {
    const things = kept();
    const answers = await Promise.all([things.rows.current(), things.rows.current(), things.rows.current()]);
    expect(things.reads()).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('keeps nothing while the projection is rebuilt or its checkpoint unknown, and reads again once it is live', async () => {
    const things = kept();
    await things.rows.current();
    things.hear({ status: 'REBUILDING' });
    expect(await things.rows.current()).toBeUndefined();
    things.hear(undefined);
    expect(await things.rows.current()).toBeUndefined();
    things.hear({ status: 'LIVE' });
    expect(await things.rows.current()).toBeDefined();
    // Even at the generation it had: a rebuild may have happened between two reports.
    expect(things.reads()).toBe(2);
  });

  it('keeps nothing beyond its bound, without reading again in the same generation', async () => {
    const things = kept({ maxRows: 1 });
    expect(await things.rows.current()).toBeUndefined();
    expect(await things.rows.current()).toBeUndefined();
    expect(things.reads()).toBe(1);
  });

  it('keeps no failed read: the next ask reads again', async () => {
    const things = kept();
    things.fail(true);
    await expect(things.rows.current()).rejects.toThrow('the database is gone');
    things.fail(false);
    expect(await things.rows.current()).toBeDefined();
    expect(things.reads()).toBe(2);
  });

  it('hands out frozen rows, so that no request changes what the others read', async () => {
    const things = kept();
    const current = (await things.rows.current())!;
    expect(() => (current.rows[0] as Row).name = 'Autre').toThrow(TypeError);
    expect(() => (current.rows as Row[]).sort()).toThrow(TypeError);
  });

  it('lists and finds in the kept rows, and in the tables when nothing can be kept', async () => {
    const things = kept();
    expect((await things.rows.list()).map((row) => row.name)).toEqual(['Bureau', 'Atelier']);
    expect([...(await things.rows.find(['a', 'inconnu'])).values()]).toEqual([{ id: 'a', name: 'Atelier' }]);
    expect(things.reads()).toBe(1);
    things.hear({ status: 'REBUILDING' });
    things.write([{ id: 'a', name: 'Atelier refait' }]);
    expect((await things.rows.list()).map((row) => row.name)).toEqual(['Atelier refait']);
    expect([...(await things.rows.find(['a', 'b'])).values()]).toEqual([{ id: 'a', name: 'Atelier refait' }]);
  });
});
