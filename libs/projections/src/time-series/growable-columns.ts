export type NumberArray = Float64Array | Int32Array | Uint8Array;
export type NumberArrayConstructor = { new (length: number): NumberArray; readonly BYTES_PER_ELEMENT: number; readonly name: string };

/**
 * Parallel columns of numbers that grow by doubling: compact (typed arrays live outside the JS heap's object
 * graph) for the hundreds of thousands of rows a large cycle has.
 */
export class GrowableColumns<Name extends string> {
  private readonly columns = new Map<Name, NumberArray>();
  private capacity: number;
  length = 0;

  constructor(
    private readonly kinds: Record<Name, NumberArrayConstructor>,
    initialCapacity = 1024,
  ) {
    this.capacity = initialCapacity;
    for (const name of Object.keys(kinds) as Name[]) this.columns.set(name, new kinds[name](initialCapacity));
  }

  /** Replaces every row with `length` rows taken from `rows` (one array of the column's kind per column, at least `length` long; copied). */
  replaceRows(length: number, rows: Record<Name, NumberArray>): void {
    for (const name of Object.keys(this.kinds) as Name[]) {
      const source = rows[name];
      if (!source || Object.prototype.toString.call(source) !== `[object ${this.kinds[name].name}]` || source.length < length)
        throw new RangeError(
          `Column ${name}: ${source?.length ?? 0} rows of ${source?.constructor.name}, ${length} ${this.kinds[name].name} expected`,
        );
    }
    this.capacity = Math.max(length, 1);
    for (const name of Object.keys(this.kinds) as Name[]) {
      const column = new this.kinds[name](this.capacity);
      column.set(rows[name].subarray(0, length));
      this.columns.set(name, column);
    }
    this.length = length;
  }

  /** The column's rows, 0 to length (a view on the array: copy it before the columns change). */
  rows(name: Name): NumberArray {
    return this.column(name).subarray(0, this.length);
  }

  /** Appends a row of zeros and returns its index (write it through `column`, fetched after the append). */
  append(): number {
    if (this.length === this.capacity) this.grow();
    return this.length++;
  }

  /** The column's array (replaced when the columns grow: fetch it again after `append`). */
  column(name: Name): NumberArray {
    return this.columns.get(name)!;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const [name, column] of this.columns) {
      const larger = new this.kinds[name](this.capacity);
      larger.set(column);
      this.columns.set(name, larger);
    }
  }
}
