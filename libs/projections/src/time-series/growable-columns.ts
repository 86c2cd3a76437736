type NumberArray = Float64Array | Int32Array | Uint8Array;
type NumberArrayConstructor = new (length: number) => NumberArray;

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
