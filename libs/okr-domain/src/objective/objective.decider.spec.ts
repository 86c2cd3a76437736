import { fold } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  AlignObjective,
  ArchiveObjective,
  CarryOverObjective,
  CloseObjective,
  CreateObjective,
  CycleFacts,
  EditObjective,
  KeyResultForScoring,
  ParentObjective,
  UnalignObjective,
} from './objective.commands';
import { objectiveDecider } from './objective.decider';
import {
  ObjectiveAligned,
  ObjectiveArchived,
  ObjectiveClosed,
  ObjectiveCreated,
  ObjectiveEditableFields,
  ObjectiveEvent,
} from './objective.events';

const spec = DeciderSpecification.for(objectiveDecider);
const NOW = '2026-02-15T12:00:00.000Z';
const OPEN: CycleFacts = { id: 'q1', status: 'open' };
const CLOSED: CycleFacts = { id: 'q1', status: 'closed' };

const create = (data: Partial<CreateObjective['data']> = {}, cycle: CycleFacts = OPEN): CreateObjective => ({
  type: 'CreateObjective',
  now: NOW,
  data: { objectiveId: 'o1', title: 'Delight customers', kind: 'committed', ...data },
  context: { cycle },
});
const edit = (changes: Partial<ObjectiveEditableFields>, cycle: CycleFacts = OPEN): EditObjective => ({
  type: 'EditObjective',
  now: NOW,
  data: { objectiveId: 'o1', changes },
  context: { cycle },
});
const parentP: ParentObjective = { id: 'p', status: 'open', ancestorIds: ['company'] };
const align = (parent: ParentObjective = parentP, weight?: number, cycle: CycleFacts = OPEN): AlignObjective => ({
  type: 'AlignObjective',
  now: NOW,
  data: weight === undefined ? { objectiveId: 'o1', parent } : { objectiveId: 'o1', parent, weight },
  context: { cycle },
});
const unalign = (cycle: CycleFacts = OPEN): UnalignObjective => ({
  type: 'UnalignObjective',
  now: NOW,
  data: { objectiveId: 'o1' },
  context: { cycle },
});
const closeObjective = (
  opts: { score?: number; reason?: 'manual' | 'cycle_closed'; cycle?: CycleFacts; keyResults?: KeyResultForScoring[] } = {},
): CloseObjective => {
  const data: CloseObjective['data'] = { objectiveId: 'o1' };
  if (opts.score !== undefined) data.score = opts.score;
  if (opts.reason !== undefined) data.reason = opts.reason;
  return { type: 'CloseObjective', now: NOW, data, context: { cycle: opts.cycle ?? OPEN, keyResults: opts.keyResults ?? [] } };
};
const archive: ArchiveObjective = { type: 'ArchiveObjective', now: NOW, data: { objectiveId: 'o1' } };
const carryOver = (targetCycle: CycleFacts = { id: 'q2', status: 'open' }): CarryOverObjective => ({
  type: 'CarryOverObjective',
  now: NOW,
  data: { objectiveId: 'o1', toObjectiveId: 'o2', keyResultIds: ['kr9', 'kr10'] },
  context: { targetCycle },
});

const created: ObjectiveCreated = {
  type: 'ObjectiveCreated',
  data: {
    objectiveId: 'o1',
    cycleId: 'q1',
    title: 'Delight customers',
    description: 'NPS above 50',
    ownerId: 'u1',
    teamId: 't1',
    kind: 'committed',
    carriedOverFrom: null,
  },
};
const aligned = (parentObjectiveId = 'p', weight = 2): ObjectiveAligned => ({
  type: 'ObjectiveAligned',
  data: { objectiveId: 'o1', parentObjectiveId, weight, previousParentObjectiveId: null, previousWeight: null },
});
const closedEvent: ObjectiveClosed = {
  type: 'ObjectiveClosed',
  data: { objectiveId: 'o1', score: 0.5, scoreSource: 'explicit', keyResultScores: [], reason: 'manual', closedAt: NOW },
};
const archived = (previousStatus: 'open' | 'closed' = 'open'): ObjectiveArchived => ({
  type: 'ObjectiveArchived',
  data: { objectiveId: 'o1', archivedAt: NOW, previousStatus },
});

