import type { CombinedError } from 'urql';
import { useFormState, type FormState } from '../../shared/form-state.js';
import { ACCOUNT_FIELDS, accountFormFailureOf, checkAccountForm, type AccountField, type AccountValues } from './account-form.js';

export type AccountFormState = FormState<AccountValues>;

interface AccountFormOptions<Data> {
  initial: AccountValues;
  /** The fields the form shows: only their problems are reported, the first of them focused. */
  fields: readonly AccountField[];
  send: (values: AccountValues) => Promise<{ data?: Data; error?: CombinedError }>;
  onSent: (data: Data) => void;
  /** The form stays on screen for the next one (an invitation) rather than closing (a role changed). */
  clearWhenSent: boolean;
}

/** An account form's state, with the checks and the server's refusals of the fields it shows. */
export function useAccountForm<Data>({ fields, ...options }: AccountFormOptions<Data>): AccountFormState {
  return useFormState({
    ...options,
    order: ACCOUNT_FIELDS,
    check: (values) => checkAccountForm(values, fields),
    failureOf: (error) => accountFormFailureOf(error, fields),
  });
}
