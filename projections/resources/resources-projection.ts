import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type ResourceEvent, type ResourceFacts } from '../../domain/resources/resource.js';
import { type Projection } from '../projection.js';

export interface ResourceView extends ResourceFacts {
  /** When the resource was registered: its calendar has no older month. */
  registeredAt: string;
}

export type ResourcesModel = Map<string, ResourceView>;

export const resourcesProjection: Projection<ResourcesModel> = {
  name: 'resources',
  version: 1,
  initialModel: () => new Map(),
  evolve(model, recorded: RecordedEvent) {
    const event = recorded as unknown as ResourceEvent;
    if (event.type === 'ResourceRegistered') {
      model.set(event.data.resourceId, { ...event.data, registeredAt: recorded.recordedAt });
    }
    return model;
  },
  toSnapshot: (model) => [...model.values()],
  fromSnapshot: (snapshot) => new Map((snapshot as ResourceView[]).map((resource) => [resource.resourceId, resource])),
};

export function listResources(model: ResourcesModel): ResourceView[] {
  return [...model.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
