import { formatDayHeading } from '../../shared/format.js';
import { graphql } from '../../shared/generated/index.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisDateOf } from '../../../../shared/paris-time.js';
import { useDescribeTimes } from '../../shared/slot-times.js';
import type { Viewer } from '../../shared/viewer.js';
import { canCancel } from './reservation-permissions.js';
import type { CalendarReservation } from './calendar-reservations-query.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

/**
 * The `Reservation` fields every calendar, list and dialog reads: the operations that answer
 * reservations spread it, and the generated `CalendarReservationFragment` is their type.
 */
export const CalendarReservationFragment = graphql(`
  fragment CalendarReservation on Reservation {
    id
    start
    end
    quantity
    status
    purpose
    seriesId
    rejectionReason
    cancellationReason
    cancelledLate
    member {
      id
      name
    }
    resource {
      id
      name
    }
  }
`);

export interface ReservationListProps {
  reservations: readonly CalendarReservation[];
  viewer: Viewer;
  showQuantity: boolean;
  /** On a site's planning, which resource each reservation is of. */
  showResource?: boolean;
  now: Date;
  onCancel: (reservation: CalendarReservation) => void;
  /** Shown when there is no reservation. */
  emptyText?: string;
}

/** `lun. 24 mars, 10:00–12:00` (`lun. 24 mars, 09:00 – mer. 26 mars, 17:00`): how a reservation is named in lists, dialogs and announcements. */
export function useDescribeSlot(): (reservation: Pick<CalendarReservation, 'start' | 'end'>) => string {
  const { t, locale } = useI18n();
  const describeTimes = useDescribeTimes();
  return (reservation) => t('reservations.slot', { day: formatDayHeading(parisDateOf(reservation.start), locale), time: describeTimes(reservation) });
}

/** The live message once reservations are cancelled: one, or an occurrence of a series and the following ones. */
export function useCancelledMessage(): (reservation: Pick<CalendarReservation, 'start' | 'end' | 'member' | 'resource'>, count: number) => string {
  const { t } = useI18n();
  const describeSlot = useDescribeSlot();
  return (reservation, count) =>
    count > 1
      ? t('cancel.seriesSuccess', { count, resource: reservation.resource.name })
      : t('cancel.success', { member: reservation.member.name, when: describeSlot(reservation) });
}

/**
 * The week's reservations as a table: the same facts as the grid in a form screen readers and
 * phones handle well, with the cancel action.
 */
export function ReservationList({ reservations, viewer, showQuantity, showResource = false, now, onCancel, emptyText }: ReservationListProps) {
  const { t, locale } = useI18n();
  const describeSlot = useDescribeSlot();
  const describeTimes = useDescribeTimes();
  if (reservations.length === 0) return <p className="muted">{emptyText ?? t('reservations.empty')}</p>;
  const columns = {
    resource: t('reservations.column.resource'),
    day: t('reservations.column.day'),
    time: t('reservations.column.time'),
    member: t('reservations.column.member'),
    quantity: t('reservations.column.quantity'),
    purpose: t('reservations.column.purpose'),
    status: t('reservations.column.status'),
    actions: t('reservations.column.actions'),
  };
  const ordered = [...reservations].sort((left, right) => Date.parse(left.start) - Date.parse(right.start));

  return (
    <TableScroll label={t('reservations.title')}>
      <table className="table table-stack">
        <caption className="visually-hidden">{t('reservations.title')}</caption>
        <thead>
          <tr>
            {showResource ? <th scope="col">{columns.resource}</th> : null}
            <th scope="col">{columns.day}</th>
            <th scope="col">{columns.time}</th>
            <th scope="col">{columns.member}</th>
            {showQuantity ? <th scope="col" className="numeric">{columns.quantity}</th> : null}
            <th scope="col">{columns.purpose}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col"><span className="visually-hidden">{columns.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((reservation) => (
            <tr key={reservation.id} className={statusRowClass(reservation.status)} data-testid="reservation-row">
              {showResource ? <td data-label={columns.resource}>{reservation.resource.name}</td> : null}
              <td data-label={columns.day}>{formatDayHeading(parisDateOf(reservation.start), locale)}</td>
              <td data-label={columns.time}>{describeTimes(reservation)}</td>
              <th scope="row" data-label={columns.member}>{reservation.member.name}</th>
              {showQuantity ? <td data-label={columns.quantity} className="numeric">{reservation.quantity}</td> : null}
              <td data-label={columns.purpose}>{reservation.purpose ?? ''}</td>
              <td data-label={columns.status}>
                <StatusBadge status={reservation.status} />
                {reservation.status === 'REJECTED' && reservation.rejectionReason ? (
                  <span className="status-reason">{t('reservations.rejectedBecause', { reason: reservation.rejectionReason })}</span>
                ) : null}
              </td>
              <td className="actions">
                {canCancel(viewer, reservation, now) ? (
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    aria-label={t('reservations.cancelLabel', { member: reservation.member.name, when: describeSlot(reservation) })}
                    data-testid="cancel-reservation"
                    onClick={() => onCancel(reservation)}
                  >
                    {t('reservations.cancel')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function statusRowClass(status: string): string | undefined {
  if (status === 'CANCELLED' || status === 'REJECTED') return 'is-cancelled';
  if (status === 'REQUESTED') return 'is-requested';
  return undefined;
}

/** A reservation's status, in words and colour: confirmed, waiting for approval, cancelled, refused. */
export function StatusBadge({ status }: { status: string }) {
  const { label } = useI18n();
  const tone = status === 'CONFIRMED' ? 'badge-positive' : status === 'REQUESTED' ? 'badge-pending' : 'badge-muted';
  return <span className={`badge ${tone}`}>{label('reservationStatus', status)}</span>;
}
