import { useEffect, useRef, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import type { CombinedError } from 'urql';
import type { GraphqlErrorLike } from './graphql-error.js';
import type { MessageKey } from './i18n/fr.js';

/** A form's fields are the names of its values. */
export type FieldOf<Values> = keyof Values & string;

/** A message of the catalogue, or the server's own (French) words, next to the field it is about. */
export type FormProblem<Field extends string> = { field: Field; message: MessageKey } | { field: Field; serverMessage: string };

/** Why a form was refused: problems shown beside their fields, or the server's refusal whole. */
export type FormFailure<Field extends string, ServerError extends GraphqlErrorLike = GraphqlErrorLike> =
  | { kind: 'fields'; problems: FormProblem<Field>[] }
  | { kind: 'server'; error: ServerError };

type FieldElement = HTMLInputElement | HTMLSelectElement | null;

/** The field the keyboard should be brought to: the first one in trouble, in the order the form shows them. */
export function firstFieldInTrouble<Field extends string>(order: readonly Field[], problems: readonly FormProblem<Field>[]): Field | null {
  return order.find((field) => problems.some((problem) => problem.field === field)) ?? null;
}

export interface FormState<Values> {
  values: Values;
  setValues: Dispatch<SetStateAction<Values>>;
  failure: FormFailure<FieldOf<Values>, CombinedError> | null;
  /** Hands each field's element to the form, so that the first field in trouble can take the focus. */
  register: (field: FieldOf<Values>) => (element: FieldElement) => void;
  handleSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
}

export interface FormStateOptions<Values, Data> {
  initial: Values;
  /** The fields in the order shown: the first one in trouble takes the focus. */
  order: readonly FieldOf<Values>[];
  /** The form's own checks, made before asking the server. */
  check: (values: Values) => FormProblem<FieldOf<Values>>[];
  send: (values: Values) => Promise<{ data?: Data; error?: CombinedError }>;
  /** The server's refusal, beside the field it names or whole, as the form tells it. */
  failureOf: (error: CombinedError) => FormFailure<FieldOf<Values>, CombinedError>;
  onSent: (data: Data) => void;
  /** The form stays on screen for the next one (an invitation) rather than closing (a role changed). */
  clearWhenSent: boolean;
}

/**
 * A form's state: checked before asking the server, the server's refusal shown beside the field
 * it names, the first field in trouble focused.
 */
export function useFormState<Values, Data>({ initial, order, check, send, failureOf, onSent, clearWhenSent }: FormStateOptions<Values, Data>): FormState<Values> {
  const [values, setValues] = useState<Values>(initial);
  const [failure, setFailure] = useState<FormFailure<FieldOf<Values>, CombinedError> | null>(null);
  const inputs = useRef<Partial<Record<FieldOf<Values>, FieldElement>>>({});
  const register = (field: FieldOf<Values>) => (element: FieldElement) => {
    inputs.current[field] = element;
  };

  // On a new failure only: typing in a field afterwards must not bring the focus back.
  useEffect(() => {
    const field = firstFieldInTrouble(order, failure?.kind === 'fields' ? failure.problems : []);
    if (field) inputs.current[field]?.focus();
  }, [failure]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check(values);
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
      setFailure(failureOf(result.error));
    }
  }

  return { values, setValues, failure, register, handleSubmit };
}
