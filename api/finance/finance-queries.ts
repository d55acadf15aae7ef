import { type ShareExplanation } from '../../domain/settlement/allocate-pool.js';
import { type PeriodSettlement, type SettlementLine } from '../../domain/settlement/settle-period.js';
import { assert, DomainError } from '../../domain/shared/errors.js';
import { type AllocationKeyKind } from '../../domain/settlement/allocation-keys.js';
import { type InvoiceToSend, invoiceToSendOf, selfBilledAmong } from '../../domain/invoicing/credits-left-to-invoice.js';
import { type CorrectionWithoutCreditNote } from '../../domain/invoicing/corrections-without-credit-note.js';
import { type LedgerEntry, type PeriodView } from '../../projections/finance/finance-projection.js';
import { type FecEntries, type FecKey, booksExtent, entriesInFecOrder, findPeriod, journalEntries, listPeriods, memberBalances, paymentsOfMember } from '../../projections/finance/finance-reads.js';
import { type InvoiceView, issueDateOfPeriod, listInvoices } from '../../projections/invoices/invoices-projection.js';
import { findMemberInvoicing, mandatesInForceOn } from '../../projections/members/invoicing-parties-reads.js';
import { findMember, findMembers, type MemberView } from '../../projections/members/members-projection.js';
import { type ReadModelsView } from '../../projections/tables/read-models-view.js';
import { findResources, type ResourceView } from '../../projections/resources/resources-projection.js';
import { type Actor, memberWhoseFiguresAreRead } from '../auth/actor.js';
import { type ChargeRow, chargesWithCorrectionsApart } from './charges-apart.js';
import { type FinanceCommands } from '../commands/finance-commands.js';
import { compareFrench } from '../../shared/french-order.js';
import { addDays } from '../../shared/paris-time.js';

export interface PoolShareView {
  poolId: string;
  poolName: string;
  keyKind: AllocationKeyKind;
  shareCents: number;
  /** "Why do I pay this": one explanation per key, or per part of a composite key. */
  explanations: ShareExplanation[];
}

export interface ResourceChargeView extends ChargeRow<PeriodView> {
  resourceName: string;
}

/** A settlement line with the names and explanations a reader needs. */
export interface SettlementLineView extends Omit<SettlementLine, 'poolShares' | 'directCharges' | 'credits'> {
  poolShares: PoolShareView[];
  directCharges: ResourceChargeView[];
  credits: ResourceChargeView[];
}

export interface SettlementView {
  period: PeriodView;
  status: 'PREVIEW' | 'FROZEN';
  settlement: PeriodSettlement;
  /** Every line for the treasurer, coordinator and auditor; its own only for a member. */
  lines: SettlementLineView[];
  /**
   * Why closing would be refused now, in French; null when the period can close, or is closed, and
   * for a member: the refusal may be about another structure's invoicing identity.
   */
  closeRefusal: string | null;
  /** What the close left (or, open, would leave) on the statements without a credit note; a member's own only. */
  correctionsWithoutCreditNote: CorrectionWithoutCreditNote[];
}

export interface StatementPayment {
  date: string;
  direction: 'FROM_MEMBER' | 'TO_MEMBER';
  /** Negative for the reversal of a payment. */
  amountCents: number;
  reference: string | null;
  label: string;
}

export interface Statement {
  member: MemberView;
  period: PeriodView;
  /** Some period up to this one is still open: figures may change until it closes. */
  provisional: boolean;
  openingBalanceCents: number;
  line: SettlementLineView;
  payments: StatementPayment[];
  closingBalanceCents: number;
  /** The invoices, credit notes and self-billed invoices the period's close issued to the member. */
  invoices: InvoiceView[];
  /** What the member invoices the pôle for its resources once the period is closed, and why; null before, or with nothing left. */
  invoiceToSend: InvoiceToSend | null;
  /** The late reversals' corrections of the member's that the period's close left (or, open, would leave) on this statement without a credit note. */
  correctionsWithoutCreditNote: CorrectionWithoutCreditNote[];
}

/** The read side of the treasury: settlements, statements, balances and the books. */
export class FinanceQueries {
  constructor(private readonly readModels: ReadModelsView, private readonly commands: FinanceCommands) {}

  async settlement(actor: Actor, periodId: string): Promise<SettlementView> {
    const { period, settlement } = await this.commands.settlementOf(periodId);
    const lines = settlement.lines.filter((line) => actor.role !== 'MEMBER' || line.memberId === actor.memberId);
    const resources = await this.chargedResources(lines);
    const periods = new Map((await listPeriods(this.db())).map((known) => [known.periodId, known]));
    return {
      period,
      status: period.status === 'CLOSED' ? 'FROZEN' : 'PREVIEW',
      settlement,
      lines: lines.map((line) => this.lineView(settlement, line, resources, periods)),
      closeRefusal: actor.role === 'MEMBER' ? null : (await this.commands.closeRefusalOf(period, settlement))?.message ?? null,
      correctionsWithoutCreditNote: (await this.commands.correctionsWithoutCreditNoteOf(period, settlement))
        .filter((correction) => actor.role !== 'MEMBER' || correction.memberId === actor.memberId),
    };
  }

