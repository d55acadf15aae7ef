import { useI18n } from '../../shared/i18n/i18n.js';
import { useLogoutMutation } from './logout-mutation.js';

/**
 * Ends the session on the server, then locally. The local sign-out happens even when the server
 * cannot be reached: a person leaving a shared computer must never stay signed in.
 */
export function LogoutButton({ onLoggedOut }: { onLoggedOut: () => void }) {
  const { t } = useI18n();
  const [{ fetching }, logout] = useLogoutMutation();

  async function handleClick() {
    await logout({});
    onLoggedOut();
  }

  return (
    <button type="button" className="button button-quiet" onClick={handleClick} disabled={fetching}>
      {fetching ? t('header.loggingOut') : t('header.logout')}
    </button>
  );
}
