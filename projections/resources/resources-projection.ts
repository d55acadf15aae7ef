import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type ResourceEvent, type ResourceFacts, withCurrentShape } from '../../domain/resources/resource.js';
import { type Projection } from '../projection.js';

export interface ResourceView extends ResourceFacts {
  /** When the resource was registered: its calendar has no older month. */
  registeredAt: string;
}

export type ResourcesModel = Map<string, ResourceView>;

export const resourcesProjection: Projection<ResourcesModel> = {
  name: 'resources',
  version: 2,
  initialModel: () => new Map(),
  evolve(model, recorded: RecordedEvent) {
    const event = recorded as unknown as ResourceEvent;
    switch (event.type) {
      case 'ResourceRegistered':
        model.set(event.data.resourceId, { ...withCurrentShape(event.data), registeredAt: recorded.recordedAt });
        return model;
      case 'ResourceBookingSettingsChanged': {
        const resource = model.get(event.data.resourceId);
        if (resource) {
          const { resourceId: _resourceId, ...settings } = event.data;
          model.set(resource.resourceId, { ...resource, ...settings, rules: { ...resource.rules, ...settings.rules } });
        }
        return model;
      }
      default:
        return model;
    }
  },
  toSnapshot: (model) => [...model.values()],
  fromSnapshot: (snapshot) => new Map((snapshot as ResourceView[]).map((resource) => [resource.resourceId, resource])),
};

export function listResources(model: ResourcesModel): ResourceView[] {
  return [...model.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
