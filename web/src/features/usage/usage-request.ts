import type { RecordUsageInput } from '../../shared/generated/graphql.js';
import type { MessageKey } from '../../shared/i18n/fr.js';
import { toParisIsoString } from '../../../../shared/paris-time.js';
import { typedSlot } from '../../shared/typed-slot.js';

/** The longest note an entry keeps, as the API accepts it. */
export const MAX_NOTE_LENGTH = 500;

/** The usage form as typed, before any check: one day, from a start time to an end time. */
export interface UsageFormValues {
  resourceId: string;
  memberId: string;
  /** The day (`YYYY-MM-DD`). */
  date: string;
  startTime: string;
  /** An end at 00:00 is the midnight that ends the day, as in the reservation form. */
  endTime: string;
  note: string;
}

export type UsageRequest = { ok: true; input: RecordUsageInput } | { ok: false; problem: MessageKey };

/**
 * Checks the form and builds the `recordUsage` input. The times are read as the reservation form
 * reads them (Paris wall-clock times, each instant with its offset); that the end is not in the
 * future and that the day is not in a closed period are the server's to say.
 */
export function buildRecordUsageRequest(values: UsageFormValues): UsageRequest {
  if (values.resourceId === '') return { ok: false, problem: 'usage.error.resourceRequired' };
  if (values.memberId === '') return { ok: false, problem: 'usage.error.memberRequired' };
  const slot = typedSlot({ date: values.date, startTime: values.startTime, endDate: '', endTime: values.endTime });
  if (!slot.ok) return slot;
  const note = values.note.trim();
  if (note.length > MAX_NOTE_LENGTH) return { ok: false, problem: 'usage.error.noteTooLong' };
  return {
    ok: true,
    input: {
      resourceId: values.resourceId,
      memberId: values.memberId,
      start: toParisIsoString(slot.start),
      end: toParisIsoString(slot.end),
      ...(note === '' ? {} : { note }),
    },
  };
}
