import { describe, expect, it } from 'vitest';
import { type DayChain, extendDayChain, periodDigest } from '../../../domain/finance/period-digest.js';
import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { chainEvents, chainLinkOf } from '../../../eventstore/integrity/event-hash.js';
import { describeLedgerReport, type LedgerReport } from './ledger-verifier.js';
import { storedHashOf } from '../../../eventstore/integrity/event-hash.js';
import { LogDigest } from './log-digest.js';
import { verifyLedger } from './verify-ledger.js';

const PERIOD = { periodId: 'oct', from: '2026-10-01', to: '2026-11-01' };

/** A log written as the command handlers write it: each stream's events chained, positions 1, 2, 3… */
class LogBuilder {
  readonly events: RecordedEvent[] = [];
  private readonly tails = new Map<string, { revision: number; hash: string | null }>();

  append(streamId: string, type: string, data: unknown, businessDate?: string): RecordedEvent {
    const tail = this.tails.get(streamId) ?? { revision: -1, hash: null };
    const metadata = { correlationId: 'c', actorUserId: 'u', actorRole: 'TREASURER', ...(businessDate ? { businessDate } : {}) };
    const [chained] = chainEvents(streamId, tail, [{ id: `event-${this.events.length + 1}`, type, data, metadata }]);
    const event: RecordedEvent = { ...chained!, streamId, revision: tail.revision + 1, position: this.events.length + 1, recordedAt: '2026-11-02T10:00:00.000Z' };
    this.tails.set(streamId, { revision: event.revision, hash: chainLinkOf(event).hash ?? null });
    this.events.push(event);
    return event;
  }

  /** The digest a close computes from the events dated in the period that it knows of. */
  digestOf(known: readonly RecordedEvent[]) {
    const days = new Map<string, DayChain>();
    for (const event of known) {
      const date = event.metadata.businessDate;
      if (date !== undefined && PERIOD.from <= date && date < PERIOD.to) days.set(date, extendDayChain(days.get(date), storedHashOf(event)));
    }
    return periodDigest(PERIOD, days);
  }

  close(known: readonly RecordedEvent[] = this.events): RecordedEvent {
    return this.append(`period-${PERIOD.periodId}`, 'PeriodClosed', { ...PERIOD, closedOn: '2026-11-02', settlement: { lines: [] }, digest: this.digestOf(known) });
  }
}

function pôleWithOctober(): LogBuilder {
  const log = new LogBuilder();
  log.append('periods', 'PeriodRegistered', PERIOD);
  log.append('period-oct', 'PeriodOpened', PERIOD, PERIOD.from);
  log.append('period-oct', 'CostRecorded', { costId: 'c1', poolId: 'p', amountCents: 1_000, incurredOn: '2026-10-03' }, '2026-10-03');
  log.append('usage-1', 'UsageRecorded', { entryId: '1' }, '2026-10-03');
  log.append('member-a', 'MemberLeft', { memberId: 'a', leftOn: '2026-12-01' }, '2026-12-01');
  return log;
}

const verify = (events: readonly RecordedEvent[]) =>
  // eslint-disable-next-line @typescript-eslint/require-await -- the verifier reads the log as the store gives it, an async iterable; these events are at hand.
  verifyLedger(async function* () { yield* events; }, { contiguousPositions: true });

