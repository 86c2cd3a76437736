import { StreamCategory, categoryOf } from '@okr/domain';
import { ProjectedEvent } from '../projection';

/**
 * Which streams hold the events an objective's own documents are projected from, noted from the log in order:
 * the streams of every event naming the objective (`data.objectiveId`: its own stream, its key results' streams
 * through KeyResultAdded), or one of its key results (`data.keyResultId`, `data.keyResultIds`: check-ins, targets,
 * initiatives linked to them), and the streams of the cycles its events name (`data.cycleId`).
 *
 * Replaying those streams with the real projection gives the objective's document (all but what its aligned
 * children feed it: see ObjectiveHistory), its key results' and their initiatives' documents, and its cycle's: an
 * event of those streams that concerns some other document only touches a document the answer does not read.
 * More streams than needed (an initiative linked to the key result later) only add documents nobody reads.
 */
export class ObjectiveStreams {
  private readonly streams = new Map<string, Set<string>>();
  private readonly cyclesOf = new Map<string, Set<string>>();
  private readonly objectiveOfKeyResult = new Map<string, string>();
  private readonly cycleStreams = new Map<string, string>();

  note(event: ProjectedEvent): void {
    const data = event.data as Record<string, unknown> | null;
    if (!data || typeof data !== 'object') return;
    const cycleId = typeof data.cycleId === 'string' ? data.cycleId : undefined;
    if (cycleId !== undefined && categoryOf(event.streamId) === StreamCategory.cycle) this.cycleStreams.set(cycleId, event.streamId);
    const objectiveId = typeof data.objectiveId === 'string' ? data.objectiveId : undefined;
    const keyResultId = typeof data.keyResultId === 'string' ? data.keyResultId : undefined;
    if (objectiveId !== undefined) {
      this.add(objectiveId, event.streamId);
      if (cycleId !== undefined) this.cycleOf(objectiveId, cycleId);
      if (keyResultId !== undefined && !this.objectiveOfKeyResult.has(keyResultId)) this.objectiveOfKeyResult.set(keyResultId, objectiveId);
    }
    if (keyResultId !== undefined) this.addForKeyResult(keyResultId, event.streamId);
    if (Array.isArray(data.keyResultIds))
      for (const id of data.keyResultIds) if (typeof id === 'string') this.addForKeyResult(id, event.streamId);
  }

  /** The streams to replay for the objective's documents (its own first; empty if no event named it). */
  of(objectiveId: string): string[] {
    const streams = [...(this.streams.get(objectiveId) ?? [])];
    for (const cycleId of this.cyclesOf.get(objectiveId) ?? []) {
      const stream = this.cycleStreams.get(cycleId);
      if (stream !== undefined && !streams.includes(stream)) streams.push(stream);
    }
    return streams;
  }

  private addForKeyResult(keyResultId: string, streamId: string): void {
    const objectiveId = this.objectiveOfKeyResult.get(keyResultId);
    if (objectiveId !== undefined) this.add(objectiveId, streamId);
  }

  private add(objectiveId: string, streamId: string): void {
    let streams = this.streams.get(objectiveId);
    if (!streams) this.streams.set(objectiveId, (streams = new Set()));
    streams.add(streamId);
  }

  private cycleOf(objectiveId: string, cycleId: string): void {
    let cycles = this.cyclesOf.get(objectiveId);
    if (!cycles) this.cyclesOf.set(objectiveId, (cycles = new Set()));
    cycles.add(cycleId);
  }
}
