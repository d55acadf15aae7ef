import { describe, expect, it } from 'vitest';
import {
  initialSelection,
  minuteAtFraction,
  moveSelection,
  rangeDaysOfTimes,
  selectionFromTimes,
  selectionStepMinutes,
  selectionTimes,
  spanSteps,
  tapSelection,
  tapSelectionMinutes,
} from './grid-selection.js';

const workingDay = { startHour: 8, endHour: 20 };

describe('selectionStepMinutes', () => {
  it('follows the resource’s slot granularity, never finer than a quarter of an hour', () => {
    expect(selectionStepMinutes(15)).toBe(15);
    expect(selectionStepMinutes(30)).toBe(30);
    expect(selectionStepMinutes(60)).toBe(60);
    expect(selectionStepMinutes(5)).toBe(15);
    expect(selectionStepMinutes(10)).toBe(20);
  });

  it('only uses steps that divide the day, so each selected time is on the resource’s grid', () => {
    expect(selectionStepMinutes(8)).toBe(16);
    expect(selectionStepMinutes(45)).toBe(45);
    expect(selectionStepMinutes(720)).toBe(720);
    expect(selectionStepMinutes(0)).toBe(15);
  });
});

describe('pointing at the grid', () => {
  it('gives the start of the step under the pointer', () => {
    // 12 visible hours: a quarter of the way down is 11:00, a little lower still 11:00, lower 11:30.
    expect(minuteAtFraction(0.25, workingDay, 30)).toBe(11 * 60);
    expect(minuteAtFraction(0.26, workingDay, 30)).toBe(11 * 60);
    expect(minuteAtFraction(0.3, workingDay, 30)).toBe(11 * 60 + 30);
  });

  it('stays inside the visible hours when the pointer leaves the column', () => {
    expect(minuteAtFraction(-0.5, workingDay, 30)).toBe(8 * 60);
    expect(minuteAtFraction(1.5, workingDay, 30)).toBe(19 * 60 + 30);
  });

  it('lets a selection end at midnight, the last step of a grid that runs to it', () => {
    expect(minuteAtFraction(1, { startHour: 18, endHour: 24 }, 30)).toBe(23 * 60 + 30);
  });

  it('spans both steps whichever way the pointer is dragged', () => {
    expect(spanSteps(600, 660, 30)).toEqual({ startMinute: 600, endMinute: 690 });
    expect(spanSteps(660, 600, 30)).toEqual({ startMinute: 600, endMinute: 690 });
    expect(spanSteps(600, 600, 30)).toEqual({ startMinute: 600, endMinute: 630 });
  });
});

describe('moving a selection by keyboard', () => {
  const tenToEleven = { startMinute: 600, endMinute: 660 };

  it('moves the whole range a step earlier or later, keeping its length', () => {
    expect(moveSelection(tenToEleven, 'later', 30, workingDay)).toEqual({ startMinute: 630, endMinute: 690 });
    expect(moveSelection(tenToEleven, 'earlier', 30, workingDay)).toEqual({ startMinute: 570, endMinute: 630 });
  });

  it('lengthens or shortens it by its end, never below one step', () => {
    expect(moveSelection(tenToEleven, 'longer', 30, workingDay)).toEqual({ startMinute: 600, endMinute: 690 });
    expect(moveSelection({ startMinute: 600, endMinute: 630 }, 'shorter', 30, workingDay)).toEqual({ startMinute: 600, endMinute: 630 });
  });

  it('moves and stretches it by an hour in whole steps, for Page Up and Page Down', () => {
    expect(moveSelection(tenToEleven, 'hourLater', 15, workingDay)).toEqual({ startMinute: 660, endMinute: 720 });
    expect(moveSelection(tenToEleven, 'hourEarlier', 30, workingDay)).toEqual({ startMinute: 540, endMinute: 600 });
    expect(moveSelection(tenToEleven, 'hourLonger', 15, workingDay)).toEqual({ startMinute: 600, endMinute: 720 });
    expect(moveSelection({ startMinute: 600, endMinute: 690 }, 'hourShorter', 15, workingDay)).toEqual({ startMinute: 600, endMinute: 630 });
    expect(moveSelection(tenToEleven, 'hourShorter', 15, workingDay)).toEqual({ startMinute: 600, endMinute: 615 });
    // A grid of two-hour slots moves by its step.
    expect(moveSelection({ startMinute: 600, endMinute: 720 }, 'hourLater', 120, workingDay)).toEqual({ startMinute: 720, endMinute: 840 });
  });

  it('stops at the edges of the visible hours', () => {
    expect(moveSelection({ startMinute: 480, endMinute: 540 }, 'earlier', 30, workingDay)).toEqual({ startMinute: 480, endMinute: 540 });
    expect(moveSelection({ startMinute: 1140, endMinute: 1200 }, 'later', 30, workingDay)).toEqual({ startMinute: 1140, endMinute: 1200 });
    expect(moveSelection({ startMinute: 1140, endMinute: 1200 }, 'longer', 30, workingDay)).toEqual({ startMinute: 1140, endMinute: 1200 });
    expect(moveSelection(tenToEleven, 'dayStart', 30, workingDay)).toEqual({ startMinute: 480, endMinute: 540 });
    expect(moveSelection(tenToEleven, 'dayEnd', 30, workingDay)).toEqual({ startMinute: 1140, endMinute: 1200 });
  });

  it('starts at the opening of the day, or at the top of the grid', () => {
    expect(initialSelection(workingDay, 30, 9 * 60)).toEqual({ startMinute: 540, endMinute: 570 });
    expect(initialSelection(workingDay, 30, null)).toEqual({ startMinute: 480, endMinute: 510 });
    expect(initialSelection(workingDay, 30, 8 * 60 + 10)).toEqual({ startMinute: 510, endMinute: 540 });
  });
});

