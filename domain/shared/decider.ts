/**
 * The decider of an aggregate, as in Emmett: pure functions, no clock, no ids, no I/O.
 * Everything that varies (now, ids, the acting user) arrives inside the command.
 *
 * `evolve` returns a new state and leaves the one it was given alone, so a folded state can be
 * shared (the stream cache hands a resource's or a member's state to many commands at once).
 * Two deciders are the exception, and say so here rather than each in its corner: the calendar
 * (`calendarDecider`) and the period journal (`periodJournalDecider`) add to their Map or Sets in
 * place and return the same state. Their streams hold a month of reservations or a period of
 * costs and payments, folded on every command; copying the collection at each event would make
 * that fold quadratic. It is safe because nothing else holds the state being folded: a period
 * journal is folded afresh for each command (`loadStream`), and a calendar is kept between
 * commands only by `StreamCache.loadExclusive`, under the per-resource queue that runs its
 * commands one at a time. Neither may be read through `StreamCache.loadShared`.
 */
export interface Decider<State, Command, Event> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export function foldEvents<State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
