import { type InvoicesNumbered } from '../../../domain/invoicing/invoice-numbering.js';
import { type RecordedEvent } from '../../../eventstore/event-store.js';
import { isIdentityStream } from '../../identity/identity-store.js';
import { catalogueEntry, type HistoryArea, subjectsOf } from './event-catalogue.js';

/** What the history is asked for; every criterion given must hold. */
export interface HistoryFilter {
  /** Events about the structure (its reservations, payments, declarations…) or acted by its users. */
  memberId?: string;
  resourceId?: string;
  poolId?: string;
  /** The period's journal, and every event dated (business date) inside the period. */
  periodId?: string;
  /** The site, and its resources' events. */
  siteId?: string;
  types?: readonly string[];
  actorUserId?: string;
  actorRole?: string;
  correlationId?: string;
  /** Recorded (store time) at or after this instant. */
  fromMs?: number;
  /** Recorded before this instant. */
  toMs?: number;
}

/** What the filter needs to know beyond the event: a period's dates, a site's resources. */
export interface FilterContext {
  period?: { periodId: string; from: string; to: string };
  siteResourceIds?: ReadonlySet<string>;
  /** The invoice ids of the structure `memberId` names: a numbering of one of them is about the structure. */
  memberDocumentIds?: ReadonlySet<string>;
}

/**
 * What a MEMBER user may read of the history: everything about its own structure (its finances
 * included) and the life of the shared resources — their registration and settings, the sites,
 * the calendars (other structures' reservations included, as the shared calendar shows them)
 * and usage entries (as the usage list shows them). Never another structure's membership,
 * declarations or finances, nor the pôle's cost pools, periods and settlements. An invoice
 * numbering numbers every structure's documents of a close: a member sees those that number one
 * of its own documents (`ownDocumentIds`), and only its own numbers in them (`asMemberSees`).
 */
const AREAS_EVERY_MEMBER_SEES: ReadonlySet<HistoryArea> = new Set(['SITES', 'RESOURCES', 'CALENDARS', 'USAGE']);

export function visibleToMember(memberId: string, ownDocumentIds: ReadonlySet<string>): (event: RecordedEvent) => boolean {
  return (event) => {
    if (event.type === 'InvoicesNumbered') return numbersDocumentOf(event, ownDocumentIds);
    return AREAS_EVERY_MEMBER_SEES.has(catalogueEntry(event.type).area) ||
      event.metadata.actorMemberId === memberId ||
      subjectsOf(event).memberIds.includes(memberId);
  };
}

/**
 * The event as a member reads it: a numbering keeps only the numbers of the member's own
 * documents, since the others name other structures' invoices. Its hash stays the whole event's.
 */
export function asMemberSees(event: RecordedEvent, ownDocumentIds: ReadonlySet<string>): RecordedEvent {
  if (event.type !== 'InvoicesNumbered') return event;
  const data = event.data as NumberingData;
  return { ...event, data: { ...data, numbers: numberEntries(event).filter(({ invoiceId }) => ownDocumentIds.has(invoiceId)) } };
}

type NumberingData = InvoicesNumbered['data'];

/** The documents an invoice numbering numbers; none for any other event, or one whose data does not read. */
export function documentIdsNumberedBy(event: Pick<RecordedEvent, 'type' | 'data'>): string[] {
  return event.type === 'InvoicesNumbered' ? numberEntries(event).map(({ invoiceId }) => invoiceId) : [];
}

function numberEntries(event: Pick<RecordedEvent, 'data'>): NumberingData['numbers'] {
  const numbers = (event.data as Partial<NumberingData> | null)?.numbers;
  return Array.isArray(numbers) ? numbers.filter((entry) => typeof entry?.invoiceId === 'string') : [];
}

function numbersDocumentOf(event: RecordedEvent, documentIds: ReadonlySet<string> | undefined): boolean {
  return documentIds !== undefined && documentIdsNumberedBy(event).some((invoiceId) => documentIds.has(invoiceId));
}

/** Identity streams never appear: they hold people's accounts, outside the ledger. */
export function historyMatcher(filter: HistoryFilter, context: FilterContext): (event: RecordedEvent) => boolean {
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : undefined;
  return (event) => {
    if (isIdentityStream(event.streamId)) return false;
    if (types && !types.has(event.type)) return false;
    const { metadata } = event;
    if (filter.actorUserId !== undefined && metadata.actorUserId !== filter.actorUserId) return false;
    if (filter.actorRole !== undefined && metadata.actorRole !== filter.actorRole) return false;
    if (filter.correlationId !== undefined && metadata.correlationId !== filter.correlationId) return false;
    const recordedMs = Date.parse(event.recordedAt);
    if (filter.fromMs !== undefined && recordedMs < filter.fromMs) return false;
    if (filter.toMs !== undefined && recordedMs >= filter.toMs) return false;
    return matchesSubjects(event, filter, context);
  };
}

function matchesSubjects(event: RecordedEvent, filter: HistoryFilter, context: FilterContext): boolean {
  const needsSubjects = filter.memberId ?? filter.resourceId ?? filter.poolId ?? filter.periodId ?? filter.siteId;
  if (needsSubjects === undefined) return true;
  const subjects = subjectsOf(event);
  if (filter.memberId !== undefined && !subjects.memberIds.includes(filter.memberId) && event.metadata.actorMemberId !== filter.memberId &&
    !numbersDocumentOf(event, context.memberDocumentIds)) return false;
  if (filter.resourceId !== undefined && !subjects.resourceIds.includes(filter.resourceId)) return false;
  if (filter.poolId !== undefined && !subjects.poolIds.includes(filter.poolId)) return false;
  if (filter.siteId !== undefined && !subjects.siteIds.includes(filter.siteId) &&
    !subjects.resourceIds.some((resourceId) => context.siteResourceIds?.has(resourceId))) return false;
  if (context.period !== undefined) {
    const { periodId, from, to } = context.period;
    const businessDate = event.metadata.businessDate;
    const datedInside = businessDate !== undefined && from <= businessDate && businessDate < to;
    if (!subjects.periodIds.includes(periodId) && !datedInside) return false;
  }
  return true;
}
