import { DomainError } from '../../domain/shared/errors.js';
import { type Kysely } from 'kysely';
import { type PeriodView } from '../../projections/finance/finance-projection.js';
import { listClosedPeriods } from '../../projections/finance/finance-reads.js';
import { type ReadModelTables } from '../../projections/tables/read-model-tables.js';

/**
 * Facts dated inside a closed period would change a settlement already frozen: they are refused
 * with PERIOD_CLOSED. Costs and payments are guarded atomically by their period's journal; the
 * other facts (usage, declarations, memberships, reservations) are checked here against this
 * process's read model, so a period closed by another process a few milliseconds earlier can
 * still let one through. The close's digest covers every event dated in the period, so such an
 * event would show as a digest that no longer matches, never as a silent change.
 */
export async function assertDateNotInClosedPeriod(db: Kysely<ReadModelTables>, date: string, what: string): Promise<void> {
  const closed = (await listClosedPeriods(db)).find((period) => period.from <= date && date < period.to);
  if (closed) refuse(closed, what);
}

/** For facts that apply from a date on (joining, leaving, a headcount): no closed period may end after it. */
export async function assertNoClosedPeriodAfter(db: Kysely<ReadModelTables>, date: string, what: string): Promise<void> {
  const closed = (await listClosedPeriods(db)).find((period) => period.to > date);
  if (closed) refuse(closed, what);
}

/** For facts over `[from, to)`, `to` null meaning open-ended (an occupancy). */
export async function assertRangeNotInClosedPeriod(db: Kysely<ReadModelTables>, from: string, to: string | null, what: string): Promise<void> {
  const closed = (await listClosedPeriods(db)).find((period) => period.to > from && (to === null || period.from < to));
  if (closed) refuse(closed, what);
}

function refuse(period: PeriodView, what: string): never {
  throw new DomainError('PERIOD_CLOSED', `${what} toucherait la période du ${period.from} au ${period.to} (exclu), déjà clôturée : son règlement est figé.`, {
    periodId: period.periodId, from: period.from, to: period.to,
  });
}
