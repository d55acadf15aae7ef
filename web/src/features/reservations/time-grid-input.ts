import { useEffect, useRef, useState, type KeyboardEvent, type MutableRefObject, type PointerEvent } from 'react';
import { initialSelection, minuteAtFraction, moveSelection, spanSteps, tapSelection, type GridSelection, type SelectionMove } from './grid-selection.js';
import type { TimeGridColumn, TimeGridProps } from './time-grid.js';

/**
 * How a range is picked on the time grid: dragging, clicking its start then its end (tapping on a
 * phone, where dragging scrolls), or from the keyboard — arrows move, Shift + arrows change the
 * end, Left and Right change column (past the last day of a week, the next week), Enter goes on to
 * the form, Escape clears.
 */

/** Where a pointer went down, and whether it has been dragged since. */
interface Press {
  columnKey: string;
  minute: number;
  moved: boolean;
  /** A finger rather than a mouse or a pen: a tap then proposes a whole slot (see `tapSelection`). */
  touch: boolean;
}

/** The start marked by a first click, waiting for the click on the end. */
export interface PendingStart {
  columnKey: string;
  minute: number;
}

/** What a column of the grid listens to. */
export interface ColumnHandlers {
  columnRef: (element: HTMLDivElement | null) => void;
  onPointerDown: (event: PointerEvent<HTMLDivElement>) => void;
  onPointerMove: (event: PointerEvent<HTMLDivElement>) => void;
  onPointerUp: (event: PointerEvent<HTMLDivElement>) => void;
  onPointerCancel: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}

type GridInputProps = Pick<TimeGridProps, 'columns' | 'hourRange' | 'selection' | 'onSelect' | 'onConfirm' | 'onBeyond'>;

interface GridInput extends GridInputProps {
  press: MutableRefObject<Press | null>;
  /** The way the grid last turned to another week, until the column reached has the focus. */
  turnedTo: MutableRefObject<-1 | 1 | null>;
  pendingStart: PendingStart | null;
  setPendingStart: (start: PendingStart | null) => void;
  columnElements: Map<string, HTMLDivElement>;
}

export function useGridInput(props: GridInputProps) {
  const press = useRef<Press | null>(null);
  const columnElements = useRef(new Map<string, HTMLDivElement>());
  const [pendingStart, setPendingStart] = useState<PendingStart | null>(null);
  const { selection } = props;

  // A start marked by a click is forgotten once the selection changes some other way (the form).
  useEffect(() => {
    if (pendingStart && (selection?.columnKey !== pendingStart.columnKey || selection.startMinute !== pendingStart.minute)) {
      setPendingStart(null);
    }
  }, [selection, pendingStart]);

  // Turned to another week from the keyboard: the focus goes to the new week's first (or last) day.
  const turnedTo = useRef<-1 | 1 | null>(null);
  const firstKey = props.columns[0]?.key;
  const lastKey = props.columns.at(-1)?.key;
  useEffect(() => {
    const key = turnedTo.current === 1 ? firstKey : turnedTo.current === -1 ? lastKey : undefined;
    const element = key === undefined ? undefined : columnElements.current.get(key);
    if (!element) return;
    turnedTo.current = null;
    element.focus();
  }, [firstKey, lastKey]);

  const input: GridInput = { ...props, press, turnedTo, pendingStart, setPendingStart, columnElements: columnElements.current };
  return {
    selectable: props.onSelect !== undefined,
    pendingStart,
    handlersFor: (column: TimeGridColumn, columnIndex: number): ColumnHandlers => ({
      columnRef: (element) => {
        if (element) input.columnElements.set(column.key, element);
        else input.columnElements.delete(column.key);
      },
      onPointerDown: (event) => pointerDown(input, column, event),
      onPointerMove: (event) => pointerMove(input, column, event),
      onPointerUp: (event) => pointerUp(input, column, event),
      onPointerCancel: () => {
        press.current = null;
      },
      onKeyDown: (event) => keyDown(input, columnIndex, event),
    }),
  };
}

function select(input: GridInput, column: TimeGridColumn, range: Pick<GridSelection, 'startMinute' | 'endMinute'>) {
  input.onSelect?.({ columnKey: column.key, ...range });
}

function minuteAt(input: GridInput, column: TimeGridColumn, event: PointerEvent<HTMLDivElement>): number {
  const box = event.currentTarget.getBoundingClientRect();
  return minuteAtFraction((event.clientY - box.top) / box.height, input.hourRange, column.stepMinutes);
}

function pointerDown(input: GridInput, column: TimeGridColumn, event: PointerEvent<HTMLDivElement>) {
  if (!input.onSelect || event.button !== 0) return;
  const minute = minuteAt(input, column, event);
  event.currentTarget.focus({ preventScroll: true });
  input.press.current = { columnKey: column.key, minute, moved: false, touch: event.pointerType === 'touch' };
  // On a touch screen a drag scrolls the page: a selection is made of two taps instead.
  if (event.pointerType === 'touch') return;
  event.preventDefault();
  event.currentTarget.setPointerCapture(event.pointerId);
}

