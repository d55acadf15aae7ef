import { MyInvoicesScreen, MyStructureScreen, PeriodScreen, TreasuryScreen } from '../features/finance/index.js';
import { HistoryScreen, ImpactScreen, IntegrityScreen, ThingHistoryScreen, TimeTravelScreen } from '../features/partner-room/index.js';
import { AccountsScreen } from '../features/accounts/index.js';
import { ApprovalsScreen } from '../features/approvals/index.js';
import { CalendarFeedsSection } from '../features/calendar-feeds/index.js';
import { MyReservationsScreen, PlanningScreen, WeekScreen, type PlanningParams } from '../features/reservations/index.js';
import { ResourceCreateScreen, ResourceSettingsScreen, SitesScreen } from '../features/resource-admin/index.js';
import { ResourcesScreen } from '../features/resources/index.js';
import { UsageScreen } from '../features/usage/index.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { Viewer } from '../shared/viewer.js';
import { navigate, routeHref, type HistorySubject, type Route } from './router.js';

/*
 * The screens of the app's areas (booking, administration, treasury, partner room): each area answers
 * its own routes, and says so when the viewer's role may not see them.
 */

type RouteNamed<Name extends Route['name']> = Extract<Route, { name: Name }>;

const BOOKING_ROUTES = ['resources', 'planning', 'my-reservations', 'usage', 'approvals', 'resource-week'] as const;
const ADMINISTRATION_ROUTES = ['resource-new', 'resource-settings', 'sites', 'accounts'] as const;
const TREASURY_ROUTES = ['treasury', 'period', 'my-structure', 'my-invoices'] as const;
const PARTNER_ROOM_ROUTES = ['history', 'thing-history', 'time-travel', 'integrity', 'impact'] as const;

type BookingRoute = RouteNamed<(typeof BOOKING_ROUTES)[number]>;
type AdministrationRoute = RouteNamed<(typeof ADMINISTRATION_ROUTES)[number]>;
type TreasuryRoute = RouteNamed<(typeof TREASURY_ROUTES)[number]>;
type PartnerRoomRoute = RouteNamed<(typeof PARTNER_ROOM_ROUTES)[number]>;

/** A guard telling whether a route is one of `names`, narrowing it to those routes. */
function routeNamedOneOf<const Names extends readonly Route['name'][]>(names: Names) {
  return (route: Route): route is RouteNamed<Names[number]> => names.includes(route.name);
}

export const isBookingRoute = routeNamedOneOf(BOOKING_ROUTES);
export const isAdministrationRoute = routeNamedOneOf(ADMINISTRATION_ROUTES);
export const isTreasuryRoute = routeNamedOneOf(TREASURY_ROUTES);
export const isPartnerRoomRoute = routeNamedOneOf(PARTNER_ROOM_ROUTES);

function resourceHref(resourceId: string): string {
  return routeHref({ name: 'resource-week', resourceId, weekDate: null });
}

function planningHref(params: PlanningParams): string {
  return routeHref({ name: 'planning', ...params });
}

function thingHref(kind: HistorySubject, id: string): string {
  return routeHref({ name: 'thing-history', kind, id });
}

/** Resources, their weeks, the planning, one's reservations, usage entries and reservations awaiting approval. */
export function BookingArea({ viewer, route }: { viewer: Viewer; route: BookingRoute }) {
  const isCoordinator = viewer.role === 'COORDINATOR';
  switch (route.name) {
    case 'resources':
      return (
        <ResourcesScreen
          resourceHref={resourceHref}
          planningHref={planningHref({ siteId: null, view: 'day', date: null, kind: null })}
          admin={
            isCoordinator
              ? {
                  newResourceHref: routeHref({ name: 'resource-new' }),
                  sitesHref: routeHref({ name: 'sites' }),
                  settingsHref: (resourceId) => routeHref({ name: 'resource-settings', resourceId }),
                }
              : null
          }
        />
      );
    case 'planning': {
      const { name: _name, ...params } = route;
      return (
        <PlanningScreen
          viewer={viewer}
          params={params}
          planningHref={planningHref}
          showPlanning={(next) => navigate(planningHref(next))}
          resourceHref={resourceHref}
        />
      );
    }
    case 'my-reservations':
      return (
        <MyReservationsScreen viewer={viewer} resourceHref={resourceHref}>
          {viewer.member ? <CalendarFeedsSection target={{ kind: 'member', memberId: viewer.member.id, name: viewer.member.name }} /> : null}
        </MyReservationsScreen>
      );
    case 'usage':
      // Entered by the structure that used the resource, or by the coordination for it.
      return viewer.role === 'COORDINATOR' || viewer.role === 'MEMBER' ? <UsageScreen viewer={viewer} month={route.month} showMonth={(month) => navigate(routeHref({ name: 'usage', month }))} /> : <NotForRole />;
    case 'approvals':
      return <ApprovalsScreen resourceHref={resourceHref} />;
    case 'resource-week': {
      const weekHref = (date: string) => routeHref({ name: 'resource-week', resourceId: route.resourceId, weekDate: date });
      return (
        <WeekScreen
          viewer={viewer}
          resourceId={route.resourceId}
          weekDate={route.weekDate}
          resourcesHref={routeHref({ name: 'resources' })}
          weekHref={weekHref}
          showWeek={(date) => navigate(weekHref(date))}
          settingsHref={isCoordinator ? routeHref({ name: 'resource-settings', resourceId: route.resourceId }) : null}
          extraSections={(resource) => <CalendarFeedsSection target={{ kind: 'resource', resourceId: resource.id, name: resource.name }} />}
        />
      );
    }
  }
}

