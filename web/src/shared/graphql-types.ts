import type { LegalForm, ReservationStatus, ResourceKind, Role } from './generated/graphql.js';

/**
 * What the web app needs of the GraphQL contract beyond the types generated from schema.graphql
 * (`./generated/graphql.js`): the values of enumerations it lists on screen, each with a label in
 * the i18n catalogue under the same name, and the codes of expected failures.
 */

/**
 * Compiles only when `list` holds every value of the schema's enumeration `Union` (and nothing
 * else): a value added to the schema must get its place, and its label, in the web app.
 */
function everyValueOf<Union extends string>() {
  return <const List extends readonly Union[]>(list: List & ([Union] extends [List[number]] ? unknown : never)): List => list;
}

export const ROLES = everyValueOf<Role>()(['COORDINATOR', 'TREASURER', 'MEMBER', 'AUDITOR']);

export const LEGAL_FORMS = everyValueOf<LegalForm>()([
  'ASSOCIATION', 'SCOP', 'SCIC', 'SAS', 'SARL', 'EI', 'COLLECTIVITE', 'ETABLISSEMENT_PUBLIC', 'OTHER',
]);

export const RESOURCE_KINDS = everyValueOf<ResourceKind>()(['SPACE', 'EQUIPMENT', 'STAFF', 'SERVICE']);

/** REQUESTED waits for the coordination's (or the owner's) approval; REJECTED was refused with a reason. */
export const RESERVATION_STATUSES = everyValueOf<ReservationStatus>()(['CONFIRMED', 'REQUESTED', 'CANCELLED', 'REJECTED']);

/**
 * Stable codes of expected failures, carried in a GraphQL error's `extensions.code`: the schema
 * does not name them, so they are listed here.
 */
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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
