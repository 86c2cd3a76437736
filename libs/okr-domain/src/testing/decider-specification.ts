import { Decider, fold } from '../common/decider';
import { DomainError } from '../common/errors';

/**
 * Given/when/then for deciders, in the spirit of emmett's DeciderSpecification:
 *
 *   const spec = DeciderSpecification.for(cycleDecider);
 *   spec.given([scheduled]).when(closeCommand).then([closedEvent]);
 *   spec.given([]).when(closeCommand).thenThrows(NotFoundError, { code: 'cycle.not_found' });
 *
 * `given` events are folded with evolve from initialState, then decide runs on `when`'s command;
 * the outcome is asserted with jest's expect. Test-only: it imports nothing from jest but uses the global `expect`.
 */

/** A concrete domain error class, e.g. InvalidInputError. */
export type DomainErrorClass<E extends DomainError = DomainError> = new (code: string, message: string, field?: string) => E;

/** What the thrown error must carry besides its class. A `field` key given as undefined asserts that there is no field. */
export interface ExpectedError {
  code?: string;
  field?: string | undefined;
}

export interface ThenClause<Event> {
  /** decide returns exactly these events (deep equality; asymmetric matchers such as expect.closeTo are allowed). */
  then(expected: readonly Event[]): void;
  /** decide returns no events. */
  thenNothing(): void;
  /** decide throws an instance of `errorClass`, with the given code and field; returns the error for further checks. */
  thenThrows<E extends DomainError>(errorClass: DomainErrorClass<E>, expected?: ExpectedError): E;
}

export interface WhenClause<Command, Event> {
  when(command: Command): ThenClause<Event>;
}

export interface DeciderSpec<Command, Event> {
  given(events: readonly Event[]): WhenClause<Command, Event>;
}

function specFor<Command, Event, State>(decider: Decider<Command, Event, State>): DeciderSpec<Command, Event> {
  return {
    given: (events) => ({
      when: (command) => {
        // Run lazily so that thenThrows can catch what decide throws (or what evolve throws on a bad history).
        const run = (): Event[] => decider.decide(command, fold(decider, events));
        return {
          then(expected) {
            expect(run()).toEqual(expected);
          },
          thenNothing() {
            expect(run()).toEqual([]);
          },
          thenThrows<E extends DomainError>(errorClass: DomainErrorClass<E>, expected: ExpectedError = {}): E {
            let produced: Event[] | undefined;
            let thrown: unknown;
            try {
              produced = run();
            } catch (error) {
              thrown = error;
            }
            if (thrown === undefined) {
              throw new Error(`Expected ${errorClass.name} to be thrown, but decide returned ${JSON.stringify(produced)}`);
            }
            expect(thrown).toBeInstanceOf(errorClass);
            const error = thrown as E;
            if (expected.code !== undefined) expect(error.code).toBe(expected.code);
            if ('field' in expected) expect(error.field).toBe(expected.field);
            return error;
          },
        };
      },
    }),
  };
}

export const DeciderSpecification = {
  for: specFor,
};
