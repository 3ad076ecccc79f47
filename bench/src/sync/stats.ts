import type { ServerKind } from './servers';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  return {
    count: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length ? (values[values.length - 1] as number) : Number.NaN,
  };
}

export const fmtMs = (ms: number): string =>
  Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);

export const fmtPct = (fraction: number): string =>
  Number.isNaN(fraction) ? '–' : `${(fraction * 100).toFixed(fraction >= 0.9995 ? 0 : 1)} %`;

export const fmtInt = (n: number): string =>
  Number.isNaN(n) ? '–' : Math.round(n).toLocaleString('en-US');

export const fmtMB = (bytes: number): string =>
  Number.isNaN(bytes) ? '–' : `${(bytes / 1e6).toFixed(1)} MB`;

export const fmtKB = (bytes: number): string =>
  Number.isNaN(bytes) ? '–' : `${(bytes / 1e3).toFixed(1)} kB`;

/** A Markdown table. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const SERVER_COLORS: Record<ServerKind, string> = {
  paja: '#d62728',
  'y-websocket': '#1f77b4',
  hocuspocus: '#2ca02c',
  relay: '#7f7f7f',
  'durable-relay': '#8c564b',
};

export interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  points: Array<[number, number]>;
}

/**
 * A hand-written SVG line chart: x linear in the category index (client counts are not evenly
 * spaced), y logarithmic (latencies span orders of magnitude).
 */
export function lineChart(options: {
  title: string;
  xLabel: string;
  yLabel: string;
  xValues: number[];
  series: Series[];
}): string {
  const width = 720;
  const height = 420;
  const left = 70;
  const right = 170;
  const top = 40;
  const bottom = 60;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const ys = options.series.flatMap((s) => s.points.map(([, y]) => y)).filter((y) => y > 0);
  const minY = 10 ** Math.floor(Math.log10(Math.max(0.01, Math.min(...ys, 1))));
  const maxY = 10 ** Math.ceil(Math.log10(Math.max(...ys, 10)));
  const xIndex = (x: number) => options.xValues.indexOf(x);
  const px = (x: number) =>
    left +
    (options.xValues.length <= 1 ? plotW / 2 : (xIndex(x) / (options.xValues.length - 1)) * plotW);
  const py = (y: number) => {
    const v = Math.max(minY, y);
    return (
      top +
      plotH -
      ((Math.log10(v) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY))) * plotH
    );
  };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${esc(options.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left + plotW / 2}" y="22" text-anchor="middle" font-size="15">${esc(options.title)}</text>`,
  );
  for (let decade = minY; decade <= maxY * 1.0001; decade *= 10) {
    const y = py(decade);
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${decade >= 1 ? decade : decade.toFixed(2)}</text>`,
    );
  }
  for (const x of options.xValues) {
    parts.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${top}" y2="${top + plotH}" stroke="#eee"/>`,
      `<text x="${px(x)}" y="${top + plotH + 18}" text-anchor="middle">${x}</text>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    `<text x="${left + plotW / 2}" y="${height - 18}" text-anchor="middle">${esc(options.xLabel)}</text>`,
    `<text transform="translate(18 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(options.yLabel)}</text>`,
  );
  options.series.forEach((series, i) => {
    const points = series.points.filter(([, y]) => Number.isFinite(y));
    const d = points.map(
      ([x, y], j) => `${j === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`,
    );
    const dash = series.dashed ? ' stroke-dasharray="5 4"' : '';
    if (d.length > 0) {
      parts.push(
        `<path d="${d.join(' ')}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`,
      );
    }
    for (const [x, y] of points) {
      parts.push(
        `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${series.color}"/>`,
      );
    }
    const ly = top + 10 + i * 20;
    parts.push(
      `<line x1="${left + plotW + 12}" x2="${left + plotW + 40}" y1="${ly}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`,
      `<text x="${left + plotW + 46}" y="${ly + 4}">${esc(series.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
