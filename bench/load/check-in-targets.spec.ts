import { flattenAlignment, spreadSample } from './check-in-targets';

describe('flattenAlignment', () => {
  it('lists every node depth first', () => {
    const roots = [
      { id: 'a', children: [{ id: 'a1', children: [{ id: 'a1x' }] }, { id: 'a2' }] },
      { id: 'b', children: [] },
    ];
    expect(flattenAlignment(roots).map((n) => n.id)).toEqual(['a', 'a1', 'a1x', 'a2', 'b']);
  });
});

describe('spreadSample', () => {
  it('takes evenly spaced items', () => {
    expect(spreadSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
  });

  it('takes everything when there are fewer items than asked', () => {
    expect(spreadSample([1, 2], 5)).toEqual([1, 2]);
  });
});
