import { CheckInCadence, checkInCadence } from '../cadence/check-in-cadence';
import { Decider } from '../common/decider';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../common/errors';
import { NOTE_MAX, REASON_MAX, TITLE_MAX, optionalText, requiredText } from '../common/text';
import { finiteValue, positiveWeight, unitInterval } from '../common/numbers';
import { endOfDay, startOfDay, toMillis } from '../common/time';
import { Metric, checkTarget, normaliseMetric } from '../progress/metric';
import { CheckInPoint, Progress, keyResultProgress, supersedes } from '../progress/progress';
import { KeyResultCommand, KeyResultContext } from './key-result.commands';
import { KeyResultEvent } from './key-result.events';

export interface ExistingKeyResult {
  exists: true;
  id: string;
  objectiveId: string;
  title: string;
  metric: Metric;
  /** The target the key result was created with (targets may move; history keeps both). */
  originalTarget: number;
  weight: number;
  ownerId: string | null;
  removed: boolean;
  grade: number | null;
  /** The check-in that defines the current value (latest effectiveAt, ties: latest recorded), or null. */
  current: CheckInPoint | null;
  checkInCount: number;
  carriedOverFrom: string | null;
  /** Its own check-in cadence; null: its tenant's. */
  checkInCadence: CheckInCadence | null;
}

/** A cadence as a command gives it: absent or null means the tenant's. */
function ownCadence(value: CheckInCadence | null | undefined): CheckInCadence | null {
  return value === undefined || value === null ? null : checkInCadence(value);
}

export type KeyResultState = { exists: false } | ExistingKeyResult;

/** A key result can change only while it is live, its objective open and its cycle open. */
function changeable(state: KeyResultState, keyResultId: string, context: KeyResultContext): ExistingKeyResult {
  if (!state.exists) throw new NotFoundError('key_result.not_found', `Key result ${keyResultId} not found`);
  if (state.removed) throw new RuleViolationError('key_result.removed', `Key result '${state.title}' was removed`);
  checkContextOpen(context);
  return state;
}

function checkContextOpen(context: KeyResultContext): void {
  if (context.cycle.status === 'closed')
    throw new RuleViolationError('cycle.closed', `The cycle of objective '${context.objective.title}' is closed`);
  if (context.objective.status === 'closed')
    throw new RuleViolationError('objective.closed', `Objective '${context.objective.title}' is closed`);
  if (context.objective.status === 'archived')
    throw new RuleViolationError('objective.archived', `Objective '${context.objective.title}' is archived`);
}

/** The current value of a key result: its latest check-in's value, else its start. */
export function currentValue(state: ExistingKeyResult): number {
  return state.current ? state.current.value : state.metric.start;
}

export function currentProgress(state: ExistingKeyResult): Progress {
  return keyResultProgress(state.metric, currentValue(state));
}

