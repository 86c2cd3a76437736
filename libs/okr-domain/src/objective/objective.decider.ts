import { Decider } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { positiveWeight, unitInterval } from '../common/numbers';
import { DESCRIPTION_MAX, TITLE_MAX, optionalText, requiredText } from '../common/text';
import { keyResultScore, objectiveScore } from '../progress/progress';
import { CycleFacts, ObjectiveCommand } from './objective.commands';
import { ObjectiveEditableFields, ObjectiveEvent, ObjectiveKind } from './objective.events';

export type ObjectiveStatus = 'open' | 'closed' | 'archived';

export interface ExistingObjective {
  exists: true;
  id: string;
  cycleId: string;
  title: string;
  description: string | null;
  ownerId: string | null;
  teamId: string | null;
  kind: ObjectiveKind;
  status: ObjectiveStatus;
  parentObjectiveId: string | null;
  alignmentWeight: number | null;
  score: number | null;
  closedAt: string | null;
  carriedOverFrom: string | null;
  carriedOverTo: { objectiveId: string; cycleId: string }[];
}

export type ObjectiveState = { exists: false } | ExistingObjective;

const KINDS: ObjectiveKind[] = ['committed', 'aspirational'];

function checkKind(kind: unknown): ObjectiveKind {
  if (!KINDS.includes(kind as ObjectiveKind))
    throw new InvalidInputError('objective.kind', `kind must be one of ${KINDS.join(', ')}`, 'kind');
  return kind as ObjectiveKind;
}

function existing(state: ObjectiveState, objectiveId: string): ExistingObjective {
  if (!state.exists) throw new NotFoundError('objective.not_found', `Objective ${objectiveId} not found`);
  return state;
}

/** Changes to the content or alignment of an objective need it open, in an open cycle. */
function modifiable(state: ObjectiveState, objectiveId: string, cycle: CycleFacts): ExistingObjective {
  const objective = existing(state, objectiveId);
  if (cycle.status === 'closed')
    throw new RuleViolationError(
      'cycle.closed',
      `The cycle of objective '${objective.title}' is closed; its objectives can no longer change`,
    );
  if (objective.status === 'archived') throw new RuleViolationError('objective.archived', `Objective '${objective.title}' is archived`);
  if (objective.status === 'closed') throw new RuleViolationError('objective.closed', `Objective '${objective.title}' is closed`);
  return objective;
}

