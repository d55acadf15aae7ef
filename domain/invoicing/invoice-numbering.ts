import { type Decider } from '../shared/decider.js';
import { assert } from '../shared/errors.js';
import { type InvoiceSeries, invoiceNumber } from './invoice-draft.js';

/**
 * The one place where invoice numbers are decided: a stream per calendar year of issue. Closes of
 * different periods append to it with its expected revision, so two closes racing each other
 * cannot take the same numbers, and every series runs 1, 2, 3… without gaps. The numbers live in
 * its events: a replay of the log gives the same numbers.
 */
export const invoiceNumberingStreamId = (year: number) => `invoice-numbers-${year}`;

export type InvoiceNumberingEvent = {
  type: 'InvoicesNumbered';
  data: { year: number; periodId: string; issuedOn: string; numbers: Array<{ invoiceId: string; number: string }> };
};

export type InvoiceNumberingCommand = {
  type: 'NumberInvoices';
  data: { periodId: string; issuedOn: string; drafts: ReadonlyArray<{ invoiceId: string; series: InvoiceSeries }> };
};

export interface InvoiceNumberingState {
  year: number | null;
  /** The last sequence used in each series this year. */
  lastSequence: Partial<Record<InvoiceSeries, number>>;
  numberedPeriods: Set<string>;
}

export const invoiceNumberingDecider: Decider<InvoiceNumberingState, InvoiceNumberingCommand, InvoiceNumberingEvent> = {
  initialState: () => ({ year: null, lastSequence: {}, numberedPeriods: new Set() }),

  /** Idempotent: a period already numbered gives no event, so a close retried after a crash numbers nothing twice. */
  decide({ data }, state) {
    if (state.numberedPeriods.has(data.periodId) || data.drafts.length === 0) return [];
    const year = Number(data.issuedOn.slice(0, 4));
    assert(state.year === null || state.year === year, `a stream numbers the documents issued in ${state.year ?? year}`);
    const next = { ...state.lastSequence };
    const numbers = data.drafts.map(({ invoiceId, series }) => {
      next[series] = (next[series] ?? 0) + 1;
      return { invoiceId, number: invoiceNumber(series, year, next[series]) };
    });
    return [{ type: 'InvoicesNumbered', data: { year, periodId: data.periodId, issuedOn: data.issuedOn, numbers } }];
  },

  evolve(state, { data }) {
    const lastSequence = { ...state.lastSequence };
    for (const { number } of data.numbers) {
      const [series, , sequence] = number.split('-') as [InvoiceSeries, string, string];
      const previous = lastSequence[series] ?? 0;
      assert(Number(sequence) === previous + 1, `${number} follows ${series} ${previous} without a gap`);
      lastSequence[series] = Number(sequence);
    }
    return { year: data.year, lastSequence, numberedPeriods: new Set([...state.numberedPeriods, data.periodId]) };
  },
};
