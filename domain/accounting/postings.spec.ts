import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CostFacts, type PaymentFacts, type PeriodJournalEvent } from '../finance/period-journal.js';
import { settlePeriod } from '../settlement/settle-period.js';
import { type PeriodVatFacts } from '../settlement/settlement-vat.js';
import { fromParisWallClock } from '../../shared/paris-time.js';
import { ACCOUNTS, memberAuxiliaryNumber } from './chart-of-accounts.js';
import { encodeLatin9, FEC_COLUMNS, fecFileName, toFec } from './fec.js';
import { isValidSiren } from '../../shared/identifiers.js';
import { type JournalEntry, trialBalance } from './journal-entry.js';
import { type PostingContext, postingsFor } from './postings.js';

const MEMBERS = ['a', 'b', 'c'];
const costs = new Map<string, CostFacts>();
const payments = new Map<string, PaymentFacts>();
const context: PostingContext = {
  memberAccount: (memberId) => ({ ...ACCOUNTS.memberReceivables, auxiliary: { number: memberAuxiliaryNumber(MEMBERS.indexOf(memberId) + 1), label: `Membre ${memberId}` } }),
  pool: (poolId) => ({ name: `Pot ${poolId}`, accountNumber: poolId === 'loyer' ? '613200' : '606100' }),
  resource: (resourceId) => ({ name: `Ressource ${resourceId}`, kind: resourceId === 'staff' ? 'STAFF' : 'EQUIPMENT' }),
  cost: (costId) => costs.get(costId),
  payment: (paymentId) => payments.get(paymentId),
};
const source = { validatedOn: '2026-04-02', position: 1 };

/** `a` owns the laser; `ownerSubject` makes it subject to VAT, so that its credits carry the laser's VAT. */
function closedEvent(poolAmounts: readonly number[], chargeMinutes: readonly number[], vat?: PeriodVatFacts, ownerSubject = false): PeriodJournalEvent {
  const startMs = fromParisWallClock('2026-03-10', 600).getTime();
  const settlement = settlePeriod({
    period: { from: '2026-03-01', to: '2026-04-01' },
    members: MEMBERS.map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null, ...(ownerSubject && memberId === 'a' ? { vatStatus: 'SUBJECT' as const } : {}) })),
    pools: poolAmounts.map((netCostsCents, index) => ({ poolId: index === 0 ? 'loyer' : `p${index}`, name: `Pot ${index}`, netCostsCents, key: { kind: 'EQUAL' } })),
    occupancies: [],
    headcountDeclarations: [],
    items: chargeMinutes.map((minutes, index) => ({
      memberId: MEMBERS[index % 3]!, resourceId: index % 2 === 0 ? 'laser' : 'staff', startMs, endMs: startMs + minutes * 60_000, quantity: 1, countsAsUsage: true, charged: true,
    })),
    resources: [{ resourceId: 'laser', hourlyRateCents: 2_500, ownerMemberId: 'a' }, { resourceId: 'staff', hourlyRateCents: 3_200, ownerMemberId: null }],
    payments: [],
    ...(vat ? { vat } : {}),
  });
  return { type: 'PeriodClosed', data: { periodId: 'mars', from: '2026-03-01', to: '2026-04-01', closedOn: '2026-04-02', settlement, digest: { algorithm: 'sha256-business-day-chains', value: '0', eventCount: 0 } } };
}

function assertBalanced(entries: readonly JournalEntry[]): void {
  for (const entry of entries) {
    const debit = entry.lines.reduce((sum, line) => sum + line.debitCents, 0);
    expect(debit).toBe(entry.lines.reduce((sum, line) => sum + line.creditCents, 0));
    for (const line of entry.lines) expect(line.debitCents >= 0 && line.creditCents >= 0 && (line.debitCents === 0) !== (line.creditCents === 0)).toBe(true);
  }
}

