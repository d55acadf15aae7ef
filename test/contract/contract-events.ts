import { randomUUID } from 'node:crypto';
import { type EventToAppend } from '../../eventstore/event-store.js';

/** An event of the contract suites, with ids of its own: appended again, it is the same append retried. */
export function newEvent(type = 'ContractEventHappened'): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data: { note: 'written by the contract suite' },
    metadata: { correlationId: randomUUID(), actorUserId: 'contract-suite', actorRole: 'system' },
  };
}
