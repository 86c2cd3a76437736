import { formatAmount, formatProgressLine, ProgressBar } from './progress-bar';

class FakeTerminal {
  written: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns = 80,
  ) {}
  write(text: string) {
    this.written.push(text);
    return true;
  }
}

describe('formatProgressLine', () => {
  it('draws a bar, the percentage, the counts and the time left when the total is known', () => {
    expect(formatProgressLine('Verifying', 250, 1000, 'events', 2000)).toBe(
      'Verifying [#####...............]  25.0 % 250/1,000 events, 6 s left',
    );
    expect(formatProgressLine('Verifying', 1000, 1000, 'events', 2000)).toBe('Verifying [####################] 100.0 % 1,000/1,000 events');
    expect(formatProgressLine('Verifying', 0, 1000, 'events', 10)).toBe('Verifying [....................]   0.0 % 0/1,000 events');
  });

  it('shows only the amount without a total, and cuts the line to the terminal width', () => {
    expect(formatProgressLine('Exporting', 3 * 1024 * 1024 + 400_000, undefined, 'bytes', 100)).toBe('Exporting 3.4 MB');
    expect(formatProgressLine('Verifying', 250, 1000, 'events', 2000, 30)).toBe('Verifying [#####.............');
    expect(formatProgressLine('Verifying', 250, 1000, 'events', 2000, 0)).toBe(
      formatProgressLine('Verifying', 250, 1000, 'events', 2000, 80),
    );
  });

  it('formats amounts', () => {
    expect(formatAmount(1234567, 'events')).toBe('1,234,567 events');
    expect(formatAmount(512, 'bytes')).toBe('512 B');
    expect(formatAmount(2048, 'bytes')).toBe('2.0 KB');
  });
});

describe('ProgressBar', () => {
  it('redraws in place on a terminal, at most every interval (but always the last step), and erases itself', () => {
    let now = 0;
    const terminal = new FakeTerminal(true);
    const bar = new ProgressBar(terminal, 'Verifying', () => now, 100);
    bar.update(100, 1000, 'events');
    now = 50;
    bar.update(200, 1000, 'events'); // too soon: skipped
    now = 150;
    bar.update(300, 1000, 'events');
    now = 160;
    bar.update(1000, 1000, 'events'); // complete: drawn even though too soon
    bar.finish();
    expect(terminal.written).toHaveLength(4);
    expect(terminal.written[0]).toMatch(/^\rVerifying \[##\.+\] {2}10\.0 % 100\/1,000 events/);
    expect(terminal.written[1]).toMatch(/^\rVerifying .* 30\.0 % 300\/1,000 events/);
    expect(terminal.written[2]).toMatch(/^\rVerifying .*100\.0 % 1,000\/1,000 events/);
    // The erase covers the text on screen (the last line; earlier longer ones were padded over) and returns to the start.
    expect(terminal.written[3]).toMatch(/^\r +\r$/);
    expect(terminal.written[3].length - 2).toBe(terminal.written[2].trimEnd().length - 1);
  });

  it('pads a shorter line over a longer one', () => {
    let now = 0;
    const terminal = new FakeTerminal(true);
    const bar = new ProgressBar(terminal, 'Exporting', () => now, 0);
    bar.update(5_000_000, undefined, 'bytes');
    now = 1;
    bar.update(5, undefined, 'bytes');
    expect(terminal.written[1]).toBe('\rExporting 5 B' + ' '.repeat('Exporting 4.8 MB'.length - 'Exporting 5 B'.length));
  });

  it('draws nothing when the stream is not a terminal', () => {
    const pipe = new FakeTerminal(false);
    const bar = new ProgressBar(pipe, 'Verifying', () => 0, 0);
    bar.update(1, 2, 'events');
    bar.update(2, 2, 'events');
    bar.finish();
    expect(bar.enabled).toBe(false);
    expect(pipe.written).toEqual([]);
  });
});
