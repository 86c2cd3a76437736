import { InitiativeStatus } from './initiative.events';

/** A key result the initiative is to be linked to, as the application found it. */
export interface LinkableKeyResult {
  id: string;
  removed: boolean;
}

export interface CreateInitiative {
  type: 'CreateInitiative';
  now: string;
  data: { initiativeId: string; title: string; ownerId?: string | null; keyResults: LinkableKeyResult[] };
}

/** keyResults: when given, the full new set of linked key results (links and unlinks are derived). */
export interface UpdateInitiative {
  type: 'UpdateInitiative';
  now: string;
  data: { initiativeId: string; title?: string; ownerId?: string | null; status?: InitiativeStatus; keyResults?: LinkableKeyResult[] };
}

export type InitiativeCommand = CreateInitiative | UpdateInitiative;
