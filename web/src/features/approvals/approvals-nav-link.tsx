import { useI18n } from '../../shared/i18n/i18n.js';
import type { Viewer } from '../../shared/viewer.js';
import { usePendingChanged } from './pending-changed-subscription.js';
import { usePendingReservationsQuery } from './pending-reservations-query.js';

export interface ApprovalsNavLinkProps {
  viewer: Viewer;
  href: string;
  current: boolean;
}

/**
 * The header's way to the approval queue, with the number of requests waiting. The coordination
 * always sees it; a member structure only while requests on its own resources wait.
 */
export function ApprovalsNavLink({ viewer, href, current }: ApprovalsNavLinkProps) {
  const { t } = useI18n();
  const decides = viewer.role === 'COORDINATOR' || (viewer.role === 'MEMBER' && viewer.member !== null);
  const [{ data }] = usePendingReservationsQuery({ pause: !decides });
  usePendingChanged({ pause: !decides });
  const count = data?.pendingReservations.length ?? 0;
  if (!decides || (viewer.role !== 'COORDINATOR' && count === 0 && !current)) return null;
  return (
    <a href={href} aria-current={current ? 'page' : undefined} data-testid="approvals-link">
      {t('nav.approvals')}
      {count > 0 ? (
        <span className="nav-count" aria-label={t('nav.approvalsCount', { count })}>
          {count}
        </span>
      ) : null}
    </a>
  );
}
