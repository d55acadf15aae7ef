import { type CostFacts, type PaymentFacts, type PeriodJournalEvent } from '../finance/period-journal.js';
import { addDays } from '../../shared/paris-time.js';
import { type PeriodSettlement } from '../settlement/settle-period.js';
import { ACCOUNTS, directChargeIncomeAccount, expenseAccountLabel, reinvoicingAccountFor } from './chart-of-accounts.js';
import { type AccountRef, type EntryHeader, type JournalEntry, type SignedLine, balancedEntry } from './journal-entry.js';

/** What the postings need to know beyond the event: names and accounts, as of the event. */
export interface PostingContext {
  /** The member's auxiliary account under 411. */
  memberAccount(memberId: string): AccountRef;
  pool(poolId: string): { name: string; accountNumber: string };
  resource(resourceId: string): { name: string; kind: string };
  /** The cost or payment a reversal reverses, as it was recorded. */
  cost(costId: string): CostFacts | undefined;
  payment(paymentId: string): PaymentFacts | undefined;
}

export interface PostingSource {
  /** Paris date on which the event was recorded: the entry's validation date. */
  validatedOn: string;
  position: number;
}

/**
 * The double-entry lines of a period-journal event. Costs go to the pool's expense account
 * (their deductible VAT to 44566) against the suppliers; payments between the bank and the
 * member's account; the close shares each pool out of re-invoicing income into the members'
 * accounts and posts the direct charges (member to owner, or member to the pôle's income), the
 * members' accounts debited the VAT too and 44571 credited it; a subject owner's account is
 * credited the VAT on its credits, 44566 debited it where the pôle deducts. Every entry is asserted balanced.
 */
export function postingsFor(event: PeriodJournalEvent, context: PostingContext, source: PostingSource): JournalEntry[] {
  switch (event.type) {
    case 'CostRecorded':
      return compact([costEntry(event.data, 1, context, source, event.data.incurredOn, event.data.label)]);
    case 'CostReversed': {
      const original = context.cost(event.data.costId);
      const cost: CostFacts = original ?? { ...event.data, incurredOn: event.data.reversedOn, label: 'Charge', reference: null };
      return compact([costEntry({ ...cost, amountCents: event.data.amountCents, deductibleVatCents: event.data.deductibleVatCents ?? 0 }, -1, context, source, event.data.reversedOn,
        `Contre-passation : ${cost.label} — ${event.data.reason}`)]);
    }
    case 'PaymentRecorded':
      return compact([paymentEntry(event.data, 1, context, source, event.data.paidOn, paymentLabel(event.data))]);
    case 'PaymentReversed': {
      const payment: PaymentFacts = context.payment(event.data.paymentId) ?? { ...event.data, paidOn: event.data.reversedOn, reference: null };
      return compact([paymentEntry({ ...payment, amountCents: event.data.amountCents }, -1, context, source, event.data.reversedOn,
        `Contre-passation : ${paymentLabel(payment)} — ${event.data.reason}`)]);
    }
    case 'PeriodClosed':
      return closingEntries(event.data.settlement, context, source);
    // A late usage reversal is posted by the close that gives its charge back, with the period's other direct charges.
    case 'PeriodOpened':
    case 'UsageReversed':
      return [];
    default: {
      const unexpected: never = event;
      throw new Error(`Unexpected event ${JSON.stringify(unexpected)}`);
    }
  }
}

function costEntry(cost: CostFacts, sign: 1 | -1, context: PostingContext, source: PostingSource, entryDate: string, label: string): JournalEntry | null {
  const pool = context.pool(cost.poolId);
  const expense: AccountRef = { number: pool.accountNumber, label: expenseAccountLabel(pool.accountNumber) };
  const vatCents = cost.deductibleVatCents ?? 0;
  return balancedEntry(header('AC', entryDate, cost.reference ?? `CH-${cost.costId.slice(0, 8)}`, cost.incurredOn, `${pool.name} — ${label}`, source), [
    { account: expense, amountCents: sign * cost.amountCents },
    { account: ACCOUNTS.vatDeductible, amountCents: sign * vatCents },
    { account: ACCOUNTS.suppliers, amountCents: -sign * (cost.amountCents + vatCents) },
  ]);
}

/** From a member: D 512 bank / C 411 member. To a member: the reverse. A reversal mirrors it. */
function paymentEntry(payment: PaymentFacts, sign: 1 | -1, context: PostingContext, source: PostingSource, entryDate: string, label: string): JournalEntry | null {
  const intoBankCents = sign * (payment.direction === 'FROM_MEMBER' ? payment.amountCents : -payment.amountCents);
  return balancedEntry(header('BQ', entryDate, payment.reference ?? `PA-${payment.paymentId.slice(0, 8)}`, payment.paidOn, label, source), [
    { account: ACCOUNTS.bank, amountCents: intoBankCents },
    { account: context.memberAccount(payment.memberId), amountCents: -intoBankCents },
  ]);
}

function paymentLabel(payment: PaymentFacts): string {
  return payment.direction === 'FROM_MEMBER' ? 'Règlement reçu du membre' : 'Versement au membre';
}

