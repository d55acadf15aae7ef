/**
 * DESIGN: once a period is closed, « no event dated inside the period is accepted ». A command
 * checks the closed periods against its read models, and another request or process may close the
 * period between that check and the command's append. Here a second writer's first append of a
 * dated fact waits for the close of March to commit first: its fence must refuse it, and the fact
 * be refused with PERIOD_CLOSED once the writer has caught up, leaving the close's digest intact.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../api/auth/actor.js';
import { type RequestContext } from '../../api/commands/command-context.js';
import { ledgerCommands, type LedgerCommands, startReadModels } from '../../api/mutua.js';
import { declarationsStreamId } from '../../domain/declarations/declarations.js';
import { costPoolStreamId } from '../../domain/finance/cost-pool.js';
import { VAT_SETTINGS_STREAM } from '../../domain/finance/vat-settings.js';
import { memberStreamId } from '../../domain/members/member.js';
import { usageStreamId } from '../../domain/usage/usage-entry.js';
import { type EventStore } from '../../eventstore/event-store.js';
import { readWholeLog, verifyEvents } from '../../eventstore/integrity/verify-store.js';
import { KurrentDbEventStore } from '../../eventstore/kurrentdb/kurrentdb-event-store.js';
import { PostgresEventStore } from '../../eventstore/postgres/postgres-event-store.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';
import { startKurrentDbStandIn } from '../support/kurrentdb-stand-in.js';
import { postgresSchemaPerCase } from '../support/postgres-schemas.js';
import { type SqliteLedger, sqliteLedgerForEachTest } from '../support/sqlite-ledger.js';

const clock = () => new Date('2026-04-02T10:00:00Z');
const treasurer: RequestContext = { actor: { ...SYSTEM_ACTOR, role: 'TREASURER' }, correlationId: 'close-race' };
const coordinator: RequestContext = { actor: SYSTEM_ACTOR, correlationId: 'close-race', reason: 'Saisie tardive' };
const ALWAYS_OPEN = { openingHours: [], closures: [], siteId: null, rules: DEFAULT_BOOKING_RULES };

/** What each case needs of a ledger: its store, its read models, and commands on the test's clock. */
type RacedLedger = Pick<SqliteLedger, 'readModels' | 'commands'> & { store: EventStore };

/**
 * A ledger on a store opened before each case (`openStore`, which also says how to drop the
 * backend, if it has to be), with its read models as a server keeps them by default.
 */
function ledgerOnEachStore(openStore: () => Promise<{ store: EventStore; dropBackend?: () => Promise<void> }>) {
  return (use: (ledger: RacedLedger) => void): void => {
    let ledger: RacedLedger;
    let dropBackend: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      const opened = await openStore();
      dropBackend = opened.dropBackend;
      const readModels = await startReadModels(opened.store);
      ledger = { store: opened.store, readModels, commands: ledgerCommands(opened.store, readModels, clock) };
      use(ledger);
    });
    afterEach(async () => {
      await ledger.readModels.stop();
      await ledger.store.close();
      await dropBackend?.();
    });
  };
}

/** PostgreSQL: a fresh schema per case in one throw-away cluster. */
function postgresLedgerForEachTest(use: (ledger: RacedLedger) => void): void {
  const cluster = postgresSchemaPerCase();
  ledgerOnEachStore(async () => ({ store: new PostgresEventStore(await cluster.freshSchemaUrl()) }))(use);
}

/**
 * KurrentDB's stand-in, a fresh one per case: its fence is read just before the append, which the
 * close committed here before the append's call (the window between that read and the append stays).
 */
const kurrentDbLedgerForEachTest = ledgerOnEachStore(async () => {
  const standIn = await startKurrentDbStandIn();
  return { store: new KurrentDbEventStore(standIn.url), dropBackend: () => standIn.close() };
});

describeCloseRaces('SQLite', (use) => sqliteLedgerForEachTest('mutua-close-race-', clock, use));
describeCloseRaces('PostgreSQL', postgresLedgerForEachTest);
describeCloseRaces('KurrentDB stand-in', kurrentDbLedgerForEachTest);

