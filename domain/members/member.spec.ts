import { describe, expect, it } from 'vitest';
import { specification } from '../shared/decider-specification.js';
import { memberDecider, type MemberEvent } from './member.js';
import { isValidSiret } from '../../shared/identifiers.js';

const given = specification(memberDecider);
const registration = {
  memberId: 'm-1',
  name: 'La Palanquée',
  legalForm: 'ASSOCIATION' as const,
  siret: null,
  vatStatus: 'NOT_SUBJECT' as const,
  joinedOn: '2026-01-01',
};
const registered: MemberEvent = { type: 'MemberRegistered', data: registration };

describe('member decider', () => {
  it('registers a new member with its name trimmed', () =>
    given([]).when({ type: 'RegisterMember', data: { ...registration, name: '  La Palanquée ' } }).then([registered]));

  it('refuses to register the same member twice', () =>
    given([registered]).when({ type: 'RegisterMember', data: registration }).thenRefusedWith('VALIDATION_FAILED'));

  it('refuses an invalid SIRET', () =>
    given([]).when({ type: 'RegisterMember', data: { ...registration, siret: '12345678901234' } }).thenRefusedWith('VALIDATION_FAILED', /SIRET/));

  it('refuses an impossible joining date', () =>
    given([]).when({ type: 'RegisterMember', data: { ...registration, joinedOn: '2026-02-30' } }).thenRefusedWith('VALIDATION_FAILED'));

  const amendment = { memberId: 'm-1', name: 'La Palanquée du Port', siret: '73282932000074', vatStatus: 'SUBJECT' as const };

  it('amends the name, SIRET and VAT status of a registered member', () =>
    given([registered])
      .when({ type: 'AmendMember', data: { ...amendment, name: ' La Palanquée du Port ' } })
      .then([{ type: 'MemberAmended', data: amendment }]));

  it('records nothing for an amendment that changes nothing', () =>
    given([registered, { type: 'MemberAmended', data: amendment }]).when({ type: 'AmendMember', data: amendment }).then([]));

  it('amends a member that has left, whose name the history keeps showing', () =>
    given([registered, { type: 'MemberLeft', data: { memberId: 'm-1', leftOn: '2026-07-01' } }])
      .when({ type: 'AmendMember', data: amendment })
      .then([{ type: 'MemberAmended', data: amendment }]));

  it('refuses to amend an unknown member', () =>
    given([]).when({ type: 'AmendMember', data: amendment }).thenRefusedWith('NOT_FOUND'));

  it('refuses an amendment with an invalid SIRET or an empty name', () => {
    given([registered]).when({ type: 'AmendMember', data: { ...amendment, siret: '73282932000075' } }).thenRefusedWith('VALIDATION_FAILED', /SIRET/);
    given([registered]).when({ type: 'AmendMember', data: { ...amendment, name: '   ' } }).thenRefusedWith('VALIDATION_FAILED', /nom/);
  });

  it('lets a member leave after it joined', () =>
    given([registered])
      .when({ type: 'LeaveMember', data: { memberId: 'm-1', leftOn: '2026-07-01' } })
      .then([{ type: 'MemberLeft', data: { memberId: 'm-1', leftOn: '2026-07-01' } }]));

  it('refuses a departure that does not follow the joining date', () =>
    given([registered]).when({ type: 'LeaveMember', data: { memberId: 'm-1', leftOn: '2026-01-01' } }).thenRefusedWith('VALIDATION_FAILED'));

  it('refuses a second departure on another day', () =>
    given([registered, { type: 'MemberLeft', data: { memberId: 'm-1', leftOn: '2026-07-01' } }])
      .when({ type: 'LeaveMember', data: { memberId: 'm-1', leftOn: '2026-08-01' } })
      .thenRefusedWith('MEMBER_INACTIVE'));

  it('records nothing more for the same departure asked again, so that its command can finish what followed it', () =>
    given([registered, { type: 'MemberLeft', data: { memberId: 'm-1', leftOn: '2026-07-01' } }])
      .when({ type: 'LeaveMember', data: { memberId: 'm-1', leftOn: '2026-07-01' } })
      .then([]));
});

describe('SIRET', () => {
  it('accepts a Luhn-valid SIRET and refuses a mistyped one', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
  });
  it('accepts La Poste establishments, whose digits add up to a multiple of 5', () => {
    expect(isValidSiret('35600000000010')).toBe(true);
    expect(isValidSiret('35600000000011')).toBe(false);
  });
});