describe('the ledger verifier', () => {
  it('recomputes each period close’s digest from the events dated in the period and finds it right', async () => {
    const log = pôleWithOctober();
    log.close();
    const report = await verify(log.events);
    expect(report.problems).toEqual([]);
    expect(report.periodClosesChecked).toBe(1);
  });

  it('names the close whose digest no longer matches its period’s events', async () => {
    const log = pôleWithOctober();
    // A digest over the period's events but one: no prefix of the log gives it.
    const close = log.close(log.events.filter((_event, index) => index !== 2));
    const report = await verify(log.events);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'PERIOD_DIGEST_MISMATCH', eventId: close.id, streamId: 'period-oct' })]);
  });

  it('names an event dated in the period that slipped in while the period was being closed, and accepts the digest', async () => {
    const log = pôleWithOctober();
    const knownAtClose = [...log.events];
    const slipped = log.append('usage-2', 'UsageRecorded', { entryId: '2' }, '2026-10-20');
    log.close(knownAtClose);
    const report = await verify(log.events);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'NOT_IN_PERIOD_DIGEST', eventId: slipped.id })]);
  });

  it('names an event dated in a period recorded after the period was closed', async () => {
    const log = pôleWithOctober();
    log.close();
    const late = log.append('usage-3', 'UsageRecorded', { entryId: '3' }, '2026-10-21');
    const report = await verify(log.events);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'DATED_IN_CLOSED_PERIOD', eventId: late.id })]);
  });

  it('still names altered events by their chain, and a deleted one by the gap it leaves', async () => {
    const log = pôleWithOctober();
    log.close();
    const altered = log.events.map((event, index) => (index === 2 ? { ...event, data: { ...(event.data as object), amountCents: 1 } } : event));
    expect((await verify(altered)).problems.map((problem) => problem.kind)).toEqual(['HASH_MISMATCH']);
    const withoutOne = log.events.filter((_event, index) => index !== 3);
    expect((await verify(withoutOne)).problems.map((problem) => problem.kind)).toEqual(expect.arrayContaining(['REVISION_GAP', 'PERIOD_DIGEST_MISMATCH']));
  });

  it('digests the log as a chain: the digest of the first N events never changes as the log grows', async () => {
    const log = pôleWithOctober();
    const prefix = new LogDigest();
    for (const event of log.events.slice(0, 3)) prefix.add(event);
    log.close();
    const whole = new LogDigest();
    const digests = log.events.map((event) => {
      whole.add(event);
      return whole.digest;
    });
    expect(digests[2]).toBe(prefix.digest);
    expect((await verify(log.events)).logDigest).toBe(digests.at(-1));
  });
});

/** A close of October issuing these documents (invoice id, series), dated the day it closes. */
function closeIssuing(log: LogBuilder, drafts: ReadonlyArray<[string, string]>): RecordedEvent {
  const invoices = drafts.map(([invoiceId, series]) => ({ invoiceId, series, periodId: PERIOD.periodId, document: { issueDate: '2026-11-02' } }));
  return log.append(`period-${PERIOD.periodId}`, 'PeriodClosed', { ...PERIOD, closedOn: '2026-11-02', settlement: { lines: [] }, digest: log.digestOf(log.events), invoices });
}

function numbering(log: LogBuilder, numbers: ReadonlyArray<[string, string]>, stream = 'invoice-numbers-2026'): RecordedEvent {
  return log.append(stream, 'InvoicesNumbered', { year: 2026, periodId: PERIOD.periodId, issuedOn: '2026-11-02', numbers: numbers.map(([invoiceId, number]) => ({ invoiceId, number })) });
}

const OCTOBER_DOCUMENTS: ReadonlyArray<[string, string]> = [['oct.FA.coop', 'FA'], ['oct.FA.fablab', 'FA'], ['oct.AV.coop', 'AV']];
const mismatches = (report: LedgerReport) => report.problems.filter((problem) => problem.kind === 'INVOICE_NUMBERING_MISMATCH');

