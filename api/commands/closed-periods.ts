import { DomainError } from '../../domain/shared/errors.js';
import { financeProjection, type PeriodView } from '../../projections/finance/finance-projection.js';
import { type ProjectionEngine } from '../../projections/projection-engine.js';

/**
 * Facts dated inside a closed period would change a settlement already frozen: they are refused
 * with PERIOD_CLOSED. Costs and payments are guarded atomically by their period's journal; the
 * other facts (usage, declarations, memberships, reservations) are checked here against this
 * process's read model, so a period closed by another process a few milliseconds earlier can
 * still let one through. The close's digest covers every event dated in the period, so such an
 * event would show as a digest that no longer matches, never as a silent change.
 */
export function assertDateNotInClosedPeriod(projections: ProjectionEngine, date: string, what: string): void {
  const closed = closedPeriods(projections).find((period) => period.from <= date && date < period.to);
  if (closed) refuse(closed, what);
}

/** For facts that apply from a date on (joining, leaving, a headcount): no closed period may end after it. */
export function assertNoClosedPeriodAfter(projections: ProjectionEngine, date: string, what: string): void {
  const closed = closedPeriods(projections).find((period) => period.to > date);
  if (closed) refuse(closed, what);
}

/** For facts over `[from, to)`, `to` null meaning open-ended (an occupancy). */
export function assertRangeNotInClosedPeriod(projections: ProjectionEngine, from: string, to: string | null, what: string): void {
  const closed = closedPeriods(projections).find((period) => period.to > from && (to === null || period.from < to));
  if (closed) refuse(closed, what);
}

function closedPeriods(projections: ProjectionEngine): PeriodView[] {
  return [...projections.model(financeProjection).periods.values()].filter((period) => period.status === 'CLOSED');
}

function refuse(period: PeriodView, what: string): never {
  throw new DomainError('PERIOD_CLOSED', `${what} toucherait la période du ${period.from} au ${period.to} (exclu), déjà clôturée : son règlement est figé.`, {
    periodId: period.periodId, from: period.from, to: period.to,
  });
}
