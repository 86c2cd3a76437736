import { describe, expect, it } from 'vitest';
import type { CycleSummary } from '../api/views';
import { defaultCycle } from './cycles';

const cycle = (id: string, startsOn: string, endsOn: string, status: 'open' | 'closed' = 'open'): CycleSummary => ({
  id,
  name: id,
  startsOn,
  endsOn,
  status,
  closedAt: status === 'closed' ? `${endsOn}T18:00:00.000Z` : null,
});

describe('defaultCycle', () => {
  const h1 = cycle('h1', '2026-01-01', '2026-06-30');
  const q2 = cycle('q2', '2026-04-01', '2026-06-30');
  const h2 = cycle('h2', '2026-07-01', '2026-12-31');

  it('is the open cycle running today, the latest started of several', () => {
    expect(defaultCycle([h1, q2, h2], '2026-05-10')?.id).toBe('q2');
    expect(defaultCycle([h1, q2, h2], '2026-02-10')?.id).toBe('h1');
  });

  it('is the latest when none is running (or the one running is closed), and none without cycles', () => {
    expect(defaultCycle([h1, h2], '2027-02-01')?.id).toBe('h2');
    expect(defaultCycle([cycle('h1', '2026-01-01', '2026-06-30', 'closed'), h2], '2026-03-01')?.id).toBe('h2');
    expect(defaultCycle([], '2026-03-01')).toBeUndefined();
  });
});
