import type { CycleSummary } from './backend';
import { UsageError } from './cli-errors';

function describe(cycle: CycleSummary): string {
  return `  ${cycle.name}  (${cycle.startsOn} to ${cycle.endsOn}, ${cycle.status})  id ${cycle.id}`;
}

/**
 * The cycle `--cycle` names: its id, else its exact name, else its name in any case. None or several → a
 * UsageError listing the candidates (every cycle, or the ones that match), with their ids.
 */
export function resolveCycle(cycles: readonly CycleSummary[], wanted: string, command: string): CycleSummary {
  const byId = cycles.find((c) => c.id === wanted);
  if (byId) return byId;
  let matches = cycles.filter((c) => c.name === wanted);
  if (matches.length === 0) matches = cycles.filter((c) => c.name.toLowerCase() === wanted.trim().toLowerCase());
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(
      `--cycle ${JSON.stringify(wanted)} is ambiguous: ${matches.length} cycles have that name; give the id of one:\n${matches.map(describe).join('\n')}`,
      command,
    );
  }
  const candidates = cycles.length === 0 ? '  (the tenant has no cycles)' : cycles.map(describe).join('\n');
  throw new UsageError(
    `--cycle ${JSON.stringify(wanted)} is neither the id nor the name of a cycle; the cycles are:\n${candidates}`,
    command,
  );
}
