import { describe, expect, it } from 'vitest';
import { homeRouteOf, parseRoute, routeHref } from './router.js';

describe('parseRoute', () => {
  it('opens on each role’s own first screen', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/resources')).toEqual({ name: 'resources' });
    expect(routeHref(homeRouteOf('TREASURER'))).toBe('#/treasury');
    expect(routeHref(homeRouteOf('AUDITOR'))).toBe('#/partners/history');
    expect(routeHref(homeRouteOf('COORDINATOR'))).toBe('#/resources');
    expect(routeHref(homeRouteOf('MEMBER'))).toBe('#/resources');
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
    expect(parseRoute(routeHref({ name: 'accounts' }))).toEqual({ name: 'accounts' });
    expect(parseRoute('#/admin/accounts/someone').name).toBe('not-found');
    expect(parseRoute('#/admin/resources/new')).toEqual({ name: 'resource-new' });
    expect(parseRoute(routeHref({ name: 'resource-settings', resourceId: 'r 1' }))).toEqual({ name: 'resource-settings', resourceId: 'r 1' });
    expect(parseRoute('#/admin/members').name).toBe('not-found');
  });

  it('reads the usage entries’ screen', () => {
    expect(parseRoute(routeHref({ name: 'usage', month: null }))).toEqual({ name: 'usage', month: null });
    expect(routeHref({ name: 'usage', month: null })).toBe('#/usage');
    // The month shown is in the address, so that a reload or a link keeps it.
    expect(routeHref({ name: 'usage', month: '2026-03' })).toBe('#/usage?month=2026-03');
    expect(parseRoute('#/usage?month=2026-03')).toEqual({ name: 'usage', month: '2026-03' });
    expect(parseRoute('#/usage?month=2026-13').name).toBe('not-found');
    expect(parseRoute('#/usage?month=mars').name).toBe('not-found');
    expect(parseRoute('#/usage/someone').name).toBe('not-found');
  });
});

describe('the treasury and partner room screens', () => {
  it('reads the treasury, a period, the member’s own structure and its invoices', () => {
    expect(parseRoute('#/treasury')).toEqual({ name: 'treasury' });
    expect(parseRoute(routeHref({ name: 'period', periodId: 'p/1' }))).toEqual({ name: 'period', periodId: 'p/1' });
    expect(parseRoute('#/my-structure')).toEqual({ name: 'my-structure' });
    expect(parseRoute(routeHref({ name: 'my-invoices' }))).toEqual({ name: 'my-invoices' });
    expect(parseRoute('#/my-invoices/FA-2026-000001').name).toBe('not-found');
    expect(parseRoute(routeHref({ name: 'account' }))).toEqual({ name: 'account' });
    expect(parseRoute('#/account/password').name).toBe('not-found');
    expect(parseRoute('#/treasury/pools').name).toBe('not-found');
  });

  it('round-trips the history’s filters and keeps only the known ones', () => {
    const route = { name: 'history', filters: { member: 'm 1', type: 'CostRecorded', from: '2026-01-01' } } as const;
    expect(parseRoute(routeHref(route))).toEqual(route);
    expect(parseRoute('#/partners/history?colour=blue')).toEqual({ name: 'history', filters: {} });
    expect(parseRoute('#/partners')).toEqual({ name: 'history', filters: {} });
  });

  it('reads one thing’s history, time travel, integrity and impact', () => {
    expect(parseRoute(routeHref({ name: 'thing-history', kind: 'pool', id: 'pool-1' }))).toEqual({ name: 'thing-history', kind: 'pool', id: 'pool-1' });
    expect(parseRoute('#/partners/history/boat/1').name).toBe('not-found');
    expect(parseRoute('#/partners/time-travel')).toEqual({ name: 'time-travel' });
    expect(parseRoute('#/partners/integrity')).toEqual({ name: 'integrity' });
    expect(parseRoute('#/partners/impact')).toEqual({ name: 'impact' });
  });
});
