import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FormProblem } from '../form-state.js';
import { I18nProvider } from '../i18n/i18n.js';
import { describedBy, FieldProblem } from './field-problem.js';

const problems: FormProblem<'name' | 'siret' | 'reason'>[] = [
  { field: 'name', message: 'members.form.nameMissing' },
  { field: 'siret', serverMessage: 'Ce SIRET est déjà celui d’une autre structure.' },
];

const shown = (field: 'name' | 'siret' | 'reason') =>
  renderToStaticMarkup(
    <I18nProvider>
      <FieldProblem idPrefix="form" field={field} problems={problems} />
    </I18nProvider>,
  );

describe("a field's problem", () => {
  it('is shown under its field in the catalogue’s words, or in the server’s own', () => {
    expect(shown('name')).toBe('<p id="form-name-problem" class="field-problem">Indiquez le nom de la structure.</p>');
    expect(shown('siret')).toBe('<p id="form-siret-problem" class="field-problem">Ce SIRET est déjà celui d’une autre structure.</p>');
  });

  it('is nothing for a field without one', () => {
    expect(shown('reason')).toBe('');
  });

  it('describes its field after the hint, and only while there is one', () => {
    expect(describedBy('form', 'siret', problems, 'form-siret-hint')).toBe('form-siret-hint form-siret-problem');
    expect(describedBy('form', 'reason', problems, 'form-reason-hint')).toBe('form-reason-hint');
    expect(describedBy('form', 'name', problems)).toBe('form-name-problem');
    expect(describedBy('form', 'reason', problems)).toBeUndefined();
  });
});
