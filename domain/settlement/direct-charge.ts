import { assert } from '../shared/errors.js';

/**
 * The direct charge of one reservation or usage entry of a resource with an hourly rate:
 * `round_half_up(durationMinutes × quantity × hourlyRateCents / 60)`, in integers only, so that
 * 3 min at 10,10 €/h is exactly 50,5 cents and becomes 51, never 50 through a binary 50.4999….
 * The owning member, if any, is credited the same amount; staff time uses the hourly cost.
 */
export function directChargeCents(durationMinutes: number, quantity: number, hourlyRateCents: number): number {
  for (const [name, value] of Object.entries({ durationMinutes, quantity, hourlyRateCents })) {
    assert(Number.isSafeInteger(value) && value >= 0, `${name} is a non-negative safe integer, not ${value}`);
  }
  const totalMinuteCents = BigInt(durationMinutes) * BigInt(quantity) * BigInt(hourlyRateCents);
  // For a non-negative x, round_half_up(x / 60) = floor((x + 30) / 60), and BigInt division floors.
  const chargeCents = (totalMinuteCents + 30n) / 60n;
  assert(chargeCents <= BigInt(Number.MAX_SAFE_INTEGER), `a charge of ${chargeCents} cents is not a safe integer`);
  return Number(chargeCents);
}
