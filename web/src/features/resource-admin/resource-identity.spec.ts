import { describe, expect, it } from 'vitest';
import { readIdentity, type IdentityForm } from './resource-identity.js';

const laser: IdentityForm = { name: ' Découpeuse laser ', kind: 'EQUIPMENT', siteId: 'site-quai', capacity: '1', hourlyRate: '25,50', ownerMemberId: 'fablab', area: '' };

describe('readIdentity', () => {
  it('builds the resource’s identity, with its rate in cents', () => {
    expect(readIdentity(laser)).toEqual({
      ok: true,
      input: { name: 'Découpeuse laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 2_550, siteId: 'site-quai', ownerMemberId: 'fablab' },
    });
  });

  it('leaves out what is not chosen: no site, the pôle as owner, a pooled rate', () => {
    expect(readIdentity({ ...laser, siteId: '', ownerMemberId: '', hourlyRate: '' })).toEqual({
      ok: true,
      input: { name: 'Découpeuse laser', kind: 'EQUIPMENT', capacity: 1, hourlyRateCents: 0 },
    });
  });

  it('keeps an area only for a space', () => {
    expect(readIdentity({ ...laser, kind: 'SPACE', area: '42,5' })).toMatchObject({ ok: true, input: { areaM2: 42.5 } });
    const machine = readIdentity({ ...laser, area: '42' });
    expect(machine.ok && machine.input.areaM2).toBeUndefined();
  });

  it('names each field that is wrong', () => {
    const read = readIdentity({ ...laser, name: '  ', capacity: '0', hourlyRate: '25,505', kind: 'SPACE', area: '-3' });
    expect(read.ok ? [] : read.problems.map((problem) => problem.field)).toEqual(['name', 'capacity', 'hourlyRate', 'area']);
  });
});
