import { isValidSiret } from '../../../../shared/identifiers.js';
import { isIsoDate } from '../../../../shared/paris-time.js';
import type { LegalForm, VatStatus } from '../../shared/generated/graphql.js';
import type { FormFailure, FormProblem } from '../../shared/form-state.js';
import { explainGraphqlError, type GraphqlErrorLike } from '../../shared/graphql-error.js';

/** The fields of the structure form, in the order shown: the first one in trouble gets the focus. */
export const MEMBER_FIELDS = ['name', 'legalForm', 'siret', 'vatStatus', 'joinedOn', 'reason'] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export interface MemberValues {
  name: string;
  legalForm: LegalForm;
  /** As typed: spaces are allowed while typing and removed before checking. */
  siret: string;
  vatStatus: VatStatus;
  joinedOn: string;
  /** Why a correction is made: the coordination corrects the record on the structure's behalf. */
  reason: string;
}

export type MemberProblem = FormProblem<MemberField>;

/** Why a registration or correction was refused, as the dialog tells it. */
export type MemberFormFailure<ServerError extends GraphqlErrorLike = GraphqlErrorLike> = FormFailure<MemberField, ServerError>;

/** The SIRET as the API takes it: digits only, null when none was given. */
export function siretOf(typed: string): string | null {
  const digits = typed.replace(/\s+/g, '');
  return digits === '' ? null : digits;
}

/**
 * The checks made before asking the server, with the same rules (shared/identifiers.ts checks the
 * SIRET's Luhn key). A correction does not check the joining date, which it cannot change, and
 * wants a reason, as every correction made on someone's behalf.
 */
export function checkMemberForm(values: MemberValues, mode: 'register' | 'amend'): MemberProblem[] {
  const problems: MemberProblem[] = [];
  if (values.name.trim() === '') problems.push({ field: 'name', message: 'members.form.nameMissing' });
  const siret = siretOf(values.siret);
  if (siret !== null && !isValidSiret(siret)) problems.push({ field: 'siret', message: 'members.form.siretInvalid' });
  if (mode === 'register' && !isIsoDate(values.joinedOn)) problems.push({ field: 'joinedOn', message: 'members.form.joinedOnMissing' });
  if (mode === 'amend' && values.reason.trim() === '') problems.push({ field: 'reason', message: 'members.form.reasonMissing' });
  return problems;
}

/** The server's refusal, put next to the field its `extensions.field` names when it names one of the form's. */
export function memberFormFailureOf<ServerError extends GraphqlErrorLike>(error: ServerError): MemberFormFailure<ServerError> {
  const explained = explainGraphqlError(error);
  const field = MEMBER_FIELDS.find((known) => known === explained.details.field);
  if (explained.code === 'VALIDATION_FAILED' && field) {
    return { kind: 'fields', problems: [{ field, serverMessage: explained.serverMessage ?? '' }] };
  }
  return { kind: 'server', error };
}
