import { useEffect, useId, useRef, useState } from 'react';
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

/**
 * The brand, the main navigation and the account. On a phone the navigation and the account fold
 * behind a « Menu » button (a disclosure), so that the header takes one line instead of a third of
 * the screen; the menu closes when a screen is chosen and on Escape. On a wider screen the button
 * is hidden and everything shows on one line.
 */
export function AppHeader({ viewer, route, onLoggedOut }: AppHeaderProps) {
  const { t } = useI18n();
  const menu = useMenuDisclosure(route);
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <a className="brand" href={routeHref({ name: 'resources' })}>
          {t('app.name')}
          <span className="brand-tagline">{t('app.tagline')}</span>
        </a>
        <button
          ref={menu.buttonRef}
          type="button"
          className="menu-button"
          aria-expanded={menu.open}
          aria-controls={menu.menuId}
          onClick={menu.toggle}
          data-testid="menu-button"
        >
          <span className="menu-button-icon" aria-hidden="true" />
          {t('header.menu')}
        </button>
        <div id={menu.menuId} className={menu.open ? 'app-menu is-open' : 'app-menu'} data-testid="app-menu">
          <AppNav viewer={viewer} section={sectionOf(route)} />
          <AccountGroup viewer={viewer} current={sectionOf(route) === 'account'} onLoggedOut={onLoggedOut} />
        </div>
      </div>
    </header>
  );
}

/** The open state of the phone menu: closed again on every change of screen and on Escape. */
function useMenuDisclosure(route: Route) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  // The route as text: a new screen, not a new object for the same one, closes the menu.
  const routeKey = JSON.stringify(route);
  useEffect(() => setOpen(false), [routeKey]);
  useEffect(() => {
    if (!open) return undefined;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [open]);
  return { open, menuId, buttonRef, toggle: () => setOpen((current) => !current) };
}

function AppNav({ viewer, section }: { viewer: Viewer; section: Section | null }) {
  const { t } = useI18n();
  const planningHref = routeHref({ name: 'planning', siteId: null, view: 'day', date: null, kind: null });
  const link = (href: string, own: Section, text: string) => (
    <a href={href} aria-current={section === own ? 'page' : undefined}>
      {text}
    </a>
  );
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {link(planningHref, 'planning', t('nav.planning'))}
      {link(routeHref({ name: 'resources' }), 'resources', t('nav.resources'))}
      {viewer.member ? link(routeHref({ name: 'my-reservations' }), 'my-reservations', t('nav.myReservations')) : null}
      {viewer.member || viewer.role === 'COORDINATOR' ? link(routeHref({ name: 'usage', month: null }), 'usage', t('nav.usage')) : null}
      <ApprovalsNavLink viewer={viewer} href={routeHref({ name: 'approvals' })} current={section === 'approvals'} />
      {link(routeHref({ name: 'members' }), 'members', t('nav.members'))}
      {viewer.role === 'COORDINATOR' ? link(routeHref({ name: 'accounts' }), 'accounts', t('nav.accounts')) : null}
      {viewer.member ? link(routeHref({ name: 'my-structure' }), 'my-structure', t('nav.myStructure')) : null}
      {viewer.member ? link(routeHref({ name: 'my-invoices' }), 'my-invoices', t('nav.myInvoices')) : null}
      {viewer.role !== 'MEMBER' ? link(routeHref({ name: 'treasury' }), 'treasury', t('nav.treasury')) : null}
      {viewer.role !== 'MEMBER' ? link(routeHref({ name: 'history', filters: {} }), 'partners', t('nav.partners')) : null}
    </nav>
  );
}

function AccountGroup({ viewer, current, onLoggedOut }: { viewer: Viewer; current: boolean; onLoggedOut: () => void }) {
  const { t, label } = useI18n();
  return (
    <div className="app-account" aria-label={t('header.account')} role="group">
      <span className="app-account-identity">
        <span className="app-account-email">{viewer.email}</span>
        <span className="badge">{label('role', viewer.role)}</span>
        {viewer.member ? <span className="app-account-member">{viewer.member.name}</span> : null}
      </span>
      <a className="app-account-link" href={routeHref({ name: 'account' })} aria-current={current ? 'page' : undefined}>
        {t('nav.account')}
      </a>
      <LocaleSwitch />
      <LogoutButton onLoggedOut={onLoggedOut} />
    </div>
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

type Section = 'planning' | 'resources' | 'my-reservations' | 'usage' | 'approvals' | 'members' | 'accounts' | 'treasury' | 'my-structure' | 'my-invoices' | 'partners' | 'account';

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
    case 'usage':
      return 'usage';
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
    case 'my-invoices':
      return 'my-invoices';
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
    case 'usage':
      return 'nav.usage' as const;
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
    case 'my-invoices':
      return 'nav.myInvoices' as const;
    case 'partners':
      return 'nav.partners' as const;
    case 'account':
      return 'nav.account' as const;
    case null:
      return 'app.notFound' as const;
  }
}
