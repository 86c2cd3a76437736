export interface DemoSeedProgress {
  day: number;
  days: number;
  commands: number;
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface DemoSeedSummary {
  companyName: string;
  cycle: { id: string; name: string; startsOn: string; endsOn: string };
  teams: number;
  users: number;
  objectives: number;
  keyResults: number;
  initiatives: number;
  checkIns: number;
  targetChanges: number;
  weightChanges: number;
  realignments: number;
  initiativeStatusChanges: number;
  commands: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export const formatCount = (n: number) => Math.round(n).toLocaleString('en-US');

/** One line: what was seeded, how many events, how fast. */
export function summaryLine(s: DemoSeedSummary): string {
  return (
    `Seeded ${s.teams} teams, ${s.users} users, ${s.objectives} objectives, ${s.keyResults} key results, ${s.initiatives} initiatives, ` +
    `${formatCount(s.checkIns)} check-ins, ${s.targetChanges} target changes: ${formatCount(s.events)} events in ${s.seconds.toFixed(1)} s ` +
    `(${formatCount(s.eventsPerSecond)} events/s)`
  );
}
