import { cpuBetween, parseStatCpuMs } from './process-cpu';

describe('parseStatCpuMs', () => {
  it('reads utime + stime after a command name holding spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const text = '4171 (node (main) x) R 4100 4100 4100 0 -1 4194560 100 0 0 0 250 30 0 0 20 0 11 0';
    expect(parseStatCpuMs(text)).toEqual({ name: 'node (main) x', cpuMs: 2800 });
  });

  it('gives undefined for a text that is not a stat line', () => {
    expect(parseStatCpuMs('garbage')).toBeUndefined();
  });
});

describe('cpuBetween', () => {
  it('subtracts per thread name and keeps only threads that worked', () => {
    const before = {
      totalMs: 1000,
      threads: new Map([
        ['node', 900],
        ['libuv-worker', 100],
      ]),
    };
    const after = {
      totalMs: 1600,
      threads: new Map([
        ['node', 1400],
        ['libuv-worker', 100],
        ['okr-writer', 100],
      ]),
    };
    expect(cpuBetween(before, after)).toEqual({ totalMs: 600, threads: { node: 500, 'okr-writer': 100 } });
  });
});
