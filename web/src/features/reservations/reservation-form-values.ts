import type { Viewer } from '../../shared/viewer.js';
import type { ReservationFormValues } from './reserve-request.js';

/** A blank reservation form: the viewer's structure when it has one, no slot chosen yet. */
export function emptyFormValues(viewer: Viewer, resourceId: string, date: string): ReservationFormValues {
  return {
    resourceId,
    date,
    startTime: '',
    endTime: '',
    quantity: '1',
    memberId: viewer.role === 'MEMBER' ? (viewer.member?.id ?? '') : '',
    purpose: '',
    repeatWeekly: false,
    until: '',
    mode: 'SKIP_CONFLICTS',
  };
}
