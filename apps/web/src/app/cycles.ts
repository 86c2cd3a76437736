import type { CycleSummary } from '../api/views';
import { dateInput } from './format';

/** The cycle shown by default: the open one running today (the latest started), else the latest. */
export function defaultCycle(cycles: readonly CycleSummary[], today: string = dateInput(new Date())): CycleSummary | undefined {
  const running = cycles.filter((c) => c.status === 'open' && c.startsOn <= today && today <= c.endsOn);
  return (running.length > 0 ? running : cycles).at(-1);
}
