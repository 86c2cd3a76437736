import { EventStore } from '@okr/event-store';
import { ObjectiveHistory } from './objective-history';
import { ObjectiveAt, objectiveDocumentsAt } from './objective-documents-at';
import { PointInTimeReplay } from './replay-until';

/** catchUp asks whether to give way at least every this many positions (recording: ~0.1 s of work). */
const FOLLOW_STEP = 1_000;
/** The series give back their spare capacity after a catch-up over at least this many positions. */
const TRIM_AFTER = 10_000;

/**
 * The objective history on its own (see ObjectiveHistory): recorded by one replay of the okr projection from
 * the beginning of the log, which is then kept where it stopped (the documents at the history's end), so that
 * following the log records only the events appended since. What the objective-history worker thread runs, apart
 * from the replays that answer alignment questions: its heap holds one long-lived state that changes a little
 * at a time, and the small replays of objective answers, so its collections stay short.
 */
export class ObjectiveHistoryFollower {
  readonly history = new ObjectiveHistory();
  private replay?: PointInTimeReplay;

  constructor(
    private readonly events: EventStore,
    /** Positions recorded between two `shouldStop` questions. */
    private readonly step = FOLLOW_STEP,
  ) {}

  /** Position up to which the history is recorded. */
  get position(): number {
    return this.history.position;
  }

  /**
   * Records the history up to the log's head, in steps, asking `shouldStop` between them (a question waiting:
   * the next call continues from there). Returns the position reached.
   */
  async catchUp(shouldStop: () => boolean | Promise<boolean> = () => false): Promise<number> {
    if (this.history.broken) return this.history.position;
    this.replay ??= await PointInTimeReplay.start(this.events, { recordedAtOrBefore: Number.MAX_SAFE_INTEGER, history: this.history });
    const head = await this.events.headPosition();
    const from = this.replay.position;
    while (this.replay.position < head) {
      if (await shouldStop()) return this.history.position;
      const before = this.replay.position;
      await this.replay.advance(Math.min(head, before + this.step));
      if (this.replay.position === before) break;
    }
    if (this.replay.position - from >= TRIM_AFTER) this.history.trim(); // a long build leaves spare capacity
    return this.history.position;
  }

  /**
   * Questions the history can answer, for a worker to ask itself once so that its first real questions do not pay
   * for compiling the answer's code: the objective with the most aligned children (the costliest answer, a company
   * root's) at instants half, seven and nine tenths into the history. Empty while the history is too short.
   */
  sampleQuestions(): { objectiveId: string; instant: number }[] {
    const { prefix } = this.history;
    if (prefix.length < 2) return [];
    const questions: { objectiveId: string; instant: number }[] = [];
    for (const fraction of [0.5, 0.7, 0.9]) {
      const instant = prefix.latestAt(Math.floor((prefix.length - 1) * fraction));
      const { position, final } = prefix.endAt(instant);
      if (!final) continue;
      let best: { objectiveId: string; children: number } | undefined;
      for (const objectiveId of this.history.objectiveIds()) {
        if (this.history.rollupAt(objectiveId, position) === undefined) continue;
        const children = this.history.childrenAt(objectiveId, position)?.ids.length ?? 0;
        if (!best || children > best.children) best = { objectiveId, children };
      }
      if (best) questions.push({ objectiveId: best.objectiveId, instant });
    }
    return questions;
  }

  /** The documents one objective's answer reads at `instant`, when the history covers it (see objectiveDocumentsAt). */
  objectiveAt(objectiveId: string, instant: number): Promise<ObjectiveAt> {
    return objectiveDocumentsAt(this.events, this.history, objectiveId, instant);
  }
}
