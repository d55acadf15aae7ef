import { LogoutButton } from '../features/auth/index.js';
import type { Viewer } from '../shared/graphql-types.js';
import { useI18n } from '../shared/i18n/i18n.js';
import { LOCALES } from '../shared/i18n/locale.js';
import { routeHref, type Route } from './router.js';

export interface AppHeaderProps {
  viewer: Viewer;
  route: Route;
  onLoggedOut: () => void;
}

export function AppHeader({ viewer, route, onLoggedOut }: AppHeaderProps) {
  const { t, label } = useI18n();
  const section = route.name === 'members' ? 'members' : route.name === 'not-found' ? null : 'resources';
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <a className="brand" href={routeHref({ name: 'resources' })}>
          {t('app.name')}
          <span className="brand-tagline">{t('app.tagline')}</span>
        </a>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <a href={routeHref({ name: 'resources' })} aria-current={section === 'resources' ? 'page' : undefined}>
            {t('nav.resources')}
          </a>
          <a href={routeHref({ name: 'members' })} aria-current={section === 'members' ? 'page' : undefined}>
            {t('nav.members')}
          </a>
        </nav>
        <div className="app-account" aria-label={t('header.account')} role="group">
          <span className="app-account-identity">
            <span className="app-account-email">{viewer.email}</span>
            <span className="badge">{label('role', viewer.role)}</span>
            {viewer.member ? <span className="app-account-member">{viewer.member.name}</span> : null}
          </span>
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
