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

describe('the booking screens', () => {
  it('reads a site’s planning with its view, date and kind, and round-trips it', () => {
    expect(parseRoute('#/planning')).toEqual({ name: 'planning', siteId: null, view: 'day', date: null, kind: null });
    const route = { name: 'planning', siteId: 'site quai/1', view: 'week', date: '2025-03-24', kind: 'EQUIPMENT' } as const;
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('refuses a planning with an impossible date, kind or view', () => {
    expect(parseRoute('#/planning?date=2025-02-30').name).toBe('not-found');
    expect(parseRoute('#/planning?kind=BOAT').name).toBe('not-found');
    expect(parseRoute('#/planning?view=month').name).toBe('not-found');
  });

  it('reads the member’s reservations, the approval queue and the admin pages', () => {
    expect(parseRoute('#/my-reservations')).toEqual({ name: 'my-reservations' });
    expect(parseRoute('#/approvals')).toEqual({ name: 'approvals' });
    expect(parseRoute('#/admin/sites')).toEqual({ name: 'sites' });
    expect(parseRoute('#/admin/resources/new')).toEqual({ name: 'resource-new' });
    expect(parseRoute(routeHref({ name: 'resource-settings', resourceId: 'r 1' }))).toEqual({ name: 'resource-settings', resourceId: 'r 1' });
    expect(parseRoute('#/admin/members').name).toBe('not-found');
  });
});
