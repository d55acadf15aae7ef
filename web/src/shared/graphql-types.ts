/**
 * Enumerations of the GraphQL contract (`/work/shared/api-contract.graphql`) that several
 * features display. Each value has a label in the i18n catalogue under the same name.
 */
export const ROLES = ['COORDINATOR', 'TREASURER', 'MEMBER', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

export const LEGAL_FORMS = [
  'ASSOCIATION', 'SCOP', 'SCIC', 'SAS', 'SARL', 'EI', 'COLLECTIVITE', 'ETABLISSEMENT_PUBLIC', 'OTHER',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const RESOURCE_KINDS = ['SPACE', 'EQUIPMENT', 'STAFF', 'SERVICE'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** REQUESTED waits for the coordination's (or the owner's) approval; REJECTED was refused with a reason. */
export const RESERVATION_STATUSES = ['CONFIRMED', 'REQUESTED', 'CANCELLED', 'REJECTED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** How a weekly series treats an occurrence that cannot be booked. */
export type SeriesMode = 'ALL_OR_NOTHING' | 'SKIP_CONFLICTS';

/** Stable codes of expected failures, carried in a GraphQL error's `extensions.code`. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'RESERVATION_CONFLICT',
  'OUTSIDE_OPENING_HOURS',
  'BOOKING_RULE_VIOLATED',
  'PERIOD_CLOSED',
  'CONCURRENCY_CONFLICT',
  'MEMBER_INACTIVE',
  'NO_ALLOCATION_WEIGHT',
  'STORE_UNAVAILABLE',
  'RATE_LIMITED',
  'WRONG_PASSWORD',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The signed-in user, as `me` and `login` return it. */
export interface Viewer {
  id: string;
  email: string;
  role: Role;
  /** The member structure a MEMBER user acts for; null for the pôle's own staff and auditors. */
  member: { id: string; name: string } | null;
}

/** The fields of `User` that every screen needs; features spread it into their operations. */
export const VIEWER_FIELDS = 'id email role member { id name }';
