import type { Role } from '../../shared/generated/graphql.js';
import { explainGraphqlError, type GraphqlErrorLike } from '../../shared/graphql-error.js';
import type { MessageKey } from '../../shared/i18n/fr.js';

/** The fields of the account forms, in the order shown: the first one in trouble gets the focus. */
export const ACCOUNT_FIELDS = ['email', 'role', 'memberId', 'password'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

export interface AccountValues {
  email: string;
  role: Role;
  /** '' while no structure is chosen; only a MEMBER account has one. */
  memberId: string;
  password: string;
}

export type AccountProblem = { field: AccountField; message: MessageKey } | { field: AccountField; serverMessage: string };

export type AccountFormFailure<ServerError extends GraphqlErrorLike = GraphqlErrorLike> =
  | { kind: 'fields'; problems: AccountProblem[] }
  | { kind: 'server'; error: ServerError };

/** The structure the API is given: a MEMBER account's, none for the other roles whatever was chosen before. */
export const memberIdFor = (values: Pick<AccountValues, 'role' | 'memberId'>) => (values.role === 'MEMBER' && values.memberId !== '' ? values.memberId : null);

/** The checks made before asking the server; `fields` are the ones the form shows. */
export function checkAccountForm(values: AccountValues, fields: readonly AccountField[]): AccountProblem[] {
  const problems: AccountProblem[] = [];
  if (fields.includes('email') && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) problems.push({ field: 'email', message: 'accounts.form.emailInvalid' });
  if (values.role === 'MEMBER' && values.memberId === '') problems.push({ field: 'memberId', message: 'accounts.form.memberMissing' });
  if (fields.includes('password') && values.password === '') problems.push({ field: 'password', message: 'accounts.form.passwordMissing' });
  return problems;
}

/** The server's refusal next to the field it names (a weak password, an address taken), or whole. */
export function accountFormFailureOf<ServerError extends GraphqlErrorLike>(error: ServerError, fields: readonly AccountField[]): AccountFormFailure<ServerError> {
  const explained = explainGraphqlError(error);
  const field = fields.find((known) => known === explained.details.field);
  if ((explained.code === 'VALIDATION_FAILED' || explained.code === 'NOT_FOUND') && field) {
    return { kind: 'fields', problems: [{ field, serverMessage: explained.serverMessage ?? '' }] };
  }
  return { kind: 'server', error };
}

export function firstAccountFieldInTrouble(problems: readonly AccountProblem[]): AccountField | null {
  return ACCOUNT_FIELDS.find((field) => problems.some((problem) => problem.field === field)) ?? null;
}
