import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormActions } from './form-actions.js';

const ignore = () => undefined;

describe("a dialog form's actions", () => {
  it('offer the way out first, then the submit button in its tone', () => {
    const markup = renderToStaticMarkup(
      <FormActions cancelLabel="Garder" onCancel={ignore} submitLabel="Annuler la réservation" busyLabel="Annulation…" tone="danger" busy={false} />,
    );
    expect(markup).toBe(
      '<div class="form-actions"><button type="button" class="button">Garder</button>'
        + '<button type="submit" class="button button-danger">Annuler la réservation</button></div>',
    );
  });

  it('disable the submit button and say so while the request is under way', () => {
    const markup = renderToStaticMarkup(
      <FormActions cancelLabel="Annuler" onCancel={ignore} submitLabel="Enregistrer" busyLabel="Enregistrement…" tone="primary" busy />,
    );
    expect(markup).toContain('<button type="submit" class="button button-primary" disabled="">Enregistrement…</button>');
    expect(markup).toContain('<button type="button" class="button">Annuler</button>');
  });
});