function pointerMove(input: GridInput, column: TimeGridColumn, event: PointerEvent<HTMLDivElement>) {
  const press = input.press.current;
  if (!press || press.columnKey !== column.key || event.pointerType === 'touch') return;
  const minute = minuteAt(input, column, event);
  if (minute === press.minute && !press.moved) return;
  press.moved = true;
  select(input, column, spanSteps(press.minute, minute, column.stepMinutes));
}

function pointerUp(input: GridInput, column: TimeGridColumn, event: PointerEvent<HTMLDivElement>) {
  const press = input.press.current;
  input.press.current = null;
  if (!press || press.columnKey !== column.key) return;
  if (press.moved) {
    input.setPendingStart(null);
    return;
  }
  // A click or a tap: the first marks the start, the second the end.
  const minute = minuteAt(input, column, event);
  const { pendingStart } = input;
  if (press.touch) {
    touchTap(input, column, minute);
  } else if (pendingStart && pendingStart.columnKey === column.key) {
    select(input, column, spanSteps(pendingStart.minute, minute, column.stepMinutes));
    input.setPendingStart(null);
  } else {
    select(input, column, spanSteps(minute, minute, column.stepMinutes));
    input.setPendingStart({ columnKey: column.key, minute });
  }
}

/**
 * A first tap proposes a whole slot from the tapped step (the form shows it at once); a second tap
 * below its start in the same column moves its end there, and any other tap proposes afresh.
 */
function touchTap(input: GridInput, column: TimeGridColumn, minute: number) {
  const { pendingStart } = input;
  if (pendingStart && pendingStart.columnKey === column.key && minute > pendingStart.minute) {
    select(input, column, spanSteps(pendingStart.minute, minute, column.stepMinutes));
    input.setPendingStart(null);
    return;
  }
  const proposal = tapSelection(minute, column.tapMinutes, input.hourRange, column.stepMinutes);
  select(input, column, proposal);
  input.setPendingStart({ columnKey: column.key, minute: proposal.startMinute });
}

function keyDown(input: GridInput, columnIndex: number, event: KeyboardEvent<HTMLDivElement>) {
  const column = input.columns[columnIndex];
  if (!column || !input.onSelect) return;
  const current = input.selection?.columnKey === column.key ? input.selection : null;
  const move = keyMove(event);
  if (move) {
    event.preventDefault();
    input.setPendingStart(null);
    const start = current ?? initialSelection(input.hourRange, column.stepMinutes, column.openIntervals?.[0]?.startMinute ?? null);
    select(input, column, current ? moveSelection(current, move, column.stepMinutes, input.hourRange) : start);
    return;
  }
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    const direction = event.key === 'ArrowLeft' ? -1 : 1;
    const next = input.columns[columnIndex + direction];
    if (!next) {
      turnBeyond(input, direction, current, event);
      return;
    }
    event.preventDefault();
    input.setPendingStart(null);
    input.columnElements.get(next.key)?.focus();
    if (current) select(input, next, { startMinute: current.startMinute, endMinute: current.endMinute });
    return;
  }
  if ((event.key === 'Enter' || event.key === ' ') && current) {
    event.preventDefault();
    input.setPendingStart(null);
    input.onConfirm?.();
    return;
  }
  if (event.key === 'Escape' && (current || input.pendingStart)) {
    event.preventDefault();
    input.setPendingStart(null);
    input.onSelect(null);
  }
}

/** Past the grid's first or last column: the screen shows the week before or after, if it can. */
function turnBeyond(input: GridInput, direction: -1 | 1, current: GridSelection | null, event: KeyboardEvent<HTMLDivElement>) {
  if (!input.onBeyond) return;
  event.preventDefault();
  input.setPendingStart(null);
  input.turnedTo.current = direction;
  input.onBeyond(direction, current ? { startMinute: current.startMinute, endMinute: current.endMinute } : null);
}

function keyMove(event: KeyboardEvent): SelectionMove | null {
  switch (event.key) {
    case 'ArrowUp':
      return event.shiftKey ? 'shorter' : 'earlier';
    case 'ArrowDown':
      return event.shiftKey ? 'longer' : 'later';
    // An hour at a time: reaching 14:00 from 08:00 takes six presses, not twenty-four.
    case 'PageUp':
      return event.shiftKey ? 'hourShorter' : 'hourEarlier';
    case 'PageDown':
      return event.shiftKey ? 'hourLonger' : 'hourLater';
    case 'Home':
      return 'dayStart';
    case 'End':
      return 'dayEnd';
    default:
      return null;
  }
}
