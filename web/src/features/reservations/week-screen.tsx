import { useEffect, useId, useMemo, type ReactNode } from 'react';
import { formatDate, formatDayHeading } from '../../shared/format.js';
import { useI18n, type I18n } from '../../shared/i18n/i18n.js';
import { addDays, isoWeekday } from '../../../../shared/paris-time.js';
import { parisToday } from '../../shared/paris-today.js';
import { parisWeekOf, shiftWeek, weekQueryBounds, type ParisWeek } from '../../shared/paris-week.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { useCalendarReservationsQuery } from './calendar-reservations-query.js';
import { selectionFromTimes, selectionStepMinutes, selectionTimes, tapSelectionMinutes, type GridSelection } from './grid-selection.js';
import { rangeOverDaysOf, ReservationBoardGrid, ReservationBoardPanels, useReservationBoard, type ReservationBoard } from './reservation-board.js';
import { dateFollowingWeek, emptyFormValues, withStartDate } from './reservation-form-values.js';
import { useReservationsChanged } from './reservations-changed-subscription.js';
import type { ReservationFormValues } from './reserve-request.js';
import { endDateOf } from '../../shared/typed-slot.js';
import { ResourceFacts } from './resource-facts.js';
import { useResourceQuery, type BookableResource } from './resource-query.js';
import type { TimeGridColumn, TimeGridProps } from './time-grid.js';
import { closureOn, openIntervals, visibleHourRange, weekSegments, type DaySegment } from './week-layout.js';
import { isOnCalendar } from './calendar-helpers.js';

export interface WeekScreenProps {
  viewer: Viewer;
  resourceId: string;
  /** Any date of the week to show (`YYYY-MM-DD`); null for the current week. */
  weekDate: string | null;
  /** The app owns the routes; the screen only asks for addresses and navigation. */
  resourcesHref: string;
  weekHref: (date: string) => string;
  showWeek: (date: string) => void;
  /** The resource's admin page, for the coordination; null for everyone else. */
  settingsHref: string | null;
  /** Sections the app adds below the calendar (the external calendar feeds). */
  extraSections?: (resource: { id: string; name: string }) => ReactNode;
}

export function WeekScreen(props: WeekScreenProps) {
  const { t } = useI18n();
  const today = parisToday();
  const week = useMemo(() => parisWeekOf(props.weekDate ?? today), [props.weekDate, today]);
  const [{ data, error, fetching }] = useResourceQuery(props.resourceId);
  const resource = data?.resource;

  return (
    <>
      <p className="breadcrumb">
        <a href={props.resourcesHref}>
          <span aria-hidden="true">←</span>
          {t('week.back')}
        </a>
      </p>
      {error && !resource ? <GraphqlErrorAlert error={error} /> : null}
      {!resource && fetching ? <Loading /> : null}
      {!resource && data ? <h1>{t('week.resourceNotFound')}</h1> : null}
      {resource ? <ResourceWeek {...props} resource={resource} week={week} today={today} /> : null}
    </>
  );
}

function ResourceWeek(props: WeekScreenProps & { resource: BookableResource; week: ParisWeek; today: string }) {
  const { viewer, resource, week, today } = props;
  const { t, locale } = useI18n();
  const bounds = weekQueryBounds(week);
  const [{ data, error, fetching, operation }, reexecute] = useCalendarReservationsQuery({ resourceId: resource.id, ...bounds });
  const defaultDate = week.dates.includes(today) || week.startDate < today ? today : week.startDate;
  const board = useReservationBoard({
    viewer,
    initialValues: () => emptyFormValues(viewer, resource.id, defaultDate),
    refresh: () => reexecute({ requestPolicy: 'network-only' }),
    isShown: (date) => week.dates.includes(date),
    showDay: props.showWeek,
    valuesForSelection: selectDay,
  });
  const titleId = useId();
  useReservationsChanged([resource.id]);

  // The form's day follows the week on screen (a day typed in the form moved the grid the other way).
  const { setValues } = board;
  useEffect(() => {
    setValues((current) => {
      const date = dateFollowingWeek(current, week.startDate, defaultDate, today);
      return date === current.date ? current : withStartDate(current, date);
    });
  }, [setValues, week.startDate, defaultDate, today]);

  // While another week loads, urql keeps the previous answer; never draw it on the wrong week.
  const isCurrent = operation?.variables.from === bounds.from;
  const reservations = useMemo(() => (isCurrent ? (data?.reservations ?? []) : []), [isCurrent, data]);
  const segments = useMemo(() => weekSegments(reservations.filter(isOnCalendar), week), [reservations, week]);
  const reservationsById = useMemo(() => new Map(reservations.map((reservation) => [reservation.id, reservation])), [reservations]);
  const { selection, rangeOverDays } = typedRange(board.values, week, { t, locale });

  return (
    <>
      <ResourceHeader resource={resource} today={today} settingsHref={props.settingsHref} />
      <section className="week-section" aria-labelledby={titleId}>
        <WeekToolbar titleId={titleId} week={week} today={today} weekHref={props.weekHref} />
        {error ? <GraphqlErrorAlert error={error} /> : null}
        {fetching && !isCurrent ? <Loading /> : null}
        <ReservationBoardGrid
          board={board}
          columns={weekColumns(resource, week, today, segments, { t, locale })}
          hourRange={visibleHourRange(resource.openingHours, segments)}
          gridLabel={t('week.gridLabel', { date: formatDate(week.startDate, locale) })}
          columnWidth="day"
          reservationsById={reservationsById}
          selection={selection}
          rangeOverDays={rangeOverDays}
          onBeyond={turnWeek(board, week, today, props.showWeek)}
        />
      </section>
      <ReservationBoardPanels
        board={board}
        resources={[resource]}
        today={today}
        shownFrom={week.startDate}
        reservations={reservations}
        listTitle={t('reservations.title')}
        showQuantity={resource.capacity > 1}
        cancelPolicy={resource}
      >
        {props.extraSections?.(resource)}
      </ReservationBoardPanels>
    </>
  );
}

