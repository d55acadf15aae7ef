import { LEGAL_FORMS, RESERVATION_STATUSES, RESOURCE_KINDS, ROLES, SERIES_MODES, VAT_STATUSES } from '../../shared/enums.js';
import { builder } from './builder.js';

export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const LegalFormEnum = builder.enumType('LegalForm', { values: LEGAL_FORMS });
export const VatStatusEnum = builder.enumType('VatStatus', { values: VAT_STATUSES });
export const ResourceKindEnum = builder.enumType('ResourceKind', { values: RESOURCE_KINDS });
export const ReservationStatusEnum = builder.enumType('ReservationStatus', {
  values: RESERVATION_STATUSES,
});
export const SeriesModeEnum = builder.enumType('SeriesMode', {
  description: 'ALL_OR_NOTHING refuses the whole series when one occurrence is refused; SKIP_CONFLICTS books the others.',
  values: SERIES_MODES,
});
