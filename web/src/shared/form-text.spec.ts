import { describe, expect, it } from 'vitest';
import { formText } from './form-text.js';

describe('the text of a form field', () => {
  const form = new FormData();
  form.set('label', 'Fluides de novembre');
  form.set('empty', '');
  form.set('attachment', new Blob(['%PDF']), 'facture.pdf');

  it('is what the field holds, empty text included', () => {
    expect(formText(form, 'label')).toBe('Fluides de novembre');
    expect(formText(form, 'empty', 'FROM_MEMBER')).toBe('');
  });

  it('is the fallback for a field the form lacks and for a file', () => {
    expect(formText(form, 'direction', 'FROM_MEMBER')).toBe('FROM_MEMBER');
    expect(formText(form, 'attachment')).toBe('');
  });
});
