import { DomainEvent } from '../common/decider';

export type CycleScheduled = DomainEvent<'CycleScheduled', { cycleId: string; name: string; startsOn: string; endsOn: string }>;
export type CycleClosed = DomainEvent<'CycleClosed', { cycleId: string; closedAt: string }>;

export type CycleEvent = CycleScheduled | CycleClosed;
