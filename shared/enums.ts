/**
 * Enumerations of the GraphQL contract (`api-contract.graphql`) that the server decides on and
 * the web app displays: the API builds its enum types from these lists, and each value has a
 * label in the web app's catalogues under the same name.
 */
export const ROLES = ['COORDINATOR', 'TREASURER', 'MEMBER', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

export const LEGAL_FORMS = [
  'ASSOCIATION', 'SCOP', 'SCIC', 'SAS', 'SARL', 'EI', 'COLLECTIVITE', 'ETABLISSEMENT_PUBLIC', 'OTHER',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** Whether a member charges VAT on what it re-invoices (assujetti) or not (franchise, most associations). */
export const VAT_STATUSES = ['SUBJECT', 'NOT_SUBJECT'] as const;
export type VatStatus = (typeof VAT_STATUSES)[number];

export const RESOURCE_KINDS = ['SPACE', 'EQUIPMENT', 'STAFF', 'SERVICE'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** REQUESTED waits for the coordination's (or the owner's) approval; REJECTED was refused with a reason. */
export const RESERVATION_STATUSES = ['CONFIRMED', 'CANCELLED', 'REQUESTED', 'REJECTED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** How a weekly series treats an occurrence that cannot be booked. */
export const SERIES_MODES = ['ALL_OR_NOTHING', 'SKIP_CONFLICTS'] as const;
export type SeriesMode = (typeof SERIES_MODES)[number];
