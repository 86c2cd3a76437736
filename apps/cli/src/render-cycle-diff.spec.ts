import type { CycleDiffJson } from './backend';
import { renderCycleDiff } from './render-cycle-diff';

const empty = (): CycleDiffJson => ({
  cycleId: 'c1',
  from: '2026-01-10T00:00:00.000Z',
  to: '2026-01-20T00:00:00.000Z',
  objectives: { added: [], archived: [], closed: [], realigned: [] },
  keyResults: { added: [], removed: [], targetChanged: [], weightChanged: [] },
  progress: [],
});

describe('renderCycleDiff', () => {
  it('lists each kind of change with who, when and why, and the progress deltas', () => {
    const diff = empty();
    diff.objectives.added.push({ id: 'o5', title: 'New idea', parentId: 'o1' });
    diff.objectives.archived.push({ id: 'o3', title: 'Side quest' });
    diff.objectives.closed.push({ id: 'o4', title: 'Quick win', score: 0.9 });
    diff.objectives.realigned.push({ id: 'o2', title: 'Ship faster', parent: { from: 'o1', to: 'o1' }, weight: { from: 1, to: 3 } });
    diff.keyResults.removed.push({ id: 'k9', title: 'Old metric', objectiveId: 'o1' });
    diff.keyResults.targetChanged.push({
      id: 'k1',
      title: 'Revenue',
      objectiveId: 'o1',
      from: 100,
      to: 80,
      changes: [
        {
          position: 12,
          recordedAt: '2026-01-10T00:00:01.000Z',
          actor: { id: 'u1', name: 'Ada Lovelace' },
          from: 100,
          to: 80,
          reason: 'market shrank',
        },
      ],
    });
    diff.progress.push(
      {
        id: 'o1',
        title: 'Win the market',
        progress: { from: 0.1, to: 0.125, delta: 0.025 },
        rollup: { from: 0.05, to: 0.40625, delta: 0.35625 },
        status: { from: 'off_track', to: 'on_track' },
      },
      {
        id: 'o2',
        title: 'Ship faster',
        progress: { from: 0.5, to: 0.25, delta: -0.25 },
        rollup: { from: 0.5, to: 0.25, delta: -0.25 },
        status: { from: 'at_risk', to: 'at_risk' },
      },
    );
    expect(renderCycleDiff(diff, '2026 Q1')).toBe(
      [
        "Cycle '2026 Q1': what changed from 2026-01-10T00:00:00.000Z to 2026-01-20T00:00:00.000Z",
        '',
        'Objectives added (1)',
        "  + 'New idea' under 'Win the market'",
        '',
        'Objectives archived (1)',
        "  - 'Side quest'",
        '',
        'Objectives closed (1)',
        "  ✓ 'Quick win' (score 0.9)",
        '',
        'Objectives realigned (1)',
        "  ~ 'Ship faster': weight 1 → 3",
        '',
        'Key results removed (1)',
        "  - 'Old metric' of 'Win the market'",
        '',
        'Targets changed (1)',
        "  ~ 'Revenue': target 100 → 80",
        '      100 → 80 by Ada Lovelace at 2026-01-10T00:00:01.000Z: market shrank',
        '',
        'Progress (2)',
        "  'Win the market': progress 10.0% → 12.5% (+2.5 pts), rollup 5.0% → 40.6% (+35.6 pts), off_track → on_track",
        "  'Ship faster': progress 50.0% → 25.0% (-25.0 pts), rollup 50.0% → 25.0% (-25.0 pts), at_risk",
        '',
        '4 objective change(s), 2 key result change(s), 2 objective(s) moved',
        '',
      ].join('\n'),
    );
  });

  it('prints only the heading and the counts when nothing changed; unknown parents show their id', () => {
    expect(renderCycleDiff(empty(), 'Q')).toBe(
      "Cycle 'Q': what changed from 2026-01-10T00:00:00.000Z to 2026-01-20T00:00:00.000Z\n\n0 objective change(s), 0 key result change(s), 0 objective(s) moved\n",
    );
    const diff = empty();
    diff.objectives.realigned.push({ id: 'o2', title: 'Child', parent: { from: null, to: 'elsewhere' }, weight: { from: null, to: 1 } });
    expect(renderCycleDiff(diff, 'Q')).toContain("  ~ 'Child': parent none → 'elsewhere', weight none → 1");
  });
});
