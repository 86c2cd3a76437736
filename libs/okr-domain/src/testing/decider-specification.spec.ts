import { Decider } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { DeciderSpecification } from './decider-specification';

/** A tiny counter to exercise the helper itself. */
type Command = { type: 'Add'; amount: number };
type Event = { type: 'Added'; amount: number };
const counter: Decider<Command, Event, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.amount,
  decide(command, total) {
    if (!Number.isFinite(command.amount)) throw new InvalidInputError('amount.invalid', 'amount must be finite', 'amount');
    if (total + command.amount > 10) throw new RuleViolationError('counter.full', 'the counter is full');
    if (command.amount === 0) return [];
    return [{ type: 'Added', amount: command.amount }];
  },
};
const spec = DeciderSpecification.for(counter);
const add = (amount: number): Command => ({ type: 'Add', amount });
const added = (amount: number): Event => ({ type: 'Added', amount });

describe('DeciderSpecification', () => {
  it('folds the given events before deciding', () => {
    spec
      .given([added(4), added(5)])
      .when(add(1))
      .then([added(1)]);
    spec
      .given([added(4), added(5)])
      .when(add(2))
      .thenThrows(RuleViolationError, { code: 'counter.full' });
  });

  it('then fails when the events differ', () => {
    expect(() =>
      spec
        .given([])
        .when(add(1))
        .then([added(2)]),
    ).toThrow();
    expect(() => spec.given([]).when(add(1)).then([])).toThrow();
  });

  it('then accepts asymmetric matchers', () => {
    spec
      .given([])
      .when(add(0.1 + 0.2))
      .then([{ type: 'Added', amount: expect.closeTo(0.3, 10) }]);
  });

  it('thenNothing fails when events are produced', () => {
    spec.given([]).when(add(0)).thenNothing();
    expect(() => spec.given([]).when(add(1)).thenNothing()).toThrow();
  });

  it('then and thenNothing let a thrown domain error through', () => {
    expect(() => spec.given([]).when(add(NaN)).then([])).toThrow(InvalidInputError);
    expect(() => spec.given([]).when(add(NaN)).thenNothing()).toThrow(InvalidInputError);
  });

  it('thenThrows checks class, code and field, and returns the error', () => {
    const error = spec.given([]).when(add(NaN)).thenThrows(InvalidInputError, { code: 'amount.invalid', field: 'amount' });
    expect(error.message).toBe('amount must be finite');
    expect(error.kind).toBe('invalid_input');
    spec.given([]).when(add(NaN)).thenThrows(InvalidInputError);
  });

  it('thenThrows fails when nothing is thrown', () => {
    expect(() => spec.given([]).when(add(1)).thenThrows(InvalidInputError)).toThrow(/Expected InvalidInputError to be thrown/);
  });

  it('thenThrows fails on another class, code or field', () => {
    expect(() => spec.given([]).when(add(NaN)).thenThrows(NotFoundError)).toThrow();
    expect(() => spec.given([]).when(add(NaN)).thenThrows(InvalidInputError, { code: 'other' })).toThrow();
    expect(() => spec.given([]).when(add(NaN)).thenThrows(InvalidInputError, { field: 'other' })).toThrow();
  });

  it('thenThrows with field: undefined asserts that there is no field', () => {
    spec
      .given([added(10)])
      .when(add(1))
      .thenThrows(RuleViolationError, { code: 'counter.full', field: undefined });
    expect(() => spec.given([]).when(add(NaN)).thenThrows(InvalidInputError, { field: undefined })).toThrow();
  });
});
