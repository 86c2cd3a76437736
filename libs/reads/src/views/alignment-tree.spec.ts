import { CycleDocument, ObjectiveDocument } from '@okr/projections';
import { gunzipSync } from 'node:zlib';
import { AlignmentTree } from './alignment-tree';

const cycle: CycleDocument = {
  id: 'c1',
  version: 1,
  tenantId: 't',
  name: 'Q1',
  startsOn: '2026-01-01',
  endsOn: '2026-01-10',
  status: 'open',
  closedAt: null,
};

function objective(id: string, parentId: string | null, rollup: number, extra: Partial<ObjectiveDocument> = {}): ObjectiveDocument {
  return {
    id,
    version: 1,
    streamVersion: 1,
    tenantId: 't',
    cycleId: 'c1',
    title: `Objective ${id} with "quotes", commas, and ünïcödé`,
    description: null,
    ownerId: 'u1',
    teamId: 'team1',
    kind: 'committed',
    status: 'open',
    score: null,
    closedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdPosition: 1,
    parentId,
    alignmentWeight: parentId ? 2 : null,
    carriedOverFrom: null,
    carriedOverTo: [],
    keyResults: [],
    children: {},
    progress: rollup,
    rollup,
    confidence: 0.5,
    lastCheckInAt: null,
    ...extra,
  } as ObjectiveDocument;
}

const objectives = [
  objective('a', null, 0.5),
  objective('b', 'a', 0.2),
  objective('c', 'a', 0.45),
  objective('d', null, 1, { status: 'closed', score: 0.9, lastCheckInAt: '2026-01-04T09:30:00.000Z' }),
];
const names = { users: new Map([['u1', 'Ada']]), teams: new Map([['team1', 'Platform']]) };
const at = (iso: string) => Date.parse(iso);

describe('AlignmentTree', () => {
  it('answers the tree with statuses for the instant, the pace and the time', () => {
    const tree = new AlignmentTree(cycle, objectives, names);
    const answer = JSON.parse(tree.answer(at('2026-01-06T00:00:00.000Z')).toString());
    expect(answer.expected).toBeCloseTo(0.5, 12);
    expect(answer.at).toBe('2026-01-06T00:00:00.000Z');
    expect(answer.objectives).toBe(4);
    expect(answer.cycle).toEqual({ id: 'c1', name: 'Q1', startsOn: '2026-01-01', endsOn: '2026-01-10', status: 'open' });
    expect(answer.roots.map((n: { id: string }) => n.id)).toEqual(['a', 'd']);
    const [a, d] = answer.roots;
    expect(a).toMatchObject({ status: 'on_track', owner: { id: 'u1', name: 'Ada' }, team: { id: 'team1', name: 'Platform' } });
    // 0.2 < 0.6 × 0.5 → off track; 0.45 ≥ 0.9 × 0.5 → on track.
    expect(a.children.map((n: { id: string; status: string; alignmentWeight: number }) => [n.id, n.status, n.alignmentWeight])).toEqual([
      ['b', 'off_track', 2],
      ['c', 'on_track', 2],
    ]);
    expect(d).toMatchObject({ status: 'closed', lifecycle: 'closed', score: 0.9, children: [] });
    // When its key results were last checked in: null before any check-in.
    expect([a.lastCheckInAt, d.lastCheckInAt]).toEqual([null, '2026-01-04T09:30:00.000Z']);
  });

  it('moves the statuses with the time, with the same read models', () => {
    const tree = new AlignmentTree(cycle, objectives, names);
    const early = JSON.parse(tree.answer(at('2026-01-02T00:00:00.000Z')).toString());
    // 70 % of the cycle gone: 0.5 and 0.45 are at risk (≥ 0.42), 0.2 is off track.
    const late = JSON.parse(tree.answer(at('2026-01-08T00:00:00.000Z')).toString());
    expect(early.roots[0].children[0].status).toBe('on_track');
    expect(late.expected).toBeCloseTo(0.7, 12);
    expect(late.roots[0].status).toBe('at_risk');
    expect(late.roots[0].children.map((n: { status: string }) => n.status)).toEqual(['off_track', 'at_risk']);
    // And back: the earlier instant again gives the earlier answer's tree.
    expect(JSON.parse(tree.answer(at('2026-01-02T00:00:00.000Z')).toString()).roots).toEqual(early.roots);
  });

  it('gzips to exactly the plain answer, whatever the instant and statuses', () => {
    const tree = new AlignmentTree(cycle, objectives, names);
    for (const iso of ['2026-01-02T00:00:00.000Z', '2026-01-02T00:00:01.500Z', '2026-01-10T23:00:00.000Z', '2026-01-02T00:00:00.000Z']) {
      const plain = tree.answerAt(at(iso), false);
      const zipped = tree.answerAt(at(iso), true);
      expect(plain.encoding).toBe('identity');
      expect(zipped.encoding).toBe('gzip');
      expect(plain.length).toBe(Buffer.concat(plain.chunks).length);
      expect(zipped.length).toBe(Buffer.concat(zipped.chunks).length);
      expect(gunzipSync(Buffer.concat(zipped.chunks)).equals(Buffer.concat(plain.chunks))).toBe(true);
    }
  });

  it('answers at any instant, in any order, what a fresh tree answers (statuses reused only while none differs)', () => {
    // Rollups on and around the thresholds of many instants, ties included, some objectives closed.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const many: ObjectiveDocument[] = [];
    for (let i = 0; i < 300; i++) {
      const rollup = i % 7 === 0 ? 0.45 : i % 11 === 0 ? 0 : Math.round(random() * 1000) / 1000;
      many.push(objective(`o${i}`, i > 10 ? `o${i % 10}` : null, rollup, i % 13 === 0 ? { status: 'closed', score: 0.5 } : {}));
    }
    const reused = new AlignmentTree(cycle, many, names);
    const start = at('2026-01-01T00:00:00.000Z');
    const instants = [
      start,
      start + 1,
      at('2026-01-06T00:00:00.000Z'),
      at('2026-01-06T00:00:00.000Z'),
      ...Array.from({ length: 200 }, () => start + Math.floor(random() * 11 * 86_400_000)),
    ];
    for (const instant of instants) {
      const expected = Buffer.concat(new AlignmentTree(cycle, many, names).answerAt(instant, false).chunks);
      expect(Buffer.concat(reused.answerAt(instant, false).chunks).equals(expected)).toBe(true);
    }
  });

  it('changes statuses exactly at the thresholds when time moves in small steps', () => {
    const few = [
      objective('a', null, 0.1),
      objective('b', 'a', 0.3),
      objective('c', 'a', 0.5),
      objective('d', null, 0.3, { status: 'closed', score: 0.2 }),
    ];
    const reused = new AlignmentTree(cycle, few, names);
    const start = at('2026-01-01T00:00:00.000Z');
    for (let instant = start; instant <= at('2026-01-11T00:00:00.000Z'); instant += 10 * 60_000) {
      const expected = Buffer.concat(new AlignmentTree(cycle, few, names).answerAt(instant, false).chunks);
      expect(Buffer.concat(reused.answerAt(instant, false).chunks).toString()).toBe(expected.toString());
    }
  });
});
