import { useId, useRef, type CSSProperties, type ReactNode } from 'react';
import { useI18n, type I18n } from '../../shared/i18n/i18n.js';
import { clockTime } from '../../../../shared/paris-time.js';
import type { CalendarReservation } from './calendar-reservations-query.js';
import type { GridSelection } from './grid-selection.js';
import { GridScrollHint } from './grid-scroll-hint.js';
import { useGridInput, type ColumnHandlers, type PendingStart } from './time-grid-input.js';
import type { DaySegment, HourRange, MinuteInterval } from './week-layout.js';

/**
 * Height of one hour row, in rem: tall enough for a name and a time range in a one-hour block.
 * Must equal `--hour-height` in app/styles.css, which draws the hour lines.
 */
const HOUR_HEIGHT_REM = 3;

/** One column of the grid: a day of a resource's week, or a resource on a site's day. */
export interface TimeGridColumn {
  key: string;
  heading: ReactNode;
  /** How the column is named when read aloud: `mar. 24 mars`, or a resource's name. */
  label: string;
  isToday: boolean;
  /** The open intervals of that day; null when the resource is always open. */
  openIntervals: MinuteInterval[] | null;
  /** The reason of a closure covering the whole day, if any. */
  closureReason: string | null;
  segments: DaySegment[];
  /** The step a selection moves by in this column (from the resource's slot granularity). */
  stepMinutes: number;
  /** How long a tap on a touch screen proposes (`tapSelectionMinutes`), in minutes. */
  tapMinutes: number;
  showQuantity: boolean;
}

/** A range over several days as the grid draws it: its part of each column shown, and what is read aloud of it. */
export interface RangeOverDays {
  days: readonly GridSelection[];
  /** `Créneau choisi : lun. 8 juin, 09:00 – mer. 10 juin, 17:00.` */
  announcement: string;
}

export interface TimeGridProps {
  columns: TimeGridColumn[];
  hourRange: HourRange;
  /** What the grid shows, read aloud on entering it. */
  gridLabel: string;
  /** Narrow columns for days, wider ones for resources side by side. */
  columnWidth: 'day' | 'resource';
  reservationsById: ReadonlyMap<string, CalendarReservation>;
  /** The viewer's structure, whose reservations stand out. */
  ownMemberId: string | null;
  /** The range picked for the reservation form; drawn on the grid. */
  selection: GridSelection | null;
  /** A range over several days typed in the form: drawn on each day shown, as `selection` is on one. */
  rangeOverDays?: RangeOverDays | null;
  /** Absent on a read-only grid (treasurers, auditors). */
  onSelect?: (selection: GridSelection | null) => void;
  /** Enter on a selection: the app takes the user on to the reservation form. */
  onConfirm?: () => void;
  /**
   * Left on the first column or Right on the last: the week grid turns to the week before or
   * after, carrying the range picked (null when none). The grid then focuses the column reached.
   */
  onBeyond?: (direction: -1 | 1, range: Pick<GridSelection, 'startMinute' | 'endMinute'> | null) => void;
}

/**
 * The schedule as columns over the visible hours, in Paris wall-clock time. A range is picked by
 * dragging, by clicking its start then its end (tapping on a phone, where dragging scrolls), or
 * from the keyboard: arrows move, Shift + arrows change the end, Enter goes on to the form
 * (see time-grid-input.ts).
 */
export function TimeGrid(props: TimeGridProps) {
  const { t } = useI18n();
  const { columns, hourRange, selection } = props;
  const labelId = useId();
  const helpId = useId();
  const input = useGridInput(props);
  const frame = useRef<HTMLDivElement>(null);
  const hours = Array.from({ length: hourRange.endHour - hourRange.startHour }, (_, index) => hourRange.startHour + index);
  const bodyHeight = `${hours.length * HOUR_HEIGHT_REM}rem`;
  const focusKey = columns.find((column) => column.key === selection?.columnKey)?.key ?? columns.find((column) => column.isToday)?.key ?? columns[0]?.key;
  const minColumnRem = props.columnWidth === 'day' ? 6.25 : 9;
  const gridStyle: CSSProperties = {
    gridTemplateColumns: `3.5rem repeat(${columns.length}, minmax(${minColumnRem}rem, 1fr))`,
    minWidth: `${3.5 + columns.length * minColumnRem}rem`,
  };

  return (
    <>
      <GridScrollHint frame={frame} columnWidth={props.columnWidth} />
      <div className="time-grid-scroll" ref={frame}>
        <p id={labelId} className="visually-hidden">
          {props.gridLabel}
        </p>
        {input.selectable ? (
          <p id={helpId} className="visually-hidden">
            {t('grid.keyboardHelp')}
          </p>
        ) : null}
        <div className="time-grid" style={gridStyle} role="group" aria-labelledby={labelId} data-testid="week-grid">
          <div className="time-grid-corner" aria-hidden="true" />
          {columns.map((column) => (
            <div key={column.key} className={column.isToday ? 'time-grid-heading is-today' : 'time-grid-heading'}>
              {column.heading}
            </div>
          ))}
          <div className="time-grid-hours" style={{ height: bodyHeight }} aria-hidden="true">
            {hours.map((hour) => (
              <span key={hour} className="time-grid-hour" style={{ top: `${(hour - hourRange.startHour) * HOUR_HEIGHT_REM}rem` }}>
                {clockTime(hour * 60)}
              </span>
            ))}
          </div>
          {columns.map((column, columnIndex) => (
            <GridColumn
              key={column.key}
              {...props}
              {...input.handlersFor(column, columnIndex)}
              column={column}
              height={bodyHeight}
              selectable={input.selectable}
              focusable={column.key === focusKey}
              helpId={helpId}
            />
          ))}
        </div>
        <p className="visually-hidden" aria-live="polite" data-testid="grid-announcement">
          {selectionAnnouncement(props, input.pendingStart, t)}
        </p>
      </div>
    </>
  );
}

