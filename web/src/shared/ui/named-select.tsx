import type { ReactNode } from 'react';

/** Anything chosen by its name: a member, a resource, a site. */
export interface NamedChoice {
  id: string;
  name: string;
}

export interface NamedSelectProps {
  /** The select's id, which its label names: fixed in a form that is once on its page, else from `useId`. */
  id: string;
  label: string;
  /** The first option, of value '': « all », « none », a placeholder or « loading ». */
  emptyOption: string;
  /** Shown in the order given: the caller sorts them (most with `byFrenchName`). */
  choices: readonly NamedChoice[];
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  required?: boolean;
  disabled?: boolean;
  /** What follows the select in its field: a hint, a note that the choices are unavailable. */
  children?: ReactNode;
}

/**
 * A field choosing one named thing, or none. Its label stands beside the select (not around it),
 * so that the select's accessible name is the label alone, not the label and the chosen option.
 */
export function NamedSelect({ id, label, emptyOption, choices, value, onChange, required, disabled, children }: NamedSelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} required={required} value={value} onChange={onChange} disabled={disabled}>
        <option value="">{emptyOption}</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}
