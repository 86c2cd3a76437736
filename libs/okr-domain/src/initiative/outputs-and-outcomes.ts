import { InitiativeStatus } from './initiative.events';

/** Initiatives that count: every one but the dropped. */
export function isLiveInitiative(status: InitiativeStatus): boolean {
  return status !== 'dropped';
}

export type OutputsOutcomeFlag = 'outputs_without_outcome' | 'outcome_without_outputs';

export interface OutputsAndOutcome {
  /** Live initiatives linked to the key result, and how many of them are done. */
  initiatives: { total: number; done: number };
  flags: OutputsOutcomeFlag[];
}

/**
 * Outputs (a key result's initiatives) against its outcome (its progress): `outcome_without_outputs` when no live
 * initiative is linked to it; `outputs_without_outcome` when at least 80 % of the live ones are done while its
 * progress is below 0.3.
 */
export function outputsAndOutcome(initiativeStatuses: readonly InitiativeStatus[], progress: number): OutputsAndOutcome {
  const live = initiativeStatuses.filter(isLiveInitiative);
  const done = live.filter((status) => status === 'done').length;
  const flags: OutputsOutcomeFlag[] = [];
  if (live.length === 0) flags.push('outcome_without_outputs');
  else if (done / live.length >= 0.8 && progress < 0.3) flags.push('outputs_without_outcome');
  return { initiatives: { total: live.length, done }, flags };
}
