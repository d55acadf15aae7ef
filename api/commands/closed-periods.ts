import { DomainError } from '../../domain/shared/errors.js';
import { describePeriodDays } from '../../domain/settlement/period.js';
import { type PeriodView } from '../../projections/finance/finance-projection.js';
import { listClosedPeriods } from '../../projections/finance/finance-reads.js';
import { KeptAnswersPerReadModels } from '../../projections/tables/kept-answers.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';

type FinanceReader = Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>;

/**
 * Facts dated inside a closed period would change a settlement already frozen: they are refused
 * with PERIOD_CLOSED. Costs and payments are guarded atomically by their period's journal; the
 * other facts (usage, declarations, memberships, mandates, reservations) are checked here against
 * this process's read model, so a period closed by another process a few milliseconds earlier can
 * still let one through. The close's digest covers every event dated in the period, so such an
 * event would show as a digest that no longer matches, never as a silent change.
 */
export async function assertDateNotInClosedPeriod(readModels: FinanceReader, date: string, what: string): Promise<void> {
  const closed = (await closedPeriods(readModels)).find((period) => period.from <= date && date < period.to);
  if (closed) refuse(closed, what);
}

/** For facts that apply from a date on (joining, leaving, a headcount): no closed period may end after it. */
export async function assertNoClosedPeriodAfter(readModels: FinanceReader, date: string, what: string): Promise<void> {
  const closed = (await closedPeriods(readModels)).find((period) => period.to > date);
  if (closed) refuse(closed, what);
}

/** For facts over `[from, to)`, `to` null meaning open-ended (an occupancy). */
export async function assertRangeNotInClosedPeriod(readModels: FinanceReader, from: string, to: string | null, what: string): Promise<void> {
  const closed = (await closedPeriods(readModels)).find((period) => period.to > from && (to === null || period.from < to));
  if (closed) refuse(closed, what);
}

/** Periods kept: a pôle closes one a month, so ten years make 120. Beyond this many they are read each time. */
const MAX_KEPT_CLOSED_PERIODS = 1_000;
const keptClosedPeriods = new KeptAnswersPerReadModels<PeriodView>({ projection: 'finance', maxAnswers: 1, maxRows: MAX_KEPT_CLOSED_PERIODS });

/**
 * The closed periods as this process last heard of the finance tables: read once per generation
 * of them, not once per reservation (every reservation is checked, and a period closes once a
 * month). A generation lasts one batch of the projector while reservations are made, since each
 * batch extends the day chains of the finance tables: the reads drop from one per command to one
 * per batch.
 */
function closedPeriods(readModels: FinanceReader): Promise<readonly PeriodView[]> {
  return keptClosedPeriods.of(readModels).answer('closed periods', () => listClosedPeriods(readModels.db));
}

function refuse(period: PeriodView, what: string): never {
  throw new DomainError('PERIOD_CLOSED', `${what} toucherait la période ${describePeriodDays(period)}, déjà clôturée : son règlement est figé.`, {
    periodId: period.periodId, from: period.from, to: period.to,
  });
}
