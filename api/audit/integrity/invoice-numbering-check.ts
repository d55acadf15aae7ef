import { type PeriodJournalEvent } from '../../../domain/finance/period-journal.js';
import { type InvoicesNumbered, invoiceNumbersStreamId } from '../../../domain/invoicing/invoice-numbering.js';
import { type RecordedEvent } from '../../../eventstore/event-store.js';

type ClosedData = Extract<PeriodJournalEvent, { type: 'PeriodClosed' }>['data'];
type NumberedData = InvoicesNumbered['data'];

/** A document a close issued, waiting for its number. */
interface PendingDraft {
  periodId: string;
  series: string;
  issuedOn: string;
}

const NUMBER = /^([A-Z]{2})-(\d{4})-(\d{6})$/;

/**
 * Checks, in log order, that invoice numbers are what the numbering stream would have decided:
 * each `InvoicesNumbered` numbers documents a close of its period issued and nobody numbered yet,
 * in the stream of their year of issue, and each series runs 1, 2, 3… without a gap or a repeat
 * per year. The hash chains say an event was not changed; this says the numbers hold together,
 * in a log written again by someone who recomputed every hash, or by a faulty Mutua. Holds the
 * drafts awaiting their number (a close's, for a moment) and the last number of each series.
 * Drafts never numbered are no problem: a server that stopped between the two appends numbers
 * them at its next start.
 */
export class InvoiceNumberingCheck {
  private readonly pending = new Map<string, PendingDraft>();
  private readonly lastSequence = new Map<string, number>();

  /** The problems this event shows, as messages; none for any other type of event. */
  check(event: RecordedEvent): string[] {
    if (event.type === 'PeriodClosed') return this.drafted(event.data as Partial<ClosedData>);
    if (event.type === 'InvoicesNumbered') return this.numbered(event.streamId, event.data as Partial<NumberedData>);
    return [];
  }

  private drafted(close: Partial<ClosedData>): string[] {
    if (close.invoices === undefined) return [];
    if (!Array.isArray(close.invoices)) return ['clôture aux documents illisibles'];
    const problems: string[] = [];
    for (const draft of close.invoices) {
      if (typeof draft?.invoiceId !== 'string' || typeof draft.series !== 'string' || typeof draft.document?.issueDate !== 'string') {
        problems.push('document de clôture illisible');
      } else if (this.pending.has(draft.invoiceId) || draft.periodId !== close.periodId) {
        problems.push(`document ${draft.invoiceId} émis deux fois, ou pour une autre période`);
      } else {
        this.pending.set(draft.invoiceId, { periodId: draft.periodId, series: draft.series, issuedOn: draft.document.issueDate });
      }
    }
    return problems;
  }

  private numbered(streamId: string, numbering: Partial<NumberedData>): string[] {
    const { year, periodId, issuedOn, numbers } = numbering;
    if (typeof year !== 'number' || typeof issuedOn !== 'string' || !Array.isArray(numbers)) return ['numérotation illisible'];
    const problems: string[] = [];
    if (streamId !== invoiceNumbersStreamId(year) || issuedOn.slice(0, 4) !== String(year)) {
      problems.push(`numérotation de ${year} (documents émis le ${issuedOn}) dans le flux ${streamId}`);
    }
    for (const entry of numbers) problems.push(...this.numberedOne(entry, { year, periodId, issuedOn }));
    return problems;
  }

  private numberedOne(entry: Partial<NumberedData['numbers'][number]> | null, numbering: { year: number; periodId: string | undefined; issuedOn: string }): string[] {
    const invoiceId = entry?.invoiceId;
    const parts = NUMBER.exec(typeof entry?.number === 'string' ? entry.number : '');
    if (typeof invoiceId !== 'string' || parts === null) return [`numéro illisible : ${JSON.stringify(entry)}`];
    const [number, series, year, sequenceText] = parts as unknown as [string, string, string, string];
    const problems: string[] = [];
    const draft = this.pending.get(invoiceId);
    this.pending.delete(invoiceId);
    if (draft === undefined || draft.periodId !== numbering.periodId) {
      problems.push(`${number} numérote ${invoiceId}, qu’aucune clôture de la période ${numbering.periodId ?? '?'} n’a émis ou qui est déjà numéroté`);
    } else if (draft.series !== series || draft.issuedOn !== numbering.issuedOn) {
      problems.push(`${number} numérote ${invoiceId}, émis le ${draft.issuedOn} dans la série ${draft.series}`);
    }
    if (Number(year) !== numbering.year) problems.push(`${number} dans la numérotation de ${numbering.year}`);
    const key = `${series}-${year}`;
    const previous = this.lastSequence.get(key) ?? 0;
    const sequence = Number(sequenceText);
    if (sequence !== previous + 1) {
      problems.push(sequence <= previous
        ? `${number} déjà attribué : la série ${key} en est à ${previous}`
        : `${number} après ${previous} dans la série ${key} : ${sequence - previous - 1 === 1 ? 'un numéro manque' : `${sequence - previous - 1} numéros manquent`}`);
    }
    this.lastSequence.set(key, Math.max(previous, sequence));
    return problems;
  }
}
