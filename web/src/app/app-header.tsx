import { ApprovalsNavLink } from '../features/approvals/index.js';
import { LogoutButton } from '../features/auth/index.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { LOCALES } from '../shared/i18n/locale.js';
import type { Viewer } from '../shared/viewer.js';
import { routeHref, type Route } from './router.js';

export interface AppHeaderProps {
  viewer: Viewer;
  route: Route;
  onLoggedOut: () => void;
}

export function AppHeader({ viewer, route, onLoggedOut }: AppHeaderProps) {
  const { t, label } = useI18n();
  const section = sectionOf(route);
  const planningHref = routeHref({ name: 'planning', siteId: null, view: 'day', date: null, kind: null });
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <a className="brand" href={routeHref({ name: 'resources' })}>
          {t('app.name')}
          <span className="brand-tagline">{t('app.tagline')}</span>
        </a>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <a href={planningHref} aria-current={section === 'planning' ? 'page' : undefined}>
            {t('nav.planning')}
          </a>
          <a href={routeHref({ name: 'resources' })} aria-current={section === 'resources' ? 'page' : undefined}>
            {t('nav.resources')}
          </a>
          {viewer.member ? (
            <a href={routeHref({ name: 'my-reservations' })} aria-current={section === 'my-reservations' ? 'page' : undefined}>
              {t('nav.myReservations')}
            </a>
          ) : null}
          <ApprovalsNavLink viewer={viewer} href={routeHref({ name: 'approvals' })} current={section === 'approvals'} />
          <a href={routeHref({ name: 'members' })} aria-current={section === 'members' ? 'page' : undefined}>
            {t('nav.members')}
          </a>
          {viewer.role === 'COORDINATOR' ? (
            <a href={routeHref({ name: 'accounts' })} aria-current={section === 'accounts' ? 'page' : undefined}>
              {t('nav.accounts')}
            </a>
          ) : null}
          {viewer.member ? (
            <a href={routeHref({ name: 'my-structure' })} aria-current={section === 'my-structure' ? 'page' : undefined}>
              {t('nav.myStructure')}
            </a>
          ) : null}
          {viewer.role !== 'MEMBER' ? (
            <>
              <a href={routeHref({ name: 'treasury' })} aria-current={section === 'treasury' ? 'page' : undefined}>
                {t('nav.treasury')}
              </a>
              <a href={routeHref({ name: 'history', filters: {} })} aria-current={section === 'partners' ? 'page' : undefined}>
                {t('nav.partners')}
              </a>
            </>
          ) : null}
        </nav>
        <div className="app-account" aria-label={t('header.account')} role="group">
          <span className="app-account-identity">
            <span className="app-account-email">{viewer.email}</span>
            <span className="badge">{label('role', viewer.role)}</span>
            {viewer.member ? <span className="app-account-member">{viewer.member.name}</span> : null}
          </span>
          <a className="app-account-link" href={routeHref({ name: 'account' })} aria-current={section === 'account' ? 'page' : undefined}>
            {t('nav.account')}
          </a>
          <LocaleSwitch />
          <LogoutButton onLoggedOut={onLoggedOut} />
        </div>
      </div>
    </header>
  );
}

export function LocaleSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="locale-switch">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={locale} onChange={(event) => setLocale(event.target.value === 'en' ? 'en' : 'fr')}>
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`locale.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

type Section = 'planning' | 'resources' | 'my-reservations' | 'approvals' | 'members' | 'accounts' | 'treasury' | 'my-structure' | 'partners' | 'account';

/** The header entry a screen belongs to, marked as the current page. */
export function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'planning':
      return 'planning';
    case 'resources':
    case 'resource-week':
    case 'resource-new':
    case 'resource-settings':
    case 'sites':
      return 'resources';
    case 'my-reservations':
      return 'my-reservations';
    case 'approvals':
      return 'approvals';
    case 'members':
      return 'members';
    case 'accounts':
      return 'accounts';
    case 'treasury':
    case 'period':
      return 'treasury';
    case 'my-structure':
      return 'my-structure';
    case 'account':
      return 'account';
    case 'history':
    case 'thing-history':
    case 'time-travel':
    case 'integrity':
    case 'impact':
      return 'partners';
    case 'choose-password':
    case 'home':
    case 'not-found':
      return null;
  }
}

/** The title of a screen, for the browser tab and history. */
export function sectionTitleKey(route: Route) {
  switch (sectionOf(route)) {
    case 'planning':
      return 'nav.planning' as const;
    case 'resources':
      return 'nav.resources' as const;
    case 'my-reservations':
      return 'nav.myReservations' as const;
    case 'approvals':
      return 'nav.approvals' as const;
    case 'members':
      return 'nav.members' as const;
    case 'accounts':
      return 'nav.accounts' as const;
    case 'treasury':
      return 'nav.treasury' as const;
    case 'my-structure':
      return 'nav.myStructure' as const;
    case 'partners':
      return 'nav.partners' as const;
    case 'account':
      return 'nav.account' as const;
    case null:
      return 'app.notFound' as const;
  }
}
