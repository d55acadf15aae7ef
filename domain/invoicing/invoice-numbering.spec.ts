import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../shared/decider.js';
import { specification } from '../shared/decider-specification.js';
import { type InvoiceSeries } from './invoice-draft.js';
import { type InvoicesNumbered, invoiceNumberingDecider, invoiceNumbersStreamId, type NumberInvoices } from './invoice-numbering.js';

const decider = invoiceNumberingDecider(2026);
const given = specification(decider);

const numberInvoices = (periodId: string, drafts: Array<[string, InvoiceSeries]>, issuedOn = '2026-02-01'): NumberInvoices => ({
  type: 'NumberInvoices', data: { periodId, issuedOn, drafts: drafts.map(([invoiceId, series]) => ({ invoiceId, series })) },
});

/** Decides and appends, command after command, as the close does against the stream. */
function run(commands: readonly NumberInvoices[]): InvoicesNumbered[] {
  const events: InvoicesNumbered[] = [];
  for (const command of commands) events.push(...decider.decide(command, foldEvents(decider, events)));
  return events;
}

describe('invoice numbering', () => {
  it('numbers the first invoices of the year from 1 in each series, in the drafts’ order', () => {
    given([]).when(numberInvoices('2026-01', [['i1', 'FA'], ['c1', 'AV'], ['i2', 'FA'], ['s1', 'AF'], ['r1', 'AA']])).then([{
      type: 'InvoicesNumbered',
      data: {
        year: 2026, periodId: '2026-01', issuedOn: '2026-02-01',
        numbers: [
          { invoiceId: 'i1', number: 'FA-2026-000001' }, { invoiceId: 'c1', number: 'AV-2026-000001' },
          { invoiceId: 'i2', number: 'FA-2026-000002' }, { invoiceId: 's1', number: 'AF-2026-000001' },
          { invoiceId: 'r1', number: 'AA-2026-000001' },
        ],
      },
    }]);
    expect(invoiceNumbersStreamId(2026)).toBe('invoice-numbers-2026');
  });

  it('continues each series where the year’s previous close left it', () => {
    const first = run([numberInvoices('2026-01', [['i1', 'FA'], ['i2', 'FA'], ['c1', 'AV']])]);
    given(first).when(numberInvoices('2026-02', [['i3', 'FA'], ['c2', 'AV']], '2026-03-02')).then([{
      type: 'InvoicesNumbered',
      data: { year: 2026, periodId: '2026-02', issuedOn: '2026-03-02', numbers: [{ invoiceId: 'i3', number: 'FA-2026-000003' }, { invoiceId: 'c2', number: 'AV-2026-000002' }] },
    }]);
  });

  it('gives nothing for a period already numbered, so a retried close numbers nothing twice', () => {
    const first = run([numberInvoices('2026-01', [['i1', 'FA']])]);
    given(first).when(numberInvoices('2026-01', [['i1', 'FA']])).then([]);
    given([]).when(numberInvoices('2026-01', [])).then([]);
  });

  it('refuses an issue date of another year than its stream’s', () => {
    expect(() => decider.decide(numberInvoices('2026-12', [['i1', 'FA']], '2027-01-04'), decider.initialState())).toThrow(/Invariant violated/);
    const first = run([numberInvoices('2026-01', [['i1', 'FA']])]);
    expect(() => decider.decide(numberInvoices('2026-12', [['i2', 'FA']], '2027-01-04'), foldEvents(decider, first))).toThrow(/Invariant violated/);
  });

  it('runs without gaps across many periods, each series 1, 2, 3… in the order of closes and drafts, and a replay gives the same numbers', () => {
    const period = fc.array(fc.constantFrom<InvoiceSeries>('FA', 'AV', 'AF', 'AA'), { maxLength: 6 });
    fc.assert(fc.property(fc.array(period, { maxLength: 12 }), fc.array(fc.nat({ max: 11 }), { maxLength: 5 }), (periods, retried) => {
      const commands = periods.map((series, index) => numberInvoices(`p${index}`, series.map((kind, position) => [`p${index}.${position}`, kind])));
      // Closes retried after their numbering landed: they must number nothing again.
      const withRetries = [...commands, ...retried.flatMap((index) => commands.slice(index, index + 1))];
      const events = run(withRetries);
      const numbers = events.flatMap((event) => event.data.numbers);
      const expected = new Map<InvoiceSeries, number>();
      const drafts = commands.flatMap((command) => command.data.drafts);
      expect(numbers.map((entry) => entry.invoiceId)).toEqual(drafts.map((draft) => draft.invoiceId));
      drafts.forEach((draft, index) => {
        const sequence = (expected.get(draft.series) ?? 0) + 1;
        expected.set(draft.series, sequence);
        expect(numbers[index]!.number).toBe(`${draft.series}-2026-${String(sequence).padStart(6, '0')}`);
      });
      // Replaying the log folds the same state: the next number is the same whoever folds it.
      expect(foldEvents(decider, events)).toEqual(foldEvents(decider, structuredClone(events)));
      expect(foldEvents(decider, events).lastSequence).toEqual({ FA: expected.get('FA') ?? 0, AV: expected.get('AV') ?? 0, AF: expected.get('AF') ?? 0, AA: expected.get('AA') ?? 0 });
    }));
  });
});
