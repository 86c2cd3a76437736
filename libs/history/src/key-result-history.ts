import type { KeyResultEvent } from '@okr/domain';
import { EntityHistory } from './entity-history';
import { CheckInPoint, EntityState, withFields } from './entity-state';

const TYPES: readonly KeyResultEvent['type'][] = [
  'KeyResultAdded',
  'KeyResultRenamed',
  'KeyResultTargetChanged',
  'KeyResultWeightChanged',
  'KeyResultCheckedIn',
  'KeyResultGraded',
  'KeyResultRemoved',
];

/** Does `a` decide the value rather than `b`? The later effective time wins; on a tie, the later recorded. */
function supersedes(a: CheckInPoint, b: CheckInPoint): boolean {
  const at = Date.parse(a.effectiveAt);
  const bt = Date.parse(b.effectiveAt);
  return at > bt || (at === bt && a.sequence > b.sequence);
}

/** The check-in in effect at `effectiveAt` (the latest one effective at or before it), or null. */
export function checkInInEffect(checkIns: readonly CheckInPoint[], effectiveAt: string): CheckInPoint | null {
  const at = Date.parse(effectiveAt);
  let best: CheckInPoint | null = null;
  for (const point of checkIns) {
    if (Date.parse(point.effectiveAt) > at) continue;
    if (!best || supersedes(point, best)) best = point;
  }
  return best;
}

/**
 * A key result's fields: title, metric (type, start, target, unit), weight, owner, its current value and
 * confidence (the check-in with the latest effective time, else the start), grade, removal.
 */
export const keyResultHistory: EntityHistory = {
  kind: 'keyResult',
  eventTypes: TYPES,
  evolve(state: EntityState | null, type: string, data: any): EntityState | null {
    if (type === 'KeyResultAdded') {
      return {
        kind: 'keyResult',
        id: data.keyResultId,
        fields: {
          objectiveId: data.objectiveId,
          title: data.title,
          metricType: data.metric.type,
          start: data.metric.start,
          target: data.metric.target,
          unit: data.metric.unit,
          weight: data.weight,
          ownerId: data.ownerId,
          value: data.metric.start,
          confidence: null,
          grade: null,
          removed: false,
          carriedOverFrom: data.carriedOverFrom,
        },
        checkIns: [],
      };
    }
    if (!state) return state;
    switch (type) {
      case 'KeyResultRenamed':
        return withFields(state, { title: data.title });
      case 'KeyResultTargetChanged':
        return withFields(state, { target: data.target });
      case 'KeyResultWeightChanged':
        return withFields(state, { weight: data.weight });
      case 'KeyResultCheckedIn': {
        const previous = state.checkIns ?? [];
        const point: CheckInPoint = {
          effectiveAt: data.effectiveAt,
          sequence: previous.length,
          value: data.value,
          confidence: data.confidence,
        };
        const checkIns = [...previous, point];
        const current = checkInInEffect(checkIns, '9999-12-31T23:59:59.999Z')!;
        return { ...withFields(state, { value: current.value, confidence: current.confidence }), checkIns };
      }
      case 'KeyResultGraded':
        return withFields(state, { grade: data.score });
      case 'KeyResultRemoved':
        return withFields(state, { removed: true });
      default:
        return state;
    }
  },
};