/** What a screen reader hears when the selection changes: the range, or the start awaiting its end. */
function selectionAnnouncement({ columns, selection, rangeOverDays }: TimeGridProps, pendingStart: PendingStart | null, t: I18n['t']): string {
  const selectedColumn = columns.find((column) => column.key === selection?.columnKey);
  if (!selection || !selectedColumn) return rangeOverDays?.announcement ?? '';
  return pendingStart?.columnKey === selection.columnKey
    ? t('grid.pickEnd', { column: selectedColumn.label, start: clockTime(selection.startMinute) })
    : t('grid.selected', { column: selectedColumn.label, start: clockTime(selection.startMinute), end: clockTime(selection.endMinute) });
}

interface GridColumnProps extends TimeGridProps, ColumnHandlers {
  column: TimeGridColumn;
  height: string;
  selectable: boolean;
  focusable: boolean;
  helpId: string;
}

function GridColumn(props: GridColumnProps) {
  const { t } = useI18n();
  const { column, hourRange, selection, selectable } = props;
  const rangeStartMinute = hourRange.startHour * 60;
  const rangeMinutes = (hourRange.endHour - hourRange.startHour) * 60;
  const position = (interval: MinuteInterval): CSSProperties => ({
    top: `${((interval.startMinute - rangeStartMinute) / rangeMinutes) * 100}%`,
    height: `${((interval.endMinute - interval.startMinute) / rangeMinutes) * 100}%`,
  });
  const closed = column.closureReason !== null;
  const className = [
    'time-grid-column',
    column.openIntervals !== null || closed ? 'has-closed-hours' : '',
    column.isToday ? 'is-today' : '',
    selectable ? 'is-selectable' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const ownSelection = selection?.columnKey === column.key ? selection : null;
  const highlighted = ownSelection ? [ownSelection] : (props.rangeOverDays?.days ?? []).filter((day) => day.columnKey === column.key);

  return (
    <div
      ref={props.columnRef}
      className={className}
      style={{ height: props.height }}
      data-testid="grid-column"
      data-column={column.key}
      {...(selectable
        ? {
            role: 'group',
            tabIndex: props.focusable ? 0 : -1,
            'aria-label': t('grid.columnLabel', { column: column.label }),
            'aria-describedby': props.helpId,
            onPointerDown: props.onPointerDown,
            onPointerMove: props.onPointerMove,
            onPointerUp: props.onPointerUp,
            onPointerCancel: props.onPointerCancel,
            onKeyDown: props.onKeyDown,
          }
        : {})}
    >
      {closed || column.openIntervals === null
        ? null
        : column.openIntervals.map((interval) => (
            <div key={interval.startMinute} className="time-grid-open" style={position(interval)} aria-hidden="true" />
          ))}
      {closed ? (
        <p className="time-grid-closure" data-testid="grid-closure">
          {t('grid.closed', { reason: column.closureReason ?? '' })}
        </p>
      ) : null}
      {column.segments.map((segment) => (
        <ReservationBlock key={`${segment.reservationId}-${segment.dayIndex}`} {...props} segment={segment} style={position(segment)} />
      ))}
      {highlighted.map((range) => (
        <div key={range.startMinute} className="time-grid-selection" style={position(withinHours(range, hourRange))} aria-hidden="true" data-testid="grid-selection">
          {t('reservations.timeRange', { start: clockTime(range.startMinute), end: clockTime(range.endMinute) })}
        </div>
      ))}
    </div>
  );
}

/** The part of a range inside the visible hours, so that a day's highlight to midnight stays in its column. */
function withinHours(range: MinuteInterval, hourRange: HourRange): MinuteInterval {
  const startMinute = Math.max(range.startMinute, hourRange.startHour * 60);
  return { startMinute, endMinute: Math.max(startMinute, Math.min(range.endMinute, hourRange.endHour * 60)) };
}

function ReservationBlock({
  column,
  segment,
  style,
  reservationsById,
  ownMemberId,
}: GridColumnProps & { segment: DaySegment; style: CSSProperties }) {
  const { t } = useI18n();
  const reservation = reservationsById.get(segment.reservationId);
  if (!reservation) return null;
  const requested = reservation.status === 'REQUESTED';
  const className = ['reservation-block', reservation.member.id === ownMemberId ? 'is-own' : '', requested ? 'is-requested' : '']
    .filter(Boolean)
    .join(' ');
  const width = 100 / segment.laneCount;
  return (
    <div
      className={className}
      style={{ ...style, left: `${segment.lane * width}%`, width: `${width}%` }}
      title={reservation.purpose ?? undefined}
      data-testid="reservation-block"
      data-reservation-id={reservation.id}
      data-status={reservation.status}
    >
      <span className="reservation-block-member">{reservation.member.name}</span>
      <span className="reservation-block-time">
        {t('reservations.timeRange', { start: clockTime(segment.startMinute), end: clockTime(segment.endMinute) })}
        {column.showQuantity ? (
          <span className="reservation-block-quantity">{t('reservations.blockQuantity', { quantity: reservation.quantity })}</span>
        ) : null}
      </span>
      {requested ? <span className="reservation-block-status">{t('reservationStatus.REQUESTED')}</span> : null}
    </div>
  );
}
