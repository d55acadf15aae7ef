import { useSyncExternalStore } from 'react';
import { isIsoDate } from '../shared/paris-time.js';

/**
 * The screens, addressed by the URL hash (`#/resources/…`). A hash router needs no server
 * configuration: the API serves `index.html` at `/` and every screen still survives a reload.
 */
export type Route =
  | { name: 'resources' }
  | { name: 'resource-week'; resourceId: string; weekDate: string | null }
  | { name: 'members' }
  | { name: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+|\/+$/g, '');
  const segments = path === '' ? [] : path.split('/').map(safeDecode);
  const [first, second, third, fourth, ...rest] = segments;
  if (rest.length > 0 || segments.includes(null)) return { name: 'not-found' };
  if (first === undefined) return { name: 'resources' };
  if (first === 'members' && second === undefined) return { name: 'members' };
  if (first !== 'resources') return { name: 'not-found' };
  if (second === undefined) return { name: 'resources' };
  if (second === null || second === '') return { name: 'not-found' };
  if (third === undefined) return { name: 'resource-week', resourceId: second, weekDate: null };
  if (third === 'week' && typeof fourth === 'string' && isIsoDate(fourth)) {
    return { name: 'resource-week', resourceId: second, weekDate: fourth };
  }
  return { name: 'not-found' };
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
    case 'resources':
      return '#/resources';
    case 'members':
      return '#/members';
    case 'resource-week': {
      const base = `#/resources/${encodeURIComponent(route.resourceId)}`;
      return route.weekDate ? `${base}/week/${route.weekDate}` : base;
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
