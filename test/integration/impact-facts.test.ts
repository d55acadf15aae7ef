import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { gatherImpactFacts } from '../../api/audit/impact/impact-facts.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { type SqliteLedger, sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const clock = () => new Date('2026-07-01T08:00:00Z');
const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'impact' };
const JUNE = { from: '2026-06-01', to: '2026-07-01' };

/** The usage entries a funder's report of June reads: those that reach into June (an entry lasts a day at most), none before. */
describe('the impact report’s usage entries', () => {
  let ledger: SqliteLedger;
  sqliteLedgerForEachTest('mutua-impact-', clock, (opened) => (ledger = opened));

  async function entry(resourceId: string, memberId: string, date: string, minuteOfDay: number, hours: number) {
    const start = fromParisWallClock(date, minuteOfDay);
    await ledger.commands.usage.recordUsage(coordinator, { resourceId, memberId, start, end: new Date(start.getTime() + hours * 3_600_000), note: null });
  }

  it('reads the entry begun the evening before the range, and none of the entries before it', async () => {
    const { commands } = ledger;
    const coop = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const staff = await commands.resources.registerResource(coordinator, {
      name: 'Chargée de mission partagée', kind: 'STAFF', capacity: 1, hourlyRateCents: 0, ownerMemberId: null, areaM2: null,
      openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES,
    });
    await entry(staff.resourceId, coop.memberId, '2026-05-10', 9 * 60, 7);
    await entry(staff.resourceId, coop.memberId, '2026-05-31', 22 * 60, 4);
    await entry(staff.resourceId, coop.memberId, '2026-06-15', 9 * 60, 3);

    const facts = await gatherImpactFacts(ledger.readModels.db, JUNE);

    // The indicators count of each use its hours inside the range (impact-indicators.spec.ts): 2 h and 3 h here.
    expect(facts.uses.map(({ startMs }) => new Date(startMs).toISOString())).toEqual(['2026-05-31T20:00:00.000Z', '2026-06-15T07:00:00.000Z']);
  });
});
