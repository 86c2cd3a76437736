import type { CycleSummary } from './backend';
import { UsageError } from './cli-errors';
import { resolveCycle } from './resolve-cycle';

const cycle = (id: string, name: string): CycleSummary => ({
  id,
  name,
  startsOn: '2026-01-01',
  endsOn: '2026-03-31',
  status: 'open',
  closedAt: null,
});
const cycles = [cycle('c1', '2026 Q1'), cycle('c2', '2026 Q2'), cycle('c3', 'Pilot'), cycle('c4', 'pilot')];

describe('resolveCycle', () => {
  it('finds a cycle by id, by exact name, then by name in any case', () => {
    expect(resolveCycle(cycles, 'c2', 'replay').id).toBe('c2');
    expect(resolveCycle(cycles, '2026 Q1', 'replay').id).toBe('c1');
    expect(resolveCycle(cycles, '2026 q2', 'replay').id).toBe('c2');
    expect(resolveCycle(cycles, 'Pilot', 'replay').id).toBe('c3');
  });

  it('refuses an ambiguous name, listing the candidates with their ids', () => {
    expect(() => resolveCycle(cycles, 'PILOT', 'diff')).toThrow(UsageError);
    expect(() => resolveCycle(cycles, 'PILOT', 'diff')).toThrow(
      /--cycle "PILOT" is ambiguous: 2 cycles have that name; give the id of one:\n {2}Pilot .*id c3\n {2}pilot .*id c4$/,
    );
  });

  it('refuses an unknown name, listing every cycle', () => {
    expect(() => resolveCycle(cycles, 'Q3', 'diff')).toThrow(
      /is neither the id nor the name of a cycle; the cycles are:\n {2}2026 Q1 {2}\(2026-01-01 to 2026-03-31, open\) {2}id c1\n/,
    );
    expect(() => resolveCycle([], 'Q3', 'diff')).toThrow(/\(the tenant has no cycles\)/);
  });
});