export const objectiveDecider: Decider<ObjectiveCommand, ObjectiveEvent, ObjectiveState> = {
  initialState: () => ({ exists: false }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateObjective': {
        const d = command.data;
        if (state.exists) throw new RuleViolationError('objective.already_exists', `Objective ${d.objectiveId} already exists`);
        if (command.context.cycle.status === 'closed')
          throw new RuleViolationError('cycle.closed', `Cycle ${command.context.cycle.id} is closed; no objective can be added`, 'cycleId');
        return [
          {
            type: 'ObjectiveCreated',
            data: {
              objectiveId: d.objectiveId,
              cycleId: command.context.cycle.id,
              title: requiredText(d.title, 'title', TITLE_MAX),
              description: optionalText(d.description, 'description', DESCRIPTION_MAX),
              ownerId: d.ownerId ?? null,
              teamId: d.teamId ?? null,
              kind: checkKind(d.kind),
              carriedOverFrom: d.carriedOverFrom ?? null,
            },
          },
        ];
      }

      case 'EditObjective': {
        const objective = modifiable(state, command.data.objectiveId, command.context.cycle);
        const input = command.data.changes;
        const proposed: Partial<ObjectiveEditableFields> = {};
        if (input.title !== undefined) proposed.title = requiredText(input.title, 'title', TITLE_MAX);
        if (input.description !== undefined) proposed.description = optionalText(input.description, 'description', DESCRIPTION_MAX);
        if (input.ownerId !== undefined) proposed.ownerId = input.ownerId;
        if (input.teamId !== undefined) proposed.teamId = input.teamId;
        if (input.kind !== undefined) proposed.kind = checkKind(input.kind);
        const changes: Partial<ObjectiveEditableFields> = {};
        const previous: Partial<ObjectiveEditableFields> = {};
        for (const key of Object.keys(proposed) as (keyof ObjectiveEditableFields)[]) {
          if (proposed[key] !== objective[key]) {
            (changes as Record<string, unknown>)[key] = proposed[key];
            (previous as Record<string, unknown>)[key] = objective[key];
          }
        }
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'ObjectiveEdited', data: { objectiveId: objective.id, changes, previous } }];
      }

      case 'AlignObjective': {
        const objective = modifiable(state, command.data.objectiveId, command.context.cycle);
        const { parent } = command.data;
        const weight = positiveWeight(command.data.weight ?? 1, 'weight', 'alignment.weight');
        if (parent.id === objective.id || parent.ancestorIds.includes(objective.id)) {
          throw new RuleViolationError(
            'objective.alignment_loop',
            `Aligning '${objective.title}' under ${parent.id} would create a loop in the alignment graph`,
            'parentObjectiveId',
          );
        }
        if (parent.status === 'archived')
          throw new RuleViolationError(
            'objective.parent_archived',
            `Objective ${parent.id} is archived and cannot be a parent`,
            'parentObjectiveId',
          );
        if (parent.id === objective.parentObjectiveId && weight === objective.alignmentWeight) return [];
        return [
          {
            type: 'ObjectiveAligned',
            data: {
              objectiveId: objective.id,
              parentObjectiveId: parent.id,
              weight,
              previousParentObjectiveId: objective.parentObjectiveId,
              previousWeight: objective.alignmentWeight,
            },
          },
        ];
      }

      case 'UnalignObjective': {
        const objective = modifiable(state, command.data.objectiveId, command.context.cycle);
        if (objective.parentObjectiveId === null) return [];
        return [
          {
            type: 'ObjectiveUnaligned',
            data: {
              objectiveId: objective.id,
              previousParentObjectiveId: objective.parentObjectiveId,
              previousWeight: objective.alignmentWeight ?? 1,
            },
          },
        ];
      }

      case 'CloseObjective': {
        const objective = existing(state, command.data.objectiveId);
        if (objective.status === 'archived')
          throw new RuleViolationError('objective.archived', `Objective '${objective.title}' is archived`);
        if (objective.status === 'closed')
          throw new RuleViolationError('objective.closed', `Objective '${objective.title}' is already closed`);
        const reason = command.data.reason ?? 'manual';
        if (reason === 'manual' && command.context.cycle.status === 'closed') {
          throw new RuleViolationError('cycle.closed', `The cycle of objective '${objective.title}' is closed`);
        }
        const live = command.context.keyResults.filter((k) => !k.removed);
        const explicit = command.data.score;
        const score = explicit === undefined ? objectiveScore(live) : unitInterval(explicit, 'score');
        return [
          {
            type: 'ObjectiveClosed',
            data: {
              objectiveId: objective.id,
              score,
              scoreSource: explicit === undefined ? 'computed' : 'explicit',
              keyResultScores: live.map((k) => ({ keyResultId: k.keyResultId, weight: k.weight, score: keyResultScore(k) })),
              reason,
              closedAt: command.now,
            },
          },
        ];
      }

      case 'ArchiveObjective': {
        const objective = existing(state, command.data.objectiveId);
        if (objective.status === 'archived')
          throw new RuleViolationError('objective.archived', `Objective '${objective.title}' is already archived`);
        return [
          { type: 'ObjectiveArchived', data: { objectiveId: objective.id, archivedAt: command.now, previousStatus: objective.status } },
        ];
      }

      case 'CarryOverObjective': {
        const objective = existing(state, command.data.objectiveId);
        const target = command.context.targetCycle;
        if (objective.status === 'archived')
          throw new RuleViolationError('objective.archived', `Objective '${objective.title}' is archived and cannot be carried over`);
        if (target.id === objective.cycleId)
          throw new RuleViolationError(
            'objective.carry_over_same_cycle',
            'An objective cannot be carried over into its own cycle',
            'cycleId',
          );
        if (target.status === 'closed') throw new RuleViolationError('cycle.closed', `Cycle ${target.id} is closed`, 'cycleId');
        if (objective.carriedOverTo.some((c) => c.cycleId === target.id)) {
          throw new RuleViolationError(
            'objective.already_carried_over',
            `Objective '${objective.title}' was already carried over into cycle ${target.id}`,
            'cycleId',
          );
        }
        return [
          {
            type: 'ObjectiveCarriedOver',
            data: {
              objectiveId: objective.id,
              toObjectiveId: command.data.toObjectiveId,
              toCycleId: target.id,
              keyResultIds: command.data.keyResultIds,
            },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'ObjectiveCreated') {
      const d = event.data;
      return {
        exists: true,
        id: d.objectiveId,
        cycleId: d.cycleId,
        title: d.title,
        description: d.description,
        ownerId: d.ownerId,
        teamId: d.teamId,
        kind: d.kind,
        status: 'open',
        parentObjectiveId: null,
        alignmentWeight: null,
        score: null,
        closedAt: null,
        carriedOverFrom: d.carriedOverFrom,
        carriedOverTo: [],
      };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'ObjectiveEdited':
        return { ...state, ...event.data.changes };
      case 'ObjectiveAligned':
        return { ...state, parentObjectiveId: event.data.parentObjectiveId, alignmentWeight: event.data.weight };
      case 'ObjectiveUnaligned':
        return { ...state, parentObjectiveId: null, alignmentWeight: null };
      case 'ObjectiveClosed':
        return { ...state, status: 'closed', score: event.data.score, closedAt: event.data.closedAt };
      case 'ObjectiveArchived':
        return { ...state, status: 'archived' };
      case 'ObjectiveCarriedOver':
        return {
          ...state,
          carriedOverTo: [...state.carriedOverTo, { objectiveId: event.data.toObjectiveId, cycleId: event.data.toCycleId }],
        };
    }
  },
};
