import { renderVerifyReport } from './render-verify-report';

const base = {
  ok: true,
  streamsChecked: 412,
  eventsChecked: 12345,
  unchainedEvents: 0,
  brokenLinks: 0,
  firstBroken: null,
  headPosition: 20000,
  seconds: 0.25,
};

describe('renderVerifyReport', () => {
  it('says every link holds, with the counts (not the time, which varies)', () => {
    expect(renderVerifyReport(base)).toBe('Verified 12,345 events in 412 streams (log head 20,000): every hash link holds.\n');
    expect(renderVerifyReport({ ...base, unchainedEvents: 3 })).toContain(
      '\n3 event(s) written before the chain existed (checked as links only)\n',
    );
  });

  it('names the first broken link: stream, revision, position and reason', () => {
    const report = {
      ...base,
      ok: false,
      brokenLinks: 2,
      firstBroken: { streamId: 'keyresult-k1', revision: 4, position: 77, reason: 'hash_mismatch' as const },
    };
    expect(renderVerifyReport(report)).toBe(
      'TAMPERED: 2 broken link(s) in 12,345 events in 412 streams (log head 20,000).\nFirst broken link: stream keyresult-k1, revision 4 (position 77): hash_mismatch\n',
    );
  });
});
