/**
 * Where "recorded up to T" ends in a part of the log seen in order: for each event its position and the latest
 * recordedAt among it and every event before it, so that the prefix for an instant is found by a binary search.
 * The same prefix as RecordedUntilEventStore reads: the events up to the first one recorded after T.
 */
export class RecordedPrefix {
  private positions = new Float64Array(1024);
  /** Running maximum of recordedAt (epoch ms) up to and including each event. */
  private latest = new Float64Array(1024);
  length = 0;

  /** Position of the last event appended (0 before any). */
  get position(): number {
    return this.length === 0 ? 0 : this.positions[this.length - 1];
  }

  /** The next event of the log (positions must increase). */
  append(position: number, recordedAt: number): void {
    const n = this.length;
    if (n > 0 && position <= this.positions[n - 1])
      throw new RangeError(`RecordedPrefix: position ${position} after ${this.positions[n - 1]}`);
    if (n === this.positions.length) this.grow();
    this.positions[n] = position;
    // An unreadable recordedAt (NaN) never ends a prefix, as in RecordedUntilEventStore (NaN > T is false).
    const own = Number.isNaN(recordedAt) ? -Infinity : recordedAt;
    this.latest[n] = n > 0 && this.latest[n - 1] > own ? this.latest[n - 1] : own;
    this.length = n + 1;
  }

  /** The latest recordedAt among the first `index + 1` events (0 <= index < length). */
  latestAt(index: number): number {
    return this.latest[index];
  }

  /**
   * The position of the last event recorded up to `instant` (0: none), and whether it is final: true when an
   * event recorded after the instant was seen (the prefix cannot grow any more), false when every event seen was
   * recorded at or before it (events appended later may still belong to the prefix).
   */
  endAt(instant: number): { position: number; final: boolean } {
    const latest = this.latest;
    let low = 0;
    let high = this.length; // first index whose running maximum is after the instant
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (latest[mid] <= instant) low = mid + 1;
      else high = mid;
    }
    return { position: low === 0 ? 0 : this.positions[low - 1], final: low < this.length };
  }

  get bytes(): number {
    return this.positions.byteLength + this.latest.byteLength;
  }

  private grow(): void {
    const positions = new Float64Array(this.positions.length * 2);
    positions.set(this.positions);
    const latest = new Float64Array(this.latest.length * 2);
    latest.set(this.latest);
    this.positions = positions;
    this.latest = latest;
  }
}
