import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventStore } from '../../eventstore/event-store.js';
import { IDENTITY_STREAM_PREFIX, LastCoordinatorError } from './identity-store.js';
import { newMetadata } from './kurrentdb-identity-events.js';

/**
 * `identity-coordinators`: each `ActiveCoordinatorsListed` event holds the whole set of active
 * coordinator accounts, by id (no personal data: it is not erased with a person). KurrentDB cannot
 * append to an account's stream and check the other accounts in one transaction; this one stream,
 * appended to with its expected revision, is where "is another coordinator left?" is decided, so
 * that two processes disabling the two last coordinators at once cannot both succeed.
 *
 * The set must never name an account that is not an active coordinator: a change that takes the
 * status away (disabling, demoting, erasing) leaves the set before the account's stream is written,
 * and one that gives it (creating, enabling, promoting) enters the set after. A crash in between
 * leaves the set short of a coordinator — a refusal too many, never an account too few — which
 * the next enabling or promotion of that account repairs. The one window left: an account promoted
 * and disabled at the same instant stays listed until `add` sees it and takes it out again.
 */
const ROSTER_STREAM = `${IDENTITY_STREAM_PREFIX}coordinators`;
const LISTED = 'ActiveCoordinatorsListed';
/** Each new attempt follows another change of the set between reading it and appending. */
const MAX_ROSTER_ATTEMPTS = 10;

interface Roster {
  revision: number | 'no_stream';
  userIds: readonly string[];
}

export class CoordinatorRoster {
  constructor(
    private readonly store: EventStore,
    /** The active coordinators as their accounts say, to start the set on a store written before it existed. */
    private readonly activeCoordinatorsFromAccounts: () => Promise<string[]>,
  ) {}

  /**
   * Takes the account out of the set. With `keepOne`, fails with LastCoordinatorError when it is
   * the only one left in the set. Does nothing when it is not in the set.
   */
  async remove(userId: string, { keepOne }: { keepOne: boolean }): Promise<void> {
    await this.update((userIds) => {
      if (!userIds.includes(userId)) return undefined;
      if (keepOne && userIds.length === 1) throw new LastCoordinatorError();
      return userIds.filter((listed) => listed !== userId);
    });
  }

  /**
   * Puts the account into the set, once its stream says it is an active coordinator; then takes
   * it out again if, meanwhile, it stopped being one (a disabling that read the set before the
   * account entered it, and so had nothing to take out).
   */
  async add(userId: string, isActiveCoordinator: () => Promise<boolean>): Promise<void> {
    await this.update((userIds) => (userIds.includes(userId) ? undefined : [...userIds, userId]));
    if (!(await isActiveCoordinator())) await this.remove(userId, { keepOne: false });
  }

  /** `change` answers the new set, or undefined when there is nothing to write. */
  private async update(change: (userIds: readonly string[]) => string[] | undefined): Promise<void> {
    for (let attempt = 0; attempt < MAX_ROSTER_ATTEMPTS; attempt += 1) {
      const roster = await this.read();
      const userIds = change(roster.userIds);
      if (userIds === undefined) return;
      try {
        await this.append(userIds, roster.revision);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    throw new Error(`${ROSTER_STREAM} changed ${MAX_ROSTER_ATTEMPTS} times while one change was being written`);
  }

  private async read(): Promise<Roster> {
    const [last] = await this.store.readStream(ROSTER_STREAM, { direction: 'backwards', maxCount: 1 });
    if (last) {
      if (last.type !== LISTED) throw new Error(`Expected ${LISTED} in ${ROSTER_STREAM}, found ${last.type}`);
      return { revision: last.revision, userIds: (last.data as { userIds: string[] }).userIds };
    }
    return this.start();
  }

  /** The first set, from the accounts: written with `no_stream`, so that two processes starting it agree. */
  private async start(): Promise<Roster> {
    const userIds = await this.activeCoordinatorsFromAccounts();
    try {
      const { nextExpectedRevision } = await this.append(userIds, 'no_stream');
      return { revision: nextExpectedRevision, userIds };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      return this.read();
    }
  }

  private append(userIds: readonly string[], expectedRevision: number | 'no_stream') {
    const event = { id: randomUUID(), type: LISTED, data: { userIds }, metadata: newMetadata() };
    return this.store.appendToStream(ROSTER_STREAM, [event], { expectedRevision });
  }
}
