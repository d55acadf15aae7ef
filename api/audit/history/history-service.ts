import { type EventStore, type RecordedEvent } from '../../../eventstore/event-store.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { findPeriod } from '../../../projections/finance/finance-reads.js';
import { findInvoices, listInvoices } from '../../../projections/invoices/invoices-projection.js';
import { logCounters } from '../../../projections/log-index/log-index-projection.js';
import { type ReadModelsView } from '../../../projections/tables/read-models-view.js';
import { listResources } from '../../../projections/resources/resources-projection.js';
import { type Actor } from '../../auth/actor.js';
import { type IdentityStore } from '../../identity/identity-store.js';
import { type ActorView, actorView } from './actor-label.js';
import { describeEvent } from './describe-event.js';
import { catalogueEntry, type EventSubjects, type EventTypeEntry, subjectsOf } from './event-catalogue.js';
import { asMemberSees, documentIdsNumberedBy, type FilterContext, type HistoryFilter, historyMatcher, visibleToMember } from './history-filter.js';
import { type HistoryOrder, scanHistory } from './history-reader.js';
import { nameLookupsOf, type NameBook, prefetchedNameBook } from './name-book.js';

/** One event of the history, as the partner room shows it: the sentence, who, when, why, and the raw event. */
export interface HistoryEntry {
  event: RecordedEvent;
  description: string;
  actor: ActorView;
  catalogue: EventTypeEntry;
  subjects: EventSubjects;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  endCursor: string | null;
  hasMore: boolean;
  scannedEventCount: number;
}

export interface HistoryRequest {
  filter: HistoryFilter;
  order: HistoryOrder;
  first: number;
  /** An `endCursor` of the previous page, in the same order. */
  after?: string;
}

interface HistorySources {
  store: EventStore;
  readModels: ReadModelsView;
  identity: IdentityStore;
}

/**
 * One page of the cooperation history for the actor. Coordinators, treasurers and auditors read
 * it all; a MEMBER user reads its own structure's history and the shared resources' (see
 * `visibleToMember`), and asking for another structure's is FORBIDDEN rather than silently empty.
 */
export async function readHistory(sources: HistorySources, actor: Actor, request: HistoryRequest): Promise<HistoryPage> {
  const { filter } = request;
  if (actor.role === 'MEMBER' && filter.memberId !== undefined && filter.memberId !== actor.memberId) {
    throw new DomainError('FORBIDDEN', 'Une structure membre consulte l’historique de sa propre structure et des ressources partagées, pas celui d’une autre structure.');
  }
  await sources.readModels.waitForPosition(await sources.store.headPosition());
  const { db } = sources.readModels;
  const matchesFilter = historyMatcher(filter, await filterContext(sources.readModels, filter));
  const ownDocumentIds = actor.role === 'MEMBER' ? await documentIdsOf(sources.readModels, actor.memberId ?? '') : undefined;
  const visible = ownDocumentIds === undefined ? () => true : visibleToMember(actor.memberId ?? '', ownDocumentIds);
  const scan = await scanHistory(sources.store, db, (await logCounters(db)).lastPosition, {
    order: request.order,
    first: request.first,
    ...(request.after === undefined ? {} : { cursor: Number(request.after) }),
    ...(filter.fromMs === undefined ? {} : { fromMs: filter.fromMs }),
    ...(filter.toMs === undefined ? {} : { toMs: filter.toMs }),
    matches: (event) => matchesFilter(event) && visible(event),
  });
  const events = ownDocumentIds === undefined ? scan.events : scan.events.map((event) => asMemberSees(event, ownDocumentIds));
  return {
    entries: await entriesOf(sources, events),
    endCursor: scan.endCursor === null ? null : String(scan.endCursor),
    hasMore: scan.hasMore,
    scannedEventCount: scan.scannedEventCount,
  };
}

async function filterContext(readModels: ReadModelsView, filter: HistoryFilter): Promise<FilterContext> {
  const context: FilterContext = {};
  if (filter.periodId !== undefined) {
    const period = await findPeriod(readModels.db, filter.periodId);
    if (!period) throw new DomainError('NOT_FOUND', 'Période introuvable.');
    context.period = { periodId: period.periodId, from: period.from, to: period.to };
  }
  if (filter.memberId !== undefined) context.memberDocumentIds = await documentIdsOf(readModels, filter.memberId);
  if (filter.siteId !== undefined) {
    const resources = await listResources(readModels.db);
    context.siteResourceIds = new Set(resources.filter((resource) => resource.siteId === filter.siteId).map((resource) => resource.resourceId));
  }
  return context;
}

/** The ids of a structure's numbered invoices, credit notes and self-billed invoices. */
async function documentIdsOf(readModels: ReadModelsView, memberId: string): Promise<Set<string>> {
  return new Set((await listInvoices(readModels.db, { memberId })).map((invoice) => invoice.invoiceId));
}

async function entriesOf(sources: HistorySources, events: readonly RecordedEvent[]): Promise<HistoryEntry[]> {
  if (events.length === 0) return [];
  // The accounts list leaves erased people out. An id it does not hold is an erased person's, or,
  // in a ledger imported from an audit bundle (which carries no accounts), a person this Mutua
  // never knew: either way nobody here can be named, and « personne effacée » says so.
  const known = new Set((await sources.identity.listUsers()).map((user) => user.userId));
  const describeAll = (names: NameBook) => {
    const lookups = { memberName: (memberId: string) => names.member(memberId), isErased: (userId: string) => !known.has(userId) };
    return events.map((event) => ({ description: describeEvent(event, names), actor: actorView(event.metadata, lookups) }));
  };
  const names = await prefetchedNameBook(nameLookupsOf(sources.readModels.db), describeAll);
  const owners = await documentOwnersOf(sources.readModels, events);
  return describeAll(names).map(({ description, actor }, index) => {
    const event = events[index]!;
    return { event, description, actor, catalogue: catalogueEntry(event.type), subjects: withDocumentOwners(subjectsOf(event), event, owners) };
  });
}

/** Who each document an invoice numbering on the page numbers belongs to: its data names documents, not structures. */
async function documentOwnersOf(readModels: ReadModelsView, events: readonly RecordedEvent[]): Promise<Map<string, string>> {
  const invoiceIds = events.flatMap(documentIdsNumberedBy);
  if (invoiceIds.length === 0) return new Map();
  return new Map([...(await findInvoices(readModels.db, invoiceIds))].map(([invoiceId, invoice]) => [invoiceId, invoice.memberId]));
}

function withDocumentOwners(subjects: EventSubjects, event: RecordedEvent, owners: ReadonlyMap<string, string>): EventSubjects {
  const memberIds = documentIdsNumberedBy(event).flatMap((invoiceId) => owners.get(invoiceId) ?? []);
  return memberIds.length === 0 ? subjects : { ...subjects, memberIds: [...new Set([...subjects.memberIds, ...memberIds])] };
}
