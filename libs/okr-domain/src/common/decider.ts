/**
 * A decider is the whole behaviour of one stream type, with no I/O:
 *   decide(command, state) → the events that record the decision (or a DomainError),
 *   evolve(state, event)   → the state after the event,
 *   initialState()         → the state of a stream that does not exist yet.
 * Time and ids arrive inside commands, so a decision is a pure function of its inputs.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** An event as the domain sees it: a type and its data. Metadata (actor, tenant, time) is added by the application. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** Folds a list of events into a state. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
