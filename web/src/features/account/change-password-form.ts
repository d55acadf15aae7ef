import type { FormProblem } from '../../shared/form-state.js';
import { explainGraphqlError, type GraphqlErrorLike, rateLimitOf, type RateLimited } from '../../shared/graphql-error.js';

/** The form's three fields, in the order they are shown (the first one in trouble gets the focus). */
export const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmation'] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];
export type PasswordValues = Record<PasswordField, string>;

/**
 * What is wrong with one field: a message of the catalogue, or the server's own (French) words,
 * which carry zxcvbn's advice for a weak new password.
 */
export type PasswordProblem = FormProblem<PasswordField>;

/** Why a change was refused, as the screen tells it. */
export type ChangePasswordFailure<ServerError extends GraphqlErrorLike = GraphqlErrorLike> =
  | { kind: 'fields'; problems: PasswordProblem[] }
  /** Too many wrong current passwords from here: the server's own words say how long to wait. */
  | RateLimited
  | { kind: 'server'; error: ServerError };

/** The checks made before asking the server: every field filled, and the new password typed twice alike. */
export function checkPasswordForm(values: PasswordValues): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (values.currentPassword === '') problems.push({ field: 'currentPassword', message: 'account.password.currentMissing' });
  if (values.newPassword === '') problems.push({ field: 'newPassword', message: 'account.password.newMissing' });
  else if (values.confirmation !== values.newPassword) problems.push({ field: 'confirmation', message: 'account.password.mismatch' });
  return problems;
}

/** The server's refusal, put next to the field its `extensions.field` names when it names one of the form's. */
export function changePasswordFailureOf<ServerError extends GraphqlErrorLike>(error: ServerError): ChangePasswordFailure<ServerError> {
  const explained = explainGraphqlError(error);
  const rateLimited = rateLimitOf(explained);
  if (rateLimited) return rateLimited;
  const field = explained.details.field;
  if (explained.code === 'VALIDATION_FAILED' && (field === 'currentPassword' || field === 'newPassword')) {
    const problem: PasswordProblem = explained.serverMessage
      ? { field, serverMessage: explained.serverMessage }
      : { field, message: field === 'currentPassword' ? 'account.password.currentRefused' : 'account.password.newRefused' };
    return { kind: 'fields', problems: [problem] };
  }
  return { kind: 'server', error };
}
