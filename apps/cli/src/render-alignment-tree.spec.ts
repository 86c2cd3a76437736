import type { AlignmentNode } from '@okr/reads';
import type { AlignmentAnswerJson } from './backend';
import { renderAlignmentTree } from './render-alignment-tree';

function node(title: string, fields: Partial<AlignmentNode> = {}, children: AlignmentNode[] = []): AlignmentNode {
  return {
    id: title,
    title,
    kind: 'committed',
    lifecycle: 'open',
    status: 'on_track',
    progress: 0.5,
    rollup: 0.5,
    confidence: 0.7,
    score: null,
    alignmentWeight: null,
    owner: { id: 'u1', name: 'Ada Lovelace' },
    team: { id: 't1', name: 'Growth' },
    version: 3,
    lastCheckInAt: null,
    children,
    ...fields,
  };
}

const answer = (roots: AlignmentNode[], objectives: number): AlignmentAnswerJson => ({
  cycle: { id: 'c1', name: '2026 Q1', startsOn: '2026-01-01', endsOn: '2026-03-31', status: 'open' },
  expected: 0.5,
  at: '2026-02-15T00:00:00.000Z',
  objectives,
  roots,
});

describe('renderAlignmentTree', () => {
  it('prints a heading, a header row, one indented line per objective with its figures, and a summary', () => {
    const tree = answer(
      [
        node('Grow revenue', { progress: 0.25, rollup: 0.4, status: 'at_risk' }, [
          node('Win enterprise', { owner: null, team: null, confidence: null, status: 'off_track', progress: 0, rollup: 0.125 }, [
            node('Close ten deals', { progress: 1, rollup: 1 }),
          ]),
          node('Cut churn', { lifecycle: 'closed', status: 'closed', progress: 0.8, rollup: 0.8, confidence: 1 }),
        ]),
        node('Ship faster'),
      ],
      5,
    );
    expect(renderAlignmentTree(tree)).toBe(
      [
        "Cycle '2026 Q1' (2026-01-01 to 2026-03-31, open) as it stood at 2026-02-15T00:00:00.000Z",
        '',
        'Objective                              Owner          Team            Prog. Rollup Status    Conf',
        'Grow revenue                           Ada Lovelace   Growth          25.0%  40.0% at_risk   0.70',
        '├─ Win enterprise                      —              —                0.0%  12.5% off_track    –',
        '│  └─ Close ten deals                  Ada Lovelace   Growth         100.0% 100.0% on_track  0.70',
        '└─ Cut churn                           Ada Lovelace   Growth          80.0%  80.0% closed    1.00',
        'Ship faster                            Ada Lovelace   Growth          50.0%  50.0% on_track  0.70',
        '',
        '5 objectives (2 at the top) at 2026-02-15T00:00:00.000Z; expected pace 50.0%',
        '',
      ].join('\n'),
    );
  });

  it('keeps every line within 100 columns: long titles and names are cut with an ellipsis', () => {
    const deep = node('A very long objective title that goes on and on about its ambitions', {
      owner: { id: 'u', name: 'Bartholomew Featherstonehaugh' },
    });
    let tree = deep;
    for (let i = 0; i < 6; i++) tree = node(`Level ${i}`, {}, [tree]);
    const lines = renderAlignmentTree(answer([tree], 7)).split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
    const last = lines.find((l) => l.includes('A very long'))!;
    expect(last).toContain('…');
    expect(last).toContain('Bartholomew F…');
  });

  it('says so when the cycle had no objectives', () => {
    expect(renderAlignmentTree(answer([], 0))).toContain('\n(no objectives)\n\n0 objectives (0 at the top)');
  });
});
