import type { ResourceKind } from '../../shared/generated/graphql.js';
import type { SettingsProblem } from './booking-settings-form.js';
import { parseEurosToCents } from './money-input.js';
import type { RegisterResourceInput } from './register-resource-mutation.js';

/** What identifies a new resource, as typed. */
export interface IdentityForm {
  name: string;
  kind: ResourceKind;
  siteId: string;
  capacity: string;
  hourlyRate: string;
  ownerMemberId: string;
  area: string;
}

const MAX_CAPACITY = 10_000;

/** Checks what identifies the resource; the booking settings are checked apart. */
export function readIdentity(form: IdentityForm): { ok: true; input: Omit<RegisterResourceInput, 'openingHours' | 'rules' | 'closures'> } | { ok: false; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const name = form.name.trim();
  if (name === '' || name.length > 200) problems.push({ field: 'name', message: 'resourceForm.error.name' });
  const capacity = /^\d{1,5}$/.test(form.capacity.trim()) ? Number(form.capacity.trim()) : NaN;
  if (!(capacity >= 1 && capacity <= MAX_CAPACITY)) problems.push({ field: 'capacity', message: 'resourceForm.error.capacity', params: { max: MAX_CAPACITY } });
  const hourlyRateCents = form.hourlyRate.trim() === '' ? 0 : parseEurosToCents(form.hourlyRate);
  if (hourlyRateCents === undefined) problems.push({ field: 'hourlyRate', message: 'resourceForm.error.hourlyRate' });
  const areaText = form.area.trim().replace(',', '.');
  const areaM2 = form.kind === 'SPACE' && areaText !== '' ? Number(areaText) : undefined;
  if (areaM2 !== undefined && !(areaM2 > 0 && areaM2 <= 1_000_000)) problems.push({ field: 'area', message: 'resourceForm.error.area' });
  if (problems.length > 0 || hourlyRateCents === undefined) return { ok: false, problems };
  return {
    ok: true,
    input: {
      name,
      kind: form.kind,
      capacity,
      hourlyRateCents,
      ...(form.siteId ? { siteId: form.siteId } : {}),
      ...(form.ownerMemberId ? { ownerMemberId: form.ownerMemberId } : {}),
      ...(areaM2 !== undefined ? { areaM2 } : {}),
    },
  };
}
