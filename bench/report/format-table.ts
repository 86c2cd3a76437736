import { TargetRow, Unit } from './targets';

/** A figure with its unit, at a precision fit for reading. */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ms`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
    case 'count':
      return Math.round(value).toLocaleString('en');
    default:
      return `${Math.round(value).toLocaleString('en')} ${unit}`;
  }
}

/** "52.1 % of ceiling" for rates, "3.4 × floor" for latencies and memory. */
export function formatRatio(row: TargetRow): string {
  if (row.ratio === undefined || !Number.isFinite(row.ratio)) return '';
  return row.ratioKind === 'share' ? `${(row.ratio * 100).toFixed(1)} % of ceiling` : `${row.ratio.toFixed(1)} × floor`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/**
 * The targets as a plain-text table: figure, measured, target, result, ceiling (same run), ratio;
 * notes on indented lines under their row.
 */
export function formatTargetTable(rows: readonly TargetRow[], options: { quick: boolean }): string {
  const header = ['figure', 'measured', 'target', 'result', 'ceiling (same run)', 'ratio'];
  const cells = rows.map((row) => [
    row.figure,
    formatValue(row.value, row.unit),
    `${row.target.comparator === '>=' ? '≥' : '≤'} ${formatValue(row.target.value, row.unit)}`,
    options.quick ? (row.pass ? '(pass)' : '(FAIL)') : row.pass ? 'PASS' : 'FAIL',
    row.ceiling ? `${formatValue(row.ceiling.value, row.unit)} ${row.ceiling.label}` : '',
    formatRatio(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(v, widths[i]))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  rows.forEach((row, i) => {
    out.push(line(cells[i]));
    for (const note of row.notes) out.push(`    · ${note}`);
  });
  if (options.quick) out.push('', 'QUICK RUN: small data sets and short loads; results in parentheses say nothing about the targets.');
  return out.join('\n');
}