describe('postings from financial events', () => {
  it('posts a cost to the pool’s expense account against the suppliers, and its reversal the other way', () => {
    const cost: CostFacts = { costId: 'c1', poolId: 'loyer', amountCents: 120_000, incurredOn: '2026-03-05', label: 'Loyer de mars', reference: 'F-2026-03' };
    costs.set('c1', cost);
    const [recorded] = postingsFor({ type: 'CostRecorded', data: cost }, context, source);
    expect(recorded!.lines.map((line) => [line.accountNumber, line.debitCents, line.creditCents])).toEqual([['613200', 120_000, 0], ['401000', 0, 120_000]]);
    const [reversed] = postingsFor({ type: 'CostReversed', data: { costId: 'c1', poolId: 'loyer', amountCents: 120_000, reversedOn: '2026-04-03', reason: 'Doublon', originalPeriodId: 'mars' } }, context, source);
    expect(reversed!.lines.map((line) => [line.accountNumber, line.debitCents, line.creditCents])).toEqual([['613200', 0, 120_000], ['401000', 120_000, 0]]);
    expect(reversed!.label).toContain('Doublon');
  });

  it('posts a payment from a member into the bank against its account, and one to a member out of the bank', () => {
    const [fromMember] = postingsFor({ type: 'PaymentRecorded', data: { paymentId: 'p1', memberId: 'b', amountCents: 5_000, paidOn: '2026-03-09', direction: 'FROM_MEMBER', reference: null } }, context, source);
    expect(fromMember!.lines.map((line) => [line.accountNumber, line.auxiliaryNumber, line.debitCents, line.creditCents])).toEqual([['512000', null, 5_000, 0], ['411000', 'M0002', 0, 5_000]]);
    const [toMember] = postingsFor({ type: 'PaymentRecorded', data: { paymentId: 'p2', memberId: 'b', amountCents: 700, paidOn: '2026-03-09', direction: 'TO_MEMBER', reference: 'VIR' } }, context, source);
    expect(toMember!.lines.map((line) => [line.accountNumber, line.debitCents, line.creditCents])).toEqual([['512000', 0, 700], ['411000', 700, 0]]);
  });

  it('posts the close: each pool out of re-invoicing income into the members’ accounts, charges to the owner or the pôle’s income', () => {
    const entries = postingsFor(closedEvent([10_000], [60, 60]), context, source);
    const balances = trialBalance(entries);
    expect(balances.get('708300')).toBe(-10_000);
    // 60 min of laser (25,00 €) charged to a, credited to a, its owner; 60 min of staff (32,00 €) charged to b, income of the pôle.
    expect(balances.get('708400')).toBe(-3_200);
    expect([...balances.values()].reduce((sum, value) => sum + value, 0)).toBe(0);
    expect(entries.every((entry) => entry.journal === 'VT' && entry.entryDate === '2026-03-31')).toBe(true);
  });

  it('always balances, whatever the amounts (negative pools included) and charges', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -1_000_000, max: 50_000_000 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.integer({ min: 1, max: 24 * 60 }), { maxLength: 20 }),
      fc.integer({ min: 1, max: 1_000_000_000 }),
      (poolAmounts, chargeMinutes, amountCents) => {
        const entries = [
          ...postingsFor(closedEvent(poolAmounts, chargeMinutes), context, source),
          ...postingsFor({ type: 'PaymentRecorded', data: { paymentId: 'p', memberId: 'c', amountCents, paidOn: '2026-03-01', direction: 'FROM_MEMBER', reference: null } }, context, source),
        ];
        assertBalanced(entries);
        expect([...trialBalance(entries).values()].reduce((sum, value) => sum + value, 0)).toBe(0);
      },
    ));
  });
});

