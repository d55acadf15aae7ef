import { useCallback, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { ErrorCode } from '../../../../shared/error-codes.js';
import { parisDateOf } from '../../../../shared/paris-time.js';
import { formatDayHeading } from '../../shared/format.js';
import { type I18n, useI18n } from '../../shared/i18n/i18n.js';
import { describeTimes } from '../../shared/slot-times.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import type { Viewer } from '../../shared/viewer.js';
import type { CalendarReservation } from './calendar-reservations-query.js';
import { canReserve } from './calendar-helpers.js';
import { CancelReservationDialog, type CancellationPolicy } from './cancel-reservation-dialog.js';
import { rangeDaysOfTimes, type GridSelection } from './grid-selection.js';
import { GridLegend } from './grid-legend.js';
import { ReservationForm } from './reservation-form.js';
import { ReservationList, useCancelledMessage } from './reservation-list.js';
import type { ReservationFormValues } from './reserve-request.js';
import { typedSlot } from '../../shared/typed-slot.js';
import type { BookableResource } from './resource-query.js';
import { TimeGrid, type RangeOverDays, type TimeGridProps } from './time-grid.js';

/**
 * What a resource's week and a site's day share: a grid where a range is picked, the reservation
 * form it fills, the list of reservations with their cancel dialog, and the messages announced
 * to screen readers. The screens differ only in their columns and in which days they show.
 */

/** Conflicts mean the grid is out of date: someone else reserved in the meantime. */
const REFRESH_ON_REFUSAL = new Set<string>(['RESERVATION_CONFLICT', 'CONCURRENCY_CONFLICT']);

export interface ReservationBoardOptions {
  viewer: Viewer;
  initialValues: () => ReservationFormValues;
  /** Asks the server again for the reservations on screen. */
  refresh: () => void;
  /** Whether a Paris date (`YYYY-MM-DD`) is on screen; if not, `showDay` goes to it. */
  isShown: (date: string) => boolean;
  showDay: (date: string) => void;
  /** The form's values once a range is picked on the grid (its column is a day or a resource). */
  valuesForSelection: (current: ReservationFormValues, selection: GridSelection) => ReservationFormValues;
}

export interface ReservationBoard {
  viewer: Viewer;
  values: ReservationFormValues;
  setValues: (update: (current: ReservationFormValues) => ReservationFormValues) => void;
  announcement: string | null;
  cancelTarget: CalendarReservation | null;
  submitRef: RefObject<HTMLButtonElement | null>;
  selectRange: (selection: GridSelection | null) => void;
  askToCancel: (reservation: CalendarReservation) => void;
  closeCancel: () => void;
  handleReserved: (reservation: CalendarReservation) => void;
  handleRefused: (code: ErrorCode | 'NETWORK' | 'UNKNOWN') => void;
  handleCancelled: (reservation: CalendarReservation, count: number) => void;
  /** Shows a day chosen in the form (typed, or the first free slot's) when it is not on screen. */
  showDate: (date: string) => void;
  refresh: () => void;
}

export function useReservationBoard(options: ReservationBoardOptions): ReservationBoard {
  const { viewer, refresh, isShown, showDay, valuesForSelection } = options;
  const cancelledMessage = useCancelledMessage();
  const [values, setValues] = useState<ReservationFormValues>(options.initialValues);
  const [cancelTarget, setCancelTarget] = useState<CalendarReservation | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  const selectRange = useCallback(
    (selection: GridSelection | null) => {
      setAnnouncement(null);
      setValues((current) => (selection ? valuesForSelection(current, selection) : { ...current, startTime: '', endTime: '' }));
    },
    [valuesForSelection],
  );

  return {
    viewer,
    values,
    setValues,
    announcement,
    cancelTarget,
    submitRef,
    selectRange,
    askToCancel: (reservation) => {
      setAnnouncement(null);
      setCancelTarget(reservation);
    },
    closeCancel: () => setCancelTarget(null),
    handleReserved: (reservation) => {
      setAnnouncement(null);
      const date = parisDateOf(reservation.start);
      if (isShown(date)) refresh();
      else showDay(date);
    },
    handleRefused: (code) => {
      if (REFRESH_ON_REFUSAL.has(code)) refresh();
    },
    handleCancelled: (reservation, count) => {
      setCancelTarget(null);
      setAnnouncement(cancelledMessage(reservation, count));
      refresh();
    },
    showDate: (date) => {
      if (!isShown(date)) showDay(date);
    },
    refresh,
  };
}

/**
 * A range over several days typed in the form, as the grid draws it on the days among `dates` it
 * shows (in the column `columnKeyOf` names); null for a range within one day (the grid's selection)
 * or one not typed whole.
 */
export function rangeOverDaysOf(values: ReservationFormValues, dates: readonly string[], columnKeyOf: (date: string) => string, i18n: Pick<I18n, 't' | 'locale'>): RangeOverDays | null {
  const days = rangeDaysOfTimes(values, dates);
  const slot = typedSlot(values);
  if (days.length === 0 || !slot.ok) return null;
  const times = describeTimes({ start: slot.start.toISOString(), end: slot.end.toISOString() }, i18n);
  return {
    days: days.map(({ date, startMinute, endMinute }) => ({ columnKey: columnKeyOf(date), startMinute, endMinute })),
    announcement: i18n.t('grid.selectedOverDays', { day: formatDayHeading(values.date, i18n.locale), times }),
  };
}

type BoardGridProps = Omit<TimeGridProps, 'ownMemberId' | 'onSelect' | 'onConfirm'> & { board: ReservationBoard };

/** The live announcement, the legend and the grid, selectable by those who may reserve. */
export function ReservationBoardGrid({ board, ...grid }: BoardGridProps) {
  const { t } = useI18n();
  const selectable = canReserve(board.viewer);
  return (
    <>
      {board.announcement ? <StatusMessage tone="success">{board.announcement}</StatusMessage> : null}
      <GridLegend />
      <TimeGrid
        {...grid}
        ownMemberId={board.viewer.member?.id ?? null}
        {...(selectable ? { onSelect: board.selectRange, onConfirm: () => board.submitRef.current?.focus() } : {})}
      />
      {selectable ? <p className="muted small grid-help">{t('grid.help')}</p> : null}
    </>
  );
}

export interface ReservationBoardPanelsProps {
  board: ReservationBoard;
  /** The resources the form may book. */
  resources: readonly BookableResource[];
  today: string;
  /** The first day on screen (`YYYY-MM-DD`): « Premier créneau libre » looks from there on. */
  shownFrom: string;
  reservations: readonly CalendarReservation[];
  listTitle: string;
  listEmptyText?: string;
  showQuantity: boolean;
  showResource?: boolean;
  /** The cancellation terms of the reservation being cancelled. */
  cancelPolicy: CancellationPolicy | null;
  /** Sections between the panels and the cancel dialog (the external calendar feeds). */
  children?: ReactNode;
}

/** The reservation form and the list of reservations side by side, then the cancel dialog. */
export function ReservationBoardPanels({ board, resources, today, shownFrom, reservations, listTitle, cancelPolicy, children, ...list }: ReservationBoardPanelsProps) {
  const { t } = useI18n();
  const reserveTitleId = useId();
  const listTitleId = useId();
  return (
    <>
      <div className="week-columns">
        <section className="card" aria-labelledby={reserveTitleId}>
          <h2 id={reserveTitleId}>{t('reserve.title')}</h2>
          <ReservationForm
            resources={resources}
            viewer={board.viewer}
            values={board.values}
            onChange={board.setValues}
            today={today}
            onReserved={board.handleReserved}
            onSeriesReserved={() => board.refresh()}
            onRefused={board.handleRefused}
            onShowDay={board.showDate}
            shownFrom={shownFrom}
            submitRef={board.submitRef}
          />
        </section>
        <section className="card" aria-labelledby={listTitleId}>
          <h2 id={listTitleId}>{listTitle}</h2>
          <ReservationList
            reservations={reservations}
            viewer={board.viewer}
            showQuantity={list.showQuantity}
            {...(list.showResource ? { showResource: true } : {})}
            {...(list.listEmptyText === undefined ? {} : { emptyText: list.listEmptyText })}
            now={new Date()}
            onCancel={board.askToCancel}
          />
        </section>
      </div>
      {children}
      <CancelReservationDialog
        reservation={board.cancelTarget}
        policy={cancelPolicy}
        viewer={board.viewer}
        onClose={board.closeCancel}
        onCancelled={board.handleCancelled}
      />
    </>
  );
}
