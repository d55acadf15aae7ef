import { type DayChain, extendDayChain, periodDigest } from '../../../domain/finance/period-digest.js';
import { type PeriodJournalEvent } from '../../../domain/finance/period-journal.js';
import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { ChainVerifier, type IntegrityProblemKind } from '../../../eventstore/integrity/verify-chain.js';
import { isIdentityStream } from '../../identity/identity-store.js';
import { InvoiceNumberingCheck } from './invoice-numbering-check.js';
import { storedHashOf } from '../../../eventstore/integrity/event-hash.js';
import { LogDigest } from './log-digest.js';
import { formatFrench } from '../../../shared/icu-messages.js';

/**
 * Every way the partner room can find the ledger wrong. Beyond the hash chains' kinds:
 * - PERIOD_DIGEST_MISMATCH: a close's digest does not match the events dated in its period;
 * - NOT_IN_PERIOD_DIGEST: an event dated in a period, recorded while it was being closed, which
 *   neither its digest nor its settlement counts;
 * - DATED_IN_CLOSED_PERIOD: an event dated in a period recorded after the period was closed;
 * - INVOICE_NUMBERING_MISMATCH: an invoice numbering that numbers what no close issued, or leaves
 *   a gap or repeats a number in a series and year (see InvoiceNumberingCheck);
 * - BUNDLE_MALFORMED / BUNDLE_INCOMPLETE / BUNDLE_DIGEST_MISMATCH / UNEXPECTED_DIGEST: an audit
 *   bundle's lines, counts or trailer do not hold together, or it does not continue the log an
 *   auditor noted earlier.
 */
export type LedgerProblemKind =
  | IntegrityProblemKind
  | 'PERIOD_DIGEST_MISMATCH'
  | 'NOT_IN_PERIOD_DIGEST'
  | 'DATED_IN_CLOSED_PERIOD'
  | 'INVOICE_NUMBERING_MISMATCH'
  | 'BUNDLE_MALFORMED'
  | 'BUNDLE_INCOMPLETE'
  | 'BUNDLE_DIGEST_MISMATCH'
  | 'UNEXPECTED_DIGEST';

/** One problem, named by the event it sits at when there is one (a bundle's trailer has none). */
export interface LedgerProblem {
  kind: LedgerProblemKind;
  streamId: string | null;
  revision: number | null;
  eventId: string | null;
  position: number | null;
  message: string;
}

export interface LedgerReport {
  eventsChecked: number;
  streamsChecked: number;
  periodClosesChecked: number;
  problems: LedgerProblem[];
  /** The log digest over every event checked (see LogDigest): what a bundle's trailer holds. */
  logDigest: string;
}

interface ClosedPeriod {
  periodId: string;
  from: string;
  to: string;
}

/** A close whose digest did not match the whole prefix of the log before it; see `recheckCloses`. */
export interface SuspectClose extends ClosedPeriod {
  closePosition: number;
  close: Pick<RecordedEvent, 'streamId' | 'revision' | 'id' | 'position'>;
  digest: { value: string; eventCount: number };
}

const problemAt = (event: Pick<RecordedEvent, 'streamId' | 'revision' | 'id' | 'position'>, kind: LedgerProblemKind, message: string): LedgerProblem =>
  ({ kind, streamId: event.streamId, revision: event.revision, eventId: event.id, position: event.position, message });

/**
 * Checks a log given in log order, one event at a time, holding one hash per stream and one
 * chain per business day, never the events: the hash chain of every stream, optionally the
 * contiguity of positions (SQLite's have no gaps, so a deleted last event shows), the digest
 * each period close recorded over the events dated in its period, and the invoice numbers.
 */
export class LedgerVerifier {
  private readonly chains = new ChainVerifier();
  private readonly days = new Map<string, DayChain>();
  private readonly closed: ClosedPeriod[] = [];
  private readonly invoices = new InvoiceNumberingCheck();
  private previousPosition = 0;
  readonly problems: LedgerProblem[] = [];
  readonly suspects: SuspectClose[] = [];
  readonly log = new LogDigest();
  periodClosesChecked = 0;

  constructor(private readonly options: { contiguousPositions?: boolean } = {}) {}

  check(event: RecordedEvent): void {
    if (this.options.contiguousPositions && event.position !== this.previousPosition + 1) {
      this.problems.push(problemAt(event, 'REVISION_GAP', formatFrench(
        '{missing, plural, one {position {first} absente du journal : événement supprimé} other {positions {first} à {last} absentes du journal : événements supprimés}}',
        { missing: event.position - this.previousPosition - 1, first: String(this.previousPosition + 1), last: String(event.position - 1) },
      )));
    }
    this.previousPosition = event.position;
    if (isIdentityStream(event.streamId)) return;
    this.chains.check(event);
    this.log.add(event);
    const businessDate = event.metadata.businessDate;
    if (businessDate !== undefined) {
      const closedBefore = this.closed.find((period) => period.from <= businessDate && businessDate < period.to);
      if (closedBefore) {
        this.problems.push(problemAt(event, 'DATED_IN_CLOSED_PERIOD',
          `daté du ${businessDate}, enregistré après la clôture de la période du ${closedBefore.from} au ${closedBefore.to} (exclu) : son règlement ne le compte pas`));
      }
      this.days.set(businessDate, extendDayChain(this.days.get(businessDate), storedHashOf(event)));
    }
    if (event.type === 'PeriodClosed') this.checkClose(event);
    for (const message of this.invoices.check(event)) this.problems.push(problemAt(event, 'INVOICE_NUMBERING_MISMATCH', message));
  }

