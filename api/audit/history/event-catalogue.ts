import { type RecordedEvent } from '../../../eventstore/event-store.js';

/** The areas of the ledger an event belongs to: what the history's filters and a member's view are built on. */
export const HISTORY_AREAS = ['MEMBERS', 'SITES', 'RESOURCES', 'CALENDARS', 'USAGE', 'DECLARATIONS', 'FINANCE', 'OTHER'] as const;
export type HistoryArea = (typeof HISTORY_AREAS)[number];

export interface EventTypeEntry {
  type: string;
  /** What the event is, in a few French words, for the type filter. */
  label: string;
  area: HistoryArea;
  /** Bookkeeping of the ledger itself (a calendar month opened, a period claimed): a UI may hide it. */
  technical: boolean;
}

const entry = (type: string, label: string, area: HistoryArea, technical = false): EventTypeEntry => ({ type, label, area, technical });

/** Every event type of domain/, in the order a reader meets them. */
export const EVENT_CATALOGUE: readonly EventTypeEntry[] = [
  entry('MemberRegistered', 'Adhésion d’une structure', 'MEMBERS'),
  entry('MemberAmended', 'Fiche d’une structure corrigée', 'MEMBERS'),
  entry('MemberLeft', 'Départ d’une structure', 'MEMBERS'),
  entry('MemberInvoicingDetailsSet', 'Identité de facturation d’une structure', 'MEMBERS'),
  entry('SelfBillingMandateGranted', 'Mandat d’autofacturation donné', 'MEMBERS'),
  entry('SelfBillingMandateRevoked', 'Mandat d’autofacturation révoqué', 'MEMBERS'),
  entry('SiteRegistered', 'Nouveau site', 'SITES'),
  entry('ResourceRegistered', 'Nouvelle ressource', 'RESOURCES'),
  entry('ResourceBookingSettingsChanged', 'Horaires et règles de réservation modifiés', 'RESOURCES'),
  entry('ResourceReserved', 'Réservation', 'CALENDARS'),
  entry('ReservationRequested', 'Demande de réservation', 'CALENDARS'),
  entry('ReservationApproved', 'Réservation validée', 'CALENDARS'),
  entry('ReservationRejected', 'Réservation refusée', 'CALENDARS'),
  entry('SeriesReserved', 'Série hebdomadaire réservée', 'CALENDARS'),
  entry('ReservationCancelled', 'Annulation', 'CALENDARS'),
  entry('CalendarEpochOpened', 'Ouverture du calendrier d’un mois', 'CALENDARS', true),
  entry('CalendarEpochClosed', 'Clôture du calendrier d’un mois', 'CALENDARS', true),
  entry('CalendarEpochChained', 'Passage du calendrier au mois suivant', 'CALENDARS', true),
  entry('UsageRecorded', 'Saisie d’usage', 'USAGE'),
  entry('UsageReversed', 'Saisie d’usage contre-passée', 'USAGE'),
  entry('OccupancyDeclared', 'Occupation d’un espace déclarée', 'DECLARATIONS'),
  entry('OccupancyEnded', 'Fin d’occupation d’un espace', 'DECLARATIONS'),
  entry('HeadcountDeclared', 'Effectif déclaré', 'DECLARATIONS'),
  entry('CostPoolDefined', 'Nouveau pot de coûts', 'FINANCE'),
  entry('AllocationKeyChanged', 'Clé de répartition modifiée', 'FINANCE'),
  entry('PeriodRegistered', 'Période de règlement enregistrée', 'FINANCE', true),
  entry('PeriodOpened', 'Ouverture d’une période', 'FINANCE'),
  entry('CostRecorded', 'Coût enregistré', 'FINANCE'),
  entry('CostReversed', 'Coût contre-passé', 'FINANCE'),
  entry('PaymentRecorded', 'Versement enregistré', 'FINANCE'),
  entry('PaymentReversed', 'Versement contre-passé', 'FINANCE'),
  entry('PeriodClosed', 'Clôture d’une période', 'FINANCE'),
  entry('PoleVatStatusSet', 'Régime de TVA du pôle', 'FINANCE'),
  entry('VatTreatmentSet', 'Traitement de TVA modifié', 'FINANCE'),
  entry('PoleInvoicingProfileSet', 'Identité de facturation du pôle', 'FINANCE'),
  entry('InvoicesNumbered', 'Numérotation des factures', 'FINANCE'),
];

const BY_TYPE = new Map(EVENT_CATALOGUE.map((known) => [known.type, known]));

export function catalogueEntry(type: string): EventTypeEntry {
  return BY_TYPE.get(type) ?? entry(type, `Événement ${type}`, 'OTHER');
}

/** The things an event is about, read from its data: what "the history of one thing" selects on. */
export interface EventSubjects {
  memberIds: string[];
  resourceIds: string[];
  poolIds: string[];
  siteIds: string[];
  periodIds: string[];
}

const PERIOD_JOURNAL_PREFIX = 'period-';

/**
 * Read from the fields every event type names the same way (`memberId`, `ownerMemberId`,
 * `resourceId`, `resourceIds`, `poolId`, `siteId`, `periodId`, a reversal's `originalPeriodId`), and from a period journal's
 * stream: one rule for every type, so that a new event type is found by its ids without a case
 * of its own. Ids nested deeper (the members of a frozen settlement, the reservations carried
 * into a new calendar month) are not what the event is about.
 */
export function subjectsOf(event: Pick<RecordedEvent, 'data' | 'streamId'>): EventSubjects {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  const ids = (...values: unknown[]) => values.flatMap((value): unknown[] => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  const journalPeriod = event.streamId.startsWith(PERIOD_JOURNAL_PREFIX) ? event.streamId.slice(PERIOD_JOURNAL_PREFIX.length) : undefined;
  // A VAT treatment names its pool or resource inside its target.
  const target = (typeof data.target === 'object' && data.target !== null ? data.target : {}) as Record<string, unknown>;
  return {
    memberIds: unique(ids(data.memberId, data.ownerMemberId)),
    resourceIds: unique(ids(data.resourceId, data.resourceIds, target.resourceId)),
    poolIds: ids(data.poolId, target.poolId),
    siteIds: ids(data.siteId),
    periodIds: unique(ids(data.periodId, data.originalPeriodId, journalPeriod)),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
