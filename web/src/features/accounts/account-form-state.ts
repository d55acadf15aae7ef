import { useEffect, useRef, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import type { CombinedError } from 'urql';
import {
  accountFormFailureOf,
  checkAccountForm,
  firstAccountFieldInTrouble,
  type AccountField,
  type AccountFormFailure,
  type AccountValues,
} from './account-form.js';

type AccountInput = HTMLInputElement | HTMLSelectElement | null;

export interface AccountFormState {
  values: AccountValues;
  setValues: Dispatch<SetStateAction<AccountValues>>;
  failure: AccountFormFailure<CombinedError> | null;
  /** Hands each field's element to the form, so that the first field in trouble can take the focus. */
  register: (field: AccountField) => (element: AccountInput) => void;
  handleSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
}

interface AccountFormOptions<Data> {
  initial: AccountValues;
  /** The fields the form shows: only their problems are reported, the first of them focused. */
  fields: readonly AccountField[];
  send: (values: AccountValues) => Promise<{ data?: Data; error?: CombinedError }>;
  onSent: (data: Data) => void;
  /** The form stays on screen for the next one (an invitation) rather than closing (a role changed). */
  clearWhenSent: boolean;
}

/**
 * An account form's state: checked before asking the server, the server's refusal shown beside
 * the field it names, the first field in trouble focused.
 */
export function useAccountForm<Data>({ initial, fields, send, onSent, clearWhenSent }: AccountFormOptions<Data>): AccountFormState {
  const [values, setValues] = useState<AccountValues>(initial);
  const [failure, setFailure] = useState<AccountFormFailure<CombinedError> | null>(null);
  const inputs = useRef<Partial<Record<AccountField, AccountInput>>>({});
  const register = (field: AccountField) => (element: AccountInput) => {
    inputs.current[field] = element;
  };

  useEffect(() => {
    const field = firstAccountFieldInTrouble(failure?.kind === 'fields' ? failure.problems : []);
    if (field) inputs.current[field]?.focus();
  }, [failure]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = checkAccountForm(values, fields);
    if (found.length > 0) {
      setFailure({ kind: 'fields', problems: found });
      return;
    }
    setFailure(null);
    const result = await send(values);
    if (result.data) {
      if (clearWhenSent) setValues(initial);
      onSent(result.data);
    } else if (result.error) {
      setFailure(accountFormFailureOf(result.error, fields));
    }
  }

  return { values, setValues, failure, register, handleSubmit };
}