/** The coordination's own screens: a new resource, a resource's settings, the sites, the accounts. */
export function AdministrationArea({ viewer, route }: { viewer: Viewer; route: AdministrationRoute }) {
  if (viewer.role !== 'COORDINATOR') return <CoordinationOnly />;
  switch (route.name) {
    case 'resource-new':
      return <ResourceCreateScreen resourcesHref={routeHref({ name: 'resources' })} onCreated={(resourceId) => navigate(resourceHref(resourceId))} />;
    case 'resource-settings':
      return <ResourceSettingsScreen resourceId={route.resourceId} resourceHref={resourceHref} resourcesHref={routeHref({ name: 'resources' })} />;
    case 'sites':
      return (
        <SitesScreen
          planningHref={(siteId) => planningHref({ siteId, view: 'day', date: null, kind: null })}
          resourcesHref={routeHref({ name: 'resources' })}
        />
      );
    case 'accounts':
      return <AccountsScreen viewer={viewer} />;
  }
}

/** The pôle's books and their periods, or a member's own structure and invoices. */
export function TreasuryArea({ viewer, route }: { viewer: Viewer; route: TreasuryRoute }) {
  switch (route.name) {
    case 'treasury':
      return isBookReader(viewer) ? <TreasuryScreen viewer={viewer} periodHref={(periodId) => routeHref({ name: 'period', periodId })} /> : <NotForRole />;
    case 'period':
      return isBookReader(viewer) ? <PeriodScreen viewer={viewer} periodId={route.periodId} treasuryHref={routeHref({ name: 'treasury' })} /> : <NotForRole />;
    case 'my-structure':
      return viewer.member ? <MyStructureScreen viewer={viewer} /> : <NotForRole />;
    case 'my-invoices':
      return viewer.member ? <MyInvoicesScreen member={viewer.member} /> : <NotForRole />;
  }
}

/** The partner room: the history, one thing's history, time travel, integrity and impact. */
export function PartnerRoomArea({ viewer, route }: { viewer: Viewer; route: PartnerRoomRoute }) {
  if (!isBookReader(viewer)) return <NotForRole />;
  switch (route.name) {
    case 'history':
      return <HistoryScreen filters={route.filters} historyHref={(filters) => routeHref({ name: 'history', filters })} thingHref={thingHref} />;
    case 'thing-history':
      return (
        <ThingHistoryScreen key={`${route.kind}-${route.id}`} kind={route.kind} id={route.id} historyHref={routeHref({ name: 'history', filters: {} })} thingHref={thingHref} />
      );
    case 'time-travel':
      return <TimeTravelScreen thingHref={thingHref} />;
    case 'integrity':
      return <IntegrityScreen />;
    case 'impact':
      return <ImpactScreen />;
  }
}

/** The treasury and the partner room are read by the pôle's staff and auditors; a member reads « Ma structure ». */
function isBookReader(viewer: Viewer): boolean {
  return viewer.role === 'TREASURER' || viewer.role === 'COORDINATOR' || viewer.role === 'AUDITOR';
}

function NotForRole() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('app.notForRole')}</h1>
      <p>
        <a href={routeHref({ name: 'resources' })}>{t('app.backHome')}</a>
      </p>
    </>
  );
}

function CoordinationOnly() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('app.coordinationOnly')}</h1>
      <p>
        <a href={routeHref({ name: 'resources' })}>{t('app.backHome')}</a>
      </p>
    </>
  );
}
