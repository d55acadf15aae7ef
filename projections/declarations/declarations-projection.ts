import { type RecordedEvent } from '../../eventstore/event-store.js';
import { type DeclarationEvent, type HeadcountFacts, type OccupancyFacts } from '../../domain/declarations/declarations.js';
import { type Projection } from '../projection.js';

/** Occupancies and headcounts as declared, in the order of the log: what the allocation keys read. */
export interface DeclarationsModel {
  occupancies: OccupancyFacts[];
  headcounts: HeadcountFacts[];
}

export const declarationsProjection: Projection<DeclarationsModel> = {
  name: 'declarations',
  version: 1,
  initialModel: () => ({ occupancies: [], headcounts: [] }),
  evolve(model, recorded: RecordedEvent) {
    const event = recorded as unknown as DeclarationEvent;
    switch (event.type) {
      case 'OccupancyDeclared':
        model.occupancies.push(event.data);
        return model;
      case 'HeadcountDeclared':
        model.headcounts.push(event.data);
        return model;
      default:
        return model;
    }
  },
  toSnapshot: (model) => model,
  fromSnapshot: (snapshot) => snapshot as DeclarationsModel,
};
