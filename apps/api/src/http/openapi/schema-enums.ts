import { CHECK_IN_CADENCES, INITIATIVE_STATUSES, METRIC_TYPES, ObjectiveHealth, ObjectiveKind, OutputsOutcomeFlag } from '@okr/domain';
import type { CycleDocument, ObjectiveDocument } from '@okr/projections';

/** The values of a string union, complete (the type-checker refuses a record that misses one). */
export function valuesOf<T extends string>(all: Record<T, true>): T[] {
  return Object.keys(all) as T[];
}

/**
 * Enumerations that several answers and bodies share, each one named schema of the document (so a generated
 * client has one type for it): pass them as `{ enum: X.values, enumName: X.name }`.
 */
export const SchemaEnums = {
  health: {
    name: 'ObjectiveHealth',
    values: valuesOf<ObjectiveHealth>({ on_track: true, at_risk: true, off_track: true, closed: true, archived: true }),
  },
  lifecycle: { name: 'ObjectiveLifecycle', values: valuesOf<ObjectiveDocument['status']>({ open: true, closed: true, archived: true }) },
  kind: { name: 'ObjectiveKind', values: valuesOf<ObjectiveKind>({ committed: true, aspirational: true }) },
  cycleStatus: { name: 'CycleStatus', values: valuesOf<CycleDocument['status']>({ open: true, closed: true }) },
  metricType: { name: 'MetricType', values: [...METRIC_TYPES] },
  initiativeStatus: { name: 'InitiativeStatus', values: [...INITIATIVE_STATUSES] },
  checkInCadence: { name: 'CheckInCadence', values: [...CHECK_IN_CADENCES] },
  outputsOutcomeFlag: {
    name: 'OutputsOutcomeFlag',
    values: valuesOf<OutputsOutcomeFlag>({ outputs_without_outcome: true, outcome_without_outputs: true }),
  },
} as const;

/** `@ApiProperty` options of a property holding one of an enumeration's values. */
export function enumProperty(schemaEnum: { name: string; values: readonly string[] }): { enum: string[]; enumName: string } {
  return { enum: [...schemaEnum.values], enumName: schemaEnum.name };
}
