import { DomainEvent } from '../common/decider';

export const INITIATIVE_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export type InitiativeCreated = DomainEvent<
  'InitiativeCreated',
  { initiativeId: string; title: string; ownerId: string | null; keyResultIds: string[]; status: InitiativeStatus }
>;
export type InitiativeEdited = DomainEvent<
  'InitiativeEdited',
  { initiativeId: string; changes: { title?: string; ownerId?: string | null }; previous: { title?: string; ownerId?: string | null } }
>;
export type InitiativeKeyResultLinked = DomainEvent<'InitiativeKeyResultLinked', { initiativeId: string; keyResultId: string }>;
export type InitiativeKeyResultUnlinked = DomainEvent<'InitiativeKeyResultUnlinked', { initiativeId: string; keyResultId: string }>;
export type InitiativeStatusChanged = DomainEvent<
  'InitiativeStatusChanged',
  { initiativeId: string; status: InitiativeStatus; previousStatus: InitiativeStatus }
>;

export type InitiativeEvent =
  InitiativeCreated | InitiativeEdited | InitiativeKeyResultLinked | InitiativeKeyResultUnlinked | InitiativeStatusChanged;
