import { type EventStore } from '../../eventstore/event-store.js';
import { logIndexProjection, type LogIndexModel } from '../../projections/log-index/log-index-projection.js';
import { type Projection } from '../../projections/projection.js';
import { type ProjectionEngine } from '../../projections/projection-engine.js';
import { isIdentityStream } from '../identity/identity-store.js';

/** Past instants kept: a side-by-side needs two, a screen going back and forth a few more. */
const CACHED_STATES = 4;
const READ_PAGE_SIZE = 5_000;

/** The read models as they stood after the event at `position`, in the order of the log. */
export interface PastState {
  asOf: Date;
  /** Position of the last event folded in; -1 before the first event. */
  position: number;
  /** Ledger events up to it (identity streams are not ledger events). */
  eventCount: number;
  /** One of the projections asked for (all of them, when none were named). */
  model<Model>(projection: Projection<Model>): Model;
}

/** Counts the ledger events folded: a projection like the others, so that it is folded, cached and copied like them. */
const ledgerEventCounter: Projection<{ count: number }> = {
  name: 'ledger-event-count',
  version: 1,
  initialModel: () => ({ count: 0 }),
  evolve: (model, event) => ({ count: model.count + (isIdentityStream(event.streamId) ? 0 : 1) }),
  toSnapshot: (model) => model,
  fromSnapshot: (snapshot) => snapshot as { count: number },
};

interface FoldedState {
  position: number;
  /** The projections folded so far up to `position`: more are added as they are asked for. */
  models: Map<Projection<unknown>, unknown>;
}

/**
 * Time travel: the read models as they stood at a past instant, folded from the log with the
 * projections' own `evolve`, into fresh models, up to that instant: the prefix of the log whose
 * events were recorded (store time) at or before it. That is exactly the state a store truncated
 * after that event would show.
 *
 * Only the projections a query needs are folded (the calendars, with every reservation ever
 * made, cost the most; a list of members needs none of them). A few instants are cached; a later
 * one is folded on from the nearest earlier cached model (deep-copied), never from scratch twice.
 * An instant at or after the last event is the live state, without folding.
 */
export class TimeTravel {
  private readonly cache: FoldedState[] = [];
  /** Folds under way, by `position:projection`. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
    private readonly foldedProjections: readonly Projection<unknown>[],
  ) {}

  async at(asOf: Date, wanted: readonly Projection<unknown>[] = this.foldedProjections): Promise<PastState> {
    await this.projections.waitForPosition(await this.store.headPosition());
    const index = this.projections.model(logIndexProjection);
    const position = await this.lastPositionAt(index, asOf.getTime());
    if (position === index.lastPosition) {
      const live = this.projections;
      return { asOf, position, eventCount: index.ledgerEventCount, model: (projection) => live.model(projection) };
    }
    const state = this.stateAt(position);
    await this.foldMissing(state, [ledgerEventCounter as Projection<unknown>, ...wanted]);
    return {
      asOf, position, eventCount: modelOf(state, ledgerEventCounter).count,
      model: <Model>(projection: Projection<Model>) => modelOf(state, projection),
    };
  }

  /** The last event of the longest prefix of the log recorded at or before `asOfMs`; -1 when none is. */
  private async lastPositionAt(index: LogIndexModel, asOfMs: number): Promise<number> {
    const firstLater = index.blocks.findIndex((block) => Date.parse(block.firstRecordedAt) > asOfMs);
    if (firstLater === 0 || index.blocks.length === 0) return -1;
    const startBlock = index.blocks[(firstLater === -1 ? index.blocks.length : firstLater) - 1]!;
    let lastAtOrBefore = startBlock.afterPosition;
    for (let afterPosition = startBlock.afterPosition; ;) {
      const page = await this.store.readAll({ afterPosition, maxCount: READ_PAGE_SIZE });
      for (const event of page) {
        if (event.position > index.lastPosition || Date.parse(event.recordedAt) > asOfMs) return lastAtOrBefore;
        lastAtOrBefore = event.position;
      }
      if (page.length < READ_PAGE_SIZE) return lastAtOrBefore;
      afterPosition = page.at(-1)!.position;
    }
  }

  /** The cached state of an instant, made the most recently used; a new one (evicting the oldest) if none. */
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
