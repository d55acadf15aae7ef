import { useCallback, useEffect, useMemo } from 'react';
import { useI18n } from '../../shared/i18n/i18n.js';
import { addDays, isoWeekday, startOfParisDay, toParisIsoString } from '../../../../shared/paris-time.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import type { Viewer } from '../../shared/viewer.js';
import { useCalendarReservationsQuery, type CalendarReservation } from './calendar-reservations-query.js';
import { selectionFromTimes, selectionStepMinutes, selectionTimes, tapSelectionMinutes, type GridSelection } from './grid-selection.js';
import { rangeOverDaysOf, ReservationBoardGrid, ReservationBoardPanels, useReservationBoard } from './reservation-board.js';
import { emptyFormValues, withStartDate } from './reservation-form-values.js';
import { endDateOf } from '../../shared/typed-slot.js';
import { useReservationsChanged } from './reservations-changed-subscription.js';
import type { BookableResource } from './resource-query.js';
import type { TimeGridColumn } from './time-grid.js';
import { closureOn, daySegments, openIntervals, unionHourRange, visibleHourRange } from './week-layout.js';
import { isOnCalendar } from './calendar-helpers.js';

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
  const { t, locale } = useI18n();
  const bounds = useMemo(() => ({ from: toParisIsoString(startOfParisDay(date)), to: toParisIsoString(startOfParisDay(addDays(date, 1))) }), [date]);
  const [{ data, error, operation }, reexecute] = useCalendarReservationsQuery(bounds);
  const board = useReservationBoard({
    viewer,
    initialValues: () => emptyFormValues(viewer, '', date),
    refresh: () => reexecute({ requestPolicy: 'network-only' }),
    isShown: (day) => day === date,
    showDay,
    valuesForSelection: useCallback((current, next) => ({ ...current, resourceId: next.columnKey, date, endDate: '', ...selectionTimes(next) }), [date]),
  });
  const resourceIds = useMemo(() => resources.map((resource) => resource.id), [resources]);
  useReservationsChanged(resourceIds);

  // The form's day follows the day on screen, a chosen range with it (but never onto a past day).
  const { setValues } = board;
  useEffect(() => {
    setValues((current) => (current.date === date || (current.startTime !== '' && date < today) ? current : withStartDate(current, date)));
  }, [setValues, date, today]);

  const isCurrent = operation?.variables.from === bounds.from;
  const shownIds = new Set(resourceIds);
  const reservations = (isCurrent ? (data?.reservations ?? []) : []).filter((reservation) => shownIds.has(reservation.resource.id));
  const columns = dayColumns(resources, date, reservations, resourceHref);
  const hourRange = unionHourRange(columns.map((column, index) => visibleHourRange(resources[index]!.openingHours, column.segments)));
  const { values } = board;
  const typed = selectionFromTimes(values.startTime, values.endTime);
  const selection: GridSelection | null = typed && values.date === date && endDateOf(values) === date && values.resourceId !== '' ? { columnKey: values.resourceId, ...typed } : null;
  const rangeOverDays = values.resourceId === '' ? null : rangeOverDaysOf(values, [date], () => values.resourceId, { t, locale });
  const cancelTarget = board.cancelTarget;

  return (
    <>
      {error ? <GraphqlErrorAlert error={error} /> : null}
      <ReservationBoardGrid
        board={board}
        columns={columns}
        hourRange={hourRange}
        gridLabel={t('planning.gridLabel', { count: resources.length })}
        columnWidth="resource"
        reservationsById={new Map(reservations.map((reservation) => [reservation.id, reservation]))}
        selection={selection}
        rangeOverDays={rangeOverDays}
      />
      <ReservationBoardPanels
        board={board}
        resources={resources}
        today={today}
        shownFrom={date}
        reservations={reservations}
        listTitle={t('planning.dayReservations')}
        listEmptyText={t('planning.dayEmpty')}
        showQuantity={resources.some((resource) => resource.capacity > 1)}
        showResource
        cancelPolicy={cancelTarget ? (resources.find((resource) => resource.id === cancelTarget.resource.id) ?? null) : null}
      />
    </>
  );
}

/** One column per resource over the day, with its opening hours, closure and reservations. */
function dayColumns(
  resources: readonly BookableResource[],
  date: string,
  reservations: readonly CalendarReservation[],
  resourceHref: (resourceId: string) => string,
): TimeGridColumn[] {
  return resources.map((resource) => ({
    key: resource.id,
    heading: (
      <a href={resourceHref(resource.id)} className="time-grid-resource-link">
        {resource.name}
      </a>
    ),
    label: resource.name,
    isToday: false,
    openIntervals: resource.openingHours.length === 0 ? null : openIntervals(resource.openingHours, isoWeekday(date)),
    closureReason: closureOn(resource.closures, date)?.reason ?? null,
    segments: daySegments(reservations.filter((reservation) => reservation.resource.id === resource.id && isOnCalendar(reservation)), [date]),
    stepMinutes: selectionStepMinutes(resource.rules.slotGranularityMinutes),
    tapMinutes: tapSelectionMinutes(resource.rules, selectionStepMinutes(resource.rules.slotGranularityMinutes)),
    showQuantity: resource.capacity > 1,
  }));
}
