import { type RecordedEvent } from '../../eventstore/event-store.js';
import { settlePeriod } from '../../domain/settlement/settle-period.js';
import { type FecEntries, type Reader } from '../../projections/finance/finance-reads.js';
import { type FecCursor, FEC_START, fecBytes, fecPage } from '../../api/finance/fec-pages.js';

const MARCH = { from: '2026-03-01', to: '2026-04-01' };
const APRIL = { from: '2026-04-01', to: '2026-05-01' };
const DAY_MS = 86_400_000;
/** Labels as treasurers type them: accents, the euro sign, typographic apostrophes, which the FEC encodes. */
const COST_LABELS = ['Loyer de l’atelier', 'Électricité', 'Ménage — 2 passages', 'Assurance 120 €', 'Fluides (eau, chauffage)'];

/**
 * For the FEC's specs: a pôle's books over two months, costs (journal AC), payments both ways
 * (BQ) and a close (VT), recorded over days (a day per six events). Every seventh event is recorded the
 * evening before the one ahead of it in the log, as a server whose clock lags writes it: the
 * FEC's order (by validation date, then journal) is then not the log's.
 */
export function booksHistory(costsAndPayments = 60): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const append = (streamId: string, type: string, data: unknown, businessDate?: string, recordedAt?: Date): void => {
    const position = events.length + 1;
    const at = recordedAt ?? new Date(Date.parse('2026-03-02T08:00:00Z') + Math.floor(position / 6) * DAY_MS + position * 60_000);
    events.push({
      id: `event-${position}`, type, data, streamId, revision: 0, position, recordedAt: at.toISOString(),
      metadata: { correlationId: 'c', actorUserId: 'u', actorRole: 'TREASURER', ...(businessDate ? { businessDate } : {}) },
    });
  };
  append('member-a', 'MemberRegistered', { memberId: 'a', name: 'Coop Bâtisseurs', legalForm: 'SCOP', siret: null, vatStatus: 'SUBJECT', joinedOn: '2025-01-01' }, '2025-01-01');
  append('member-b', 'MemberRegistered', { memberId: 'b', name: 'Les Daurades', legalForm: 'ASSOCIATION', siret: null, vatStatus: 'NOT_SUBJECT', joinedOn: '2025-01-01' }, '2025-01-01');
  append('cost-pool-loyer', 'CostPoolDefined', { poolId: 'loyer', name: 'Loyer', accountNumber: '613200', key: { kind: 'EQUAL' }, resourceIds: [] });
  for (const [periodId, period] of [['mars', MARCH], ['avril', APRIL]] as const) {
    append('periods', 'PeriodRegistered', { periodId, ...period });
    append(`period-${periodId}`, 'PeriodOpened', { periodId, ...period }, period.from);
  }
  let marchCostsCents = 0;
  for (let index = 0; index < costsAndPayments; index += 1) {
    const [periodId, day] = index < (costsAndPayments * 2) / 3 ? ['mars', `2026-03-${String(2 + (index % 25)).padStart(2, '0')}`] : ['avril', `2026-04-0${1 + (index % 8)}`];
    const lagging = index % 7 === 3 ? new Date(Date.parse(events.at(-1)!.recordedAt) - 12 * 3_600_000) : undefined;
    const amountCents = 1_000 + index * 37;
    if (index % 3 === 2) {
      const direction = index % 2 === 0 ? 'FROM_MEMBER' : 'TO_MEMBER';
      append(`period-${periodId}`, 'PaymentRecorded', {
        paymentId: `p${index}`, memberId: index % 4 < 2 ? 'a' : 'b', amountCents, paidOn: day, direction, reference: `VIR-${index}`,
      }, day, lagging);
    } else {
      if (periodId === 'mars') marchCostsCents += amountCents;
      append(`period-${periodId}`, 'CostRecorded', {
        costId: `c${index}`, poolId: 'loyer', amountCents, incurredOn: day, label: COST_LABELS[index % COST_LABELS.length], reference: `F${index}`,
      }, day, lagging);
    }
  }
  const members = ['a', 'b'].map((memberId) => ({ memberId, joinedOn: '2025-01-01', leftOn: null }));
  const settlement = settlePeriod({
    period: MARCH, members, pools: [{ poolId: 'loyer', name: 'Loyer', netCostsCents: marchCostsCents, key: { kind: 'EQUAL' } }],
    occupancies: [], headcountDeclarations: [], items: [], resources: [], payments: [],
  });
  append('period-mars', 'PeriodClosed', {
    periodId: 'mars', ...MARCH, closedOn: '2026-04-02', settlement, digest: { algorithm: 'sha256-business-day-chains', value: 'x', eventCount: 40 },
  }, undefined, new Date('2026-04-02T07:00:00Z'));
  return events;
}

export const BOOKS_MARCH = MARCH;

/** The whole FEC of `books`, written `pageEntries` entries at a time; and how many pages that took. */
export async function fecInPages(db: Reader, books: FecEntries, pageEntries: number): Promise<{ bytes: Buffer; pageCount: number }> {
  let pageCount = 0;
  const pages = (cursor: FecCursor) => {
    pageCount += 1;
    return fecPage(db, books, cursor, pageEntries);
  };
  const chunks: Buffer[] = [];
  for await (const chunk of fecBytes(pages, await pages(FEC_START))) chunks.push(chunk);
  return { bytes: Buffer.concat(chunks), pageCount };
}