const kr = (keyResultId: string, weight: number, progress: number, grade: number | null = null, removed = false): KeyResultForScoring => ({
  keyResultId,
  weight,
  progress,
  grade,
  removed,
});

describe('objective decider', () => {
  describe('CreateObjective', () => {
    it('creates an objective in the cycle of the context, with defaults', () => {
      spec
        .given([])
        .when(create({ title: '  Delight customers  ' }))
        .then([
          {
            type: 'ObjectiveCreated',
            data: {
              objectiveId: 'o1',
              cycleId: 'q1',
              title: 'Delight customers',
              description: null,
              ownerId: null,
              teamId: null,
              kind: 'committed',
              carriedOverFrom: null,
            },
          },
        ]);
    });

    it('records description, owner, team, kind and origin', () => {
      spec
        .given([])
        .when(create({ description: '  NPS above 50 ', ownerId: 'u1', teamId: 't1', kind: 'aspirational', carriedOverFrom: 'o0' }))
        .then([
          {
            type: 'ObjectiveCreated',
            data: {
              objectiveId: 'o1',
              cycleId: 'q1',
              title: 'Delight customers',
              description: 'NPS above 50',
              ownerId: 'u1',
              teamId: 't1',
              kind: 'aspirational',
              carriedOverFrom: 'o0',
            },
          },
        ]);
    });

    it('turns a blank description into null', () => {
      spec
        .given([])
        .when(create({ description: '   ' }))
        .then([
          {
            type: 'ObjectiveCreated',
            data: {
              objectiveId: 'o1',
              cycleId: 'q1',
              title: 'Delight customers',
              description: null,
              ownerId: null,
              teamId: null,
              kind: 'committed',
              carriedOverFrom: null,
            },
          },
        ]);
    });

    it('refuses to create an objective in a closed cycle', () => {
      spec.given([]).when(create({}, CLOSED)).thenThrows(RuleViolationError, { code: 'cycle.closed', field: 'cycleId' });
    });

    it('refuses an empty or too long title', () => {
      spec
        .given([])
        .when(create({ title: ' ' }))
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'title' });
      spec
        .given([])
        .when(create({ title: 't'.repeat(201) }))
        .thenThrows(InvalidInputError, { code: 'text.too_long', field: 'title' });
    });

    it('refuses a description over 4000 characters', () => {
      spec
        .given([])
        .when(create({ description: 'd'.repeat(4001) }))
        .thenThrows(InvalidInputError, { code: 'text.too_long', field: 'description' });
    });

    it('refuses an unknown kind', () => {
      spec
        .given([])
        .when(create({ kind: 'stretch' as 'committed' }))
        .thenThrows(InvalidInputError, { code: 'objective.kind', field: 'kind' });
    });

    it('refuses to create an objective twice', () => {
      spec.given([created]).when(create()).thenThrows(RuleViolationError, { code: 'objective.already_exists' });
    });
  });

  describe('EditObjective', () => {
    it('records the changed fields and their previous values', () => {
      spec
        .given([created])
        .when(edit({ title: ' Wow customers ', description: '', ownerId: 'u2', teamId: null, kind: 'aspirational' }))
        .then([
          {
            type: 'ObjectiveEdited',
            data: {
              objectiveId: 'o1',
              changes: { title: 'Wow customers', description: null, ownerId: 'u2', teamId: null, kind: 'aspirational' },
              previous: { title: 'Delight customers', description: 'NPS above 50', ownerId: 'u1', teamId: 't1', kind: 'committed' },
            },
          },
        ]);
    });

    it('leaves unchanged fields out of the event', () => {
      spec
        .given([created])
        .when(edit({ title: 'Delight customers', description: ' NPS above 60 ', ownerId: 'u1' }))
        .then([
          {
            type: 'ObjectiveEdited',
            data: { objectiveId: 'o1', changes: { description: 'NPS above 60' }, previous: { description: 'NPS above 50' } },
          },
        ]);
    });

    it('does nothing when nothing changes', () => {
      spec
        .given([created])
        .when(edit({ title: '  Delight customers ', description: 'NPS above 50', ownerId: 'u1', teamId: 't1', kind: 'committed' }))
        .thenNothing();
      spec.given([created]).when(edit({})).thenNothing();
    });

    it('compares with the state after earlier edits', () => {
      const edited: ObjectiveEvent = {
        type: 'ObjectiveEdited',
        data: { objectiveId: 'o1', changes: { ownerId: null }, previous: { ownerId: 'u1' } },
      };
      spec
        .given([created, edited])
        .when(edit({ ownerId: null }))
        .thenNothing();
      spec
        .given([created, edited])
        .when(edit({ ownerId: 'u1' }))
        .then([{ type: 'ObjectiveEdited', data: { objectiveId: 'o1', changes: { ownerId: 'u1' }, previous: { ownerId: null } } }]);
    });

    it('validates the fields', () => {
      spec
        .given([created])
        .when(edit({ title: '' }))
        .thenThrows(InvalidInputError, { code: 'text.empty', field: 'title' });
      spec
        .given([created])
        .when(edit({ description: 'd'.repeat(4001) }))
        .thenThrows(InvalidInputError, { code: 'text.too_long', field: 'description' });
      spec
        .given([created])
        .when(edit({ kind: 'bold' as 'committed' }))
        .thenThrows(InvalidInputError, { code: 'objective.kind', field: 'kind' });
    });

    it('refuses to edit in a closed cycle', () => {
      spec
        .given([created])
        .when(edit({ title: 'New' }, CLOSED))
        .thenThrows(RuleViolationError, { code: 'cycle.closed' });
    });

    it('refuses to edit a closed objective', () => {
      spec
        .given([created, closedEvent])
        .when(edit({ title: 'New' }))
        .thenThrows(RuleViolationError, { code: 'objective.closed' });
    });

    it('refuses to edit an archived objective', () => {
      spec
        .given([created, archived()])
        .when(edit({ title: 'New' }))
        .thenThrows(RuleViolationError, { code: 'objective.archived' });
    });

    it('refuses to edit an unknown objective', () => {
      spec
        .given([])
        .when(edit({ title: 'New' }))
        .thenThrows(NotFoundError, { code: 'objective.not_found' });
    });
  });

  describe('AlignObjective', () => {
    it('aligns under a parent with weight 1 by default', () => {
      spec
        .given([created])
        .when(align())
        .then([
          {
            type: 'ObjectiveAligned',
            data: { objectiveId: 'o1', parentObjectiveId: 'p', weight: 1, previousParentObjectiveId: null, previousWeight: null },
          },
        ]);
    });

    it('aligns with an explicit weight', () => {
      spec
        .given([created])
        .when(align(parentP, 2.5))
        .then([
          {
            type: 'ObjectiveAligned',
            data: { objectiveId: 'o1', parentObjectiveId: 'p', weight: 2.5, previousParentObjectiveId: null, previousWeight: null },
          },
        ]);
    });

    it('accepts the bounds of the weight: just above 0 and 1000', () => {
      spec
        .given([created])
        .when(align(parentP, 0.001))
        .then([
          {
            type: 'ObjectiveAligned',
            data: { objectiveId: 'o1', parentObjectiveId: 'p', weight: 0.001, previousParentObjectiveId: null, previousWeight: null },
          },
        ]);
      spec
        .given([created])
        .when(align(parentP, 1000))
        .then([
          {
            type: 'ObjectiveAligned',
            data: { objectiveId: 'o1', parentObjectiveId: 'p', weight: 1000, previousParentObjectiveId: null, previousWeight: null },
          },
        ]);
    });

    it.each([0, -1, 1000.5, NaN, Infinity])('refuses the weight %p', (weight) => {
      spec.given([created]).when(align(parentP, weight)).thenThrows(InvalidInputError, { code: 'alignment.weight', field: 'weight' });
    });

    it('aligns under a closed parent', () => {
      spec
        .given([created])
        .when(align({ id: 'p', status: 'closed', ancestorIds: [] }))
        .then([
          {
            type: 'ObjectiveAligned',
            data: { objectiveId: 'o1', parentObjectiveId: 'p', weight: 1, previousParentObjectiveId: null, previousWeight: null },
          },
        ]);
    });

    it('refuses to align an objective under itself', () => {
      spec
        .given([created])
        .when(align({ id: 'o1', status: 'open', ancestorIds: [] }))
        .thenThrows(RuleViolationError, { code: 'objective.alignment_loop', field: 'parentObjectiveId' });
    });

    it('refuses to align under an objective aligned (transitively) under this one', () => {
      spec
        .given([created])
        .when(align({ id: 'grandchild', status: 'open', ancestorIds: ['child', 'o1', 'company'] }))
        .thenThrows(RuleViolationError, { code: 'objective.alignment_loop', field: 'parentObjectiveId' });
    });

    it('refuses an archived parent', () => {
      spec
        .given([created])
        .when(align({ id: 'p', status: 'archived', ancestorIds: [] }))
        .thenThrows(RuleViolationError, { code: 'objective.parent_archived', field: 'parentObjectiveId' });
    });

    it('does nothing when parent and weight are unchanged', () => {
      spec
        .given([created, aligned('p', 2)])
        .when(align(parentP, 2))
        .thenNothing();
      spec
        .given([created, aligned('p', 1)])
        .when(align(parentP))
        .thenNothing();
    });

    it('changes the weight under the same parent', () => {
      spec
        .given([created, aligned('p', 2)])
        .when(align(parentP))
        .then([
          {
            type: 'ObjectiveAligned',
            data: { objectiveId: 'o1', parentObjectiveId: 'p', weight: 1, previousParentObjectiveId: 'p', previousWeight: 2 },
          },
        ]);
    });

    it('moves to another parent, recording the previous one', () => {
      spec
        .given([created, aligned('p', 2)])
        .when(align({ id: 'q', status: 'open', ancestorIds: [] }, 2))
        .then([
          {
            type: 'ObjectiveAligned',
            data: { objectiveId: 'o1', parentObjectiveId: 'q', weight: 2, previousParentObjectiveId: 'p', previousWeight: 2 },
          },
        ]);
    });

    it('refuses in a closed cycle, on a closed or archived objective, or an unknown one', () => {
      spec
        .given([created])
        .when(align(parentP, 1, CLOSED))
        .thenThrows(RuleViolationError, { code: 'cycle.closed' });
      spec.given([created, closedEvent]).when(align()).thenThrows(RuleViolationError, { code: 'objective.closed' });
      spec.given([created, archived()]).when(align()).thenThrows(RuleViolationError, { code: 'objective.archived' });
      spec.given([]).when(align()).thenThrows(NotFoundError, { code: 'objective.not_found' });
    });
  });

  describe('UnalignObjective', () => {
    it('unaligns, recording the previous parent and weight', () => {
      spec
        .given([created, aligned('p', 3)])
        .when(unalign())
        .then([{ type: 'ObjectiveUnaligned', data: { objectiveId: 'o1', previousParentObjectiveId: 'p', previousWeight: 3 } }]);
    });

    it('does nothing when not aligned', () => {
      spec.given([created]).when(unalign()).thenNothing();
    });

    it('does nothing when already unaligned', () => {
      spec
        .given([
          created,
          aligned(),
          { type: 'ObjectiveUnaligned', data: { objectiveId: 'o1', previousParentObjectiveId: 'p', previousWeight: 2 } },
        ])
        .when(unalign())
        .thenNothing();
    });

    it('refuses in a closed cycle, on a closed or archived objective, or an unknown one', () => {
      spec.given([created, aligned()]).when(unalign(CLOSED)).thenThrows(RuleViolationError, { code: 'cycle.closed' });
      spec.given([created, aligned(), closedEvent]).when(unalign()).thenThrows(RuleViolationError, { code: 'objective.closed' });
      spec.given([created, aligned(), archived()]).when(unalign()).thenThrows(RuleViolationError, { code: 'objective.archived' });
      spec.given([]).when(unalign()).thenThrows(NotFoundError, { code: 'objective.not_found' });
    });
  });

  describe('CloseObjective', () => {
    it('computes the weighted mean of the live key results, a grade overriding progress, removed ones excluded', () => {
      // a: 0.5 × 1, b: graded 0.25 (progress 1 ignored) × 3, c removed → (0.5 + 0.75) / 4 = 0.3125
      const keyResults = [kr('a', 1, 0.5), kr('b', 3, 1, 0.25), kr('c', 4, 1, null, true)];
      spec
        .given([created])
        .when(closeObjective({ keyResults }))
        .then([
          {
            type: 'ObjectiveClosed',
            data: {
              objectiveId: 'o1',
              score: 0.3125,
              scoreSource: 'computed',
              keyResultScores: [
                { keyResultId: 'a', weight: 1, score: 0.5 },
                { keyResultId: 'b', weight: 3, score: 0.25 },
              ],
              reason: 'manual',
              closedAt: NOW,
            },
          },
        ]);
    });

    it('computes a non-binary score (closeTo)', () => {
      // (2 × 0.5 + 1 × 0.9) / 3 = 0.6333…
      spec
        .given([created])
        .when(closeObjective({ keyResults: [kr('a', 2, 0.5), kr('b', 1, 0.2, 0.9)] }))
        .then([
          {
            type: 'ObjectiveClosed',
            data: {
              objectiveId: 'o1',
              score: expect.closeTo(0.633333333333, 10),
              scoreSource: 'computed',
              keyResultScores: [
                { keyResultId: 'a', weight: 2, score: 0.5 },
                { keyResultId: 'b', weight: 1, score: 0.9 },
              ],
              reason: 'manual',
              closedAt: NOW,
            },
          },
        ]);
    });

    it('lets a grade of 0 override progress', () => {
      spec
        .given([created])
        .when(closeObjective({ keyResults: [kr('a', 1, 0.8, 0)] }))
        .then([
          {
            type: 'ObjectiveClosed',
            data: {
              objectiveId: 'o1',
              score: 0,
              scoreSource: 'computed',
              keyResultScores: [{ keyResultId: 'a', weight: 1, score: 0 }],
              reason: 'manual',
              closedAt: NOW,
            },
          },
        ]);
    });

    it('scores 0 without key results, or when all are removed', () => {
      const expected: ObjectiveClosed = {
        type: 'ObjectiveClosed',
        data: { objectiveId: 'o1', score: 0, scoreSource: 'computed', keyResultScores: [], reason: 'manual', closedAt: NOW },
      };
      spec.given([created]).when(closeObjective()).then([expected]);
      spec
        .given([created])
        .when(closeObjective({ keyResults: [kr('a', 1, 1, 1, true)] }))
        .then([expected]);
    });

    it('takes an explicit score, still recording the key results scores', () => {
      spec
        .given([created])
        .when(closeObjective({ score: 0.7, keyResults: [kr('a', 1, 0.5), kr('c', 1, 1, null, true)] }))
        .then([
          {
            type: 'ObjectiveClosed',
            data: {
              objectiveId: 'o1',
              score: 0.7,
              scoreSource: 'explicit',
              keyResultScores: [{ keyResultId: 'a', weight: 1, score: 0.5 }],
              reason: 'manual',
              closedAt: NOW,
            },
          },
        ]);
    });

    it.each([0, 1])('accepts the explicit score %p', (score) => {
      spec
        .given([created])
        .when(closeObjective({ score }))
        .then([
          {
            type: 'ObjectiveClosed',
            data: { objectiveId: 'o1', score, scoreSource: 'explicit', keyResultScores: [], reason: 'manual', closedAt: NOW },
          },
        ]);
    });

    it.each([-0.01, 1.01, NaN, Infinity])('refuses the explicit score %p', (score) => {
      spec.given([created]).when(closeObjective({ score })).thenThrows(InvalidInputError, { code: 'value.out_of_range', field: 'score' });
    });

    it('refuses a manual close in a closed cycle', () => {
      spec
        .given([created])
        .when(closeObjective({ cycle: CLOSED }))
        .thenThrows(RuleViolationError, { code: 'cycle.closed' });
      spec
        .given([created])
        .when(closeObjective({ cycle: CLOSED, reason: 'manual' }))
        .thenThrows(RuleViolationError, { code: 'cycle.closed' });
    });

    it('closes with reason cycle_closed in a closed cycle', () => {
      spec
        .given([created])
        .when(closeObjective({ cycle: CLOSED, reason: 'cycle_closed', keyResults: [kr('a', 1, 0.75)] }))
        .then([
          {
            type: 'ObjectiveClosed',
            data: {
              objectiveId: 'o1',
              score: 0.75,
              scoreSource: 'computed',
              keyResultScores: [{ keyResultId: 'a', weight: 1, score: 0.75 }],
              reason: 'cycle_closed',
              closedAt: NOW,
            },
          },
        ]);
    });

    it('closes an aligned objective', () => {
      spec
        .given([created, aligned()])
        .when(closeObjective({ score: 0.5 }))
        .then([closedEvent]);
    });

    it('refuses to close twice, an archived objective, or an unknown one', () => {
      spec.given([created, closedEvent]).when(closeObjective()).thenThrows(RuleViolationError, { code: 'objective.closed' });
      spec.given([created, archived()]).when(closeObjective()).thenThrows(RuleViolationError, { code: 'objective.archived' });
      spec.given([]).when(closeObjective()).thenThrows(NotFoundError, { code: 'objective.not_found' });
    });
  });

  describe('ArchiveObjective', () => {
    it('archives an open objective', () => {
      spec
        .given([created])
        .when(archive)
        .then([archived('open')]);
    });

    it('archives a closed objective', () => {
      spec
        .given([created, closedEvent])
        .when(archive)
        .then([archived('closed')]);
    });

    it('archives regardless of the cycle', () => {
      // ArchiveObjective carries no cycle: archiving is allowed in a closed cycle too.
      spec
        .given([created, closedEvent])
        .when({ ...archive, now: '2026-05-01T00:00:00.000Z' })
        .then([
          { type: 'ObjectiveArchived', data: { objectiveId: 'o1', archivedAt: '2026-05-01T00:00:00.000Z', previousStatus: 'closed' } },
        ]);
    });

    it('refuses to archive twice', () => {
      spec.given([created, archived()]).when(archive).thenThrows(RuleViolationError, { code: 'objective.archived' });
    });

    it('refuses to archive an unknown objective', () => {
      spec.given([]).when(archive).thenThrows(NotFoundError, { code: 'objective.not_found' });
    });
  });

  describe('CarryOverObjective', () => {
    const carried = {
      type: 'ObjectiveCarriedOver' as const,
      data: { objectiveId: 'o1', toObjectiveId: 'o2', toCycleId: 'q2', keyResultIds: ['kr9', 'kr10'] },
    };

    it('carries a closed objective over into another open cycle', () => {
      spec.given([created, closedEvent]).when(carryOver()).then([carried]);
    });

    it('carries an open objective over', () => {
      spec.given([created]).when(carryOver()).then([carried]);
    });

    it('refuses to carry over into the same cycle', () => {
      spec
        .given([created])
        .when(carryOver({ id: 'q1', status: 'open' }))
        .thenThrows(RuleViolationError, { code: 'objective.carry_over_same_cycle', field: 'cycleId' });
    });

    it('refuses a closed target cycle', () => {
      spec
        .given([created, closedEvent])
        .when(carryOver({ id: 'q2', status: 'closed' }))
        .thenThrows(RuleViolationError, { code: 'cycle.closed', field: 'cycleId' });
    });

    it('refuses to carry over an archived objective', () => {
      spec.given([created, archived()]).when(carryOver()).thenThrows(RuleViolationError, { code: 'objective.archived' });
    });

    it('refuses an unknown objective', () => {
      spec.given([]).when(carryOver()).thenThrows(NotFoundError, { code: 'objective.not_found' });
    });

    it('refuses a second carry-over into the same cycle, but allows another cycle', () => {
      spec
        .given([created, closedEvent, carried])
        .when(carryOver())
        .thenThrows(RuleViolationError, { code: 'objective.already_carried_over', field: 'cycleId' });
      spec
        .given([created, closedEvent, carried])
        .when(carryOver({ id: 'q3', status: 'open' }))
        .then([{ ...carried, data: { ...carried.data, toCycleId: 'q3' } }]);
    });

    it('records every carry-over in the state', () => {
      const again = {
        type: 'ObjectiveCarriedOver' as const,
        data: { objectiveId: 'o1', toObjectiveId: 'o3', toCycleId: 'q3', keyResultIds: [] },
      };
      const state = fold(objectiveDecider, [created, closedEvent, carried, again]);
      expect(state).toMatchObject({
        carriedOverTo: [
          { objectiveId: 'o2', cycleId: 'q2' },
          { objectiveId: 'o3', cycleId: 'q3' },
        ],
      });
    });
  });

  describe('evolve', () => {
    it('folds the life of an objective', () => {
      expect(objectiveDecider.initialState()).toEqual({ exists: false });
      const events: ObjectiveEvent[] = [
        created,
        {
          type: 'ObjectiveEdited',
          data: {
            objectiveId: 'o1',
            changes: { title: 'Wow customers', teamId: null },
            previous: { title: 'Delight customers', teamId: 't1' },
          },
        },
        aligned('p', 2),
      ];
      expect(fold(objectiveDecider, events)).toEqual({
        exists: true,
        id: 'o1',
        cycleId: 'q1',
        title: 'Wow customers',
        description: 'NPS above 50',
        ownerId: 'u1',
        teamId: null,
        kind: 'committed',
        status: 'open',
        parentObjectiveId: 'p',
        alignmentWeight: 2,
        score: null,
        closedAt: null,
        carriedOverFrom: null,
        carriedOverTo: [],
      });
      expect(
        fold(objectiveDecider, [
          ...events,
          { type: 'ObjectiveUnaligned', data: { objectiveId: 'o1', previousParentObjectiveId: 'p', previousWeight: 2 } },
        ]),
      ).toMatchObject({
        parentObjectiveId: null,
        alignmentWeight: null,
      });
      expect(fold(objectiveDecider, [...events, closedEvent])).toMatchObject({ status: 'closed', score: 0.5, closedAt: NOW });
      expect(fold(objectiveDecider, [...events, closedEvent, archived('closed')])).toMatchObject({ status: 'archived', score: 0.5 });
    });

    it('ignores events before the creation', () => {
      expect(fold(objectiveDecider, [closedEvent, archived()])).toEqual({ exists: false });
    });
  });
});
