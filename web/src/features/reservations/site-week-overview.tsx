import { useMemo } from 'react';
import { formatDayHeading } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { clockTime, isoWeekday } from '../../../../shared/paris-time.js';
import { weekQueryBounds, type ParisWeek } from '../../shared/paris-week.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import type { Viewer } from '../../shared/viewer.js';
import { useCalendarReservationsQuery, type CalendarReservation } from './calendar-reservations-query.js';
import { isOnCalendar } from './calendar-helpers.js';
import { useReservationsChanged } from './reservations-changed-subscription.js';
import type { BookableResource } from './resource-query.js';
import { closureOn, openIntervals, weekSegments, type DaySegment } from './week-layout.js';
import { TableScroll } from '../../shared/ui/table-scroll.js';

export interface SiteWeekOverviewProps {
  viewer: Viewer;
  resources: readonly BookableResource[];
  week: ParisWeek;
  today: string;
  resourceHref: (resourceId: string) => string;
  /** The site's day view of a date, where a range is picked and reserved. */
  dayHref: (date: string) => string;
}

/**
 * A site's week at a glance: one row per resource, one column per day, each reservation as a
 * time range and the structure's name. It reads as a table, on a phone as on a desktop; a day's
 * heading opens that day's planning, where reserving happens.
 */
export function SiteWeekOverview({ viewer, resources, week, today, resourceHref, dayHref }: SiteWeekOverviewProps) {
  const { t, locale } = useI18n();
  const bounds = weekQueryBounds(week);
  const [{ data, error, operation }] = useCalendarReservationsQuery(bounds);
  const resourceIds = useMemo(() => resources.map((resource) => resource.id), [resources]);
  useReservationsChanged(resourceIds);
  const isCurrent = operation?.variables.from === bounds.from;
  const reservations = useMemo(
    () => (isCurrent ? (data?.reservations ?? []) : []).filter((reservation) => isOnCalendar(reservation)),
    [isCurrent, data],
  );
  const byId = new Map(reservations.map((reservation) => [reservation.id, reservation]));

  return (
    <>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      <TableScroll label={t('planning.weekCaption')} className="overview-wrapper">
        <table className="table overview-table" data-testid="site-week-overview">
          <caption className="visually-hidden">{t('planning.weekCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reservations.column.resource')}</th>
              {week.dates.map((date) => (
                <th key={date} scope="col" className={date === today ? 'is-today' : undefined}>
                  <a href={dayHref(date)} aria-label={t('planning.openDay', { day: formatDayHeading(date, locale) })}>
                    {formatDayHeading(date, locale)}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {resources.map((resource) => {
              const segments = weekSegments(
                reservations.filter((reservation) => reservation.resource.id === resource.id),
                week,
              );
              return (
                <tr key={resource.id}>
                  <th scope="row">
                    <a href={resourceHref(resource.id)}>{resource.name}</a>
                  </th>
                  {week.dates.map((date, dayIndex) => (
                    <OverviewCell
                      key={date}
                      resource={resource}
                      date={date}
                      segments={segments.filter((segment) => segment.dayIndex === dayIndex)}
                      reservationsById={byId}
                      ownMemberId={viewer.member?.id ?? null}
                    />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

interface OverviewCellProps {
  resource: BookableResource;
  date: string;
  /** The segments of the resource's reservations on that day. */
  segments: readonly DaySegment[];
  reservationsById: ReadonlyMap<string, CalendarReservation>;
  ownMemberId: string | null;
}

/** A resource's day: closed, or its reservations as time ranges and structures' names. */
function OverviewCell({ resource, date, segments, reservationsById, ownMemberId }: OverviewCellProps) {
  const { t } = useI18n();
  const closure = closureOn(resource.closures, date);
  const closedAllDay = resource.openingHours.length > 0 && openIntervals(resource.openingHours, isoWeekday(date)).length === 0;
  return (
    <td className={closure || closedAllDay ? 'is-closed' : undefined}>
      {closure ? <span className="overview-closed">{t('grid.closed', { reason: closure.reason })}</span> : null}
      {!closure && closedAllDay && segments.length === 0 ? <span className="overview-closed">{t('planning.closedDay')}</span> : null}
      <ul className="overview-list">
        {segments.map((segment) => {
          const reservation = reservationsById.get(segment.reservationId)!;
          const classes = ['overview-chip', reservation.member.id === ownMemberId ? 'is-own' : '', reservation.status === 'REQUESTED' ? 'is-requested' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <li key={`${segment.reservationId}-${segment.dayIndex}`} className={classes} data-testid="overview-reservation">
              <span className="overview-time">
                {t('reservations.timeRange', { start: clockTime(segment.startMinute), end: clockTime(segment.endMinute) })}
              </span>{' '}
              <span>{reservation.member.name}</span>
              {reservation.status === 'REQUESTED' ? <span className="overview-status"> ({t('reservationStatus.REQUESTED')})</span> : null}
            </li>
          );
        })}
      </ul>
    </td>
  );
}
