import { type EventStore } from '../../eventstore/event-store.js';
import { type Projection } from '../../projections/projection.js';
import { type ProjectionEngine } from '../../projections/projection-engine.js';
import { type ModelReader } from './impact/impact-facts.js';

/** Past instants kept: a side-by-side needs two, a screen going back and forth a few more. */
const CACHED_STATES = 4;
const READ_PAGE_SIZE = 5_000;

interface FoldedState {
  position: number;
  /** The projections folded so far up to `position`: more are added as they are asked for. */
  models: Map<Projection<unknown>, unknown>;
}

/**
 * Interim, while read models move to tables (issue #13): the in-memory read models as they stood
 * at a log position, folded from the log with the projections' own `evolve`. Each consumer moves
 * to its projection's `{ asOfPosition }` query as the tables land, and this goes when none is left.
 *
 * Only the projections a query needs are folded. A few positions are cached; a later one is
 * folded on from the nearest earlier cached model (deep-copied), never from scratch twice. The
 * live position is read from the live models, without folding.
 */
export class FoldedPastModels {
  private readonly cache: FoldedState[] = [];
  /** Folds under way, by `position:projection`. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
  ) {}

  async at(position: number, wanted: readonly Projection<unknown>[]): Promise<ModelReader> {
    if (position === this.projections.currentPosition) {
      const live = this.projections;
      return (projection) => live.model(projection);
    }
    const state = this.stateAt(position);
    await this.foldMissing(state, wanted);
    return (projection) => modelOf(state, projection);
  }

  /** The cached state of a position, made the most recently used; a new one (evicting the oldest) if none. */
  private stateAt(position: number): FoldedState {
    let state = this.cache.find((candidate) => candidate.position === position);
    if (state) this.cache.splice(this.cache.indexOf(state), 1);
    else state = { position, models: new Map() };
    this.cache.push(state);
    if (this.cache.length > CACHED_STATES) this.cache.shift();
    return state;
  }

  /**
   * Folds the projections the state lacks up to its position, in one reading of the log, once
   * however many requests ask at the same moment.
   */
  private async foldMissing(state: FoldedState, wanted: readonly Projection<unknown>[]): Promise<void> {
    const alreadyFolding = wanted.flatMap((projection) => this.inFlight.get(`${state.position}:${projection.name}`) ?? []);
    const missing = wanted.filter((projection) => !state.models.has(projection) && !this.inFlight.has(`${state.position}:${projection.name}`));
    if (missing.length > 0) {
      const folding = this.fold(state, missing).finally(() => {
        for (const projection of missing) this.inFlight.delete(`${state.position}:${projection.name}`);
      });
      for (const projection of missing) this.inFlight.set(`${state.position}:${projection.name}`, folding);
      alreadyFolding.push(folding);
    }
    await Promise.all(alreadyFolding);
  }

  private async fold(state: FoldedState, missing: readonly Projection<unknown>[]): Promise<void> {
    const folds = missing.map((projection) => {
      const base = this.cache
        .filter((candidate) => candidate.position < state.position && candidate.models.has(projection))
        .sort((a, b) => b.position - a.position)[0];
      // Models are updated in place by `evolve`: a cached one is deep-copied before folding on.
      // Read models are plain data, which `structuredClone` copies whole, keeping shared objects
      // shared (a calendar's reservations indexed both by id and by resource).
      return { projection, fromPosition: base?.position ?? -1, model: base ? structuredClone(base.models.get(projection)) : projection.initialModel() };
    });
    for (let afterPosition = Math.min(...folds.map((fold) => fold.fromPosition)); afterPosition < state.position;) {
      const page = await this.store.readAll({ afterPosition, maxCount: READ_PAGE_SIZE });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.position > state.position) break;
        for (const fold of folds) if (event.position > fold.fromPosition) fold.model = fold.projection.evolve(fold.model, event);
      }
      afterPosition = page.at(-1)!.position;
    }
    for (const fold of folds) state.models.set(fold.projection, fold.model);
  }
}

function modelOf<Model>(state: FoldedState, projection: Projection<Model>): Model {
  const model = state.models.get(projection as Projection<unknown>);
  if (model === undefined) throw new Error(`Projection ${projection.name} was not folded for this instant`);
  return model as Model;
}
