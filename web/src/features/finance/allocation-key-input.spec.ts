import { describe, expect, it } from 'vitest';
import { keyDraftOf, keyEditorMembers, keyInputOf } from './allocation-key-input.js';

describe('keyInputOf', () => {
  it('sends a simple key alone', () => {
    expect(keyInputOf({ kind: 'EQUAL', weights: {}, percents: {} })).toEqual({ kind: 'EQUAL' });
  });
  it('reads fixed shares with a decimal comma and drops empty weights', () => {
    expect(keyInputOf({ kind: 'FIXED_SHARES', weights: { m1: '2,5', m2: '', m3: '1' }, percents: {} })).toEqual({
      kind: 'FIXED_SHARES',
      shares: [{ memberId: 'm1', weight: 2.5 }, { memberId: 'm3', weight: 1 }],
    });
    expect(keyInputOf({ kind: 'FIXED_SHARES', weights: {}, percents: {} })).toBe('noShares');
    expect(keyInputOf({ kind: 'FIXED_SHARES', weights: { m1: 'deux' }, percents: {} })).toBe('badWeight');
  });
  it('takes fixed shares to the hundredth, as the server splits them, and refuses more decimals', () => {
    expect(keyInputOf({ kind: 'FIXED_SHARES', weights: { m1: '0,25', m2: '33.33' }, percents: {} })).toEqual({
      kind: 'FIXED_SHARES',
      shares: [{ memberId: 'm1', weight: 0.25 }, { memberId: 'm2', weight: 33.33 }],
    });
    for (const typed of ['0,333', '1e3', '2000000000', '-1']) {
      expect(keyInputOf({ kind: 'FIXED_SHARES', weights: { m1: typed }, percents: {} })).toBe('badWeight');
    }
  });
  it('builds a composite key whose percents add up to 100', () => {
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '30', USAGE: '70' } })).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 30, kind: 'EQUAL' }, { percent: 70, kind: 'USAGE' }],
    });
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '30', USAGE: '60' } })).toBe('percentsNot100');
  });
  it('takes composite percents to the hundredth, as the server splits them, and wants them to add up to exactly 100', () => {
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '33,33', AREA: '33.33', HEADCOUNT: ' 33,34 ' } })).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 33.33, kind: 'EQUAL' }, { percent: 33.33, kind: 'AREA' }, { percent: 33.34, kind: 'HEADCOUNT' }],
    });
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '30,5', USAGE: '69,5' } })).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 30.5, kind: 'EQUAL' }, { percent: 69.5, kind: 'USAGE' }],
    });
    // Three times 33,33 is 99,99, not 100; 0,1 + 0,2 + 99,7 is 100, counted in hundredths (0.1 + 0.2 is no hundredth in doubles).
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '33,33', AREA: '33,33', HEADCOUNT: '33,33' } })).toBe('percentsNot100');
    expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: '0,1', AREA: '0,2', HEADCOUNT: '99,7' } })).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 0.1, kind: 'EQUAL' }, { percent: 0.2, kind: 'AREA' }, { percent: 99.7, kind: 'HEADCOUNT' }],
    });
    for (const typed of ['33,333', '0', '0,00', '100,01', '-30', '1e2', 'trente', '30,']) {
      expect(keyInputOf({ kind: 'COMPOSITE', weights: {}, percents: { EQUAL: typed, USAGE: '70' } })).toBe('badPercent');
    }
  });
});

describe('keyDraftOf', () => {
  const share = (id: string, weight: number) => ({ member: { id, name: id }, weight });

  it('starts from the fixed shares the pool has, written as typed, and gives them back unchanged', () => {
    const draft = keyDraftOf({ kind: 'FIXED_SHARES', shares: [share('m1', 2), share('m2', 1.5)], parts: null }, 'fr');
    expect(draft).toEqual({ kind: 'FIXED_SHARES', weights: { m1: '2', m2: '1,5' }, percents: {} });
    expect(keyInputOf(draft)).toEqual({ kind: 'FIXED_SHARES', shares: [{ memberId: 'm1', weight: 2 }, { memberId: 'm2', weight: 1.5 }] });
    expect(keyDraftOf({ kind: 'FIXED_SHARES', shares: [share('m2', 0.25)], parts: null }, 'en').weights).toEqual({ m2: '0.25' });
  });
  it('keeps the share of a structure that has left, which the form lists with it (keyEditorMembers)', () => {
    expect(keyDraftOf({ kind: 'FIXED_SHARES', shares: [share('m1', 1), share('gone', 3)], parts: null }, 'fr').weights).toEqual({ m1: '1', gone: '3' });
  });
  it('starts from a composite key’s parts, in their order, and its fixed shares', () => {
    const draft = keyDraftOf({
      kind: 'COMPOSITE',
      shares: null,
      parts: [{ percent: 33.33, kind: 'EQUAL', shares: null }, { percent: 66.67, kind: 'FIXED_SHARES', shares: [share('m2', 2)] }],
    }, 'fr');
    expect(draft).toEqual({ kind: 'COMPOSITE', weights: { m2: '2' }, percents: { EQUAL: '33,33', FIXED_SHARES: '66,67' } });
    expect(keyInputOf(draft)).toEqual({
      kind: 'COMPOSITE',
      parts: [{ percent: 33.33, kind: 'EQUAL' }, { percent: 66.67, kind: 'FIXED_SHARES', shares: [{ memberId: 'm2', weight: 2 }] }],
    });
  });
  it('starts a simple key with nothing to type', () => {
    expect(keyDraftOf({ kind: 'AREA', shares: null, parts: null }, 'fr')).toEqual({ kind: 'AREA', weights: {}, percents: {} });
  });
});

describe('keyEditorMembers', () => {
  const members = [
    { id: 'stays', leftOn: null },
    { id: 'leaving', leftOn: '2026-07-01' },
    { id: 'left', leftOn: '2026-06-01' },
    { id: 'leftWithShare', leftOn: '2026-06-10' },
  ];
  const share = (id: string) => ({ member: { id, name: id }, weight: 1 });

  it('offers a share to the structures still members today, in their order', () => {
    expect(keyEditorMembers(members, null, '2026-06-10').map((member) => member.id)).toEqual(['stays', 'leaving']);
  });
  it('lists a structure that has left when the key gives it a share, fixed or in a composite key, so that none is dropped unseen', () => {
    const fixed = { kind: 'FIXED_SHARES' as const, shares: [share('stays'), share('leftWithShare')], parts: null };
    expect(keyEditorMembers(members, fixed, '2026-06-10').map((member) => member.id)).toEqual(['stays', 'leaving', 'leftWithShare']);
    const composite = { kind: 'COMPOSITE' as const, shares: null, parts: [{ percent: 50, kind: 'EQUAL' as const, shares: null }, { percent: 50, kind: 'FIXED_SHARES' as const, shares: [share('left')] }] };
    expect(keyEditorMembers(members, composite, '2026-06-10').map((member) => member.id)).toEqual(['stays', 'leaving', 'left']);
  });
});
