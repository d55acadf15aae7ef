import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatDate, formatDayHeading } from '../../shared/format.js';
import type { ErrorCode } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { isoWeekday, parisToday, toParisLocalTime } from '../../shared/paris-time.js';
import { mondayOf, parisWeekOf, shiftWeek, weekQueryBounds, type ParisWeek } from '../../shared/paris-week.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading, StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { useCalendarReservationsQuery, type CalendarReservation } from './calendar-reservations-query.js';
import { CancelReservationDialog } from './cancel-reservation-dialog.js';
import { selectionFromTimes, selectionStepMinutes, selectionTimes, type GridSelection } from './grid-selection.js';
import { ReservationForm } from './reservation-form.js';
import { ReservationList, useDescribeSlot } from './reservation-list.js';
import { emptyFormValues } from './reservation-form-values.js';
import { useReservationsChanged } from './reservations-changed-subscription.js';
import type { ReservationFormValues } from './reserve-request.js';
import { ResourceFacts } from './resource-facts.js';
import { useResourceQuery, type BookableResource } from './resource-query.js';
import { TimeGrid, type TimeGridColumn } from './time-grid.js';
import { closureOn, openIntervals, visibleHourRange, weekSegments } from './week-layout.js';
import { canReserve, isOnCalendar } from './calendar-helpers.js';
import { GridLegend } from './grid-legend.js';

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

/** Conflicts mean the grid is out of date: someone else reserved in the meantime. */
const REFRESH_ON_REFUSAL = new Set<string>(['RESERVATION_CONFLICT', 'CONCURRENCY_CONFLICT']);

function ResourceWeek({
  viewer,
  resource,
  week,
  today,
  weekHref,
  showWeek,
  settingsHref,
  extraSections,
}: WeekScreenProps & { resource: BookableResource; week: ParisWeek; today: string }) {
  const { t, locale } = useI18n();
  const describeSlot = useDescribeSlot();
  const bounds = weekQueryBounds(week);
  const [{ data, error, fetching, operation }, reexecute] = useCalendarReservationsQuery({ resourceId: resource.id, ...bounds });
  const [cancelTarget, setCancelTarget] = useState<CalendarReservation | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const defaultDate = week.dates.includes(today) || week.startDate < today ? today : week.startDate;
  const [values, setValues] = useState<ReservationFormValues>(() => emptyFormValues(viewer, resource.id, defaultDate));
  const submitRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const reserveTitleId = useId();
  const listTitleId = useId();
  useReservationsChanged([resource.id]);

  // Follow the week on screen while no slot is chosen, unless the date typed already falls in it.
  useEffect(() => {
    setValues((current) =>
      current.startTime !== '' || (current.date !== '' && mondayOf(current.date) === week.startDate) ? current : { ...current, date: defaultDate },
    );
  }, [week.startDate, defaultDate]);

  // While another week loads, urql keeps the previous answer; never draw it on the wrong week.
  const isCurrent = operation?.variables.from === bounds.from;
  const reservations = useMemo(() => (isCurrent ? (data?.reservations ?? []) : []), [isCurrent, data]);
  const segments = useMemo(() => weekSegments(reservations.filter(isOnCalendar), week), [reservations, week]);
  const reservationsById = useMemo(() => new Map(reservations.map((reservation) => [reservation.id, reservation])), [reservations]);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const showQuantity = resource.capacity > 1;
  const stepMinutes = selectionStepMinutes(resource.rules.slotGranularityMinutes);

  const columns: TimeGridColumn[] = week.dates.map((date, dayIndex) => ({
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
    showQuantity,
  }));
  const typed = selectionFromTimes(values.startTime, values.endTime);
  const selection: GridSelection | null = typed && week.dates.includes(values.date) ? { columnKey: values.date, ...typed } : null;

  function handleSelect(next: GridSelection | null) {
    setAnnouncement(null);
    if (!next) {
      setValues((current) => ({ ...current, startTime: '', endTime: '' }));
      return;
    }
    setValues((current) => ({ ...current, date: next.columnKey, ...selectionTimes(next) }));
  }

  function handleReserved(reservation: CalendarReservation) {
    setAnnouncement(null);
    const date = toParisLocalTime(new Date(reservation.start)).date;
    if (week.dates.includes(date)) refresh();
    else showWeek(date);
  }

  function handleRefused(code: ErrorCode | 'NETWORK' | 'UNKNOWN') {
    if (REFRESH_ON_REFUSAL.has(code)) refresh();
  }

  function handleCancelled(reservation: CalendarReservation, count: number) {
    setCancelTarget(null);
    setAnnouncement(
      count > 1
        ? t('cancel.seriesSuccess', { count, resource: reservation.resource.name })
        : t('cancel.success', { member: reservation.member.name, when: describeSlot(reservation) }),
    );
    refresh();
  }

  return (
    <>
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
      <section className="week-section" aria-labelledby={titleId}>
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
        {error ? <GraphqlErrorAlert error={error} /> : null}
        {fetching && !isCurrent ? <Loading /> : null}
        {announcement ? <StatusMessage tone="success">{announcement}</StatusMessage> : null}
        <GridLegend />
        <TimeGrid
          columns={columns}
          hourRange={visibleHourRange(resource.openingHours, segments)}
          gridLabel={t('week.gridLabel', { date: formatDate(week.startDate, locale) })}
          columnWidth="day"
          reservationsById={reservationsById}
          ownMemberId={viewer.member?.id ?? null}
          selection={selection}
          {...(canReserve(viewer) ? { onSelect: handleSelect, onConfirm: () => submitRef.current?.focus() } : {})}
        />
        {canReserve(viewer) ? <p className="muted small grid-help">{t('grid.help')}</p> : null}
      </section>
      <div className="week-columns">
        <section className="card" aria-labelledby={reserveTitleId}>
          <h2 id={reserveTitleId}>{t('reserve.title')}</h2>
          <ReservationForm
            resources={[resource]}
            viewer={viewer}
            values={values}
            onChange={setValues}
            today={today}
            onReserved={handleReserved}
            onSeriesReserved={() => refresh()}
            onRefused={handleRefused}
            onShowSlot={(_resourceId, date) => {
              if (!week.dates.includes(date)) showWeek(date);
            }}
            submitRef={submitRef}
          />
        </section>
        <section className="card" aria-labelledby={listTitleId}>
          <h2 id={listTitleId}>{t('reservations.title')}</h2>
          <ReservationList
            reservations={reservations}
            viewer={viewer}
            showQuantity={showQuantity}
            now={new Date()}
            onCancel={(reservation) => {
              setAnnouncement(null);
              setCancelTarget(reservation);
            }}
          />
        </section>
      </div>
      {extraSections?.(resource)}
      <CancelReservationDialog
        reservation={cancelTarget}
        policy={resource}
        viewer={viewer}
        onClose={() => setCancelTarget(null)}
        onCancelled={handleCancelled}
      />
    </>
  );
}