  async statement(actor: Actor, memberId: string, periodId: string): Promise<Statement> {
    memberWhoseFiguresAreRead(actor, memberId, 'les comptes');
    const member = await findMember(this.readModels.db, memberId);
    if (!member) throw new DomainError('NOT_FOUND', 'Structure membre introuvable.');
    const { period, settlement } = await this.commands.settlementOf(periodId);
    const periods = await listPeriods(this.db());
    const earlier = periods.filter((candidate) => candidate.to <= period.from);
    let openingBalanceCents = 0;
    for (const previous of earlier) {
      const previousSettlement = previous.settlement ?? (await this.commands.settlementOf(previous.periodId)).settlement;
      openingBalanceCents += previousSettlement.lines.find((line) => line.memberId === memberId)?.balanceCents ?? 0;
    }
    const line = settlement.lines.find((candidate) => candidate.memberId === memberId) ?? emptyLine(memberId);
    const invoices = await listInvoices(this.db(), { periodId, memberId });
    return {
      member,
      period,
      provisional: period.status === 'OPEN' || earlier.some((previous) => previous.status === 'OPEN'),
      openingBalanceCents,
      line: this.lineView(settlement, line, await this.chargedResources([line]), new Map(periods.map((known) => [known.periodId, known]))),
      payments: await this.statementPayments(memberId, periodId),
      closingBalanceCents: openingBalanceCents + line.balanceCents,
      invoices,
      invoiceToSend: period.status === 'CLOSED' ? await this.invoiceToSend(memberId, period, line, invoices) : null,
      correctionsWithoutCreditNote: (await this.commands.correctionsWithoutCreditNoteOf(period, settlement)).filter((correction) => correction.memberId === memberId),
    };
  }

  /**
   * The credits a closed period left the member to invoice, and whether a mandate served at the
   * close: in force the day its documents were issued. A close that issued none (the pôle's
   * invoicing identity not set) self-billed no one, mandate or not.
   */
  private async invoiceToSend(memberId: string, period: PeriodView, line: SettlementLine, invoices: readonly InvoiceView[]): Promise<InvoiceToSend | null> {
    const issuedOn = invoices[0]?.issuedOn ?? (await issueDateOfPeriod(this.db(), period.periodId));
    const inForceOnCloseDate = issuedOn !== null && (await mandatesInForceOn(this.db(), issuedOn)).has(memberId);
    const heldNow = (await findMemberInvoicing(this.db(), [memberId])).get(memberId)?.selfBillingMandate != null;
    return invoiceToSendOf(line, selfBilledAmong(invoices), { inForceOnCloseDate, heldNow });
  }

  /** Every member's balance as of now (the past is time travel's); a member user gets its own only. */
  async balances(actor: Actor): Promise<Array<{ member: MemberView; balanceCents: number }>> {
    await this.commands.catchUp();
    const balances = [...(await memberBalances(this.db()))].filter(([memberId]) => actor.role !== 'MEMBER' || memberId === actor.memberId);
    const members = await findMembers(this.readModels.db, balances.map(([memberId]) => memberId));
    return balances
      .flatMap(([memberId, balanceCents]) => {
        const member = members.get(memberId);
        return member ? [{ member, balanceCents }] : [];
      })
      .sort((a, b) => compareFrench(a.member.name, b.member.name));
  }

  /** The books' entries dated in the period, or all of them. */
  async entries(periodId: string | null): Promise<{ entries: LedgerEntry[]; period: PeriodView | null }> {
    await this.commands.catchUp();
    if (periodId === null) return { entries: await journalEntries(this.db()), period: null };
    const period = await this.knownPeriod(periodId);
    return { entries: await journalEntries(this.db(), period), period };
  }

  /**
   * The books a FEC lists, the period's entries or all of them, as they stand now; and the closing
   * date its file is named after: the period's last day, or the latest entry's date (none without
   * an entry).
   */
  async fecBooks(periodId: string | null): Promise<{ books: FecEntries; closingDate: string | null }> {
    await this.commands.catchUp();
    const { upToPosition, lastEntryDate } = await booksExtent(this.db());
    if (periodId === null) return { books: { dated: null, upToPosition }, closingDate: lastEntryDate };
    const period = await this.knownPeriod(periodId);
    return { books: { dated: { from: period.from, to: period.to }, upToPosition }, closingDate: addDays(period.to, -1) };
  }

