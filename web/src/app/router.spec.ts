import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './router.js';

describe('parseRoute', () => {
  it('opens on the shared resources', () => {
    expect(parseRoute('')).toEqual({ name: 'resources' });
    expect(parseRoute('#/')).toEqual({ name: 'resources' });
    expect(parseRoute('#/resources')).toEqual({ name: 'resources' });
  });

  it('reads a resource week, with or without a date', () => {
    expect(parseRoute('#/resources/r-1')).toEqual({ name: 'resource-week', resourceId: 'r-1', weekDate: null });
    expect(parseRoute('#/resources/r-1/week/2025-03-24')).toEqual({ name: 'resource-week', resourceId: 'r-1', weekDate: '2025-03-24' });
  });

  it('refuses impossible dates and unknown paths rather than guessing', () => {
    expect(parseRoute('#/resources/r-1/week/2025-02-30').name).toBe('not-found');
    expect(parseRoute('#/settlements').name).toBe('not-found');
    expect(parseRoute('#/resources/%E0%A4%A').name).toBe('not-found');
  });

  it('round-trips resource ids that need escaping', () => {
    const route = { name: 'resource-week', resourceId: 'salle/quai é', weekDate: '2025-10-20' } as const;
    expect(parseRoute(routeHref(route))).toEqual(route);
    expect(parseRoute(routeHref({ name: 'members' }))).toEqual({ name: 'members' });
  });
});
