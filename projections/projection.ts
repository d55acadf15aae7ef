import { type RecordedEvent } from '../eventstore/event-store.js';

/**
 * A read model built from the global log. `evolve` may update the model in place and must return
 * it: models are folded from `initialModel()` or from a snapshot, and nothing else holds them while
 * they are folded. `toSnapshot`/`fromSnapshot` give the model a JSON form so that a restart catches
 * up from its checkpoint instead of from position 0.
 */
export interface Projection<Model> {
  name: string;
  /** Bumped whenever the model or its evolve changes: older snapshots are then rebuilt from 0. */
  version: number;
  initialModel(): Model;
  evolve(model: Model, event: RecordedEvent): Model;
  toSnapshot(model: Model): unknown;
  fromSnapshot(snapshot: unknown): Model;
}

/** Folds events into a fresh model: the definition of what a rebuild from position 0 yields. */
export function rebuild<Model>(projection: Projection<Model>, events: Iterable<RecordedEvent>): Model {
  let model = projection.initialModel();
  for (const event of events) model = projection.evolve(model, event);
  return model;
}