  /**
   * A page of the books' entries, those dated in the period or all of them, in the FEC's order
   * (validation date, journal, then as recorded): `first` entries after `after`, and whether more
   * follow. Each page reads the books as they are then.
   */
  async journalPage(periodId: string | null, first: number, after: FecKey | null): Promise<{ entries: LedgerEntry[]; endKey: FecKey | null; hasMore: boolean }> {
    assert(Number.isSafeInteger(first) && first > 0, `a journal page holds at least one entry, not ${first}`);
    await this.commands.catchUp();
    const period = periodId === null ? null : await this.knownPeriod(periodId);
    const dated = period && { from: period.from, to: period.to };
    const read = await entriesInFecOrder(this.db(), { dated, upToPosition: Number.MAX_SAFE_INTEGER }, after, first + 1);
    const page = read.slice(0, first);
    return { entries: page.map(({ entry }) => entry), endKey: page.at(-1)?.key ?? after, hasMore: read.length > first };
  }

  /** The period of that id, or NOT_FOUND. */
  private async knownPeriod(periodId: string): Promise<PeriodView> {
    const period = await findPeriod(this.db(), periodId);
    if (!period) throw new DomainError('NOT_FOUND', 'Période introuvable.');
    return period;
  }

  /** The resources the lines charge or credit, read in one query to name them. */
  private chargedResources(lines: readonly SettlementLine[]): Promise<Map<string, ResourceView>> {
    const charges = lines.flatMap((line) => [...line.directCharges, ...line.credits]);
    return findResources(this.readModels.db, charges.map((charge) => charge.resourceId));
  }

  /**
   * `resources`: those the line charges or credits (`chargedResources`), which name its charges;
   * `periods`: those its late usage reversals correct, which date the rows giving them back.
   */
  lineView(
    settlement: PeriodSettlement, line: SettlementLine, resources: ReadonlyMap<string, ResourceView>, periods: ReadonlyMap<string, PeriodView>,
  ): SettlementLineView {
    const named = (charge: ChargeRow<PeriodView>) => ({ ...charge, resourceName: resources.get(charge.resourceId)?.name ?? charge.resourceId });
    const periodOf = (periodId: string) => {
      const corrected = periods.get(periodId);
      assert(corrected !== undefined, `the corrected period ${periodId} is known`);
      return corrected;
    };
    const corrections = settlement.usageCorrections ?? [];
    const charged = corrections.filter((correction) => correction.memberId === line.memberId);
    const takenBack = corrections.filter((correction) => correction.ownerMemberId === line.memberId);
    const poolShares = settlement.pools.flatMap((pool): PoolShareView[] => {
      const allocation = pool.allocation?.members.find((member) => member.memberId === line.memberId);
      // A pool with no cost in the period, or one the member has no weight in, is not something it
      // pays: it is left out of its line (and of its statement).
      const concerned = allocation?.explanations.some((explanation) => explanation.memberWeight !== '0' || explanation.shareCents !== 0);
      if (pool.netCostsCents === 0 || !pool.allocation || !allocation || !concerned) return [];
      return [{ poolId: pool.poolId, poolName: pool.name, keyKind: pool.allocation.keyKind, shareCents: allocation.shareCents, explanations: allocation.explanations }];
    });
    return {
      ...line, poolShares,
      directCharges: chargesWithCorrectionsApart(line.directCharges, charged, periodOf, (correction) => correction.vatCents).map(named),
      credits: chargesWithCorrectionsApart(line.credits, takenBack, periodOf, (correction) => correction.ownerVatCents).map(named),
    };
  }

  private async statementPayments(memberId: string, periodId: string): Promise<StatementPayment[]> {
    const payments: StatementPayment[] = [];
    for (const payment of await paymentsOfMember(this.db(), memberId)) {
      const label = payment.direction === 'FROM_MEMBER' ? 'Versement au pôle' : 'Versement du pôle';
      if (payment.periodId === periodId) {
        payments.push({ date: payment.paidOn, direction: payment.direction, amountCents: payment.amountCents, reference: payment.reference, label });
      }
      if (payment.reversal?.periodId === periodId) {
        payments.push({
          date: payment.reversal.reversedOn, direction: payment.direction, amountCents: -payment.amountCents,
          reference: payment.reference, label: `Contre-passation (${payment.reversal.reason})`,
        });
      }
    }
    return payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  private db() {
    return this.readModels.db;
  }
}

function emptyLine(memberId: string): SettlementLine {
  return {
    memberId, poolSharesCents: 0, directChargesCents: 0, creditsCents: 0, paymentsMadeCents: 0, paymentsReceivedCents: 0, balanceCents: 0,
    poolShares: [], directCharges: [], credits: [],
  };
}
