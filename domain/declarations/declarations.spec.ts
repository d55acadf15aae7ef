import { describe, it } from 'vitest';
import { specification } from '../shared/decider-specification.js';
import { declarationsDecider } from './declarations.js';

const given = specification(declarationsDecider);
const declare = (headcount: number, from = '2026-03-01') => ({ type: 'DeclareHeadcount' as const, data: { memberId: 'm-1', headcount, from } });

describe('declaring a headcount', () => {
  it.each([0, 1, 1.5, 0.29, 0.01, 99_999.99, 100_000])('records %s full-time equivalents as declared', (headcount) =>
    given([]).when(declare(headcount)).then([{ type: 'HeadcountDeclared', data: { memberId: 'm-1', headcount, from: '2026-03-01' } }]));

  it.each([
    ['more than two decimals', 0.333],
    ['a sum whose double is not a hundredth', 0.1 + 0.2],
    ['a negative headcount', -1],
    ['more than 100 000 FTE', 100_000.01],
    ['NaN', Number.NaN],
    ['an infinity', Number.POSITIVE_INFINITY],
  ])('refuses %s before anything is written, in French', (_, headcount) =>
    given([]).when(declare(headcount)).thenRefusedWith('VALIDATION_FAILED', /au centième près/));

  it('refuses an impossible date', () => given([]).when(declare(2, '2026-02-30')).thenRefusedWith('VALIDATION_FAILED', /date valide/));
});

describe('ending an occupancy', () => {
  const occupancy = { occupancyId: 'o-1', memberId: 'm-1', resourceId: 'bureau', areaM2: 20, from: '2026-01-01', to: null };
  const declared = [{ type: 'OccupancyDeclared' as const, data: occupancy }];
  const end = (to: string, resourceId = 'bureau') => ({ type: 'EndOccupancy' as const, data: { memberId: 'm-1', resourceId, to } });

  it('ends the occupancy that still runs the day before, named by its id', () =>
    given(declared).when(end('2026-03-10')).then([{ type: 'OccupancyEnded', data: { occupancyId: 'o-1', memberId: 'm-1', resourceId: 'bureau', to: '2026-03-10' } }]));

  it('ends an occupancy with an end earlier than the one declared, not later', () => {
    const bounded = [{ type: 'OccupancyDeclared' as const, data: { ...occupancy, to: '2026-06-01' } }];
    given(bounded).when(end('2026-05-01')).then([{ type: 'OccupancyEnded', data: { occupancyId: 'o-1', memberId: 'm-1', resourceId: 'bureau', to: '2026-05-01' } }]);
    given(bounded).when(end('2026-06-01')).thenRefusedWith('NOT_FOUND', /n’occupe pas cet espace la veille du 2026-06-01/);
  });

  it.each([
    ['on its first day, as nothing would be left of it', '2026-01-01', 'bureau'],
    ['before it began', '2025-12-01', 'bureau'],
    ['of another space', '2026-03-10', 'atelier'],
  ])('refuses an end %s', (_, to, resourceId) => given(declared).when(end(to, resourceId)).thenRefusedWith('NOT_FOUND', /pas d’occupation à terminer/));

  it('refuses an impossible date', () => given(declared).when(end('2026-02-30')).thenRefusedWith('VALIDATION_FAILED', /date valide/));

  it('lets the structure occupy the space again after the end', () => {
    const ended = [...declared, { type: 'OccupancyEnded' as const, data: { occupancyId: 'o-1', memberId: 'm-1', resourceId: 'bureau', to: '2026-03-10' } }];
    const again = { ...occupancy, occupancyId: 'o-2', from: '2026-04-01', resourceIsSpace: true };
    given(ended).when({ type: 'DeclareOccupancy', data: again })
      .then([{ type: 'OccupancyDeclared', data: { occupancyId: 'o-2', memberId: 'm-1', resourceId: 'bureau', areaM2: 20, from: '2026-04-01', to: null } }]);
    given(declared).when({ type: 'DeclareOccupancy', data: again }).thenRefusedWith('VALIDATION_FAILED', /déclarez la fin de la première occupation/);
  });
});
