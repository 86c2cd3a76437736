import { parseProcStatus, readProcessMemory } from './proc-status';

describe('parseProcStatus', () => {
  it('reads VmRSS and VmHWM in bytes', () => {
    const text = 'Name:\tnode\nVmPeak:\t 1000 kB\nVmHWM:\t   204800 kB\nVmRSS:\t   102400 kB\nThreads:\t7\n';
    expect(parseProcStatus(text)).toEqual({ rss: 100 * 1024 * 1024, peakRss: 200 * 1024 * 1024 });
  });

  it('gives undefined when a field is missing', () => {
    expect(parseProcStatus('Name:\tkthreadd\n')).toBeUndefined();
  });
});

describe('readProcessMemory', () => {
  it('reads this process (on Linux) or nothing', () => {
    const memory = readProcessMemory(process.pid);
    if (process.platform === 'linux') expect(memory!.peakRss).toBeGreaterThanOrEqual(memory!.rss);
    else expect(memory).toBeUndefined();
  });
});
