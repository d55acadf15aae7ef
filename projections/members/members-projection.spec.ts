import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { dumpTables, foldIntoTables } from '../tables/fold-into-tables.js';
import { findMember, findMembers, listMembers, membersTables } from './members-projection.js';
import { recordedInTurn, smallRandomBatchSizes } from '../../test/support/recorded-events.js';

const recorded = recordedInTurn();

function registered(memberId: string, name: string, joinedOn = '2026-01-01'): RecordedEvent {
  return recorded(`member-${memberId}`, 'MemberRegistered', { memberId, name, legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn });
}

function amended(memberId: string, name: string, siret: string | null, vatStatus = 'NOT_SUBJECT'): RecordedEvent {
  return recorded(`member-${memberId}`, 'MemberAmended', { memberId, name, siret, vatStatus });
}

const history: RecordedEvent[] = [
  registered('b', 'Les Daurades'),
  amended('b', 'Les Daurades de Mèze', null),
  recorded('member-a', 'MemberRegistered', { memberId: 'a', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: '12345678900011', vatStatus: 'SUBJECT', joinedOn: '2026-01-01' }),
  recorded('site-s', 'SiteRegistered', { siteId: 's', name: 'La Fabrique', address: '1 rue du Port' }),
  registered('e', 'Écume', '2026-02-01'),
  amended('a', 'Coop Bâtisseurs', '73282932000074', 'SUBJECT'),
  recorded('member-b', 'MemberLeft', { memberId: 'b', leftOn: '2026-06-01' }),
  amended('b', 'Les Daurades', '35600000000010'),
  registered('z', 'Zéphyr', '2026-03-01'),
  registered('c', 'atelier Cerf', '2026-03-01'),
  recorded('member-e', 'MemberLeft', { memberId: 'e', leftOn: '2026-07-01' }),
  registered('d', 'Dune', '2026-04-01'),
  recorded('member-z', 'MemberLeft', { memberId: 'z', leftOn: '2026-08-01' }),
];

describe('the members read model in tables', () => {
  it('lists members alphabetically, in French, with their departure', async () => {
    const database = await foldIntoTables([membersTables], history);
    const members = await listMembers(database.db);
    expect(members.map((member) => [member.name, member.leftOn])).toEqual([
      ['atelier Cerf', null], ['Coop Bâtisseurs', null], ['Dune', null], ['Écume', '2026-07-01'], ['Les Daurades', '2026-06-01'], ['Zéphyr', '2026-08-01'],
    ]);
  });

  it('finds one member, and several in one query, ignoring the unknown ones', async () => {
    const database = await foldIntoTables([membersTables], history);
    expect(await findMember(database.db, 'a')).toEqual({
      memberId: 'a', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: '73282932000074', vatStatus: 'SUBJECT', joinedOn: '2026-01-01', leftOn: null,
    });
    expect(await findMember(database.db, 'nobody')).toBeUndefined();
    const found = await findMembers(database.db, ['b', 'nobody', 'd', 'b']);
    expect([...found.keys()].sort()).toEqual(['b', 'd']);
    expect(found.get('b')?.leftOn).toBe('2026-06-01');
    expect((await findMembers(database.db, [])).size).toBe(0);
  });

  it('ends with the same tables whether the log is folded in one batch or in random small ones', async () => {
    const whole = await dumpTables(await foldIntoTables([membersTables], history), membersTables);
    for (const seed of [1, 7, 42]) {
      const split = await foldIntoTables([membersTables], history, smallRandomBatchSizes(seed, history.length));
      expect(await dumpTables(split, membersTables)).toEqual(whole);
    }
  });

  it('shows, as of each position, what folding only the events up to it shows', async () => {
    const database = await foldIntoTables([membersTables], history);
    for (const event of history) {
      const asOf = { asOfPosition: event.position };
      const alone = await foldIntoTables([membersTables], history.filter((earlier) => earlier.position <= event.position));
      expect(await listMembers(database.db, asOf)).toEqual(await listMembers(alone.db));
      expect(await findMember(database.db, 'b', asOf)).toEqual(await findMember(alone.db, 'b'));
      expect(await findMembers(database.db, ['b', 'e', 'z'], asOf)).toEqual(await findMembers(alone.db, ['b', 'e', 'z']));
    }
  });

  it('knows a departure only from the position it was recorded at', async () => {
    const database = await foldIntoTables([membersTables], history);
    const departure = history.find((event) => event.type === 'MemberLeft')!.position;
    expect((await findMember(database.db, 'b', { asOfPosition: departure - 1 }))?.leftOn).toBeNull();
    expect((await findMember(database.db, 'b', { asOfPosition: departure }))?.leftOn).toBe('2026-06-01');
    expect(await findMember(database.db, 'd', { asOfPosition: departure })).toBeUndefined();
  });

  it('shows each amendment of a name and SIRET from the position it was recorded at, the old ones before', async () => {
    const database = await foldIntoTables([membersTables], history);
    const [renamed, renamedBack] = history.filter((event) => event.type === 'MemberAmended' && event.streamId === 'member-b').map((event) => event.position);
    const facts = async (asOfPosition: number) => {
      const member = await findMember(database.db, 'b', { asOfPosition });
      return [member?.name, member?.siret];
    };
    expect(await facts(renamed! - 1)).toEqual(['Les Daurades', null]);
    expect(await facts(renamed!)).toEqual(['Les Daurades de Mèze', null]);
    expect(await facts(renamedBack! - 1)).toEqual(['Les Daurades de Mèze', null]);
    expect(await facts(renamedBack!)).toEqual(['Les Daurades', '35600000000010']);
    expect((await findMember(database.db, 'b'))?.siret).toBe('35600000000010');
  });
});
