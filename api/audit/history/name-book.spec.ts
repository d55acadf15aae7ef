import { describe, expect, it } from 'vitest';
import { type NameLookups, prefetchedNameBook } from './name-book.js';

function countingLookups() {
  const calls: Array<[string, string[]]> = [];
  const table = <Value>(kind: string, rows: Record<string, Value>) => (ids: readonly string[]) => {
    calls.push([kind, [...ids]]);
    return Promise.resolve(new Map(ids.flatMap((id) => (rows[id] === undefined ? [] : [[id, rows[id]!] as const]))));
  };
  const lookups: NameLookups = {
    member: table('member', { m1: 'Coop Bâtisseurs', m2: 'Atelier Vélo' }),
    resource: table('resource', { r1: 'Grande salle' }),
    site: table('site', {}),
    pool: table('pool', {}),
    period: table('period', {}),
    reservation: table('reservation', { b1: { start: '2026-11-02T09:00:00Z', end: '2026-11-02T10:00:00Z', quantity: 1, resourceId: 'r1' } }),
    usageEntry: table('usageEntry', {}),
  };
  return { lookups, calls };
}

describe('the history’s name book', () => {
  it('fetches the names a page asks for with one lookup per kind and round, and those a first answer leads to in the next', async () => {
    const { lookups, calls } = countingLookups();
    const describe = (names: Parameters<Parameters<typeof prefetchedNameBook>[1]>[0]) => [
      names.member('m1'), names.member('m2'), names.member('m1'), names.member('gone'),
      // A slot leads to its resource, as a cancellation's sentence names the reserved resource.
      names.resource((names.reservation('b1') as { resourceId?: string } | undefined)?.resourceId ?? 'none'),
    ].join(' / ');
    const names = await prefetchedNameBook(lookups, (book) => {
      describe(book);
    });
    expect(describe(names)).toBe('Coop Bâtisseurs / Atelier Vélo / Coop Bâtisseurs / structure inconnue / Grande salle');
    expect(calls).toEqual([['member', ['m1', 'm2', 'gone']], ['resource', ['none']], ['reservation', ['b1']], ['resource', ['r1']]]);
  });
});
