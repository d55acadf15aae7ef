import { describe, expect, it } from 'vitest';
import { buildRecordUsageRequest, type UsageFormValues } from './usage-request.js';

const typed: UsageFormValues = { resourceId: 'staff', memberId: 'coop', date: '2026-06-01', startTime: '09:00', endTime: '12:30', note: '  Dossier de subvention ' };

describe('buildRecordUsageRequest', () => {
  it('sends Paris wall-clock times as instants with their offset, and the note trimmed', () => {
    expect(buildRecordUsageRequest(typed)).toEqual({
      ok: true,
      input: { resourceId: 'staff', memberId: 'coop', start: '2026-06-01T09:00:00+02:00', end: '2026-06-01T12:30:00+02:00', note: 'Dossier de subvention' },
    });
  });

  it('leaves out a blank note, and reads an end at 00:00 as the midnight ending the day', () => {
    expect(buildRecordUsageRequest({ ...typed, startTime: '20:00', endTime: '00:00', note: ' ' })).toEqual({
      ok: true,
      input: { resourceId: 'staff', memberId: 'coop', start: '2026-06-01T20:00:00+02:00', end: '2026-06-02T00:00:00+02:00' },
    });
  });

  it('names what is missing or wrong before asking the server', () => {
    expect(buildRecordUsageRequest({ ...typed, resourceId: '' })).toEqual({ ok: false, problem: 'usage.error.resourceRequired' });
    expect(buildRecordUsageRequest({ ...typed, memberId: '' })).toEqual({ ok: false, problem: 'usage.error.memberRequired' });
    expect(buildRecordUsageRequest({ ...typed, endTime: '' })).toEqual({ ok: false, problem: 'reserve.error.missingTimes' });
    expect(buildRecordUsageRequest({ ...typed, endTime: '08:00' })).toEqual({ ok: false, problem: 'reserve.error.endBeforeStart' });
    expect(buildRecordUsageRequest({ ...typed, note: 'x'.repeat(501) })).toEqual({ ok: false, problem: 'usage.error.noteTooLong' });
  });
});
