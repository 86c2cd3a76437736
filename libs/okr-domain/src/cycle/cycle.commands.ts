export interface ScheduleCycle {
  type: 'ScheduleCycle';
  now: string;
  data: { cycleId: string; name: string; startsOn: string; endsOn: string };
}

export interface CloseCycle {
  type: 'CloseCycle';
  now: string;
  data: { cycleId: string };
}

export type CycleCommand = ScheduleCycle | CloseCycle;