describe('the FEC', () => {
  it('writes the 18 columns of A47 A-1, tab-separated, dates as YYYYMMDD, decimal commas, entries numbered per journal without gaps', () => {
    const entries = [
      ...postingsFor({ type: 'PaymentRecorded', data: { paymentId: 'p1', memberId: 'a', amountCents: 123_456, paidOn: '2026-03-09', direction: 'FROM_MEMBER', reference: 'VIR 1' } }, context, { validatedOn: '2026-03-09', position: 2 }),
      ...postingsFor(closedEvent([10_001], []), context, { validatedOn: '2026-04-02', position: 3 }),
      ...postingsFor({ type: 'PaymentRecorded', data: { paymentId: 'p2', memberId: 'b', amountCents: 5, paidOn: '2026-03-10', direction: 'TO_MEMBER', reference: null } }, context, { validatedOn: '2026-03-10', position: 4 }),
    ];
    const rows = toFec(entries).split('\r\n').filter((row) => row !== '').map((row) => row.split('\t'));
    expect(rows[0]).toEqual([...FEC_COLUMNS]);
    expect(rows.slice(1).every((row) => row.length === 18)).toBe(true);
    expect(rows[1]).toEqual(['BQ', 'Banque', 'BQ000001', '20260309', '512000', 'Banque', '', '', 'VIR 1', '20260309', 'Règlement reçu du membre', '1234,56', '0,00', '', '', '20260309', '', '']);
    expect([...new Set(rows.slice(1).map((row) => row[2]))]).toEqual(['BQ000001', 'BQ000002', 'VT000001']);
  });

  it('turns every control character of a label into a space, so that no line or column shifts', () => {
    const reference = 'VIR\t1\r\n2\u000b3\u000c4\u00855\u20286\u0000';
    const entries = postingsFor({ type: 'PaymentRecorded', data: { paymentId: 'p3', memberId: 'a', amountCents: 100, paidOn: '2026-03-09', direction: 'FROM_MEMBER', reference } },
      context, { validatedOn: '2026-03-09', position: 5 });
    const [, ...lines] = toFec(entries).slice(0, -2).split('\r\n');
    for (const line of lines) {
      expect(line.split('\t')).toHaveLength(18);
      expect(line.split('\t')[8]).toBe('VIR 1 2 3 4 5 6');
    }
  });

  it('names the file <SIREN>FEC<closing date>.txt, and encodes it in ISO 8859-15 with accents and the euro sign', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(fecFileName('732829320', '2026-12-31')).toBe('732829320FEC20261231.txt');
    expect([...encodeLatin9('é€’œ')]).toEqual([0xe9, 0xa4, 0x27, 0xbd]);
  });

  it('writes every character of a text whose composed form is longer, such as U+0958 (NFC decomposes it), up to the last line', () => {
    const text = `A\t${'\u0958'.repeat(4)}\tB\r\nlast\tline\t123,45\r\n`;
    expect(new TextDecoder('iso-8859-15').decode(encodeLatin9(text))).toBe('A\t????????\tB\r\nlast\tline\t123,45\r\n');
  });

  it('writes a letter ISO 8859-15 lacks as that letter without its accent, and ? only when there is none', () => {
    expect(new TextDecoder('iso-8859-15').decode(encodeLatin9('Łódź, Brașov, Győr, Fablab 😀'))).toBe('?ódz, Brasov, Gyor, Fablab ?');
  });

  it('writes a composed accent as its letter, the Latin-1 signs ISO 8859-15 gave away as ?, and the others it kept as they are', () => {
    expect([...encodeLatin9('Cafe\u0301 ½ Ÿ ¤ « ok »')]).toEqual([...Buffer.from('Caf'), 0xe9, 0x20, 0x3f, 0x20, 0xbe, 0x20, 0x3f, 0x20, 0xab, ...Buffer.from(' ok '), 0xbb]);
  });
});

