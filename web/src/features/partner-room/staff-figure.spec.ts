import { describe, expect, it } from 'vitest';
import { staffFigure } from './staff-figure.js';

describe('staffFigure', () => {
  it('says « less than 0.01 » of a share too small to show, not none', () => {
    expect(staffFigure(0.003)).toEqual({ message: 'partners.impact.staffValueBelow', fte: 0.01 });
  });

  it('gives the figure itself from 0.01, and none as none', () => {
    expect(staffFigure(0.01)).toEqual({ message: 'partners.impact.staffValue', fte: 0.01 });
    expect(staffFigure(1.25)).toEqual({ message: 'partners.impact.staffValue', fte: 1.25 });
    expect(staffFigure(0)).toEqual({ message: 'partners.impact.staffValue', fte: 0 });
  });
});
