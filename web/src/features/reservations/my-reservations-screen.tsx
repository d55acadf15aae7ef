import { useId, useMemo, useState, type ReactNode } from 'react';
import { formatLongDate } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays, parisDateOf, startOfParisDay, toParisIsoString } from '../../../../shared/paris-time.js';
import { parisToday } from '../../shared/paris-today.js';
import { QueryStatus } from '../../shared/ui/query-status.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { CancelReservationDialog, CancellationTermsNotice } from './cancel-reservation-dialog.js';
import { cancellationTerms } from './cancellation-terms.js';
import { useMyReservationsQuery, type MyReservation } from './my-reservations-query.js';
import { useDescribeTimes } from '../../shared/slot-times.js';
import { StatusBadge, useCancelledMessage, useDescribeSlot } from './reservation-list.js';
import { canCancel } from './reservation-permissions.js';
import { useReservationsChanged } from './reservations-changed-subscription.js';

/** How far ahead "my reservations" looks: the server answers at most a year at once. */
const HORIZON_DAYS = 365;

export interface MyReservationsScreenProps {
  viewer: Viewer;
  resourceHref: (resourceId: string) => string;
  /** Sections the app adds below the list (the external calendar feeds). */
  children?: ReactNode;
}

export function MyReservationsScreen({ viewer, resourceHref, children }: MyReservationsScreenProps) {
  const { t } = useI18n();
  if (!viewer.member) {
    return (
      <>
        <h1>{t('myReservations.title')}</h1>
        <p className="notice">{t('myReservations.noMember')}</p>
      </>
    );
  }
  return (
    <MyReservations viewer={viewer} member={viewer.member} resourceHref={resourceHref}>
      {children}
    </MyReservations>
  );
}

/** From the start of today to the end of the horizon, in Paris. */
function horizonBounds(today: string): { from: string; to: string } {
  return { from: toParisIsoString(startOfParisDay(today)), to: toParisIsoString(startOfParisDay(addDays(today, HORIZON_DAYS))) };
}

function MyReservations({
  viewer,
  member,
  resourceHref,
  children,
}: MyReservationsScreenProps & { member: { id: string; name: string } }) {
  const { t, locale } = useI18n();
  const cancelledMessage = useCancelledMessage();
  const today = parisToday();
  const bounds = useMemo(() => horizonBounds(today), [today]);
  const [{ data, error, fetching }, reexecute] = useMyReservationsQuery({ memberId: member.id, ...bounds });
  const [cancelTarget, setCancelTarget] = useState<MyReservation | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  useReservationsChanged(null);
  const now = new Date();
  const all = [...(data?.reservations ?? [])].sort((left, right) => Date.parse(left.start) - Date.parse(right.start));
  const upcoming = all.filter((reservation) => isActive(reservation) && Date.parse(reservation.end) > now.getTime());
  const inactive = all.filter((reservation) => !isActive(reservation));
  const days = groupByDay(upcoming);

  return (
    <>
      <header className="page-header">
        <h1>{t('myReservations.title')}</h1>
        <p className="muted">{t('myReservations.intro', { member: member.name })}</p>
        <p className="notice small">{t('myReservations.cancellationRule')}</p>
      </header>
      <QueryStatus fetching={fetching} hasData={Boolean(data)} error={error} reexecute={reexecute} />
      {announcement ? <StatusMessage tone="success">{announcement}</StatusMessage> : null}
      {data && upcoming.length === 0 ? <p>{t('myReservations.empty')}</p> : null}
      {days.map(([date, reservations]) => (
        <section key={date} className="day-group" aria-labelledby={`day-${date}`}>
          <h2 id={`day-${date}`} className="day-heading">
            {formatLongDate(date, locale)}
          </h2>
          <ul className="my-reservations" data-testid="my-reservations">
            {reservations.map((reservation) => (
              <MyReservationItem
                key={reservation.id}
                reservation={reservation}
                viewer={viewer}
                now={now}
                resourceHref={resourceHref}
                onCancel={() => {
                  setAnnouncement(null);
                  setCancelTarget(reservation);
                }}
              />
            ))}
          </ul>
        </section>
      ))}
      {inactive.length > 0 ? <InactiveReservations reservations={inactive} /> : null}
      {children}
      <CancelReservationDialog
        reservation={cancelTarget}
        policy={cancelTarget?.resource ?? null}
        viewer={viewer}
        onClose={() => setCancelTarget(null)}
        onCancelled={(reservation, count) => {
          setCancelTarget(null);
          setAnnouncement(cancelledMessage(reservation, count));
          reexecute({ requestPolicy: 'network-only' });
        }}
      />
    </>
  );
}

