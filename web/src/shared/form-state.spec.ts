import { describe, expect, it } from 'vitest';
import { firstFieldInTrouble, type FormProblem } from './form-state.js';

const ORDER = ['name', 'siret', 'reason'] as const;

describe("a form's first field in trouble", () => {
  it('is the first in the order the form shows them, whatever order the problems were found in', () => {
    const problems: FormProblem<(typeof ORDER)[number]>[] = [
      { field: 'reason', message: 'members.form.reasonMissing' },
      { field: 'siret', serverMessage: 'SIRET inconnu' },
    ];
    expect(firstFieldInTrouble(ORDER, problems)).toBe('siret');
  });

  it('is none when no field is in trouble', () => {
    expect(firstFieldInTrouble(ORDER, [])).toBeNull();
  });
});
