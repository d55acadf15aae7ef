import { type Decider } from '../shared/decider.js';
import { assert } from '../shared/errors.js';
import { type InvoiceSeries, SERIES_OF_KIND, invoiceNumber } from './invoice-draft.js';

/**
 * One stream per calendar year of issue holds every number given that year, in every series:
 * appending to it with its expected revision serializes concurrent closes, so the sequences run
 * without gaps, and a replay folds the same events into the same numbers.
 */
export const invoiceNumbersStreamId = (year: number) => `invoice-numbers-${year}`;

export interface NumberInvoices {
  type: 'NumberInvoices';
  data: {
    periodId: string;
    /** `yyyy-mm-dd`, in the stream's year: the drafts' issue date. */
    issuedOn: string;
    /** In the order their numbers are given: within a series, the first draft gets the lowest number. */
    drafts: ReadonlyArray<{ invoiceId: string; series: InvoiceSeries }>;
  };
}

export interface InvoicesNumbered {
  type: 'InvoicesNumbered';
  data: {
    year: number;
    periodId: string;
    issuedOn: string;
    numbers: Array<{ invoiceId: string; number: string }>;
  };
}

export interface InvoiceNumberingState {
  /** The last sequence given in each series this year; 0 before the first. */
  lastSequence: Readonly<Record<InvoiceSeries, number>>;
  /** Periods whose drafts are numbered: numbering one again gives nothing, so a retried close is harmless. */
  numberedPeriods: ReadonlySet<string>;
}

const SERIES: readonly InvoiceSeries[] = Object.values(SERIES_OF_KIND);

/** The decider of `invoice-numbers-<year>`: the year is the stream's, so a command cannot number another year's invoice. */
export function invoiceNumberingDecider(year: number): Decider<InvoiceNumberingState, NumberInvoices, InvoicesNumbered> {
  assert(Number.isSafeInteger(year) && year >= 2000 && year <= 9999, `${year} is a calendar year`);
  return {
    initialState: () => ({ lastSequence: { FA: 0, AV: 0, AF: 0, AA: 0 }, numberedPeriods: new Set() }),
    decide: (command, state) => decide(year, command, state),
    evolve,
  };
}

function decide(year: number, command: NumberInvoices, state: InvoiceNumberingState): InvoicesNumbered[] {
  const { periodId, issuedOn, drafts } = command.data;
  assert(/^\d{4}-\d{2}-\d{2}$/.test(issuedOn) && Number(issuedOn.slice(0, 4)) === year, `invoices issued on ${issuedOn} are numbered in their own year's stream, not ${year}'s`);
  assert(new Set(drafts.map((draft) => draft.invoiceId)).size === drafts.length, 'each draft is numbered once');
  if (state.numberedPeriods.has(periodId) || drafts.length === 0) return [];
  const last = { ...state.lastSequence };
  const numbers = drafts.map(({ invoiceId, series }) => {
    assert(SERIES.includes(series), `${series} is a series`);
    last[series] += 1;
    return { invoiceId, number: invoiceNumber(series, year, last[series]) };
  });
  return [{ type: 'InvoicesNumbered', data: { year, periodId, issuedOn, numbers } }];
}

/** The sequence read back from the number itself, so that the state is only ever what the events say. */
function evolve(state: InvoiceNumberingState, event: InvoicesNumbered): InvoiceNumberingState {
  const lastSequence = { ...state.lastSequence };
  for (const { number } of event.data.numbers) {
    const [series, , sequence] = number.split('-') as [InvoiceSeries, string, string];
    lastSequence[series] = Math.max(lastSequence[series], Number(sequence));
  }
  return { lastSequence, numberedPeriods: new Set([...state.numberedPeriods, event.data.periodId]) };
}
