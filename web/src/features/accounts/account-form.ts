import type { Role } from '../../shared/generated/graphql.js';
import type { FormFailure, FormProblem } from '../../shared/form-state.js';
import { explainGraphqlError, type GraphqlErrorLike } from '../../shared/graphql-error.js';

/** The fields of the account forms, in the order shown: the first one in trouble gets the focus. */
export const ACCOUNT_FIELDS = ['email', 'role', 'memberId'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export interface AccountValues {
  email: string;
  role: Role;
  /** '' while no structure is chosen; only a MEMBER account has one. */
  memberId: string;
}

export type AccountProblem = FormProblem<AccountField>;

export type AccountFormFailure<ServerError extends GraphqlErrorLike = GraphqlErrorLike> = FormFailure<AccountField, ServerError>;

/** The structure the API is given: a MEMBER account's, none for the other roles whatever was chosen before. */
export const memberIdFor = (values: Pick<AccountValues, 'role' | 'memberId'>) => (values.role === 'MEMBER' && values.memberId !== '' ? values.memberId : null);

/** The checks made before asking the server; `fields` are the ones the form shows. */
export function checkAccountForm(values: AccountValues, fields: readonly AccountField[]): AccountProblem[] {
  const problems: AccountProblem[] = [];
  if (fields.includes('email') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) problems.push({ field: 'email', message: 'accounts.form.emailInvalid' });
  if (values.role === 'MEMBER' && values.memberId === '') problems.push({ field: 'memberId', message: 'accounts.form.memberMissing' });
  return problems;
}

/** The server's refusal next to the field it names (an address taken, a structure gone), or whole. */
export function accountFormFailureOf<ServerError extends GraphqlErrorLike>(error: ServerError, fields: readonly AccountField[]): AccountFormFailure<ServerError> {
  const explained = explainGraphqlError(error);
  const field = fields.find((known) => known === explained.details.field);
  if ((explained.code === 'VALIDATION_FAILED' || explained.code === 'NOT_FOUND') && field) {
    return { kind: 'fields', problems: [{ field, serverMessage: explained.serverMessage ?? '' }] };
  }
  return { kind: 'server', error };
}
