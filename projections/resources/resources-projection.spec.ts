import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../eventstore/event-store.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { dumpTables, foldIntoTables } from '../tables/fold-into-tables.js';
import { findResource, findResources, listResources, resourcesTables } from './resources-projection.js';
import { recordedInTurn, smallRandomBatchSizes } from '../../test/support/recorded-events.js';

const recorded = recordedInTurn();

const weekdays = [{ weekday: 1, opens: '08:00', closes: '18:00' }];
const approval = { ...DEFAULT_BOOKING_RULES, requiresApproval: true };

function settingsChanged(resourceId: string, settings: object): RecordedEvent {
  return recorded(`resource-${resourceId}`, 'ResourceBookingSettingsChanged', { resourceId, openingHours: [], closures: [], rules: DEFAULT_BOOKING_RULES, ...settings });
}

/** An event as a command records it: with the instant it was decided on Mutua's clock, which need not be the store's. */
function decidedAt(instant: string, event: RecordedEvent): RecordedEvent {
  return { ...event, metadata: { ...event.metadata, recordedAt: instant } };
}
const OVEN_DECIDED_AT = '2026-06-10T08:00:00.000Z';

const history: RecordedEvent[] = [
  // Registered before closures, sites and half the rules existed: it reads with their defaults.
  recorded('resource-truck', 'ResourceRegistered', {
    resourceId: 'truck', name: 'Camion partagé', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 1200, ownerMemberId: 'a',
    areaM2: null, openingHours: [], rules: { minDurationMinutes: 15, maxDurationMinutes: 4320, minNoticeMinutes: 0, maxAdvanceDays: 365, cancellationDeadlineMinutes: 1440 },
  }),
  recorded('resource-room', 'ResourceRegistered', {
    resourceId: 'room', name: 'Salle de réunion', kind: 'SPACE', capacity: 12, hourlyRateCents: 2500, ownerMemberId: null,
    areaM2: 42.5, openingHours: weekdays, rules: DEFAULT_BOOKING_RULES, closures: [], siteId: 's',
  }),
  recorded('member-a', 'MemberRegistered', { memberId: 'a', name: 'Coop', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2026-01-01' }),
  settingsChanged('room', { openingHours: [], rules: approval, closures: [{ from: '2026-08-01', to: '2026-08-15', reason: 'Travaux' }] }),
  recorded('resource-atelier', 'ResourceRegistered', {
    resourceId: 'atelier', name: 'atelier bois', kind: 'SPACE', capacity: 4, hourlyRateCents: 0, ownerMemberId: 'a',
    areaM2: 80, openingHours: [], rules: DEFAULT_BOOKING_RULES, closures: [], siteId: null,
  }),
  // A change naming only part of the rules keeps the others (an older client's event).
  settingsChanged('truck', { openingHours: weekdays, rules: { bufferMinutes: 30 } }),
  settingsChanged('atelier', { rules: { ...DEFAULT_BOOKING_RULES, slotGranularityMinutes: 30 } }),
  settingsChanged('room', { openingHours: weekdays, rules: DEFAULT_BOOKING_RULES, closures: [] }),
  settingsChanged('ghost', {}),
  decidedAt(OVEN_DECIDED_AT, recorded('resource-oven', 'ResourceRegistered', {
    resourceId: 'oven', name: 'Four à pain', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 800, ownerMemberId: null,
    areaM2: null, openingHours: [], rules: DEFAULT_BOOKING_RULES, closures: [], siteId: 's',
  })),
  settingsChanged('oven', { rules: approval }),
  settingsChanged('room', { openingHours: [], rules: approval, closures: [] }),
];

describe('the resources read model in tables', () => {
  it('lists resources alphabetically, each in the shape of today', async () => {
    const database = await foldIntoTables([resourcesTables], history);
    const resources = await listResources(database.db);
    expect(resources.map((resource) => resource.name)).toEqual(['atelier bois', 'Camion partagé', 'Four à pain', 'Salle de réunion']);
    expect(await findResource(database.db, 'truck')).toMatchObject({
      closures: [], siteId: null, openingHours: weekdays, registeredAt: history[0]!.recordedAt,
      rules: { ...DEFAULT_BOOKING_RULES, maxDurationMinutes: 4320, bufferMinutes: 30 },
    });
    expect(await findResource(database.db, 'room')).toMatchObject({ areaM2: 42.5, capacity: 12, hourlyRateCents: 2500, rules: approval, siteId: 's' });
  });

  it('dates a registration when it was decided, on Mutua’s clock, and an older event when the store wrote it', async () => {
    const database = await foldIntoTables([resourcesTables], history);
    expect((await findResource(database.db, 'oven'))?.registeredAt).toBe(OVEN_DECIDED_AT);
    expect((await findResource(database.db, 'truck'))?.registeredAt).toBe(history[0]!.recordedAt);
  });

  it('finds one resource, and several in one query, ignoring the unknown ones', async () => {
    const database = await foldIntoTables([resourcesTables], history);
    expect(await findResource(database.db, 'ghost')).toBeUndefined();
    const found = await findResources(database.db, ['oven', 'ghost', 'room', 'oven']);
    expect([...found.keys()].sort()).toEqual(['oven', 'room']);
    expect(found.get('oven')?.rules.requiresApproval).toBe(true);
    expect((await findResources(database.db, [])).size).toBe(0);
  });

  it('keeps one version per registration and change, only the last one current', async () => {
    const database = await foldIntoTables([resourcesTables], history);
    const rows = await database.db.selectFrom('resource_versions').select(['valid_from', 'valid_to']).where('resource_id', '=', 'room').orderBy('valid_from').execute();
    const changes = history.filter((event) => event.streamId === 'resource-room').map((event) => event.position);
    expect(rows.map((row) => [Number(row.valid_from), row.valid_to === null ? null : Number(row.valid_to)]))
      .toEqual(changes.map((from, index) => [from, changes[index + 1] ?? null]));
  });

  it('ends with the same tables whether the log is folded in one batch or in random small ones', async () => {
    const whole = await dumpTables(await foldIntoTables([resourcesTables], history), resourcesTables);
    for (const seed of [1, 7, 42]) {
      const split = await foldIntoTables([resourcesTables], history, smallRandomBatchSizes(seed, history.length));
      expect(await dumpTables(split, resourcesTables)).toEqual(whole);
    }
    const oneByOne = await foldIntoTables([resourcesTables], history, [1]);
    expect(await dumpTables(oneByOne, resourcesTables)).toEqual(whole);
  });

  it('shows, as of each position, what folding only the events up to it shows', async () => {
    const database = await foldIntoTables([resourcesTables], history);
    for (const event of history) {
      const asOf = { asOfPosition: event.position };
      const alone = await foldIntoTables([resourcesTables], history.filter((earlier) => earlier.position <= event.position));
      expect(await listResources(database.db, asOf)).toEqual(await listResources(alone.db));
      expect(await findResource(database.db, 'room', asOf)).toEqual(await findResource(alone.db, 'room'));
      expect(await findResources(database.db, ['truck', 'oven'], asOf)).toEqual(await findResources(alone.db, ['truck', 'oven']));
    }
    expect(await listResources(database.db, { asOfPosition: 0 })).toEqual([]);
  });
});
