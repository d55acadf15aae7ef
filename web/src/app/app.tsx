import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Provider } from 'urql';
import { MyStructureScreen, PeriodScreen, TreasuryScreen } from '../features/finance/index.js';
import { HistoryScreen, ImpactScreen, IntegrityScreen, ThingHistoryScreen, TimeTravelScreen } from '../features/partner-room/index.js';
import { AccountScreen } from '../features/account/index.js';
import { AccountsScreen } from '../features/accounts/index.js';
import { ApprovalsScreen } from '../features/approvals/index.js';
import { ChoosePasswordScreen, LoginScreen, useMeQuery, type LoginNotice } from '../features/auth/index.js';
import { CalendarFeedsSection } from '../features/calendar-feeds/index.js';
import { MembersScreen } from '../features/members/index.js';
import { MyReservationsScreen, PlanningScreen, WeekScreen, type PlanningParams } from '../features/reservations/index.js';
import { ResourceCreateScreen, ResourceSettingsScreen, SitesScreen } from '../features/resource-admin/index.js';
import { ResourcesScreen } from '../features/resources/index.js';
import { createGraphqlClient } from '../shared/graphql-client.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { clearStoredToken, readStoredToken, storeToken, subscribeToStoredToken } from '../shared/session-token.js';
import { QueryStatus } from '../shared/ui/query-status.js';
import type { Viewer } from '../shared/viewer.js';
import { AppFooter } from './app-footer.js';
import { AppHeader, LocaleSwitch, sectionTitleKey } from './app-header.js';
import { homeRouteOf, navigate, replaceRoute, routeHref, useRoute, type HistorySubject, type Route } from './router.js';

interface Session {
  token: string | null;
  /** Why the login screen is shown, when it is not the first visit. */
  notice: LoginNotice | null;
}

export function App() {
  const [session, setSession] = useState<Session>(() => ({ token: readStoredToken(), notice: null }));
  const token = session.token;
  const route = useRoute();
  const startSession = useCallback((newToken: string) => {
    storeToken(newToken);
    setSession({ token: newToken, notice: null });
  }, []);

  const endSession = useCallback((notice: LoginNotice) => {
    clearStoredToken();
    setSession({ token: null, notice });
  }, []);

  useEffect(
    () => subscribeToStoredToken((stored) => setSession((current) => (current.token === stored ? current : { token: stored, notice: stored ? null : 'loggedOut' }))),
    [],
  );

  const client = useMemo(
    () =>
      createGraphqlClient({
        token,
        // Only the session this client was built for may be ended by its answers.
        onUnauthenticated: () =>
          setSession((current) => {
            if (current.token !== token) return current;
            clearStoredToken();
            return { token: null, notice: 'sessionExpired' };
          }),
      }),
    [token],
  );

  return (
    <Provider value={client}>
      {route.name === 'choose-password' ? (
        // Whoever is signed in on this browser, the link's holder chooses their password and signs in with it.
        <ChoosePasswordScreen
          token={route.token}
          onSignedIn={(newToken) => {
            startSession(newToken);
            navigate(routeHref({ name: 'home' }));
          }}
        />
      ) : token ? (
        <SignedInApp key={token} onSessionEnded={endSession} />
      ) : (
        <>
          {/* A landmark of its own: every part of the page belongs to one (RGAA 12.6). */}
          <header className="login-locale">
            <LocaleSwitch />
          </header>
          <LoginScreen notice={session.notice} onLoggedIn={startSession} />
          <AppFooter />
        </>
      )}
    </Provider>
  );
}

