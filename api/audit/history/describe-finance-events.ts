import { type CostPoolEvent } from '../../../domain/finance/cost-pool.js';
import { type LateUsageReversed, type PeriodJournalEvent } from '../../../domain/finance/period-journal.js';
import { type PeriodsIndexEvent } from '../../../domain/finance/periods-index.js';
import { type VatSettingsEvent } from '../../../domain/finance/vat-settings.js';
import { type InvoicesNumbered } from '../../../domain/invoicing/invoice-numbering.js';
import { type PoleInvoicingProfileEvent } from '../../../domain/invoicing/pole-invoicing-profile.js';
import { vatMention } from '../../../shared/vat.js';
import { assertNever } from '../../../domain/shared/errors.js';
import { formatEuros } from '../../../shared/money.js';
import { type AllocationKey, type SimpleAllocationKey, frenchPercent } from '../../../domain/settlement/allocation-keys.js';
import { formatFrench } from '../../../shared/icu-messages.js';
import { frenchDate } from '../french-text.js';
import { type NameBook } from './name-book.js';

/**
 * Cost pools, keys, periods, costs, payments, reversals, closes, the pôle's invoicing identity and
 * invoice numbers, each as one French sentence. A late usage reversal, though in a period's
 * journal, is a usage event (describeUsageEvent).
 */
export type FinanceEvent = CostPoolEvent | PeriodsIndexEvent | Exclude<PeriodJournalEvent, LateUsageReversed> | VatSettingsEvent | PoleInvoicingProfileEvent | InvoicesNumbered;

const POLE_VAT_STATUS_LABELS = {
  NOT_SUBJECT: 'non assujetti à la TVA',
  SUBJECT: 'assujetti à la TVA',
  COST_SHARING_GROUPING: 'groupement de moyens exonéré (article 261 B du CGI)',
} as const;

const SIMPLE_KEY_LABELS: Record<SimpleAllocationKey['kind'], string> = {
  EQUAL: 'parts égales (jours d’adhésion)',
  FIXED_SHARES: 'parts fixes',
  AREA: 'surface occupée',
  HEADCOUNT: 'effectif',
  USAGE: 'usage des ressources liées',
};

export function allocationKeyLabel(key: AllocationKey): string {
  if (key.kind !== 'COMPOSITE') return SIMPLE_KEY_LABELS[key.kind];
  return `composée : ${key.parts.map((part) => `${frenchPercent(part.percent)} ${SIMPLE_KEY_LABELS[part.key.kind]}`).join(' + ')}`;
}

const periodText = (from: string, to: string) => `du ${frenchDate(from)} au ${frenchDate(to)} (exclu)`;
const reference = (value: string | null) => (value ? ` (réf. ${value})` : '');

