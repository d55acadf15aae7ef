import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NamedSelect } from './named-select.js';

const ignore = () => undefined;

describe('a select of named things', () => {
  it('is named by a label beside it, offers « none » first, then the choices in the order given', () => {
    const markup = renderToStaticMarkup(
      <NamedSelect id="owner" label="Propriétaire" emptyOption="Le pôle" value="m2" onChange={ignore}
        choices={[{ id: 'm2', name: 'Ruche' }, { id: 'm1', name: 'Cantine' }]} />,
    );
    expect(markup).toBe(
      '<div class="field"><label for="owner">Propriétaire</label><select id="owner">'
        + '<option value="">Le pôle</option><option value="m2" selected="">Ruche</option><option value="m1">Cantine</option>'
        + '</select></div>',
    );
  });

  it('is required or disabled only when asked, and ends with what it is given to follow it', () => {
    const markup = renderToStaticMarkup(
      <NamedSelect id="member" label="Structure" emptyOption="Chargement…" value="" onChange={ignore} choices={[]} required disabled>
        <p className="field-hint">Liste indisponible</p>
      </NamedSelect>,
    );
    expect(markup).toContain('<select id="member" required="" disabled="">');
    expect(markup).toMatch(/<\/select><p class="field-hint">Liste indisponible<\/p><\/div>$/);
  });
});