  report(): LedgerReport {
    const chainProblems: LedgerProblem[] = this.chains.problems.map((problem) => ({ ...problem }));
    return {
      eventsChecked: this.chains.eventsChecked,
      streamsChecked: this.chains.streamTails().size,
      periodClosesChecked: this.periodClosesChecked,
      problems: [...chainProblems, ...this.problems].sort(byPosition),
      logDigest: this.log.digest,
    };
  }

  private checkClose(event: RecordedEvent): void {
    const close = (event as unknown as Extract<PeriodJournalEvent, { type: 'PeriodClosed' }>).data;
    if (typeof close?.from !== 'string' || typeof close.to !== 'string' || typeof close.digest?.value !== 'string') {
      this.problems.push(problemAt(event, 'PERIOD_DIGEST_MISMATCH', 'clôture sans empreinte lisible'));
      return;
    }
    this.periodClosesChecked += 1;
    const period = { periodId: close.periodId, from: close.from, to: close.to };
    this.closed.push(period);
    const recomputed = periodDigest(period, this.days);
    if (recomputed.value === close.digest.value && recomputed.eventCount === close.digest.eventCount) return;
    this.suspects.push({
      ...period, closePosition: event.position, close: event, digest: { value: close.digest.value, eventCount: close.digest.eventCount },
    });
  }
}

/**
 * A close whose digest covers fewer events than the log holds before it may be right all the
 * same: the digest was computed a moment before the close was appended, and an event dated in
 * the period can have been recorded in between. The digest is then that of the first
 * `eventCount` events dated in the period; this second reading of the log checks exactly that,
 * and names the events recorded during the close, which neither the digest nor the settlement
 * counts. A digest matching no prefix is a mismatch.
 */
export async function recheckCloses(suspects: readonly SuspectClose[], events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>): Promise<LedgerProblem[]> {
  if (suspects.length === 0) return [];
  const states = suspects.map((suspect) => ({ suspect, days: new Map<string, DayChain>(), counted: 0, late: [] as RecordedEvent[] }));
  const lastClose = Math.max(...suspects.map((suspect) => suspect.closePosition));
  for await (const event of events) {
    if (event.position >= lastClose) break;
    const businessDate = event.metadata.businessDate;
    if (businessDate === undefined || isIdentityStream(event.streamId)) continue;
    for (const state of states) {
      const { suspect } = state;
      if (event.position >= suspect.closePosition || businessDate < suspect.from || businessDate >= suspect.to) continue;
      if (state.counted < suspect.digest.eventCount) {
        state.days.set(businessDate, extendDayChain(state.days.get(businessDate), storedHashOf(event)));
        state.counted += 1;
      } else {
        state.late.push(event);
      }
    }
  }
  return states.flatMap(({ suspect, days, late }): LedgerProblem[] => {
    if (periodDigest(suspect, days).value !== suspect.digest.value) {
      return [problemAt(suspect.close, 'PERIOD_DIGEST_MISMATCH',
        `l’empreinte de la clôture de la période du ${suspect.from} au ${suspect.to} (exclu) ne correspond plus aux événements datés dans la période`)];
    }
    return late.map((event) => problemAt(event, 'NOT_IN_PERIOD_DIGEST',
      `daté dans la période du ${suspect.from} au ${suspect.to} (exclu), enregistré pendant sa clôture : ni l’empreinte ni le règlement ne le comptent`));
  });
}

function byPosition(a: LedgerProblem, b: LedgerProblem): number {
  return (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER);
}

/**
 * « OK — … » or one line per problem then « ÉCHEC — … », as `npm run verify` prints it, about the
 * store's ledger or an audit bundle's. The digest line keeps its count unformatted: it is read back
 * (`--expect`).
 */
export function describeLedgerReport(report: LedgerReport, scope: 'ledger' | 'bundle' = 'ledger'): string {
  if (report.problems.length === 0) {
    const verdict = formatFrench(
      'OK — {events, plural, one {# événement} other {# événements}}{scope, select, bundle { du paquet} other {}} ' +
        '{events, plural, one {vérifié} other {vérifiés}} dans {streams, plural, one {# flux} other {# flux}}' +
        '{closes, plural, =0 {} one {, # empreinte de clôture recalculée} other {, # empreintes de clôture recalculées}} : aucune altération.',
      { events: report.eventsChecked, scope, streams: report.streamsChecked, closes: report.periodClosesChecked },
    );
    return `${verdict}\nEmpreinte du journal : ${report.eventsChecked}:${report.logDigest}`;
  }
  const lines = report.problems.map((problem) => problem.streamId === null
    ? `ALTÉRÉ ${problem.message} [${problem.kind}]`
    : `ALTÉRÉ flux ${problem.streamId} révision ${problem.revision} (événement ${problem.eventId}, position ${problem.position}) : ${problem.message} [${problem.kind}]`);
  const streams = new Set(report.problems.flatMap((problem) => (problem.streamId === null ? [] : [problem.streamId])));
  const verdict = formatFrench('ÉCHEC — {problems, plural, one {# anomalie} other {# anomalies}} dans {altered, number} flux sur {streams, number}.', {
    problems: report.problems.length,
    altered: streams.size,
    streams: report.streamsChecked,
  });
  return [...lines, verdict].join('\n');
}
