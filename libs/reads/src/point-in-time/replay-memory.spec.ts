import { BUDGET } from '@okr/budget';
import { replayFits, snapshotsToKeep } from './replay-memory';

const MB = 1e6;

describe('replay memory', () => {
  it('lets a replay run when the heap has room for its documents, and refuses it otherwise', () => {
    expect(replayFits(1_000, { limit: 200 * MB, used: 80 * MB })).toEqual({
      fits: true,
      neededBytes: 1_000 * BUDGET.replays.bytesPerDocument,
    });
    // 85,000 documents (~85 MB) do not fit beside 80 MB in a 192 MB heap, and do fit a 256 MB one.
    expect(replayFits(85_000, { limit: 192 * MB, used: 80 * MB }).fits).toBe(false);
    expect(replayFits(85_000, { limit: 256 * MB, used: 80 * MB }).fits).toBe(true);
  });

  it('keeps snapshots only where the heap leaves room for them, at most 8', () => {
    expect(snapshotsToKeep(85_000, { limit: 192 * MB, used: 80 * MB })).toBe(0);
    // 256 MB: 217.6 MB usable − 80 used − 85 state leaves 52.6 MB, four 11.9 MB snapshots.
    expect(snapshotsToKeep(85_000, { limit: 256 * MB, used: 80 * MB })).toBe(4);
    expect(snapshotsToKeep(85_000, { limit: 1_000 * MB, used: 80 * MB })).toBe(8);
    expect(snapshotsToKeep(100, { limit: 4_000 * MB, used: 80 * MB })).toBe(8);
  });
});