describe('VAT in the postings', () => {
  const twentyPercent = { kind: 'RATE', rateBasisPoints: 2_000 } as const;

  it('debits the members the VAT on their shares and charges and credits it to 44571, which the FEC carries', () => {
    const event = closedEvent([10_000], [60, 60], { pools: { loyer: { kind: 'EXEMPT', exemption: 'ART_261_D' } }, resources: { laser: twentyPercent, staff: twentyPercent } });
    const entries = postingsFor(event, context, source);
    const balances = trialBalance(entries);
    // 25,00 € of laser to a and 32,00 € of staff to b, each at 20 %; the rent is exempt.
    expect(balances.get('445710')).toBe(-(500 + 640));
    expect(balances.get('411000/M0001')).toBe(3_334 + 2_500 + 500 - 2_500);
    expect(balances.get('411000/M0002')).toBe(3_333 + 3_200 + 640);
    expect(balances.get('708300')).toBe(-10_000);
    assertBalanced(entries);
    const fecRows = toFec(entries).split('\r\n').filter((row) => row.startsWith('VT')).map((row) => row.split('\t'));
    expect(fecRows.filter((row) => row[4] === '445710').map((row) => [row[5], row[12]])).toEqual([['TVA collectée', '5,00'], ['TVA collectée', '6,40']]);
  });

  it('posts a cost’s deductible VAT to 44566 and the supplier the amount with VAT, and its reversal the other way', () => {
    const cost: CostFacts = { costId: 'c2', poolId: 'loyer', amountCents: 100_000, incurredOn: '2026-03-05', label: 'Loyer', reference: null, deductibleVatCents: 20_000 };
    costs.set('c2', cost);
    const [recorded] = postingsFor({ type: 'CostRecorded', data: cost }, context, source);
    expect(recorded!.lines.map((line) => [line.accountNumber, line.debitCents, line.creditCents])).toEqual([['613200', 100_000, 0], ['445660', 20_000, 0], ['401000', 0, 120_000]]);
    const [reversed] = postingsFor({ type: 'CostReversed', data: {
      costId: 'c2', poolId: 'loyer', amountCents: 100_000, deductibleVatCents: 20_000, reversedOn: '2026-03-06', reason: 'Erreur', originalPeriodId: 'mars',
    } }, context, source);
    expect(trialBalance([recorded!, reversed!]).get('445660')).toBe(0);
  });

  it('credits a subject owner the VAT on its credits and debits it to 44566 where the pôle deducts, to its income where it does not', () => {
    // a and c each use the laser of a, subject to VAT, 25,00 € at 20 %: a is credited 50,00 € and 10,00 € of VAT.
    const resources = { laser: twentyPercent, staff: twentyPercent };
    const deducting = postingsFor(closedEvent([10_000], [60, 60, 60], { pools: {}, resources, poleDeductsVat: true }, true), context, source);
    assertBalanced(deducting);
    const deducted = trialBalance(deducting);
    expect(deducted.get('445660')).toBe(1_000);
    expect(deducted.get('411000/M0001')).toBe(3_334 + 2_500 + 500 - 5_000 - 1_000);
    expect(deducted.get('706000') ?? 0).toBe(0);
    const fecRows = toFec(deducting).split('\r\n').filter((row) => row.split('\t')[4] === '445660');
    expect(fecRows.map((row) => row.split('\t')[11])).toEqual(['10,00']);

    // A 261 B grouping deducts nothing: the owner's VAT is a cost, taken off the laser's income.
    const bearing = trialBalance(postingsFor(closedEvent([10_000], [60, 60, 60], { pools: {}, resources, poleDeductsVat: false }, true), context, source));
    expect(bearing.get('445660')).toBeUndefined();
    expect(bearing.get('411000/M0001')).toBe(deducted.get('411000/M0001'));
    expect(bearing.get('706000')).toBe(1_000);
  });

  it('always balances with VAT on every pool and resource, negative pools included', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -1_000_000, max: 50_000_000 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.integer({ min: 1, max: 24 * 60 }), { maxLength: 20 }),
      fc.constantFrom(2_000, 1_000, 550, 210),
      (poolAmounts, chargeMinutes, rateBasisPoints) => {
        const rate = { kind: 'RATE', rateBasisPoints } as const;
        const pools = Object.fromEntries(poolAmounts.map((_amount, index) => [index === 0 ? 'loyer' : `p${index}`, rate]));
        const event = closedEvent(poolAmounts, chargeMinutes, { pools, resources: { laser: rate, staff: rate }, poleDeductsVat: poolAmounts.length % 2 === 0 }, true);
        const entries = postingsFor(event, context, source);
        assertBalanced(entries);
        if (event.type !== 'PeriodClosed') throw new Error('a close');
        // Without any share or charge (pools of 0, no item) the totals have no VAT at all: read it as 0.
        expect(-(trialBalance(entries).get('445710') ?? 0) || 0).toBe(event.data.settlement.totals.vatCents ?? 0);
        expect(trialBalance(entries).get('445660') ?? 0).toBe(poolAmounts.length % 2 === 0 ? event.data.settlement.totals.creditVatCents ?? 0 : 0);
      },
    ));
  });
});
