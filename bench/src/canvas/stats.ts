/** Percentile by nearest rank; `sorted` ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface FrameStats {
  frames: number;
  median: number;
  p95: number;
  max: number;
  /** Frames that took longer than two display refreshes (a visible stutter). */
  over33: number;
}

export function frameStats(intervals: readonly number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    over33: sorted.filter((t) => t > 33.4).length,
  };
}

export function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : '–';
}

/**
 * A Markdown table with padded columns (the layout the repository's formatter keeps), so the
 * generated section needs no reformatting. `right` marks right-aligned (numeric) columns.
 */
export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  right: readonly boolean[],
): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, right[i] ? 4 : 3, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const cell = (text: string, i: number) =>
    right[i] ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = widths.map((w, i) => (right[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}