export function describeFinanceEvent(event: FinanceEvent, names: NameBook): string {
  switch (event.type) {
    case 'CostPoolDefined':
      return `Nouveau pot de coûts « ${event.data.name} » (compte ${event.data.accountNumber}), clé de répartition : ${allocationKeyLabel(event.data.key)}`;
    case 'PoleVatStatusSet':
      return `Régime de TVA du pôle à partir du ${frenchDate(event.data.fromPeriodStart)} : ${POLE_VAT_STATUS_LABELS[event.data.status]}`;
    case 'VatTreatmentSet': {
      const { target, treatment, fromPeriodStart } = event.data;
      const what = target.kind === 'POOL' ? `du pot « ${names.pool(target.poolId)} »` : `de la ressource « ${names.resource(target.resourceId)} »`;
      return `Refacturation ${what} à partir du ${frenchDate(fromPeriodStart)} : ${vatMention(treatment) ?? 'sans TVA'}`;
    }
    case 'PoleInvoicingProfileSet':
      return formatFrench('Identité de facturation du pôle : {name}, SIRET {siret}, échéance {days, plural, =0 {à réception} one {à # jour} other {à # jours}}', {
        name: event.data.name, siret: event.data.siret, days: event.data.paymentTermDays,
      });
    case 'AllocationKeyChanged':
      return `Clé de répartition du pot « ${names.pool(event.data.poolId)} » à partir du ${frenchDate(event.data.fromPeriodStart)} : ${allocationKeyLabel(event.data.key)}`;
    case 'PeriodRegistered':
      return `Période de règlement ${periodText(event.data.from, event.data.to)} enregistrée`;
    case 'PeriodOpened':
      return `Ouverture de la période ${periodText(event.data.from, event.data.to)}`;
    case 'CostRecorded': {
      const { amountCents, poolId, incurredOn, label } = event.data;
      return `Coût de ${formatEuros(amountCents)} au pot « ${names.pool(poolId)} » le ${frenchDate(incurredOn)} : ${label}${reference(event.data.reference)}`;
    }
    case 'CostReversed':
      return `Contre-passation du coût de ${formatEuros(event.data.amountCents)} du pot « ${names.pool(event.data.poolId)} » le ${frenchDate(event.data.reversedOn)} : ${event.data.reason}`;
    case 'PaymentRecorded': {
      const { amountCents, memberId, paidOn, direction } = event.data;
      return direction === 'FROM_MEMBER'
        ? `Versement de ${formatEuros(amountCents)} de ${names.member(memberId)} au pôle le ${frenchDate(paidOn)}${reference(event.data.reference)}`
        : `Versement de ${formatEuros(amountCents)} du pôle à ${names.member(memberId)} le ${frenchDate(paidOn)}${reference(event.data.reference)}`;
    }
    case 'PaymentReversed': {
      const way = event.data.direction === 'FROM_MEMBER' ? 'au pôle' : 'du pôle';
      return `Contre-passation du versement de ${formatEuros(event.data.amountCents)} ${way} (${names.member(event.data.memberId)}) le ${frenchDate(event.data.reversedOn)} : ${event.data.reason}`;
    }
    case 'PeriodClosed': {
      const { from, to, digest, settlement, invoices } = event.data;
      return formatFrench(
        'Clôture de la période {period} : règlement de {members, plural, one {# structure} other {# structures}} figé, ' +
          '{documents, plural, =0 {} one {# document émis, } other {# documents émis, }}' +
          'empreinte {digest}… sur {events, plural, one {# événement} other {# événements}}',
        { period: periodText(from, to), members: settlement.lines.length, documents: invoices?.length ?? 0, digest: digest.value.slice(0, 12), events: digest.eventCount },
      );
    }
    case 'InvoicesNumbered': {
      const period = names.period(event.data.periodId);
      return formatFrench('{documents, plural, one {# document numéroté} other {# documents numérotés}}{period} : {numbers}', {
        documents: event.data.numbers.length,
        period: period ? ` pour la période ${periodText(period.from, period.to)}` : '',
        numbers: numberRanges(event.data.numbers.map(({ number }) => number)),
      });
    }
    default:
      return assertNever(event);
  }
}

/**
 * `FA-2026-000001 à FA-2026-000003, AV-2026-000001`: the numbers in the order given, each run of
 * consecutive numbers of one series and year as its first and last.
 */
export function numberRanges(numbers: readonly string[]): string {
  const runs: Array<{ first: string; last: string }> = [];
  for (const number of numbers) {
    const run = runs.at(-1);
    if (run && follows(number, run.last)) run.last = number;
    else runs.push({ first: number, last: number });
  }
  return runs.map(({ first, last }) => (first === last ? first : `${first} à ${last}`)).join(', ');
}

/** Whether `number` is the one right after `previous` in the same series and year. */
function follows(number: string, previous: string): boolean {
  const cut = (value: string) => {
    const at = value.lastIndexOf('-');
    return { prefix: value.slice(0, at), sequence: Number(value.slice(at + 1)) };
  };
  const [next, last] = [cut(number), cut(previous)];
  return next.prefix === last.prefix && next.sequence === last.sequence + 1;
}