function SignedInApp({ onSessionEnded }: { onSessionEnded: (notice: LoginNotice) => void }) {
  const { t } = useI18n();
  const [{ data, error, fetching }, reexecute] = useMeQuery();
  const route = useRoute();
  const viewer = data?.me ?? null;

  // A token the server no longer knows reads as `me: null` rather than as an error.
  useEffect(() => {
    if (data && data.me === null) onSessionEnded('sessionExpired');
  }, [data, onSessionEnded]);

  if (!viewer) {
    return (
      <main id="main" className="page" tabIndex={-1}>
        {/* Still loading while an expired session is being ended, until the sign-in page replaces this. */}
        <QueryStatus fetching={fetching || !error} hasData={false} error={error} reexecute={reexecute} />
      </main>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <AppHeader viewer={viewer} route={route} onLoggedOut={() => onSessionEnded('loggedOut')} />
      <RoutedMain viewer={viewer} route={route} />
      <AppFooter />
    </>
  );
}

/** The skip link must not change the hash: the hash is the router's. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function RoutedMain({ viewer, route }: { viewer: Viewer; route: Route }) {
  const mainRef = useRef<HTMLElement>(null);
  const { t } = useI18n();
  // Changing week within a resource, or day, site or kind within the planning, is the same screen.
  const routeKey = JSON.stringify(route.name === 'resource-week' ? { ...route, weekDate: null } : route.name === 'planning' ? { name: 'planning' } : route);
  const firstRender = useRef(true);

  const titleKey = sectionTitleKey(route);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: t(titleKey) });
  }, [titleKey, t]);

  // Moving to another screen puts keyboard and screen-reader focus at the top of its content;
  // changing week within a resource keeps focus on the week buttons.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
    window.scrollTo(0, 0);
  }, [routeKey]);

  return (
    <main id="main" ref={mainRef} className="page" tabIndex={-1}>
      {['history', 'thing-history', 'time-travel', 'integrity', 'impact'].includes(route.name) && viewer.role !== 'MEMBER' ? <PartnerRoomNav route={route} /> : null}
      <Screen viewer={viewer} route={route} />
    </main>
  );
}

/** `#/` (just signed in, or the address typed bare) opens the role's own first screen. */
function GoHome({ role }: { role: string }) {
  useEffect(() => replaceRoute(routeHref(homeRouteOf(role))), [role]);
  return null;
}

function Screen({ viewer, route }: { viewer: Viewer; route: Route }) {
  const { t } = useI18n();
  const resourceHref = (resourceId: string) => routeHref({ name: 'resource-week', resourceId, weekDate: null });
  const planningHref = (params: PlanningParams) => routeHref({ name: 'planning', ...params });
  const isCoordinator = viewer.role === 'COORDINATOR';
  switch (route.name) {
    case 'home':
      return <GoHome role={viewer.role} />;
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
    case 'members':
      return <MembersScreen viewer={viewer} />;
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
    case 'resource-new':
      return isCoordinator ? (
        <ResourceCreateScreen
          resourcesHref={routeHref({ name: 'resources' })}
          onCreated={(resourceId) => navigate(resourceHref(resourceId))}
        />
      ) : (
        <CoordinationOnly />
      );
    case 'resource-settings':
      return isCoordinator ? (
        <ResourceSettingsScreen resourceId={route.resourceId} resourceHref={resourceHref} resourcesHref={routeHref({ name: 'resources' })} />
      ) : (
        <CoordinationOnly />
      );
    case 'sites':
      return isCoordinator ? (
        <SitesScreen
          planningHref={(siteId) => planningHref({ siteId, view: 'day', date: null, kind: null })}
          resourcesHref={routeHref({ name: 'resources' })}
        />
      ) : (
        <CoordinationOnly />
      );
    case 'accounts':
      return isCoordinator ? <AccountsScreen viewer={viewer} /> : <CoordinationOnly />;
    case 'treasury':
      return isBookReader(viewer) ? <TreasuryScreen viewer={viewer} periodHref={(periodId) => routeHref({ name: 'period', periodId })} /> : <NotForRole />;
    case 'period':
      return isBookReader(viewer) ? <PeriodScreen viewer={viewer} periodId={route.periodId} treasuryHref={routeHref({ name: 'treasury' })} /> : <NotForRole />;
    case 'my-structure':
      return viewer.member ? <MyStructureScreen viewer={viewer} /> : <NotForRole />;
    case 'account':
      return <AccountScreen viewer={viewer} />;
    case 'history':
      return isBookReader(viewer) ? (
        <HistoryScreen filters={route.filters} historyHref={(filters) => routeHref({ name: 'history', filters })} thingHref={thingHref} />
      ) : <NotForRole />;
    case 'thing-history':
      return isBookReader(viewer) ? (
        <ThingHistoryScreen key={`${route.kind}-${route.id}`} kind={route.kind} id={route.id} historyHref={routeHref({ name: 'history', filters: {} })} thingHref={thingHref} />
      ) : <NotForRole />;
    case 'time-travel':
      return isBookReader(viewer) ? <TimeTravelScreen thingHref={thingHref} /> : <NotForRole />;
    case 'integrity':
      return isBookReader(viewer) ? <IntegrityScreen /> : <NotForRole />;
    case 'impact':
      return isBookReader(viewer) ? <ImpactScreen /> : <NotForRole />;
    // Answered by `App` before any session is looked at.
    case 'choose-password':
    case 'not-found':
      return (
        <>
          <h1>{t('app.notFound')}</h1>
          <p>
            <a href={routeHref({ name: 'resources' })}>{t('app.backHome')}</a>
          </p>
        </>
      );
  }
}

/** The treasury and the partner room are read by the pôle's staff and auditors; a member reads « Ma structure ». */
function isBookReader(viewer: Viewer): boolean {
  return viewer.role === 'TREASURER' || viewer.role === 'COORDINATOR' || viewer.role === 'AUDITOR';
}

function thingHref(kind: HistorySubject, id: string): string {
  return routeHref({ name: 'thing-history', kind, id });
}

/** The partner room's own tabs: history, time travel, integrity, impact. */
function PartnerRoomNav({ route }: { route: Route }) {
  const { t } = useI18n();
  const tabs = [
    { name: 'history', href: routeHref({ name: 'history', filters: {} }), label: t('partners.nav.history'), current: route.name === 'history' || route.name === 'thing-history' },
    { name: 'time-travel', href: routeHref({ name: 'time-travel' }), label: t('partners.nav.timeTravel'), current: route.name === 'time-travel' },
    { name: 'integrity', href: routeHref({ name: 'integrity' }), label: t('partners.nav.integrity'), current: route.name === 'integrity' },
    { name: 'impact', href: routeHref({ name: 'impact' }), label: t('partners.nav.impact'), current: route.name === 'impact' },
  ];
  return (
    <nav className="sub-nav" aria-label={t('partners.nav.label')}>
      {tabs.map((tab) => (
        <a key={tab.name} href={tab.href} aria-current={tab.current ? 'page' : undefined}>{tab.label}</a>
      ))}
    </nav>
  );
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