describe('the ledger verifier on invoice numbers', () => {
  it('accepts numbers that run without gaps per series over what the closes issued, and drafts not numbered yet', async () => {
    const log = pôleWithOctober();
    closeIssuing(log, OCTOBER_DOCUMENTS);
    numbering(log, [['oct.FA.coop', 'FA-2026-000001'], ['oct.FA.fablab', 'FA-2026-000002'], ['oct.AV.coop', 'AV-2026-000001']]);
    expect((await verify(log.events)).problems).toEqual([]);
    const unnumbered = pôleWithOctober();
    closeIssuing(unnumbered, OCTOBER_DOCUMENTS);
    expect((await verify(unnumbered.events)).problems).toEqual([]);
  });

  it('names, in a log whose hashes were all written again, a number skipped, a number given twice, and a document no close issued', async () => {
    const skipped = pôleWithOctober();
    closeIssuing(skipped, OCTOBER_DOCUMENTS);
    const gap = numbering(skipped, [['oct.FA.coop', 'FA-2026-000001'], ['oct.FA.fablab', 'FA-2026-000003'], ['oct.AV.coop', 'AV-2026-000001']]);
    expect(mismatches(await verify(skipped.events))).toEqual([expect.objectContaining({
      eventId: gap.id, streamId: 'invoice-numbers-2026', message: 'FA-2026-000003 après 1 dans la série FA-2026 : un numéro manque',
    })]);

    const twice = pôleWithOctober();
    closeIssuing(twice, OCTOBER_DOCUMENTS);
    numbering(twice, [['oct.FA.coop', 'FA-2026-000001'], ['oct.FA.fablab', 'FA-2026-000002'], ['oct.AV.coop', 'AV-2026-000001']]);
    const again = numbering(twice, [['oct.FA.coop', 'FA-2026-000002']]);
    expect(mismatches(await verify(twice.events)).map((problem) => [problem.eventId, problem.message])).toEqual([
      [again.id, 'FA-2026-000002 numérote oct.FA.coop, qu’aucune clôture de la période oct n’a émis ou qui est déjà numéroté'],
      [again.id, 'FA-2026-000002 déjà attribué : la série FA-2026 en est à 2'],
    ]);

    const invented = pôleWithOctober();
    closeIssuing(invented, OCTOBER_DOCUMENTS.slice(0, 1));
    numbering(invented, [['oct.FA.coop', 'FA-2026-000001'], ['oct.FA.ghost', 'FA-2026-000002']]);
    expect(mismatches(await verify(invented.events)).map((problem) => problem.message)).toEqual([expect.stringMatching(/^FA-2026-000002 numérote oct\.FA\.ghost, qu’aucune clôture/)]);
  });

  it('names a numbering in another year’s stream, or of a series the close did not draft in', async () => {
    const log = pôleWithOctober();
    closeIssuing(log, OCTOBER_DOCUMENTS);
    numbering(log, [['oct.FA.coop', 'FA-2026-000001'], ['oct.FA.fablab', 'AV-2026-000001']], 'invoice-numbers-2027');
    expect(mismatches(await verify(log.events)).map((problem) => problem.message)).toEqual([
      'numérotation de 2026 (documents émis le 2026-11-02) dans le flux invoice-numbers-2027',
      'AV-2026-000001 numérote oct.FA.fablab, émis le 2026-11-02 dans la série FA',
    ]);
  });
});

describe('the verification report as npm run verify prints it', () => {
  const report = (counts: Partial<LedgerReport>): LedgerReport => ({ eventsChecked: 0, streamsChecked: 0, periodClosesChecked: 0, problems: [], logDigest: 'd1', ...counts });
  const problem = { kind: 'HASH_MISMATCH' as const, streamId: 'member-coop', revision: 0, eventId: 'e1', position: 1, message: 'modifié' };

  it('counts in French, 0 and 1 in the singular, and keeps the digest line’s count unformatted', () => {
    expect(describeLedgerReport(report({ eventsChecked: 1, streamsChecked: 1 }))).toBe('OK — 1 événement vérifié dans 1 flux : aucune altération.\nEmpreinte du journal : 1:d1');
    expect(describeLedgerReport(report({ eventsChecked: 12_400, streamsChecked: 3, periodClosesChecked: 2 }), 'bundle'))
      .toBe('OK — 12\u202f400 événements du paquet vérifiés dans 3 flux, 2 empreintes de clôture recalculées : aucune altération.\nEmpreinte du journal : 12400:d1');
  });

  it('ends a failed report with the number of problems', () => {
    expect(describeLedgerReport(report({ eventsChecked: 2, streamsChecked: 2, problems: [problem] })).split('\n').at(-1)).toBe('ÉCHEC — 1 anomalie dans 1 flux sur 2.');
    expect(describeLedgerReport(report({ eventsChecked: 2, streamsChecked: 2, problems: [problem, problem] })).split('\n').at(-1)).toBe('ÉCHEC — 2 anomalies dans 1 flux sur 2.');
  });
});