/**
 * The range typed in the form as the grid draws it: a range within one day of the week as its
 * selection; one over several days, no range in one column, as its part on each day shown.
 */
function typedRange(values: ReservationFormValues, week: ParisWeek, i18n: Pick<I18n, 't' | 'locale'>): Pick<TimeGridProps, 'selection' | 'rangeOverDays'> {
  const typed = selectionFromTimes(values.startTime, values.endTime);
  const oneDay = endDateOf(values) === values.date;
  const selection: GridSelection | null = typed && oneDay && week.dates.includes(values.date) ? { columnKey: values.date, ...typed } : null;
  return { selection, rangeOverDays: rangeOverDaysOf(values, week.dates, (date) => date, i18n) };
}

/** Left past Monday or Right past Sunday: the week before or after, the range picked going along unless its day is past. */
function turnWeek(board: ReservationBoard, week: ParisWeek, today: string, showWeek: (date: string) => void): NonNullable<TimeGridProps['onBeyond']> {
  return (direction, range) => {
    const date = addDays(direction > 0 ? week.dates[week.dates.length - 1]! : week.dates[0]!, direction);
    if (range && date >= today) board.setValues((current) => ({ ...current, date, endDate: '', ...selectionTimes(range) }));
    showWeek(date);
  };
}

/** A range picked in a day's column books that day, and that day only. */
function selectDay(current: ReservationFormValues, next: GridSelection): ReservationFormValues {
  return { ...current, date: next.columnKey, endDate: '', ...selectionTimes(next) };
}

/** The week's seven days as the grid's columns, with their opening hours, closures and reservations. */
function weekColumns(
  resource: BookableResource,
  week: ParisWeek,
  today: string,
  segments: readonly DaySegment[],
  { t, locale }: Pick<I18n, 't' | 'locale'>,
): TimeGridColumn[] {
  const stepMinutes = selectionStepMinutes(resource.rules.slotGranularityMinutes);
  return week.dates.map((date, dayIndex) => ({
    key: date,
    heading: (
      <>
        <time dateTime={date}>{formatDayHeading(date, locale)}</time>
        {date === today ? <span className="visually-hidden"> ({t('week.today')})</span> : null}
      </>
    ),
    label: formatDayHeading(date, locale),
    isToday: date === today,
    openIntervals: resource.openingHours.length === 0 ? null : openIntervals(resource.openingHours, isoWeekday(date)),
    closureReason: closureOn(resource.closures, date)?.reason ?? null,
    segments: segments.filter((segment) => segment.dayIndex === dayIndex),
    stepMinutes,
    tapMinutes: tapSelectionMinutes(resource.rules, stepMinutes),
    showQuantity: resource.capacity > 1,
  }));
}

function ResourceHeader({ resource, today, settingsHref }: { resource: BookableResource; today: string; settingsHref: string | null }) {
  const { t } = useI18n();
  return (
    <header className="page-header">
      <div className="page-title-row">
        <h1>{resource.name}</h1>
        {settingsHref ? (
          <a className="button button-small" href={settingsHref} data-testid="resource-settings-link">
            {t('week.settings')}
          </a>
        ) : null}
      </div>
      <ResourceFacts resource={resource} today={today} />
    </header>
  );
}

function WeekToolbar({ titleId, week, today, weekHref }: { titleId: string; week: ParisWeek; today: string; weekHref: (date: string) => string }) {
  const { t, locale } = useI18n();
  return (
    <>
      <div className="week-toolbar">
        <h2 id={titleId}>{t('week.title', { date: formatDate(week.startDate, locale) })}</h2>
        <nav className="week-nav" aria-label={t('week.navigation')}>
          <a className="button" href={weekHref(shiftWeek(week.startDate, -1))}>
            <span aria-hidden="true">←</span>
            {t('week.previous')}
          </a>
          <a className="button" href={weekHref(today)} aria-current={week.dates.includes(today) ? 'date' : undefined}>
            {t('week.current')}
          </a>
          <a className="button" href={weekHref(shiftWeek(week.startDate, 1))}>
            {t('week.next')}
            <span aria-hidden="true">→</span>
          </a>
        </nav>
      </div>
      <p className="muted small">{t('week.timeZoneNote')}</p>
    </>
  );
}