function describeCloseRaces(backend: string, ledgerForEachTest: (use: (ledger: RacedLedger) => void) => void): void {
  describe(`a period closed between a dated fact's check and its append (${backend})`, () => {
    let ledger: RacedLedger;
    ledgerForEachTest((opened) => (ledger = opened));

    /** A member, a shared employee's time, an office, and March and April open. */
    async function marchAndApril() {
      const { commands } = ledger;
      const coop = await commands.members.registerMember(coordinator, { name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' });
      const staff = await commands.resources.registerResource(coordinator, {
        name: 'Animatrice partagée', kind: 'STAFF', capacity: 1, hourlyRateCents: 3_000, ownerMemberId: null, areaM2: null, ...ALWAYS_OPEN,
      });
      const room = await commands.resources.registerResource(coordinator, {
        name: 'Bureau 2', kind: 'SPACE', capacity: 1, hourlyRateCents: 0, ownerMemberId: null, areaM2: 18, ...ALWAYS_OPEN,
      });
      const march = await commands.finance.openPeriod(treasurer, { from: '2026-03-01', to: '2026-04-01' });
      await commands.finance.openPeriod(treasurer, { from: '2026-04-01', to: '2026-05-01' });
      return { coopId: coop.memberId, staffId: staff.resourceId, roomId: room.resourceId, marchId: march.periodId };
    }

    /**
     * The commands of a second writer sharing the store and read models: its first append to a stream
     * whose id starts with `streamPrefix` lets the treasurer close March first, as another request
     * would between the writer's check and its append.
     */
    function aWriterOvertakenByTheClose(marchId: string, streamPrefix: string): LedgerCommands & { overtaken: () => boolean } {
      const store = ledger.store;
      let overtaken = false;
      const racing = new Proxy(store, {
        get(target, key) {
          if (key === 'appendToStream') {
            return async (...[streamId, events, options]: Parameters<EventStore['appendToStream']>) => {
              if (!overtaken && streamId.startsWith(streamPrefix)) {
                overtaken = true;
                await ledger.commands.finance.closePeriod(treasurer, marchId);
              }
              return target.appendToStream(streamId, events, options);
            };
          }
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      return { ...ledgerCommands(racing, ledger.readModels, clock), overtaken: () => overtaken };
    }

    async function refusalOf(command: Promise<unknown>): Promise<unknown> {
      return command.then(() => undefined, (error: { code?: string }) => error.code ?? error);
    }

    async function expectDigestsIntact(): Promise<void> {
      expect((await verifyEvents(readWholeLog(ledger.store))).problems).toEqual([]);
    }

    it('refuses a usage entry dated in March with PERIOD_CLOSED', async () => {
      const { coopId, staffId, marchId } = await marchAndApril();
      const writer = aWriterOvertakenByTheClose(marchId, usageStreamId(''));

      expect(await refusalOf(writer.usage.recordUsage(coordinator, {
        resourceId: staffId, memberId: coopId, start: new Date('2026-03-10T08:00:00Z'), end: new Date('2026-03-10T10:00:00Z'), note: null,
      }))).toBe('PERIOD_CLOSED');
      expect(writer.overtaken()).toBe(true);
      await expectDigestsIntact();
    });

    it('records a usage entry dated in April all the same: the close crossed its fence, and April is open', async () => {
      const { coopId, staffId, marchId } = await marchAndApril();
      const writer = aWriterOvertakenByTheClose(marchId, usageStreamId(''));

      const entryId = await writer.usage.recordUsage(coordinator, {
        resourceId: staffId, memberId: coopId, start: new Date('2026-04-01T08:00:00Z'), end: new Date('2026-04-01T09:00:00Z'), note: null,
      });
      expect(writer.overtaken()).toBe(true);
      expect(await ledger.store.readStream(usageStreamId(entryId))).toHaveLength(1);
      await expectDigestsIntact();
    });

    it('refuses the ordinary reversal of a March entry once March is closed under it', async () => {
      const { coopId, staffId, marchId } = await marchAndApril();
      const entryId = await ledger.commands.usage.recordUsage(coordinator, {
        resourceId: staffId, memberId: coopId, start: new Date('2026-03-10T08:00:00Z'), end: new Date('2026-03-10T10:00:00Z'), note: null,
      });
      const writer = aWriterOvertakenByTheClose(marchId, usageStreamId(entryId));

      expect(await refusalOf(writer.usage.reverseUsage(coordinator, entryId))).toBe('PERIOD_CLOSED');
      expect(writer.overtaken()).toBe(true);
      await expectDigestsIntact();
    });

    it.each([
      ['a headcount from March 15', (writer: LedgerCommands, coopId: string) => writer.members.declareHeadcount(coordinator, { memberId: coopId, headcount: 2, from: '2026-03-15' }), declarationsStreamId],
      ['an occupancy from March 1', (writer: LedgerCommands, coopId: string, roomId: string) => writer.resources.declareOccupancy(coordinator, { memberId: coopId, resourceId: roomId, from: '2026-03-01', to: null }), declarationsStreamId],
      ['a self-billing mandate granted on March 10', (writer: LedgerCommands, coopId: string) => writer.invoicingParties.grantMandate(treasurer, { memberId: coopId, grantedOn: '2026-03-10', reference: null, vatOnDebits: false }), memberStreamId],
      ['a departure on March 20', (writer: LedgerCommands, coopId: string) => writer.members.leaveMember({ ...coordinator, reason: 'Fin d’activité' }, coopId, '2026-03-20'), memberStreamId],
    ])('refuses %s with PERIOD_CLOSED', async (_fact, record, streamOf) => {
      const { coopId, roomId, marchId } = await marchAndApril();
      const writer = aWriterOvertakenByTheClose(marchId, streamOf(coopId));

      expect(await refusalOf(record(writer, coopId, roomId))).toBe('PERIOD_CLOSED');
      expect(writer.overtaken()).toBe(true);
      await expectDigestsIntact();
    });

    it('refuses the pôle\'s VAT status from March on with PERIOD_CLOSED', async () => {
      const { marchId } = await marchAndApril();
      const writer = aWriterOvertakenByTheClose(marchId, VAT_SETTINGS_STREAM);

      expect(await refusalOf(writer.finance.vat.setPoleStatus(treasurer, { fromPeriodId: marchId, status: 'SUBJECT' }))).toBe('PERIOD_CLOSED');
      expect(writer.overtaken()).toBe(true);
      await expectDigestsIntact();
    });

    it('refuses a pool\'s allocation key from March on with PERIOD_CLOSED', async () => {
      const { marchId } = await marchAndApril();
      const pool = await ledger.commands.finance.defineCostPool(treasurer, { name: 'Assurance', accountNumber: '616000', key: { kind: 'EQUAL' }, resourceIds: [] });
      const writer = aWriterOvertakenByTheClose(marchId, costPoolStreamId(pool.poolId));

      expect(await refusalOf(writer.finance.changeAllocationKey(treasurer, { poolId: pool.poolId, fromPeriodId: marchId, key: { kind: 'HEADCOUNT' }, resourceIds: null })))
        .toBe('PERIOD_CLOSED');
      expect(writer.overtaken()).toBe(true);
      await expectDigestsIntact();
    });

    it('refuses to end an occupancy on a departure once March is closed between the departure and that end', async () => {
      const { coopId, roomId, marchId } = await marchAndApril();
      await ledger.commands.resources.declareOccupancy(coordinator, { memberId: coopId, resourceId: roomId, from: '2025-01-01', to: null });
      // The departure is appended first, on the member's stream, before the close: only the occupancy's end comes after it.
      const writer = aWriterOvertakenByTheClose(marchId, declarationsStreamId(coopId));

      expect(await refusalOf(writer.members.leaveMember({ ...coordinator, reason: 'Fin d’activité' }, coopId, '2026-03-20'))).toBe('PERIOD_CLOSED');
      expect(writer.overtaken()).toBe(true);
      // The next start cannot finish it either, and names it for the coordination.
      const unfinished = await ledger.commands.members.finishDepartures(coordinator);
      expect(unfinished.map(({ member, error }) => [member.memberId, error.code])).toEqual([[coopId, 'PERIOD_CLOSED']]);
      await expectDigestsIntact();
    });

    it('refuses a member admitted on March 15 with PERIOD_CLOSED', async () => {
      const { marchId } = await marchAndApril();
      const writer = aWriterOvertakenByTheClose(marchId, memberStreamId(''));

      expect(await refusalOf(writer.members.registerMember(coordinator, {
        name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2026-03-15',
      }))).toBe('PERIOD_CLOSED');
      expect(writer.overtaken()).toBe(true);
      await expectDigestsIntact();
    });
  });
}
