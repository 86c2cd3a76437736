import { CpuProfile, formatProfileSummary, summariseCpuProfile } from './cpu-profile-summary';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('decode', 'file:///repo/dist/libs/x.js', 9) },
    { id: 4, callFrame: frame('decode', 'file:///repo/dist/libs/x.js', 9) },
    { id: 5, callFrame: frame('(garbage collector)') },
  ],
  startTime: 0,
  endTime: 10_000,
  samples: [2, 3, 4, 5, 3],
  // before each sample (µs): the delta after sample i is timeDeltas[i + 1]
  timeDeltas: [0, 4000, 3000, 2000, 1000],
};

describe('summariseCpuProfile', () => {
  it('charges time to functions, merging the nodes of one function and place, idle apart', () => {
    const summary = summariseCpuProfile(profile, { root: '/repo' });
    expect(summary.idleMs).toBe(4);
    expect(summary.totalMs).toBe(10);
    expect(summary.top[0]).toEqual({ function: 'decode', location: 'dist/libs/x.js:10', selfMs: 5, percent: 83.3 });
    expect(summary.top[1]).toMatchObject({ function: '(garbage collector)', selfMs: 1 });
    expect(summary.gcPercent).toBe(16.7);
  });

  it('leaves out the samples before fromMs', () => {
    // samples at 0, 4, 7, 9 and 10 ms: from 5 ms on, decode (2 ms, then 0), GC (1 ms)
    const summary = summariseCpuProfile(profile, { root: '/repo', fromMs: 5 });
    expect(summary.totalMs).toBe(3);
    expect(summary.idleMs).toBe(0);
    expect(summary.top.map((e) => [e.function, e.selfMs])).toEqual([
      ['decode', 2],
      ['(garbage collector)', 1],
    ]);
  });

  it('formats a readable block', () => {
    const lines = formatProfileSummary(summariseCpuProfile(profile, { root: '/repo', file: 'p.cpuprofile' }));
    expect(lines[0]).toContain('p.cpuprofile');
    expect(lines[1]).toContain('decode');
  });
});
