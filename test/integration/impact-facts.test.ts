import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { impactUsePages } from '../../api/audit/impact/impact-facts.js';
import { type ImpactFacts } from '../../domain/impact/impact-indicators.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { type SqliteLedger, sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'impact' };
const JUNE = { from: '2026-06-01', to: '2026-07-01' };
const ALWAYS_OPEN = { capacity: 1, hourlyRateCents: 0, ownerMemberId: null, areaM2: null, openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES };

/**
 * The uses a funder's report of June reads: the reservations and usage entries that reach into
 * June, none of those over before it (the indicators count of each use its hours inside the range,
 * `impact-indicators.spec.ts`). A reservation may last long, an entry a day at most.
 */
describe('the impact report’s uses', () => {
  let ledger: SqliteLedger;
  let now = new Date('2026-05-01T08:00:00Z');
  sqliteLedgerForEachTest('mutua-impact-', () => now, (opened) => (ledger = opened));

  const at = (date: string, hour: number) => fromParisWallClock(date, hour * 60);
  const hoursAfter = (start: Date, hours: number) => new Date(start.getTime() + hours * 3_600_000);

  it('reads the reservation and the entry begun before June that reach into it, and none of those over before', async () => {
    const { commands } = ledger;
    now = new Date('2026-05-01T08:00:00Z');
    const { memberId } = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
    const room = await commands.resources.registerResource(coordinator, { name: 'Salle La Criée', kind: 'SPACE', ...ALWAYS_OPEN });
    const staff = await commands.resources.registerResource(coordinator, { name: 'Chargée de mission partagée', kind: 'STAFF', ...ALWAYS_OPEN });
    for (const [start, hours] of [[at('2026-05-10', 9), 7], [at('2026-05-30', 9), 48], [at('2026-06-15', 9), 3]] as const) {
      await commands.reservations.reserve(coordinator, { resourceId: room.resourceId, memberId, start, end: hoursAfter(start, hours), quantity: 1, purpose: null });
    }
    now = new Date('2026-07-01T08:00:00Z');
    for (const [start, hours] of [[at('2026-05-10', 9), 7], [at('2026-05-31', 22), 4], [at('2026-06-15', 9), 3]] as const) {
      await commands.usage.recordUsage(coordinator, { resourceId: staff.resourceId, memberId, start, end: hoursAfter(start, hours), note: null });
    }

    const uses: Array<ImpactFacts['uses'][number]> = [];
    for await (const page of impactUsePages(ledger.readModels.db, JUNE)) uses.push(...page);

    const startsOf = (resourceId: string) => uses.filter((use) => use.resourceId === resourceId).map(({ startMs }) => new Date(startMs).toISOString());
    expect(startsOf(room.resourceId)).toEqual(['2026-05-30T07:00:00.000Z', '2026-06-15T07:00:00.000Z']);
    expect(startsOf(staff.resourceId)).toEqual(['2026-05-31T20:00:00.000Z', '2026-06-15T07:00:00.000Z']);
  });
});
