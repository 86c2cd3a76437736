import { DemoSeedSummary } from './demo-seeder';

export const formatCount = (n: number) => Math.round(n).toLocaleString('en-US');

/** One line: what was seeded, how many events, how fast. */
export function summaryLine(s: DemoSeedSummary): string {
  return (
    `Seeded ${s.teams} teams, ${s.users} users, ${s.objectives} objectives, ${s.keyResults} key results, ${s.initiatives} initiatives, ` +
    `${formatCount(s.checkIns)} check-ins, ${s.targetChanges} target changes: ${formatCount(s.events)} events in ${s.seconds.toFixed(1)} s ` +
    `(${formatCount(s.eventsPerSecond)} events/s)`
  );
}
