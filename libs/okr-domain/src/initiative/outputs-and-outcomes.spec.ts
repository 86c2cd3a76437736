import { isLiveInitiative, outputsAndOutcome } from './outputs-and-outcomes';

describe('outputs against outcomes', () => {
  it('counts every initiative but the dropped', () => {
    expect(['planned', 'in_progress', 'done', 'dropped'].map((s) => isLiveInitiative(s as never))).toEqual([true, true, true, false]);
  });

  it('flags a key result without a live initiative', () => {
    expect(outputsAndOutcome([], 0.9)).toEqual({ initiatives: { total: 0, done: 0 }, flags: ['outcome_without_outputs'] });
    expect(outputsAndOutcome(['dropped', 'dropped'], 0)).toEqual({
      initiatives: { total: 0, done: 0 },
      flags: ['outcome_without_outputs'],
    });
  });

  it('flags outputs without outcome from 80 % of the live initiatives done, while progress is below 0.3', () => {
    const fourOfFive = ['done', 'done', 'done', 'done', 'in_progress', 'dropped'] as const;
    expect(outputsAndOutcome(fourOfFive, 0.29)).toEqual({ initiatives: { total: 5, done: 4 }, flags: ['outputs_without_outcome'] });
    expect(outputsAndOutcome(fourOfFive, 0.3).flags).toEqual([]);
    expect(outputsAndOutcome(['done', 'done', 'done', 'planned', 'planned'], 0).flags).toEqual([]);
  });
});
