import { useId, useMemo, useState } from 'react';
import { formatDate } from '../../shared/format.js';
import type { ErrorCode, Viewer } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisToday, toParisLocalTime } from '../../shared/paris-time.js';
import { parisWeekOf, shiftWeek, weekQueryBounds, type ParisWeek } from '../../shared/paris-week.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { Loading, StatusMessage } from '../../shared/ui/status-message.js';
import { CancelReservationDialog } from './cancel-reservation-dialog.js';
import { ReservationList, useDescribeSlot } from './reservation-list.js';
import { ReserveForm } from './reserve-form.js';
import { ResourceFacts } from './resource-facts.js';
import { WeekGrid } from './week-grid.js';
import { visibleHourRange, weekSegments } from './week-layout.js';
import { useWeekReservationsQuery, type WeekReservation } from './week-reservations-query.js';
import { useWeekResourceQuery, type WeekResource } from './week-resource-query.js';

export interface WeekScreenProps {
  viewer: Viewer;
  resourceId: string;
  /** Any date of the week to show (`YYYY-MM-DD`); null for the current week. */
  weekDate: string | null;
  /** The app owns the routes; the screen only asks for addresses and navigation. */
  resourcesHref: string;
  weekHref: (date: string) => string;
  showWeek: (date: string) => void;
}

export function WeekScreen(props: WeekScreenProps) {
  const { t } = useI18n();
  const today = parisToday();
  const week = useMemo(() => parisWeekOf(props.weekDate ?? today), [props.weekDate, today]);
  const [{ data, error, fetching }] = useWeekResourceQuery(props.resourceId);
  const resource = data?.resource;

  return (
    <>
      <p className="breadcrumb">
        <a href={props.resourcesHref}>
          <span aria-hidden="true">←</span>
          {t('week.back')}
        </a>
      </p>
      {error ? <GraphqlErrorAlert error={error} /> : null}
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
}: WeekScreenProps & { resource: WeekResource; week: ParisWeek; today: string }) {
  const { t, locale } = useI18n();
  const describeSlot = useDescribeSlot();
  const [{ data, error, fetching, operation }, reexecute] = useWeekReservationsQuery(resource.id, week);
  const [cancelTarget, setCancelTarget] = useState<WeekReservation | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const titleId = useId();
  const reserveTitleId = useId();
  const listTitleId = useId();

  // While another week loads, urql keeps the previous answer; never draw it on the wrong week.
  const isCurrent = operation?.variables.from === weekQueryBounds(week).from;
  const reservations = useMemo(() => (isCurrent ? (data?.reservations ?? []) : []), [isCurrent, data]);
  const segments = useMemo(
    () => weekSegments(reservations.filter((reservation) => reservation.status === 'CONFIRMED'), week),
    [reservations, week],
  );
  const reservationsById = useMemo(() => new Map(reservations.map((reservation) => [reservation.id, reservation])), [reservations]);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const showQuantity = resource.capacity > 1;
  const defaultDate = week.dates.includes(today) || week.startDate < today ? today : week.startDate;

  function handleReserved(reservation: WeekReservation) {
    setAnnouncement(null);
    const date = toParisLocalTime(new Date(reservation.start)).date;
    if (week.dates.includes(date)) refresh();
    else showWeek(date);
  }

  function handleRefused(code: ErrorCode | 'NETWORK' | 'UNKNOWN') {
    if (REFRESH_ON_REFUSAL.has(code)) refresh();
  }

  function handleCancelled(reservation: WeekReservation) {
    setCancelTarget(null);
    setAnnouncement(t('cancel.success', { member: reservation.member.name, when: describeSlot(reservation) }));
    refresh();
  }

  return (
    <>
      <header className="page-header">
        <h1>{resource.name}</h1>
        <ResourceFacts resource={resource} />
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
        <WeekGrid
          week={week}
          today={today}
          hourRange={visibleHourRange(resource.openingHours, segments)}
          segments={segments}
          reservationsById={reservationsById}
          openingHours={resource.openingHours}
          showQuantity={showQuantity}
          ownMemberId={viewer.member?.id ?? null}
        />
      </section>
      <div className="week-columns">
        <section className="card" aria-labelledby={reserveTitleId}>
          <h2 id={reserveTitleId}>{t('reserve.title')}</h2>
          <ReserveForm
            resource={resource}
            viewer={viewer}
            defaultDate={defaultDate}
            today={today}
            onReserved={handleReserved}
            onRefused={handleRefused}
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
      <CancelReservationDialog
        reservation={cancelTarget}
        viewer={viewer}
        onClose={() => setCancelTarget(null)}
        onCancelled={handleCancelled}
      />
    </>
  );
}
