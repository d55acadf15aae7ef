import { useSyncExternalStore } from 'react';
import type { ResourceKind } from '../shared/generated/graphql.js';
import { RESOURCE_KINDS } from '../shared/graphql-types.js';
import { isIsoDate } from '../../../shared/paris-time.js';

/**
 * The screens, addressed by the URL hash (`#/resources/…`). A hash router needs no server
 * configuration: the API serves `index.html` at `/` and every screen still survives a reload.
 */
export type Route =
  | { name: 'home' }
  | { name: 'resources' }
  | { name: 'resource-week'; resourceId: string; weekDate: string | null }
  | { name: 'planning'; siteId: string | null; view: 'day' | 'week'; date: string | null; kind: ResourceKind | null }
  | { name: 'my-reservations' }
  /** `month` (`YYYY-MM`) shown; null for the current one. */
  | { name: 'usage'; month: string | null }
  | { name: 'approvals' }
  | { name: 'members' }
  | { name: 'resource-new' }
  | { name: 'resource-settings'; resourceId: string }
  | { name: 'sites' }
  | { name: 'accounts' }
  | { name: 'treasury' }
  | { name: 'period'; periodId: string }
  | { name: 'my-structure' }
  | { name: 'my-invoices' }
  | { name: 'account' }
  /** Opened from an invitation or password-reset mail, signed in or not. */
  | { name: 'choose-password'; token: string }
  | { name: 'history'; filters: HistoryFilters }
  | { name: 'thing-history'; kind: HistorySubject; id: string }
  | { name: 'time-travel' }
  | { name: 'integrity' }
  | { name: 'impact' }
  | { name: 'not-found' };

/** What one thing's own history page is about. */
export const HISTORY_SUBJECTS = ['member', 'resource', 'pool', 'period'] as const;
export type HistorySubject = (typeof HISTORY_SUBJECTS)[number];

/** The history's filters as the URL carries them, so a filtered list can be linked and reloaded. */
export const HISTORY_FILTER_NAMES = ['member', 'resource', 'pool', 'type', 'actor', 'from', 'to'] as const;
export type HistoryFilters = Partial<Record<(typeof HISTORY_FILTER_NAMES)[number], string>>;

const NOT_FOUND: Route = { name: 'not-found' };

