import { describe, it } from 'vitest';
import { specification } from '../shared/decider-specification.js';
import { type ResourceFacts, resourceDecider } from './resource.js';
import { DEFAULT_BOOKING_RULES } from '../../shared/booking-rules.js';

const given = specification(resourceDecider);
const laserCutter: ResourceFacts = {
  resourceId: 'r-1',
  name: 'Découpeuse laser',
  kind: 'EQUIPMENT',
  capacity: 1,
  hourlyRateCents: 1_500,
  ownerMemberId: 'm-fablab',
  areaM2: null,
  openingHours: [{ weekday: 2, opens: '09:00', closes: '18:00' }],
  rules: DEFAULT_BOOKING_RULES,
  closures: [],
  siteId: null,
};

describe('resource decider', () => {
  it('registers a resource', () =>
    given([]).when({ type: 'RegisterResource', data: laserCutter }).then([{ type: 'ResourceRegistered', data: laserCutter }]));

  it('refuses a capacity of zero', () =>
    given([]).when({ type: 'RegisterResource', data: { ...laserCutter, capacity: 0 } }).thenRefusedWith('VALIDATION_FAILED', /capacité/));

  it('refuses a rate in fractions of a cent', () =>
    given([]).when({ type: 'RegisterResource', data: { ...laserCutter, hourlyRateCents: 12.5 } }).thenRefusedWith('VALIDATION_FAILED'));

  it('refuses an area on anything but a space', () =>
    given([]).when({ type: 'RegisterResource', data: { ...laserCutter, areaM2: 12 } }).thenRefusedWith('VALIDATION_FAILED', /surface/));

  it('refuses opening hours that close before they open', () =>
    given([])
      .when({ type: 'RegisterResource', data: { ...laserCutter, openingHours: [{ weekday: 1, opens: '18:00', closes: '09:00' }] } })
      .thenRefusedWith('VALIDATION_FAILED', /Horaires/));

  it('refuses a minimum duration above the maximum', () =>
    given([])
      .when({ type: 'RegisterResource', data: { ...laserCutter, rules: { ...DEFAULT_BOOKING_RULES, minDurationMinutes: 600, maxDurationMinutes: 60 } } })
      .thenRefusedWith('VALIDATION_FAILED'));

  it('refuses to register the same resource twice', () =>
    given([{ type: 'ResourceRegistered', data: laserCutter }]).when({ type: 'RegisterResource', data: laserCutter }).thenRefusedWith('VALIDATION_FAILED'));
});