/** One entry per pool shared out, one per resource with direct charges, dated the period's last day. */
function closingEntries(settlement: PeriodSettlement, context: PostingContext, source: PostingSource): JournalEntry[] {
  const { from, to } = settlement.period;
  const lastDay = addDays(to, -1);
  const pieceRef = `CLO-${from}`;
  const vat = collectedVat(settlement);
  const entries: Array<JournalEntry | null> = settlement.pools.map((pool) => {
    if (pool.allocation === null) return null;
    const { name, accountNumber } = context.pool(pool.poolId);
    const poolVat = vat.get(`POOL:${pool.poolId}`);
    const lines: SignedLine[] = pool.allocation.members.map((member) => ({
      account: context.memberAccount(member.memberId), amountCents: member.shareCents + (poolVat?.get(member.memberId) ?? 0),
    }));
    lines.push({ account: reinvoicingAccountFor(accountNumber), amountCents: -pool.netCostsCents });
    lines.push({ account: ACCOUNTS.vatCollected, amountCents: -sumOf(poolVat) });
    return balancedEntry(header('VT', lastDay, pieceRef, lastDay, `Répartition « ${name} » du ${from} au ${to} (exclu)`, source), lines);
  });
  for (const [resourceId, lines] of directChargeLines(settlement, context)) {
    const resource = context.resource(resourceId);
    const label = `Refacturation « ${resource.name} » du ${from} au ${to} (exclu)`;
    entries.push(balancedEntry(header('VT', lastDay, pieceRef, lastDay, label, source), lines));
  }
  return compact(entries);
}

/**
 * The VAT each member is charged, by invoice line source (`POOL:<id>`, `RESOURCE:<id>`): what a
 * pool's entry debits the members on top of their shares, and credits to 44571.
 */
function collectedVat(settlement: PeriodSettlement): Map<string, Map<string, number>> {
  const bySource = new Map<string, Map<string, number>>();
  for (const line of settlement.lines) {
    for (const vatLine of line.vatLines ?? []) {
      const key = vatLine.source.kind === 'POOL' ? `POOL:${vatLine.source.poolId}` : `RESOURCE:${vatLine.source.resourceId}`;
      const byMember = bySource.get(key) ?? new Map<string, number>();
      byMember.set(line.memberId, (byMember.get(line.memberId) ?? 0) + vatLine.vatCents);
      bySource.set(key, byMember);
    }
  }
  return bySource;
}

function sumOf(byMember: Map<string, number> | undefined): number {
  let total = 0;
  for (const cents of byMember?.values() ?? []) total += cents;
  return total;
}

/**
 * By resource: the users' charges with their VAT (debits), 44571 for that VAT, the owners' credits
 * with the VAT a subject owner charges the pôle on them (see credit-vat.ts), and the pôle's income
 * for the rest. The pôle deducts that VAT (44566, debited) where the close froze that it deducts;
 * a pôle that does not (a 261 B grouping) bears it as a cost: it then stays in the income account,
 * which the owner's VAT reduces, as the rest of the resource's net does.
 */
function directChargeLines(settlement: PeriodSettlement, context: PostingContext): Map<string, SignedLine[]> {
  const byResource = new Map<string, SignedLine[]>();
  const netByResource = new Map<string, number>();
  const deductsCreditVat = settlement.totals.creditVatDeductible === true;
  const add = (resourceId: string, line: SignedLine) => {
    const lines = byResource.get(resourceId) ?? [];
    lines.push(line);
    byResource.set(resourceId, lines);
    netByResource.set(resourceId, (netByResource.get(resourceId) ?? 0) + line.amountCents);
  };
  for (const line of settlement.lines) {
    for (const charge of line.directCharges) add(charge.resourceId, { account: context.memberAccount(line.memberId), amountCents: charge.amountCents });
    for (const vatLine of line.vatLines ?? []) {
      if (vatLine.source.kind === 'RESOURCE' && vatLine.vatCents !== 0) {
        add(vatLine.source.resourceId, { account: context.memberAccount(line.memberId), amountCents: vatLine.vatCents });
        add(vatLine.source.resourceId, { account: ACCOUNTS.vatCollected, amountCents: -vatLine.vatCents });
      }
    }
    for (const credit of line.credits) add(credit.resourceId, { account: context.memberAccount(line.memberId), amountCents: -credit.amountCents });
    for (const vatLine of line.creditVatLines ?? []) {
      if (vatLine.source.kind !== 'RESOURCE' || vatLine.vatCents === 0) continue;
      add(vatLine.source.resourceId, { account: context.memberAccount(line.memberId), amountCents: -vatLine.vatCents });
      if (deductsCreditVat) add(vatLine.source.resourceId, { account: ACCOUNTS.vatDeductible, amountCents: vatLine.vatCents });
    }
  }
  for (const [resourceId, netCents] of netByResource) {
    if (netCents !== 0) byResource.get(resourceId)!.push({ account: directChargeIncomeAccount(context.resource(resourceId).kind), amountCents: -netCents });
  }
  return byResource;
}

function header(journal: JournalEntry['journal'], entryDate: string, pieceRef: string, pieceDate: string, label: string, source: PostingSource): EntryHeader {
  return { journal, entryDate, pieceRef, pieceDate, label, validatedOn: source.validatedOn, sourcePosition: source.position };
}

function compact(entries: ReadonlyArray<JournalEntry | null>): JournalEntry[] {
  return entries.filter((entry): entry is JournalEntry => entry !== null);
}
