import { type ReadModelsView } from '../../projections/tables/read-models-view.js';

/**
 * The furthest log position this process has answered from a command's own recorded events
 * before its read models folded them (a reservation: `ReservationCommands.reserve`). Such an
 * answer waits for no projector, this process's or another's; what it acknowledged, every later
 * read of this process sees all the same: a signed-in GraphQL query or live update waits for this
 * position before it reads, as it waits for the client's Mutua-Wait-For-Position
 * (`readYourWrites`), and a command that reads a reservation back from the tables waits for it
 * first. A mutation's answer names this position at least (`Mutua-Position`), so that a client's
 * next request to another process waits for it too.
 */
export class AnsweredAhead {
  private furthestAnswered = -1;

  constructor(private readonly readModels: ReadModelsView) {}

  /** A command answered from its events, appended up to `position`: the projector is told of them at once. */
  answered(position: number): void {
    this.furthestAnswered = Math.max(this.furthestAnswered, position);
    this.readModels.noticeHead(position);
  }

  /** The furthest position answered ahead of the read models so far; -1 before any. */
  get furthest(): number {
    return this.furthestAnswered;
  }

  /** The position an answer of this process reflects: the read models', or further on, the furthest answered ahead. */
  get position(): number {
    return Math.max(this.readModels.currentPosition, this.furthestAnswered);
  }

  /** Resolves once the read models include every answer given so far: true, or false if `timeoutMs` passed first. */
  readModelsCaughtUp(timeoutMs?: number): Promise<boolean> {
    return this.readModels.waitForPosition(this.furthestAnswered, timeoutMs);
  }
}