export const keyResultDecider: Decider<KeyResultCommand, KeyResultEvent, KeyResultState> = {
  initialState: () => ({ exists: false }),

  decide(command, state) {
    switch (command.type) {
      case 'AddKeyResult': {
        const d = command.data;
        if (state.exists) throw new RuleViolationError('key_result.already_exists', `Key result ${d.keyResultId} already exists`);
        checkContextOpen(command.context);
        return [
          {
            type: 'KeyResultAdded',
            data: {
              keyResultId: d.keyResultId,
              objectiveId: command.context.objective.id,
              title: requiredText(d.title, 'title', TITLE_MAX),
              metric: normaliseMetric(d.metric),
              weight: positiveWeight(d.weight ?? 1),
              ownerId: d.ownerId ?? null,
              carriedOverFrom: d.carriedOverFrom ?? null,
              checkInCadence: ownCadence(d.checkInCadence),
            },
          },
        ];
      }

      case 'RenameKeyResult': {
        const kr = changeable(state, command.data.keyResultId, command.context);
        const title = requiredText(command.data.title, 'title', TITLE_MAX);
        if (title === kr.title) return [];
        return [{ type: 'KeyResultRenamed', data: { keyResultId: kr.id, title, previousTitle: kr.title } }];
      }

      case 'ChangeKeyResultTarget': {
        const kr = changeable(state, command.data.keyResultId, command.context);
        if (kr.metric.type === 'milestone')
          throw new InvalidInputError('metric.milestone_target', 'A milestone has no numeric target to change', 'target');
        const target = finiteValue(command.data.target, 'target');
        const reason = requiredText(command.data.reason ?? '', 'reason', REASON_MAX);
        checkTarget(kr.metric.type, kr.metric.start, target, 'target');
        if (target === kr.metric.target) return [];
        return [{ type: 'KeyResultTargetChanged', data: { keyResultId: kr.id, target, previousTarget: kr.metric.target, reason } }];
      }

      case 'ChangeKeyResultWeight': {
        const kr = changeable(state, command.data.keyResultId, command.context);
        const weight = positiveWeight(command.data.weight);
        if (weight === kr.weight) return [];
        return [{ type: 'KeyResultWeightChanged', data: { keyResultId: kr.id, weight, previousWeight: kr.weight } }];
      }

      case 'ChangeKeyResultCheckInCadence': {
        const kr = changeable(state, command.data.keyResultId, command.context);
        const cadence = ownCadence(command.data.checkInCadence);
        if (cadence === kr.checkInCadence) return [];
        return [
          {
            type: 'KeyResultCheckInCadenceChanged',
            data: { keyResultId: kr.id, checkInCadence: cadence, previousCheckInCadence: kr.checkInCadence },
          },
        ];
      }

      case 'CheckInKeyResult': {
        const kr = changeable(state, command.data.keyResultId, command.context);
        const d = command.data;
        const value = finiteValue(d.value, 'value');
        const confidence = unitInterval(d.confidence, 'confidence');
        const note = optionalText(d.note, 'note', NOTE_MAX);
        let effectiveAt = command.now;
        if (d.effectiveAt !== undefined) {
          const at = toMillis(d.effectiveAt, 'effectiveAt');
          const now = toMillis(command.now, 'now');
          if (at > now) throw new InvalidInputError('check_in.in_future', 'effectiveAt must not be in the future', 'effectiveAt');
          const { startsOn, endsOn } = command.context.cycle;
          if (at < startOfDay(startsOn) || at >= endOfDay(endsOn)) {
            throw new InvalidInputError(
              'check_in.outside_cycle',
              `effectiveAt must fall inside the cycle (${startsOn} to ${endsOn})`,
              'effectiveAt',
            );
          }
          effectiveAt = new Date(at).toISOString();
        }
        return [{ type: 'KeyResultCheckedIn', data: { keyResultId: kr.id, checkInId: d.checkInId, value, confidence, note, effectiveAt } }];
      }

      case 'GradeKeyResult': {
        const kr = changeable(state, command.data.keyResultId, command.context);
        const score = unitInterval(command.data.score, 'score');
        if (score === kr.grade) return [];
        return [{ type: 'KeyResultGraded', data: { keyResultId: kr.id, score, previousScore: kr.grade } }];
      }

      case 'RemoveKeyResult': {
        const kr = changeable(state, command.data.keyResultId, command.context);
        return [{ type: 'KeyResultRemoved', data: { keyResultId: kr.id, removedAt: command.now } }];
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'KeyResultAdded') {
      const d = event.data;
      return {
        exists: true,
        id: d.keyResultId,
        objectiveId: d.objectiveId,
        title: d.title,
        metric: d.metric,
        originalTarget: d.metric.target,
        weight: d.weight,
        ownerId: d.ownerId,
        removed: false,
        grade: null,
        current: null,
        checkInCount: 0,
        carriedOverFrom: d.carriedOverFrom,
        checkInCadence: d.checkInCadence,
      };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'KeyResultRenamed':
        return { ...state, title: event.data.title };
      case 'KeyResultTargetChanged':
        return { ...state, metric: { ...state.metric, target: event.data.target } };
      case 'KeyResultWeightChanged':
        return { ...state, weight: event.data.weight };
      case 'KeyResultCheckedIn': {
        const point: CheckInPoint = {
          value: event.data.value,
          confidence: event.data.confidence,
          effectiveAt: event.data.effectiveAt,
          sequence: state.checkInCount,
        };
        return { ...state, checkInCount: state.checkInCount + 1, current: supersedes(point, state.current) ? point : state.current };
      }
      case 'KeyResultCheckInCadenceChanged':
        return { ...state, checkInCadence: event.data.checkInCadence };
      case 'KeyResultGraded':
        return { ...state, grade: event.data.score };
      case 'KeyResultRemoved':
        return { ...state, removed: true };
    }
  },
};
