import * as enums from '../../../shared/enums.js';
import type { LegalForm, ReservationStatus, ResourceKind, Role, VatStatus } from './generated/graphql.js';

/**
 * What the web app needs of the GraphQL contract beyond the types generated from schema.graphql
 * (`./generated/graphql.js`): the values of enumerations it lists on screen, each with a label in
 * the i18n catalogue under the same name. The lists themselves are `shared/enums.ts`, from which
 * the server builds the schema; the codes of expected failures are `shared/error-codes.ts`.
 */

/**
 * Compiles only when `list` holds every value of the schema's enumeration `Union` (and nothing
 * else): a value added to the schema must get its place, and its label, in the web app.
 */
function everyValueOf<Union extends string>() {
  return <const List extends readonly Union[]>(list: List & ([Union] extends [List[number]] ? unknown : never)): List => list;
}

export const ROLES = everyValueOf<Role>()(enums.ROLES);

export const LEGAL_FORMS = everyValueOf<LegalForm>()(enums.LEGAL_FORMS);

export const VAT_STATUSES = everyValueOf<VatStatus>()(enums.VAT_STATUSES);

export const RESOURCE_KINDS = everyValueOf<ResourceKind>()(enums.RESOURCE_KINDS);

export const RESERVATION_STATUSES = everyValueOf<ReservationStatus>()(enums.RESERVATION_STATUSES);
