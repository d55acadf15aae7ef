import { useId, type CSSProperties } from 'react';
import { formatDate, formatDayHeading } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { clockTime, isoWeekday } from '../../shared/paris-time.js';
import type { ParisWeek } from '../../shared/paris-week.js';
import type { WeekReservation } from './week-reservations-query.js';
import { openIntervals, type DaySegment, type HourRange, type MinuteInterval, type OpeningHoursLike } from './week-layout.js';

/**
 * Height of one hour row, in rem: tall enough for a name and a time range in a one-hour block.
 * Must equal `--hour-height` in app/styles.css, which draws the hour lines.
 */
const HOUR_HEIGHT_REM = 3;

export interface WeekGridProps {
  week: ParisWeek;
  today: string;
  hourRange: HourRange;
  segments: DaySegment[];
  reservationsById: ReadonlyMap<string, WeekReservation>;
  openingHours: readonly OpeningHoursLike[];
  showQuantity: boolean;
  /** The viewer's structure, whose reservations stand out. */
  ownMemberId: string | null;
}

/** The week drawn as seven day columns over the visible hours, in Paris wall-clock time. */
export function WeekGrid(props: WeekGridProps) {
  const { t, locale } = useI18n();
  const { week, today, hourRange } = props;
  const labelId = useId();
  const hours = Array.from({ length: hourRange.endHour - hourRange.startHour }, (_, index) => hourRange.startHour + index);
  const bodyHeight = `${hours.length * HOUR_HEIGHT_REM}rem`;

  return (
    <div className="week-grid-scroll">
      <p id={labelId} className="visually-hidden">
        {t('week.gridLabel', { date: formatDate(week.startDate, locale) })}
      </p>
      <div className="week-grid" role="group" aria-labelledby={labelId} data-testid="week-grid">
        <div className="week-grid-corner" aria-hidden="true" />
        {week.dates.map((date) => (
          <div key={date} className={date === today ? 'week-grid-heading is-today' : 'week-grid-heading'}>
            <time dateTime={date}>{formatDayHeading(date, locale)}</time>
            {date === today ? <span className="visually-hidden"> ({t('week.today')})</span> : null}
          </div>
        ))}
        <div className="week-grid-hours" style={{ height: bodyHeight }} aria-hidden="true">
          {hours.map((hour) => (
            <span key={hour} className="week-grid-hour" style={{ top: `${(hour - hourRange.startHour) * HOUR_HEIGHT_REM}rem` }}>
              {clockTime(hour * 60)}
            </span>
          ))}
        </div>
        {week.dates.map((date, dayIndex) => (
          <DayColumn key={date} {...props} date={date} dayIndex={dayIndex} height={bodyHeight} />
        ))}
      </div>
    </div>
  );
}

function DayColumn(props: WeekGridProps & { date: string; dayIndex: number; height: string }) {
  const { date, dayIndex, height, hourRange, openingHours, today } = props;
  const rangeStartMinute = hourRange.startHour * 60;
  const rangeMinutes = (hourRange.endHour - hourRange.startHour) * 60;
  const position = (interval: MinuteInterval): CSSProperties => ({
    top: `${((interval.startMinute - rangeStartMinute) / rangeMinutes) * 100}%`,
    height: `${((interval.endMinute - interval.startMinute) / rangeMinutes) * 100}%`,
  });
  const alwaysOpen = openingHours.length === 0;
  const className = ['week-grid-day', alwaysOpen ? '' : 'has-closed-hours', date === today ? 'is-today' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div className={className} style={{ height }}>
      {alwaysOpen
        ? null
        : openIntervals(openingHours, isoWeekday(date)).map((interval) => (
            <div key={interval.startMinute} className="week-grid-open" style={position(interval)} aria-hidden="true" />
          ))}
      {props.segments
        .filter((segment) => segment.dayIndex === dayIndex)
        .map((segment) => (
          <ReservationBlock key={`${segment.reservationId}-${dayIndex}`} {...props} segment={segment} style={position(segment)} />
        ))}
    </div>
  );
}

function ReservationBlock({
  segment,
  style,
  reservationsById,
  showQuantity,
  ownMemberId,
}: WeekGridProps & { segment: DaySegment; style: CSSProperties }) {
  const { t } = useI18n();
  const reservation = reservationsById.get(segment.reservationId);
  if (!reservation) return null;
  const isOwn = reservation.member.id === ownMemberId;
  const width = 100 / segment.laneCount;
  return (
    <div
      className={isOwn ? 'reservation-block is-own' : 'reservation-block'}
      style={{ ...style, left: `${segment.lane * width}%`, width: `${width}%` }}
      title={reservation.purpose ?? undefined}
      data-testid="reservation-block"
      data-reservation-id={reservation.id}
    >
      <span className="reservation-block-member">{reservation.member.name}</span>
      <span className="reservation-block-time">
        {t('reservations.timeRange', { start: clockTime(segment.startMinute), end: clockTime(segment.endMinute) })}
        {showQuantity ? (
          <span className="reservation-block-quantity">{t('reservations.blockQuantity', { quantity: reservation.quantity })}</span>
        ) : null}
      </span>
    </div>
  );
}
