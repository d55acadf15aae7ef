import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Provider } from 'urql';
import { AccountScreen } from '../features/account/index.js';
import { ChoosePasswordScreen, LoginScreen, useMeQuery, type LoginNotice } from '../features/auth/index.js';
import { MembersScreen } from '../features/members/index.js';
import { createGraphqlClient } from '../shared/graphql-client.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { LiveUpdatesNotice, LiveUpdatesProvider } from '../shared/live-updates.js';
import { clearStoredToken, readStoredToken, storeToken, subscribeToStoredToken } from '../shared/session-token.js';
import { QueryStatus } from '../shared/ui/query-status.js';
import type { Viewer } from '../shared/viewer.js';
import { AppFooter } from './app-footer.js';
import { AppHeader, LocaleSwitch, sectionTitleKey } from './app-header.js';
import { AdministrationArea, BookingArea, isAdministrationRoute, isBookingRoute, isPartnerRoomRoute, isTreasuryRoute, PartnerRoomArea, TreasuryArea } from './area-screens.js';
import { homeRouteOf, navigate, replaceRoute, routeHref, useRoute, type Route } from './router.js';

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
    <LiveUpdatesProvider>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <AppHeader viewer={viewer} route={route} onLoggedOut={() => onSessionEnded('loggedOut')} />
      <RoutedMain viewer={viewer} route={route} />
      <AppFooter />
    </LiveUpdatesProvider>
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
      <LiveUpdatesNotice />
      {isPartnerRoomRoute(route) && viewer.role !== 'MEMBER' ? <PartnerRoomNav route={route} /> : null}
      <Screen viewer={viewer} route={route} />
    </main>
  );
}

/** `#/` (just signed in, or the address typed bare) opens the role's own first screen. */
function GoHome({ role }: { role: string }) {
  useEffect(() => replaceRoute(routeHref(homeRouteOf(role))), [role]);
  return null;
}

/** The screen for the route: each area's routes are answered by that area. */
function Screen({ viewer, route }: { viewer: Viewer; route: Route }) {
  const { t } = useI18n();
  if (isBookingRoute(route)) return <BookingArea viewer={viewer} route={route} />;
  if (isAdministrationRoute(route)) return <AdministrationArea viewer={viewer} route={route} />;
  if (isTreasuryRoute(route)) return <TreasuryArea viewer={viewer} route={route} />;
  if (isPartnerRoomRoute(route)) return <PartnerRoomArea viewer={viewer} route={route} />;
  switch (route.name) {
    case 'home':
      return <GoHome role={viewer.role} />;
    case 'members':
      return <MembersScreen viewer={viewer} />;
    case 'account':
      return <AccountScreen viewer={viewer} />;
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
