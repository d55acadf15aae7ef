import { describe, expect, it } from 'vitest';
import { byFrenchName, compareFrench } from './french-order.js';

const names = (list: readonly { name: string }[]) => list.map((named) => named.name);

describe('French order of names', () => {
  it('files an accented capital under its plain letter: « Écurie » between « Atelier » and « Fablab »', () => {
    const sorted = byFrenchName([{ id: 'f', name: 'Fablab' }, { id: 'e', name: 'Écurie' }, { id: 'a', name: 'Atelier' }]);
    expect(names(sorted)).toEqual(['Atelier', 'Écurie', 'Fablab']);
  });

  it('does not set lower case after every capital, as a code-point order would', () => {
    const sorted = byFrenchName([{ name: 'Zinc' }, { name: 'atelier bois' }, { name: 'Bureau' }, { name: 'été' }]);
    expect(names(sorted)).toEqual(['atelier bois', 'Bureau', 'été', 'Zinc']);
  });

  it('keeps what each entry carries besides its name', () => {
    expect(byFrenchName([{ id: 'm2', name: 'Ruche' }, { id: 'm1', name: 'Cantine' }]).map((named) => named.id)).toEqual(['m1', 'm2']);
  });

  it('leaves the list it was given in its order', () => {
    const list = [{ name: 'Fablab' }, { name: 'Atelier' }];
    const sorted = byFrenchName(list);
    expect(names(list)).toEqual(['Fablab', 'Atelier']);
    expect(sorted).not.toBe(list);
  });

  it('compares two texts the same way, for lists sorted on another field', () => {
    expect(['Fablab', 'Écurie', 'Atelier'].sort(compareFrench)).toEqual(['Atelier', 'Écurie', 'Fablab']);
    expect(compareFrench('Écurie', 'Ecurie')).toBeGreaterThan(0);
  });
});
