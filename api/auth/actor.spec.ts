import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/shared/errors.js';
import { type Actor, memberWhoseFiguresAreRead } from './actor.js';

const memberUser: Actor = { userId: 'u-1', role: 'MEMBER', memberId: 'm-own' };
const treasurer: Actor = { userId: 'u-2', role: 'TREASURER', memberId: null };

describe('memberWhoseFiguresAreRead', () => {
  it('gives a member user its own structure, asked for or not', () => {
    expect(memberWhoseFiguresAreRead(memberUser, null, 'les factures')).toBe('m-own');
    expect(memberWhoseFiguresAreRead(memberUser, 'm-own', 'les factures')).toBe('m-own');
  });

  it('refuses a member user another structure’s figures, naming them and the argument', () => {
    const refusal = (() => {
      try {
        memberWhoseFiguresAreRead(memberUser, 'm-other', 'les factures');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'FORBIDDEN', details: { field: 'memberId' }, message: 'Vous ne pouvez consulter que les factures de votre propre structure.',
    });
  });

  it('gives the other roles what they ask for, every structure included', () => {
    expect(memberWhoseFiguresAreRead(treasurer, 'm-other', 'les factures')).toBe('m-other');
    expect(memberWhoseFiguresAreRead(treasurer, null, 'les factures')).toBeNull();
  });
});
