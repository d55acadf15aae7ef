import { type EventStore, type RecordedEvent } from '../../eventstore/event-store.js';
import { logIndexProjection, type LogIndexModel } from '../../projections/log-index/log-index-projection.js';
import { type Projection } from '../../projections/projection.js';
import { type ProjectionEngine } from '../../projections/projection-engine.js';
import { isIdentityStream } from '../identity/identity-store.js';

/** Past states kept: each holds every read model, so a handful is what a side-by-side needs. */
const CACHED_STATES = 4;
const READ_PAGE_SIZE = 5_000;

/** The read models as they stood after the event at `position`, in the order of the log. */
export interface PastState {
  asOf: Date;
  /** Position of the last event folded in; -1 before the first event. */
  position: number;
  /** Ledger events folded in (identity streams are not ledger events). */
  eventCount: number;
  model<Model>(projection: Projection<Model>): Model;
}

interface FoldedState {
  position: number;
  eventCount: number;
  models: Map<Projection<unknown>, unknown>;
}

/**
 * Time travel: the read models as they stood at a past instant, folded from the log with the
 * projections' own `evolve`, into fresh models, up to that instant: the prefix of the log whose
 * events were recorded (store time) at or before it. That is exactly the state a store truncated
 * after that event would show. A few states are cached; a later instant is folded on from the
 * nearest earlier cached state (copied through the projections' snapshot form), never from
 * scratch twice. An instant at or after the last event is the live state, without folding.
 */
export class TimeTravel {
  private readonly cache: FoldedState[] = [];
  private readonly inFlight = new Map<number, Promise<FoldedState>>();

  constructor(
    private readonly store: EventStore,
    private readonly projections: ProjectionEngine,
    private readonly foldedProjections: readonly Projection<unknown>[],
  ) {}

  async at(asOf: Date): Promise<PastState> {
    await this.projections.waitForPosition(await this.store.headPosition());
    const index = this.projections.model(logIndexProjection);
    const position = await this.lastPositionAt(index, asOf.getTime());
    if (position === index.lastPosition) {
      const live = this.projections;
      return { asOf, position, eventCount: index.ledgerEventCount, model: (projection) => live.model(projection) };
    }
    const state = await this.folded(position);
    return { asOf, position, eventCount: state.eventCount, model: <Model>(projection: Projection<Model>) => modelOf(state, projection) };
  }

  /** The last event of the longest prefix of the log recorded at or before `asOfMs`; -1 when none is. */
  private async lastPositionAt(index: LogIndexModel, asOfMs: number): Promise<number> {
    const firstLater = index.blocks.findIndex((block) => Date.parse(block.firstRecordedAt) > asOfMs);
    if (firstLater === 0) return -1;
    if (firstLater === -1 && index.blocks.length === 0) return -1;
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

  private folded(position: number): Promise<FoldedState> {
    const cached = this.cache.find((state) => state.position === position);
    if (cached) {
      this.touch(cached);
      return Promise.resolve(cached);
    }
    let pending = this.inFlight.get(position);
    if (!pending) {
      pending = this.fold(position).finally(() => this.inFlight.delete(position));
      this.inFlight.set(position, pending);
    }
    return pending;
  }

  private async fold(position: number): Promise<FoldedState> {
    const base = this.cache.filter((state) => state.position < position).sort((a, b) => b.position - a.position)[0];
    const state: FoldedState = base ? copyOf(base) : { position: -1, eventCount: 0, models: freshModels(this.foldedProjections) };
    for (let afterPosition = state.position; afterPosition < position;) {
      const page = await this.store.readAll({ afterPosition, maxCount: READ_PAGE_SIZE });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.position > position) break;
        applyToAll(state, event);
      }
      afterPosition = page.at(-1)!.position;
    }
    this.cache.push(state);
    if (this.cache.length > CACHED_STATES) this.cache.shift();
    return state;
  }

  private touch(state: FoldedState): void {
    this.cache.splice(this.cache.indexOf(state), 1);
    this.cache.push(state);
  }
}

function freshModels(projections: readonly Projection<unknown>[]): Map<Projection<unknown>, unknown> {
  return new Map(projections.map((projection) => [projection, projection.initialModel()]));
}

function applyToAll(state: FoldedState, event: RecordedEvent): void {
  for (const [projection, model] of state.models) state.models.set(projection, projection.evolve(model, event));
  state.position = event.position;
  if (!isIdentityStream(event.streamId)) state.eventCount += 1;
}

/** Models are updated in place by `evolve`: a cached state is copied through its snapshot form before folding on. */
function copyOf(state: FoldedState): FoldedState {
  const models = new Map([...state.models].map(([projection, model]) =>
    [projection, projection.fromSnapshot(JSON.parse(JSON.stringify(projection.toSnapshot(model))) as unknown)]));
  return { position: state.position, eventCount: state.eventCount, models };
}

function modelOf<Model>(state: FoldedState, projection: Projection<Model>): Model {
  const model = state.models.get(projection as Projection<unknown>);
  if (model === undefined) throw new Error(`Projection ${projection.name} is not folded by time travel`);
  return model as Model;
}
