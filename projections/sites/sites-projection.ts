import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type SiteEvent, type SiteFacts } from '../../domain/sites/site.js';
import { type Projection } from '../projection.js';

export type SiteView = SiteFacts;
export type SitesModel = Map<string, SiteView>;

export const sitesProjection: Projection<SitesModel> = {
  name: 'sites',
  version: 1,
  initialModel: () => new Map(),
  evolve(model, recorded: RecordedEvent) {
    const event = recorded as unknown as SiteEvent;
    if (event.type === 'SiteRegistered') model.set(event.data.siteId, event.data);
    return model;
  },
  toSnapshot: (model) => [...model.values()],
  fromSnapshot: (snapshot) => new Map((snapshot as SiteView[]).map((site) => [site.siteId, site])),
};
