import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type UsageEvent, type UsageFacts } from '../../domain/usage/usage-entry.js';
import { type Projection } from '../projection.js';

export interface UsageView extends UsageFacts {
  recordedAt: string;
  /** Set once reversed: the entry then counts for nothing. */
  reversal: { reason: string; reversedAt: string } | null;
}

export type UsageModel = Map<string, UsageView>;

export const usageProjection: Projection<UsageModel> = {
  name: 'usage',
  version: 1,
  initialModel: () => new Map(),
  evolve(model, recorded: RecordedEvent) {
    const event = recorded as unknown as UsageEvent;
    switch (event.type) {
      case 'UsageRecorded':
        model.set(event.data.entryId, { ...event.data, recordedAt: recorded.recordedAt, reversal: null });
        return model;
      case 'UsageReversed': {
        const entry = model.get(event.data.entryId);
        if (entry) entry.reversal = { reason: event.data.reason, reversedAt: recorded.recordedAt };
        return model;
      }
      default:
        return model;
    }
  },
  toSnapshot: (model) => [...model.values()],
  fromSnapshot: (snapshot) => new Map((snapshot as UsageView[]).map((entry) => [entry.entryId, entry])),
};
