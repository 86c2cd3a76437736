import { DomainEvent } from '../common/decider';

export type TeamCreated = DomainEvent<'TeamCreated', { teamId: string; name: string; parentTeamId: string | null }>;
export type TeamRenamed = DomainEvent<'TeamRenamed', { teamId: string; name: string; previousName: string }>;
export type TeamMoved = DomainEvent<'TeamMoved', { teamId: string; parentTeamId: string | null; previousParentTeamId: string | null }>;

export type TeamEvent = TeamCreated | TeamRenamed | TeamMoved;
