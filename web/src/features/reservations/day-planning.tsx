import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ErrorCode } from '../../shared/graphql-types.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays, isoWeekday, startOfParisDay, toParisIsoString, toParisLocalTime } from '../../shared/paris-time.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import { useCalendarReservationsQuery, type CalendarReservation } from './calendar-reservations-query.js';
import { CancelReservationDialog } from './cancel-reservation-dialog.js';
import { selectionFromTimes, selectionStepMinutes, selectionTimes, type GridSelection } from './grid-selection.js';
import { emptyFormValues } from './reservation-form-values.js';
import { ReservationForm } from './reservation-form.js';
import { ReservationList, useDescribeSlot } from './reservation-list.js';
import { useReservationsChanged } from './reservations-changed-subscription.js';
import type { ReservationFormValues } from './reserve-request.js';
import type { BookableResource } from './resource-query.js';
import { TimeGrid, type TimeGridColumn } from './time-grid.js';
import { closureOn, daySegments, openIntervals, unionHourRange, visibleHourRange } from './week-layout.js';
import { canReserve, isOnCalendar } from './calendar-helpers.js';
import { GridLegend } from './grid-legend.js';

export interface DayPlanningProps {
  viewer: Viewer;
  /** The resources side by side, in the order shown. */
  resources: readonly BookableResource[];
  date: string;
  today: string;
  resourceHref: (resourceId: string) => string;
  showDay: (date: string) => void;
}

/** A site's resources side by side over one day: pick a range in a resource's column and reserve it. */
export function DayPlanning({ viewer, resources, date, today, resourceHref, showDay }: DayPlanningProps) {
  const { t } = useI18n();
  const describeSlot = useDescribeSlot();
  const bounds = useMemo(() => ({ from: toParisIsoString(startOfParisDay(date)), to: toParisIsoString(startOfParisDay(addDays(date, 1))) }), [date]);
  const [{ data, error, operation }, reexecute] = useCalendarReservationsQuery(bounds);
  const [values, setValues] = useState<ReservationFormValues>(() => emptyFormValues(viewer, '', date));
  const [cancelTarget, setCancelTarget] = useState<CalendarReservation | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const reserveTitleId = useId();
  const listTitleId = useId();
  const resourceIds = useMemo(() => resources.map((resource) => resource.id), [resources]);
  useReservationsChanged(resourceIds);

  useEffect(() => {
    setValues((current) => (current.startTime !== '' || current.date === date ? current : { ...current, date }));
  }, [date]);

  const isCurrent = operation?.variables.from === bounds.from;
  const shownIds = new Set(resourceIds);
  const reservations = (isCurrent ? (data?.reservations ?? []) : []).filter((reservation) => shownIds.has(reservation.resource.id));
  const reservationsById = new Map(reservations.map((reservation) => [reservation.id, reservation]));
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  const columns: TimeGridColumn[] = resources.map((resource) => {
    const closure = closureOn(resource.closures, date);
    return {
      key: resource.id,
      heading: (
        <a href={resourceHref(resource.id)} className="time-grid-resource-link">
          {resource.name}
        </a>
      ),
      label: resource.name,
      isToday: false,
      openIntervals: resource.openingHours.length === 0 ? null : openIntervals(resource.openingHours, isoWeekday(date)),
      closureReason: closure?.reason ?? null,
      segments: daySegments(reservations.filter((reservation) => reservation.resource.id === resource.id && isOnCalendar(reservation)), [date]),
      stepMinutes: selectionStepMinutes(resource.rules.slotGranularityMinutes),
      showQuantity: resource.capacity > 1,
    };
  });
  const hourRange = unionHourRange(columns.map((column, index) => visibleHourRange(resources[index]!.openingHours, column.segments)));
  const typed = selectionFromTimes(values.startTime, values.endTime);
  const selection: GridSelection | null = typed && values.date === date && values.resourceId !== '' ? { columnKey: values.resourceId, ...typed } : null;

  function handleSelect(next: GridSelection | null) {
    setAnnouncement(null);
    setValues((current) =>
      next ? { ...current, resourceId: next.columnKey, date, ...selectionTimes(next) } : { ...current, startTime: '', endTime: '' },
    );
  }

  function handleRefused(code: ErrorCode | 'NETWORK' | 'UNKNOWN') {
    if (code === 'RESERVATION_CONFLICT' || code === 'CONCURRENCY_CONFLICT') refresh();
  }

  function handleReserved(reservation: CalendarReservation) {
    const day = toParisLocalTime(new Date(reservation.start)).date;
    if (day === date) refresh();
    else showDay(day);
  }

  const cancelPolicy = cancelTarget ? (resources.find((resource) => resource.id === cancelTarget.resource.id) ?? null) : null;

  return (
    <>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      {announcement ? <StatusMessage tone="success">{announcement}</StatusMessage> : null}
      <GridLegend />
      <TimeGrid
        columns={columns}
        hourRange={hourRange}
        gridLabel={t('planning.gridLabel', { count: resources.length })}
        columnWidth="resource"
        reservationsById={reservationsById}
        ownMemberId={viewer.member?.id ?? null}
        selection={selection}
        {...(canReserve(viewer) ? { onSelect: handleSelect, onConfirm: () => submitRef.current?.focus() } : {})}
      />
      {canReserve(viewer) ? <p className="muted small grid-help">{t('grid.help')}</p> : null}
      <div className="week-columns">
        <section className="card" aria-labelledby={reserveTitleId}>
          <h2 id={reserveTitleId}>{t('reserve.title')}</h2>
          <ReservationForm
            resources={resources}
            viewer={viewer}
            values={values}
            onChange={setValues}
            today={today}
            onReserved={handleReserved}
            onSeriesReserved={() => refresh()}
            onRefused={handleRefused}
            onShowSlot={(_resourceId, day) => {
              if (day !== date) showDay(day);
            }}
            submitRef={submitRef}
          />
        </section>
        <section className="card" aria-labelledby={listTitleId}>
          <h2 id={listTitleId}>{t('planning.dayReservations')}</h2>
          <ReservationList
            reservations={reservations}
            viewer={viewer}
            showQuantity={resources.some((resource) => resource.capacity > 1)}
            showResource
            now={new Date()}
            emptyText={t('planning.dayEmpty')}
            onCancel={(reservation) => {
              setAnnouncement(null);
              setCancelTarget(reservation);
            }}
          />
        </section>
      </div>
      <CancelReservationDialog
        reservation={cancelTarget}
        policy={cancelPolicy}
        viewer={viewer}
        onClose={() => setCancelTarget(null)}
        onCancelled={(reservation, count) => {
          setCancelTarget(null);
          setAnnouncement(
            count > 1
              ? t('cancel.seriesSuccess', { count, resource: reservation.resource.name })
              : t('cancel.success', { member: reservation.member.name, when: describeSlot(reservation) }),
          );
          refresh();
        }}
      />
    </>
  );
}
