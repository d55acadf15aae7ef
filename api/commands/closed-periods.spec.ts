import { describe, expect, it } from 'vitest';
import { type EventStore, type RecordedEvent } from '../../eventstore/event-store.js';
import { DomainError } from '../../domain/shared/errors.js';
import { settlePeriod } from '../../domain/settlement/settle-period.js';
import { financeTables } from '../../projections/finance/finance-projection.js';
import { type Checkpoint } from '../../projections/tables/checkpoints.js';
import { foldIntoTables } from '../../projections/tables/fold-into-tables.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { guardDateOutsideClosedPeriods, guardNoClosedPeriodAfter, guardRangeOutsideClosedPeriods } from './closed-periods.js';

const march = { periodId: 'mars', from: '2026-03-01', to: '2026-04-01' };
const digest = { algorithm: 'sha256-business-day-chains', value: 'x', eventCount: 0 };
const settlement = settlePeriod({
  period: { from: march.from, to: march.to }, members: [], pools: [], occupancies: [], headcountDeclarations: [], items: [], resources: [], payments: [],
});

function recorded(position: number, streamId: string, type: string, data: unknown): RecordedEvent {
  return {
    id: `event-${position}`, type, data, streamId, revision: 0, position,
    recordedAt: new Date(Date.UTC(2026, 3, 1, 0, position)).toISOString(),
    metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'TREASURER' },
  };
}

/** The finance tables with March closed, as a thread that heard of their first generation reads them. */
async function financeWithMarchClosed() {
  const database = await foldIntoTables([financeTables], [
    recorded(1, 'periods', 'PeriodRegistered', march),
    recorded(2, 'period-mars', 'PeriodOpened', march),
    recorded(3, 'period-mars', 'PeriodClosed', { ...march, closedOn: '2026-04-01', settlement, digest }),
  ]);
  let checkpoint: Checkpoint = { name: 'finance', version: 1, position: 3, status: 'LIVE', generation: 1 };
  const readModels = {
    db: database.db, currentPosition: 3, projectionCheckpoint: (name: string) => (name === 'finance' ? checkpoint : undefined),
  } as unknown as ReadModelsView;
  // The guards read the store only to catch up after a crossed fence, which these tests do not cross.
  const dependencies = { readModels, store: {} as EventStore };
  return {
    dependencies,
    database,
    hear: (generation: number) => (checkpoint = { ...checkpoint, generation }),
  };
}

async function refusal(check: Promise<unknown>): Promise<string | undefined> {
  try {
    await check;
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('the closed periods every dated command is checked against', () => {
  it('refuses a date, a start or a range inside a closed period with PERIOD_CLOSED, and lets the others through', async () => {
    const { dependencies, database } = await financeWithMarchClosed();
    expect(await refusal(guardDateOutsideClosedPeriods(dependencies, '2026-03-31', 'Cette réservation').check())).toBe('PERIOD_CLOSED');
    expect(await refusal(guardDateOutsideClosedPeriods(dependencies, '2026-04-01', 'Cette réservation').check())).toBeUndefined();
    expect(await refusal(guardNoClosedPeriodAfter(dependencies, '2026-02-15', 'Une adhésion à cette date').check())).toBe('PERIOD_CLOSED');
    expect(await refusal(guardNoClosedPeriodAfter(dependencies, '2026-04-01', 'Une adhésion à cette date').check())).toBeUndefined();
    expect(await refusal(guardRangeOutsideClosedPeriods(dependencies, '2026-02-01', null, 'Cette occupation').check())).toBe('PERIOD_CLOSED');
    expect(await refusal(guardRangeOutsideClosedPeriods(dependencies, '2026-01-01', '2026-03-01', 'Cette occupation').check())).toBeUndefined();
    await database.close();
  });

  it('gives what it lets through a fence: no period closed after the position its read models had reached', async () => {
    const { dependencies, database } = await financeWithMarchClosed();
    expect(await guardDateOutsideClosedPeriods(dependencies, '2026-04-01', 'Cet usage').check()).toEqual({ afterPosition: 3, types: ['PeriodClosed'] });
    await database.close();
  });

  it('reads them once per generation of the finance tables, not once per command', async () => {
    const { dependencies, database, hear } = await financeWithMarchClosed();
    expect(await refusal(guardDateOutsideClosedPeriods(dependencies, '2026-03-10', 'Cet usage').check())).toBe('PERIOD_CLOSED');

    // Changed in the tables, not yet heard of by this thread: the periods stay those of generation 1.
    await database.db.deleteFrom('finance_periods').execute();
    expect(await refusal(guardDateOutsideClosedPeriods(dependencies, '2026-03-10', 'Cet usage').check())).toBe('PERIOD_CLOSED');

    hear(2);
    expect(await refusal(guardDateOutsideClosedPeriods(dependencies, '2026-03-10', 'Cet usage').check())).toBeUndefined();
    await database.close();
  });
});