export function parseRoute(hash: string): Route {
  const [rawPath = '', query] = hash.replace(/^#/, '').split('?', 2);
  const path = rawPath.replace(/^\/+|\/+$/g, '');
  const segments = path === '' ? [] : path.split('/').map(safeDecode);
  if (segments.includes(null)) return NOT_FOUND;
  const [first, ...rest] = segments as string[];
  switch (first) {
    case undefined:
      return { name: 'home' };
    case 'resources':
      return parseResources(rest);
    case 'planning':
      return rest.length === 0 ? parsePlanning(new URLSearchParams(query ?? '')) : NOT_FOUND;
    case 'my-reservations':
      return rest.length === 0 ? { name: 'my-reservations' } : NOT_FOUND;
    case 'usage':
      return rest.length === 0 ? parseUsage(new URLSearchParams(query ?? '')) : NOT_FOUND;
    case 'approvals':
      return rest.length === 0 ? { name: 'approvals' } : NOT_FOUND;
    case 'members':
      return rest.length === 0 ? { name: 'members' } : NOT_FOUND;
    case 'admin':
      return parseAdmin(rest);
    case 'treasury':
      if (rest.length === 0) return { name: 'treasury' };
      return rest.length === 2 && rest[0] === 'periods' && rest[1] !== '' ? { name: 'period', periodId: rest[1]! } : NOT_FOUND;
    case 'my-structure':
      return rest.length === 0 ? { name: 'my-structure' } : NOT_FOUND;
    case 'my-invoices':
      return rest.length === 0 ? { name: 'my-invoices' } : NOT_FOUND;
    case 'account':
      return rest.length === 0 ? { name: 'account' } : NOT_FOUND;
    case 'choose-password':
      return rest.length === 0 ? { name: 'choose-password', token: new URLSearchParams(query ?? '').get('token') ?? '' } : NOT_FOUND;
    case 'partners':
      return parsePartners(rest, new URLSearchParams(query ?? ''));
    default:
      return NOT_FOUND;
  }
}

function parseResources([resourceId, third, fourth, ...rest]: string[]): Route {
  if (rest.length > 0) return NOT_FOUND;
  if (resourceId === undefined) return { name: 'resources' };
  if (resourceId === '') return NOT_FOUND;
  if (third === undefined) return { name: 'resource-week', resourceId, weekDate: null };
  if (third === 'week' && typeof fourth === 'string' && isIsoDate(fourth)) return { name: 'resource-week', resourceId, weekDate: fourth };
  return NOT_FOUND;
}

function parseAdmin([area, id, ...rest]: string[]): Route {
  if (rest.length > 0) return NOT_FOUND;
  if (area === 'sites' && id === undefined) return { name: 'sites' };
  if (area === 'accounts' && id === undefined) return { name: 'accounts' };
  if (area !== 'resources' || id === undefined || id === '') return NOT_FOUND;
  return id === 'new' ? { name: 'resource-new' } : { name: 'resource-settings', resourceId: id };
}

function parsePartners([area, kind, id, ...rest]: string[], query: URLSearchParams): Route {
  if (rest.length > 0) return NOT_FOUND;
  if (area === undefined || (area === 'history' && kind === undefined)) {
    const filters: HistoryFilters = {};
    for (const name of HISTORY_FILTER_NAMES) {
      const value = query.get(name);
      if (value) filters[name] = value;
    }
    return { name: 'history', filters };
  }
  if (area === 'history') {
    const subject = HISTORY_SUBJECTS.find((known) => known === kind);
    return subject && id ? { name: 'thing-history', kind: subject, id } : NOT_FOUND;
  }
  if (kind !== undefined) return NOT_FOUND;
  if (area === 'time-travel') return { name: 'time-travel' };
  if (area === 'integrity') return { name: 'integrity' };
  if (area === 'impact') return { name: 'impact' };
  return NOT_FOUND;
}

function parseUsage(query: URLSearchParams): Route {
  const month = query.get('month');
  if (month !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return NOT_FOUND;
  return { name: 'usage', month };
}

function parsePlanning(query: URLSearchParams): Route {
  const date = query.get('date');
  const kind = query.get('kind');
  const view = query.get('view');
  if (date !== null && !isIsoDate(date)) return NOT_FOUND;
  if (kind !== null && !RESOURCE_KINDS.some((known) => known === kind)) return NOT_FOUND;
  if (view !== null && view !== 'day' && view !== 'week') return NOT_FOUND;
  return {
    name: 'planning',
    siteId: query.get('site') || null,
    view: view === 'week' ? 'week' : 'day',
    date,
    kind: RESOURCE_KINDS.find((known) => known === kind) ?? null,
  };
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function routeHref(route: Exclude<Route, { name: 'not-found' }>): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'resources':
      return '#/resources';
    case 'members':
      return '#/members';
    case 'my-reservations':
      return '#/my-reservations';
    case 'usage':
      return route.month ? `#/usage?month=${route.month}` : '#/usage';
    case 'approvals':
      return '#/approvals';
    case 'sites':
      return '#/admin/sites';
    case 'accounts':
      return '#/admin/accounts';
    case 'resource-new':
      return '#/admin/resources/new';
    case 'resource-settings':
      return `#/admin/resources/${encodeURIComponent(route.resourceId)}`;
    case 'treasury':
      return '#/treasury';
    case 'period':
      return `#/treasury/periods/${encodeURIComponent(route.periodId)}`;
    case 'my-structure':
      return '#/my-structure';
    case 'my-invoices':
      return '#/my-invoices';
    case 'account':
      return '#/account';
    case 'choose-password':
      return `#/choose-password?token=${encodeURIComponent(route.token)}`;
    case 'history': {
      const text = new URLSearchParams(Object.entries(route.filters).filter(([, value]) => value)).toString();
      return text === '' ? '#/partners/history' : `#/partners/history?${text}`;
    }
    case 'thing-history':
      return `#/partners/history/${route.kind}/${encodeURIComponent(route.id)}`;
    case 'time-travel':
      return '#/partners/time-travel';
    case 'integrity':
      return '#/partners/integrity';
    case 'impact':
      return '#/partners/impact';
    case 'resource-week': {
      const base = `#/resources/${encodeURIComponent(route.resourceId)}`;
      return route.weekDate ? `${base}/week/${route.weekDate}` : base;
    }
    case 'planning': {
      const query = new URLSearchParams();
      if (route.siteId) query.set('site', route.siteId);
      if (route.view === 'week') query.set('view', 'week');
      if (route.date) query.set('date', route.date);
      if (route.kind) query.set('kind', route.kind);
      const text = query.toString();
      return text === '' ? '#/planning' : `#/planning?${text}`;
    }
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, re-rendering on every hash change (links, back and forward buttons). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

/** Goes to `href` in place of the current address, so that « Précédent » does not come back to it. */
export function replaceRoute(href: string): void {
  window.location.replace(href.startsWith('#') ? href : `#${href}`);
}

/**
 * Where each role starts: the treasurer on the treasury, an auditor in the partner room's history,
 * a coordinator and a member on the shared resources they book.
 */
export function homeRouteOf(role: string): Exclude<Route, { name: 'home' | 'not-found' }> {
  switch (role) {
    case 'TREASURER':
      return { name: 'treasury' };
    case 'AUDITOR':
      return { name: 'history', filters: {} };
    default:
      return { name: 'resources' };
  }
}
