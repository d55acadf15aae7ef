import { LEGAL_FORMS, VAT_STATUSES } from '../../domain/members/member.js';
import { RESOURCE_KINDS } from '../../domain/resources/resource.js';
import { ROLES } from '../identity/identity-store.js';
import { builder } from './builder.js';

export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const LegalFormEnum = builder.enumType('LegalForm', { values: LEGAL_FORMS });
export const VatStatusEnum = builder.enumType('VatStatus', { values: VAT_STATUSES });
export const ResourceKindEnum = builder.enumType('ResourceKind', { values: RESOURCE_KINDS });
export const ReservationStatusEnum = builder.enumType('ReservationStatus', {
  values: ['CONFIRMED', 'CANCELLED', 'REQUESTED', 'REJECTED'] as const,
});
export const SeriesModeEnum = builder.enumType('SeriesMode', {
  description: 'ALL_OR_NOTHING refuses the whole series when one occurrence is refused; SKIP_CONFLICTS books the others.',
  values: ['ALL_OR_NOTHING', 'SKIP_CONFLICTS'] as const,
});
