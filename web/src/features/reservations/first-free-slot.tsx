import { useState } from 'react';
import type { CombinedError } from 'urql';
import { formatDate, formatDurationMinutes, formatParisTime } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { parisDateOf, toParisIsoString } from '../../../../shared/paris-time.js';
import { GraphqlErrorAlert } from '../../shared/ui/error-alert.js';
import { StatusMessage } from '../../shared/ui/status-message.js';
import { freeSlotSearch, type FoundSlot, type SearchStart } from './free-slot-search.js';
import { useFindFreeSlots } from './free-slots-query.js';
import { useDescribeSlot } from './reservation-list.js';
import type { ReservationFormValues } from './reserve-request.js';
import type { BookableResource } from './resource-query.js';

export interface FirstFreeSlotProps {
  /** Where to look: the form's resource, or every resource on screen. */
  resources: readonly BookableResource[];
  values: ReservationFormValues;
  /** The first day on screen and today: the search starts on the later of the two. */
  start: SearchStart;
  onFound: (slot: FoundSlot) => void;
}

type Outcome =
  /** `slotKey` names the slot put in the form: the message goes once the form holds another one. */
  | { kind: 'found'; text: string; slotKey: string }
  | { kind: 'none'; text: string }
  | { kind: 'error'; error: CombinedError };

const slotKey = (slot: Pick<FoundSlot, 'date' | 'startTime' | 'endDate' | 'endTime'> & { resourceId: string }) =>
  [slot.resourceId, slot.date, slot.startTime.slice(0, 5), slot.endDate, slot.endTime.slice(0, 5)].join(' ');

/**
 * "First free slot": asks the server for the earliest slot of the duration typed in the form (an
 * hour when none is) that every rule of the resource allows, from the period on screen on (never
 * before now), and puts it in the form.
 */
export function FirstFreeSlot({ resources, values, start, onFound }: FirstFreeSlotProps) {
  const { t, locale } = useI18n();
  const findFreeSlots = useFindFreeSlots();
  const describeSlot = useDescribeSlot();
  const [searching, setSearching] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The form's resource, or the only one searched, with the times the form holds now.
  const currentKey = slotKey({ ...values, resourceId: values.resourceId || (resources.length === 1 ? resources[0]!.id : '') });
  if (resources.length === 0) return null;

  async function handleClick() {
    const search = freeSlotSearch(values, resources, start);
    setSearching(true);
    setOutcome(null);
    const answer = await findFreeSlots({
      resourceIds: search.resourceIds,
      from: toParisIsoString(search.from),
      to: toParisIsoString(search.to),
      durationMinutes: search.durationMinutes,
      quantity: search.quantity,
      limit: 1,
    });
    setSearching(false);
    if (answer.error) {
      setOutcome({ kind: 'error', error: answer.error });
      return;
    }
    const slot = answer.slots[0];
    if (!slot) {
      const duration = formatDurationMinutes(search.durationMinutes, locale);
      setOutcome({
        kind: 'none',
        text:
          search.firstDay === start.today
            ? t('freeSlot.none', { duration, days: search.days })
            : t('freeSlot.noneFrom', { duration, days: search.days, date: formatDate(search.firstDay, locale) }),
      });
      return;
    }
    const date = parisDateOf(slot.start);
    // The day of the slot's last instant: an end at midnight is written 00:00 of the day it ends.
    const endDate = parisDateOf(Date.parse(slot.end) - 1);
    const found = {
      resourceId: slot.resource.id,
      date,
      startTime: formatParisTime(slot.start),
      endDate: endDate === date ? '' : endDate,
      endTime: formatParisTime(slot.end),
    };
    setOutcome({ kind: 'found', text: t('freeSlot.found', { resource: slot.resource.name, when: describeSlot(slot) }), slotKey: slotKey(found) });
    onFound(found);
  }

  return (
    <div className="free-slot">
      <button type="button" className="button button-small" onClick={handleClick} disabled={searching} data-testid="first-free-slot">
        {searching ? t('freeSlot.searching') : t('freeSlot.button')}
      </button>
      {(outcome?.kind === 'found' && outcome.slotKey === currentKey) || outcome?.kind === 'none' ? <StatusMessage>{outcome.text}</StatusMessage> : null}
      {outcome?.kind === 'error' ? <GraphqlErrorAlert error={outcome.error} /> : null}
    </div>
  );
}
