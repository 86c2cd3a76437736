/** Fixed-width text cells for the CLI's tables (code points, not UTF-16 units, so '€' and accents count as one). */

/** `text` cut to `width` characters (an ellipsis marks the cut) and padded to exactly `width`. */
export function cell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const chars = [...text];
  const fitted = chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join('')}…` : text;
  const pad = ' '.repeat(Math.max(0, width - [...fitted].length));
  return align === 'left' ? fitted + pad : pad + fitted;
}

/** 0.4567 → "45.7%"; null → "–". */
export function percent(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '–';
}

/** A signed difference in percentage points: 0.125 → "+12.5 pts". */
export function points(delta: number): string {
  const rounded = (delta * 100).toFixed(1);
  return `${delta > 0 ? '+' : delta < 0 ? '' : '±'}${rounded === '-0.0' ? '0.0' : rounded} pts`;
}
