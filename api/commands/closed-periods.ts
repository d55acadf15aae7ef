import { DomainError } from '../../domain/shared/errors.js';
import { type AppendFence, type FenceCrossedError } from '../../eventstore/event-store.js';
import { describePeriodDays } from '../../domain/settlement/period.js';
import { type PeriodView } from '../../projections/finance/finance-projection.js';
import { listClosedPeriods } from '../../projections/finance/finance-reads.js';
import { KeptAnswersPerReadModels } from '../../projections/tables/kept-answers.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { type CommandDependencies } from './command-context.js';
import { type AppendGuard } from './handle-command.js';

type FinanceReader = Pick<ReadModelsView, 'db' | 'projectionCheckpoint'>;

/** The events that close a period: a fact dated inside it, appended after one, would change a frozen settlement. */
const CLOSING_EVENT_TYPES = ['PeriodClosed'] as const;

/**
 * The fence of a command that reads the closed periods itself (a VAT setting or an allocation key
 * from a period on, which their deciders refuse in a closed period): taken before that read, so
 * that a period closed after it refuses the append, and the command, decided again once caught up,
 * reads it closed.
 */
export class ClosingFence implements AppendGuard {
  constructor(protected readonly dependencies: Pick<CommandDependencies, 'store' | 'readModels'>) {}

  check(): Promise<AppendFence> {
    return Promise.resolve({ afterPosition: this.dependencies.readModels.currentPosition, types: CLOSING_EVENT_TYPES });
  }

  async catchUp(crossed: FenceCrossedError): Promise<void> {
    const { store, readModels } = this.dependencies;
    await readModels.waitForPosition(crossed.crossingPosition ?? await store.headPosition());
  }
}

/**
 * Facts dated inside a closed period would change a settlement already frozen: they are refused
 * with PERIOD_CLOSED. Costs and payments are guarded by their period's journal; the other facts
 * (usage, memberships, headcounts, occupancies, mandates, reservations) by this guard. It checks
 * them against the closed periods as this process's read models know them, and gives their append
 * a fence: a period closed meanwhile by another request or process refuses the append
 * (FenceCrossedError), and the command is decided again once the read models have caught up with
 * the close, which then refuses it. On KurrentDB the fence is checked just before the append, not
 * with it (README, « Periods closed while a fact is recorded »).
 */
export class ClosedPeriodsGuard extends ClosingFence {
  constructor(
    dependencies: Pick<CommandDependencies, 'store' | 'readModels'>,
    private readonly contains: (period: PeriodView) => boolean,
    private readonly what: string,
  ) {
    super(dependencies);
  }

  override async check(): Promise<AppendFence> {
    // Taken first: the closed periods read next reflect at least every close up to its position.
    const fence = await super.check();
    const closed = (await closedPeriods(this.dependencies.readModels)).find(this.contains);
    if (closed) refuse(closed, this.what);
    return fence;
  }
}

type GuardDependencies = ConstructorParameters<typeof ClosedPeriodsGuard>[0];

/** For a fact dated on a day: no closed period may contain it. */
export function guardDateOutsideClosedPeriods(dependencies: GuardDependencies, date: string, what: string): ClosedPeriodsGuard {
  return new ClosedPeriodsGuard(dependencies, (period) => period.from <= date && date < period.to, what);
}

/** For facts that apply from a date on (joining, leaving, a headcount): no closed period may end after it. */
export function guardNoClosedPeriodAfter(dependencies: GuardDependencies, date: string, what: string): ClosedPeriodsGuard {
  return new ClosedPeriodsGuard(dependencies, (period) => period.to > date, what);
}

/** For facts over `[from, to)`, `to` null meaning open-ended (an occupancy). */
export function guardRangeOutsideClosedPeriods(dependencies: GuardDependencies, from: string, to: string | null, what: string): ClosedPeriodsGuard {
  return new ClosedPeriodsGuard(dependencies, (period) => period.to > from && (to === null || period.from < to), what);
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
