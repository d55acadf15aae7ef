import { useI18n } from '../shared/i18n/i18n.js';

/**
 * On every page, signed in or not, the link to the accessibility statement, saying the
 * conformity status in its text, as the RGAA asks (a static page, `web/public/accessibilite.html`).
 */
export function AppFooter() {
  const { t } = useI18n();
  return (
    <footer className="app-footer">
      <a href="/accessibilite.html">{t('app.accessibilityStatus')}</a>
    </footer>
  );
}
