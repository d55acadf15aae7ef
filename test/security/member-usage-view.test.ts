import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, fromParisWallClock, parisDateOf } from '../../shared/paris-time.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, graphqlData, loginAs } from '../support/mutua-server.js';
import { type ServerOnTestClock, startServerOnClock } from '../support/server-on-test-clock.js';
import { TestClock } from '../support/test-clocks.js';
import { CREATE_USER, REGISTER_MEMBER, REGISTER_RESOURCE } from '../integration/graphql-documents.js';

type Id = { id: string };

const RECORD_USAGE = 'mutation($input: RecordUsageInput!) { recordUsage(input: $input) }';
const USAGE_ENTRIES = 'query($memberId: ID, $from: DateTime!, $to: DateTime!) { usageEntries(memberId: $memberId, from: $from, to: $to) { member { id } } }';

/**
 * A member structure sees its own usage (DESIGN): a shared employee's timesheet or a machine's
 * hours are not another structure's to read. The coordination and the books' readers see all.
 */
describe('what a member user reads of the usage entries', () => {
  let server: ServerOnTestClock;
  const tokens = {} as Record<'coordinator' | 'treasurer' | 'coopUser', string>;
  const ids = {} as Record<'coop' | 'fablab' | 'staff', string>;
  const clock = new TestClock('2026-06-10T08:00:00Z');
  const today = parisDateOf(clock.now());
  const lastWeek = { from: fromParisWallClock(addDays(today, -7), 0).toISOString(), to: fromParisWallClock(today, 0).toISOString() };

  const gql = graphqlData(() => server);
  const usageOf = async (token: string, memberId: string | null) =>
    (await server.graphql<{ usageEntries: Array<{ member: Id }> }>(USAGE_ENTRIES, { memberId, ...lastWeek }, token));

  beforeAll(async () => {
    server = await startServerOnClock(clock);
    tokens.coordinator = await loginAs(server, ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const [key, name] of [['coop', 'Coop Bâtisseurs'], ['fablab', 'Fablab du Quai']] as const) {
      ids[key] = (await gql<{ registerMember: Id }>(tokens.coordinator, REGISTER_MEMBER, { input: { name, legalForm: 'ASSOCIATION', joinedOn: '2025-01-01' } })).registerMember.id;
    }
    ids.staff = (await gql<{ registerResource: Id }>(tokens.coordinator, REGISTER_RESOURCE, { input: { name: 'Chargée de mission partagée', kind: 'STAFF' } })).registerResource.id;
    for (const [key, role, memberId] of [['treasurer', 'TREASURER', null], ['coopUser', 'MEMBER', ids.coop]] as const) {
      await gql(tokens.coordinator, CREATE_USER, { input: { email: `${key.toLowerCase()}@pole.test`, password: 'un-mot-de-passe-long', role, memberId } });
      tokens[key] = await loginAs(server, `${key.toLowerCase()}@pole.test`, 'un-mot-de-passe-long');
    }
    for (const [member, day] of [['coop', -3], ['fablab', -2]] as const) {
      const start = fromParisWallClock(addDays(today, day), 9 * 60);
      await gql(tokens.coordinator, RECORD_USAGE, {
        input: { resourceId: ids.staff, memberId: ids[member], start: start.toISOString(), end: new Date(start.getTime() + 3 * 3_600_000).toISOString() },
      });
    }
  });
  afterAll(() => server?.stop());

  it('gives a member user its own structure’s entries when it names none', async () => {
    expect((await usageOf(tokens.coopUser, null)).data?.usageEntries).toEqual([{ member: { id: ids.coop } }]);
    expect((await usageOf(tokens.coopUser, ids.coop)).data?.usageEntries).toEqual([{ member: { id: ids.coop } }]);
  });

  it('refuses a member user another structure’s entries with FORBIDDEN', async () => {
    const { errors } = await usageOf(tokens.coopUser, ids.fablab);
    expect(errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['FORBIDDEN', 'memberId']]);
  });

  it('gives the coordination and the treasury every structure’s', async () => {
    for (const token of [tokens.coordinator, tokens.treasurer]) {
      expect((await usageOf(token, null)).data?.usageEntries).toEqual([{ member: { id: ids.coop } }, { member: { id: ids.fablab } }]);
      expect((await usageOf(token, ids.fablab)).data?.usageEntries).toEqual([{ member: { id: ids.fablab } }]);
    }
  });
});
