/**
 * The history of one number: (position, value) pairs appended in increasing position order, kept in typed
 * arrays (8 + 8 bytes a pair, outside the JS heap's object graph). `at(p)` is the value of the last pair at or
 * before p: the number as it stood once the event at position p was projected. Values are stored as they are
 * (Float64Array keeps every bit of a double, -0 included).
 */
export class NumberSeries {
  private positions: Float64Array;
  private values: Float64Array;
  length = 0;

  constructor(initialCapacity = 4) {
    this.positions = new Float64Array(initialCapacity);
    this.values = new Float64Array(initialCapacity);
  }

  /** The value last appended (undefined before any). */
  get last(): number | undefined {
    return this.length === 0 ? undefined : this.values[this.length - 1];
  }

  /** Appends a value from `position` on (positions must increase; a second value at the same position replaces the first). */
  push(position: number, value: number): void {
    const n = this.length;
    if (n > 0) {
      const lastPosition = this.positions[n - 1];
      if (position < lastPosition) throw new RangeError(`NumberSeries: position ${position} after ${lastPosition}`);
      if (position === lastPosition) {
        this.values[n - 1] = value;
        return;
      }
    }
    if (n === this.positions.length) this.grow();
    this.positions[n] = position;
    this.values[n] = value;
    this.length = n + 1;
  }

  /** The value of the last pair at or before `position`; undefined if the series starts later. */
  at(position: number): number | undefined {
    const positions = this.positions;
    let low = 0;
    let high = this.length; // first index whose position > `position`
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (positions[mid] <= position) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? undefined : this.values[low - 1];
  }

  /** Bytes held by the arrays. */
  get bytes(): number {
    return this.positions.byteLength + this.values.byteLength;
  }

  /** Gives back the unused capacity (after a long build). */
  trim(): void {
    if (this.positions.length === this.length) return;
    this.positions = this.positions.slice(0, Math.max(1, this.length));
    this.values = this.values.slice(0, Math.max(1, this.length));
  }

  private grow(): void {
    const capacity = Math.max(4, this.positions.length * 2);
    const positions = new Float64Array(capacity);
    positions.set(this.positions);
    const values = new Float64Array(capacity);
    values.set(this.values);
    this.positions = positions;
    this.values = values;
  }
}