/** Cancelled and refused reservations, folded away: why each one ended. */
function InactiveReservations({ reservations }: { reservations: readonly MyReservation[] }) {
  const { t } = useI18n();
  const describeSlot = useDescribeSlot();
  const titleId = useId();
  return (
    <details className="card past-reservations">
      <summary id={titleId}>{t('myReservations.inactive', { count: reservations.length })}</summary>
      <ul className="my-reservations">
        {reservations.map((reservation) => (
          <li key={reservation.id} className="my-reservation is-inactive">
            <div className="my-reservation-main">
              <span className="my-reservation-resource">{reservation.resource.name}</span>
              <span>{describeSlot(reservation)}</span>
              <StatusBadge status={reservation.status} />
            </div>
            <InactiveReason reservation={reservation} />
          </li>
        ))}
      </ul>
    </details>
  );
}

function isActive(reservation: Pick<MyReservation, 'status'>): boolean {
  return reservation.status === 'CONFIRMED' || reservation.status === 'REQUESTED';
}

/** Reservations by the Paris date they start on, in order. */
function groupByDay(reservations: readonly MyReservation[]): Array<[string, MyReservation[]]> {
  const days = new Map<string, MyReservation[]>();
  for (const reservation of reservations) {
    const date = parisDateOf(reservation.start);
    days.set(date, [...(days.get(date) ?? []), reservation]);
  }
  return [...days.entries()];
}

function MyReservationItem({
  reservation,
  viewer,
  now,
  resourceHref,
  onCancel,
}: {
  reservation: MyReservation;
  viewer: Viewer;
  now: Date;
  resourceHref: (resourceId: string) => string;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const describeSlot = useDescribeSlot();
  const describeTimes = useDescribeTimes();
  const time = describeTimes(reservation);
  return (
    <li className={reservation.status === 'REQUESTED' ? 'my-reservation is-requested' : 'my-reservation'} data-testid="my-reservation">
      <div className="my-reservation-main">
        <span className="my-reservation-time">{time}</span>
        <a className="my-reservation-resource" href={resourceHref(reservation.resource.id)}>
          {reservation.resource.name}
        </a>
        <StatusBadge status={reservation.status} />
        {reservation.seriesId ? <span className="badge badge-muted">{t('myReservations.series')}</span> : null}
        {reservation.quantity > 1 ? <span className="muted">{t('reservations.blockQuantity', { quantity: reservation.quantity })}</span> : null}
      </div>
      {reservation.purpose ? <p className="my-reservation-purpose">{reservation.purpose}</p> : null}
      <div className="my-reservation-footer">
        <CancellationTermsNotice terms={cancellationTerms(reservation, reservation.resource, now)} />
        {canCancel(viewer, reservation, now) ? (
          <button
            type="button"
            className="button button-small button-danger-quiet"
            aria-label={t('reservations.cancelLabel', { member: reservation.resource.name, when: describeSlot(reservation) })}
            data-testid="cancel-reservation"
            onClick={onCancel}
          >
            {t('reservations.cancel')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function InactiveReason({ reservation }: { reservation: MyReservation }) {
  const { t } = useI18n();
  if (reservation.status === 'REJECTED') {
    return <p className="small">{t('reservations.rejectedBecause', { reason: reservation.rejectionReason ?? '—' })}</p>;
  }
  return (
    <p className="small muted">
      {reservation.cancellationReason ? t('myReservations.cancelledBecause', { reason: reservation.cancellationReason }) : null}
      {reservation.cancelledLate ? ` ${t('myReservations.cancelledLate')}` : ''}
    </p>
  );
}