describe('the selection and the form’s times', () => {
  it('writes and reads Paris wall-clock times', () => {
    expect(selectionTimes({ startMinute: 600, endMinute: 690 })).toEqual({ startTime: '10:00', endTime: '11:30' });
    expect(selectionFromTimes('10:00', '11:30')).toEqual({ startMinute: 600, endMinute: 690 });
    expect(selectionFromTimes('10:00:00', '11:30:00')).toEqual({ startMinute: 600, endMinute: 690 });
  });

  it('writes a selection to midnight as an end at 00:00, and reads 00:00 back as that midnight', () => {
    expect(selectionTimes({ startMinute: 22 * 60, endMinute: 24 * 60 })).toEqual({ startTime: '22:00', endTime: '00:00' });
    expect(selectionFromTimes('22:00', '00:00')).toEqual({ startMinute: 22 * 60, endMinute: 24 * 60 });
  });

  it('draws nothing for times that do not make a range', () => {
    expect(selectionFromTimes('', '11:00')).toBeNull();
    expect(selectionFromTimes('11:00', '10:00')).toBeNull();
  });
});

describe('a tap on a touch screen', () => {
  const rules = (minDurationMinutes: number, maxDurationMinutes = 31 * 24 * 60) => ({ minDurationMinutes, maxDurationMinutes });

  it('proposes an hour, or the resource’s minimum duration when it is longer, in whole steps', () => {
    expect(tapSelectionMinutes(rules(15), 15)).toBe(60);
    expect(tapSelectionMinutes(rules(90), 15)).toBe(90);
    expect(tapSelectionMinutes(rules(100), 30)).toBe(120);
    expect(tapSelectionMinutes(rules(15), 120)).toBe(120);
  });

  it('never proposes more than the resource’s maximum duration', () => {
    expect(tapSelectionMinutes(rules(15, 30), 15)).toBe(30);
    expect(tapSelectionMinutes(rules(15, 50), 30)).toBe(30);
  });

  it('starts at the tapped step, and moves up when the visible hours end first', () => {
    expect(tapSelection(9 * 60, 60, workingDay, 15)).toEqual({ startMinute: 540, endMinute: 600 });
    expect(tapSelection(19 * 60 + 30, 60, workingDay, 15)).toEqual({ startMinute: 19 * 60, endMinute: 20 * 60 });
    expect(tapSelection(9 * 60, 24 * 60, workingDay, 15)).toEqual({ startMinute: 8 * 60, endMinute: 20 * 60 });
  });
});

describe('a range typed over several days', () => {
  const week = ['2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12', '2026-06-13', '2026-06-14'];

  it('covers its first day from its start, the days between whole and its last day until its end', () => {
    expect(rangeDaysOfTimes({ date: '2026-06-08', startTime: '09:00', endDate: '2026-06-10', endTime: '17:00' }, week)).toEqual([
      { date: '2026-06-08', startMinute: 540, endMinute: 1440 },
      { date: '2026-06-09', startMinute: 0, endMinute: 1440 },
      { date: '2026-06-10', startMinute: 0, endMinute: 1020 },
    ]);
  });
  it('ends at 00:00 with the midnight ending its last day, and keeps to the days shown', () => {
    expect(rangeDaysOfTimes({ date: '2026-06-13', startTime: '10:00', endDate: '2026-06-16', endTime: '00:00' }, week)).toEqual([
      { date: '2026-06-13', startMinute: 600, endMinute: 1440 },
      { date: '2026-06-14', startMinute: 0, endMinute: 1440 },
    ]);
  });
  it('is empty within one day, before its times are typed, and when the end date comes first', () => {
    expect(rangeDaysOfTimes({ date: '2026-06-08', startTime: '09:00', endDate: '', endTime: '17:00' }, week)).toEqual([]);
    expect(rangeDaysOfTimes({ date: '2026-06-08', startTime: '09:00', endDate: '2026-06-08', endTime: '17:00' }, week)).toEqual([]);
    expect(rangeDaysOfTimes({ date: '2026-06-08', startTime: '', endDate: '2026-06-09', endTime: '17:00' }, week)).toEqual([]);
    expect(rangeDaysOfTimes({ date: '2026-06-10', startTime: '09:00', endDate: '2026-06-08', endTime: '17:00' }, week)).toEqual([]);
  });
});
