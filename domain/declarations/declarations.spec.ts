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
