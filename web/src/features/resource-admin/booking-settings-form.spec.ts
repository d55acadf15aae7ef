import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_RULES } from '../../../../shared/booking-rules.js';
import { buildSettings, durationField, durationMinutes, newSettingsForm, settingsForm, type BookingSettings } from './booking-settings-form.js';

const criee: BookingSettings = {
  openingHours: [
    { weekday: 1, opens: '14:00', closes: '18:00' },
    { weekday: 1, opens: '08:30', closes: '12:00' },
    { weekday: 6, opens: '18:00', closes: '24:00' },
  ],
  rules: { ...DEFAULT_BOOKING_RULES, minDurationMinutes: 30, maxDurationMinutes: 4 * 60, minNoticeMinutes: 120, requiresApproval: true },
  closures: [{ from: '2025-08-04', to: '2025-08-25', reason: 'Fermeture estivale' }],
};

describe('settingsForm and buildSettings', () => {
  it('round-trips a resource’s settings through the form unchanged', () => {
    const request = buildSettings(settingsForm(criee));
    expect(request).toEqual({
      ok: true,
      settings: {
        openingHours: [
          { weekday: 1, opens: '08:30', closes: '12:00' },
          { weekday: 1, opens: '14:00', closes: '18:00' },
          { weekday: 6, opens: '18:00', closes: '24:00' },
        ],
        rules: criee.rules,
        closures: criee.closures,
      },
    });
  });

  it('shows a closure by its last day, included, and a midnight closing as 00:00', () => {
    const form = settingsForm(criee);
    expect(form.closures).toEqual([{ from: '2025-08-04', lastDay: '2025-08-24', reason: 'Fermeture estivale' }]);
    expect(form.days[5]?.intervals).toEqual([{ opens: '18:00', closes: '00:00' }]);
  });

  it('sends no opening hours at all for an always-open resource', () => {
    const form = { ...settingsForm(criee), alwaysOpen: true };
    expect(buildSettings(form)).toMatchObject({ ok: true, settings: { openingHours: [] } });
  });

  it('starts a new resource open on weekdays, 9:00 to 18:00, with the server’s default rules', () => {
    const request = buildSettings(newSettingsForm());
    expect(request.ok && request.settings.openingHours).toHaveLength(5);
    expect(request.ok && request.settings.rules).toEqual(DEFAULT_BOOKING_RULES);
  });
});

describe('buildSettings refuses what the server would refuse, field by field', () => {
  it('checks each opening interval', () => {
    const form = newSettingsForm();
    form.days[0]!.intervals = [{ opens: '12:00', closes: '10:00' }];
    form.days[1]!.intervals = [{ opens: '09:00', closes: '12:00' }, { opens: '11:00', closes: '13:00' }];
    form.days[2]!.intervals = [{ opens: '', closes: '13:00' }];
    const request = buildSettings(form);
    expect(request.ok ? [] : request.problems).toEqual([
      { field: 'hours-1-0', message: 'settings.error.closesBeforeOpens' },
      { field: 'hours-2-1', message: 'settings.error.overlap' },
      { field: 'hours-3-0', message: 'settings.error.timeFormat' },
    ]);
  });

  it('asks for some opening hours unless the resource is always open', () => {
    const form = newSettingsForm();
    for (const day of form.days) day.intervals = [];
    expect(buildSettings(form)).toEqual({ ok: false, problems: [{ field: 'openingHours', message: 'settings.error.noOpeningHours' }] });
  });

  it('checks the rules against one another', () => {
    const form = newSettingsForm();
    form.durations.minDurationMinutes = { amount: '2', unit: 'hours' };
    form.durations.maxDurationMinutes = { amount: '90', unit: 'minutes' };
    form.durations.slotGranularityMinutes = { amount: '7', unit: 'minutes' };
    const request = buildSettings(form);
    expect(request.ok ? [] : request.problems.map((problem) => problem.message)).toEqual([
      'settings.error.maxBelowMin',
      'settings.error.granularity',
    ]);
  });

  it('refuses amounts that are not whole numbers', () => {
    const form = newSettingsForm();
    form.durations.bufferMinutes = { amount: '1,5', unit: 'hours' };
    form.maxAdvanceDays = '-3';
    const request = buildSettings(form);
    expect(request.ok ? [] : request.problems.map((problem) => problem.field)).toEqual(['rule-bufferMinutes', 'rule-maxAdvanceDays']);
  });

  it('checks each closure’s dates and reason', () => {
    const form = newSettingsForm();
    form.closures = [
      { from: '2025-05-02', lastDay: '2025-05-01', reason: 'Pont' },
      { from: '2025-05-01', lastDay: '2025-05-01', reason: '  ' },
      { from: '2025-05-08', lastDay: '2025-05-08', reason: 'Férié' },
    ];
    const request = buildSettings(form);
    expect(request.ok ? [] : request.problems).toEqual([
      { field: 'closure-0', message: 'settings.error.closureOrder' },
      { field: 'closure-1', message: 'settings.error.closureReason' },
    ]);
  });
});

describe('durations with a unit', () => {
  it('writes a duration in the largest unit that keeps it whole', () => {
    expect(durationField(44_640)).toEqual({ amount: '31', unit: 'days' });
    expect(durationField(120)).toEqual({ amount: '2', unit: 'hours' });
    expect(durationField(90)).toEqual({ amount: '90', unit: 'minutes' });
    expect(durationField(0)).toEqual({ amount: '0', unit: 'minutes' });
  });

  it('reads it back in minutes', () => {
    expect(durationMinutes({ amount: '31', unit: 'days' })).toBe(44_640);
    expect(durationMinutes({ amount: ' 2 ', unit: 'hours' })).toBe(120);
    expect(durationMinutes({ amount: '2.5', unit: 'hours' })).toBeUndefined();
  });
});
