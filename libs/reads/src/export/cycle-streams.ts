import { StreamCategory, categoryOf, streamName } from '@okr/domain';

/**
 * The streams whose events make up a cycle's history: the cycle's own, its objectives', their key results',
 * and the initiatives linked to those key results.
 *
 * It starts from what the read models know (`addObjective`, `addKeyResult`, `addInitiative`) and, reading the
 * log in order, learns the streams that join the cycle later (`admit` sees an objective created in the cycle,
 * a key result added to one of its objectives, an initiative created with or linked to one of its key
 * results), so events past the read models' position are not missed. A stream learnt that way is exported
 * from the event that made it join (for objectives and key results that is their first event).
 */
export class CycleStreams {
  private readonly objectives = new Set<string>();
  private readonly keyResults = new Set<string>();
  private readonly initiatives = new Set<string>();

  constructor(readonly cycleId: string) {}

  addObjective(id: string): void {
    this.objectives.add(id);
  }

  addKeyResult(id: string): void {
    this.keyResults.add(id);
  }

  addInitiative(id: string): void {
    this.initiatives.add(id);
  }

  /** Number of streams known so far (the cycle's own included). */
  get size(): number {
    return 1 + this.objectives.size + this.keyResults.size + this.initiatives.size;
  }

  /** The stream ids known so far. */
  streamIds(): string[] {
    return [
      streamName(StreamCategory.cycle, this.cycleId),
      ...[...this.objectives].map((id) => streamName(StreamCategory.objective, id)),
      ...[...this.keyResults].map((id) => streamName(StreamCategory.keyResult, id)),
      ...[...this.initiatives].map((id) => streamName(StreamCategory.initiative, id)),
    ];
  }

  /** Whether an event of this type can make a stream join the cycle (its data must then be looked at). */
  static joins(type: string): boolean {
    return type === 'ObjectiveCreated' || type === 'KeyResultAdded' || type === 'InitiativeCreated' || type === 'InitiativeKeyResultLinked';
  }

  /**
   * Learns the stream the event makes join the cycle, if any (`data` in the current shape of its type; only
   * needed when `CycleStreams.joins(type)`), then tells whether the event belongs to the cycle's history.
   */
  admit(streamId: string, type: string, data?: unknown): boolean {
    if (data !== undefined && CycleStreams.joins(type)) this.learn(type, data as Record<string, unknown>);
    return this.contains(streamId);
  }

  contains(streamId: string): boolean {
    const category = categoryOf(streamId);
    const id = streamId.slice(category.length + 1);
    switch (category) {
      case StreamCategory.cycle:
        return id === this.cycleId;
      case StreamCategory.objective:
        return this.objectives.has(id);
      case StreamCategory.keyResult:
        return this.keyResults.has(id);
      case StreamCategory.initiative:
        return this.initiatives.has(id);
      default:
        return false;
    }
  }

  private learn(type: string, data: Record<string, unknown>): void {
    switch (type) {
      case 'ObjectiveCreated':
        if (data.cycleId === this.cycleId && typeof data.objectiveId === 'string') this.objectives.add(data.objectiveId);
        return;
      case 'KeyResultAdded':
        if (typeof data.objectiveId === 'string' && this.objectives.has(data.objectiveId) && typeof data.keyResultId === 'string') {
          this.keyResults.add(data.keyResultId);
        }
        return;
      case 'InitiativeCreated':
        if (
          Array.isArray(data.keyResultIds) &&
          data.keyResultIds.some((id) => this.keyResults.has(id as string)) &&
          typeof data.initiativeId === 'string'
        ) {
          this.initiatives.add(data.initiativeId);
        }
        return;
      case 'InitiativeKeyResultLinked':
        if (typeof data.keyResultId === 'string' && this.keyResults.has(data.keyResultId) && typeof data.initiativeId === 'string') {
          this.initiatives.add(data.initiativeId);
        }
        return;
    }
  }
}
