/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, CloseCode, closeCodeMetric, closeCodeRetry } from './closeCodes';

/** The rows of the first Markdown table under `heading`, as trimmed cells. */
function tableUnder(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`PROTOCOL.md has no "${heading}"`);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, line.lastIndexOf('|'))
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replaceAll('\\|', '|'));
    rows.push(cells);
  }
  // Header and the |---| line.
  return rows.slice(2);
}

describe('close codes', () => {
  it('PROTOCOL.md’s table says exactly what the shared table says', () => {
    const markdown = readFileSync(new URL('../../../PROTOCOL.md', import.meta.url), 'utf8');
    const documented = tableUnder(markdown, '## Close codes').map(
      ([code, name, retry, metric, description]) => ({
        code: Number(code),
        name,
        retry,
        metric,
        description,
      }),
    );
    expect(documented).toEqual(CLOSE_CODES.map((entry) => ({ ...entry })));
  });

  it('names, codes and metrics are unique, and CloseCode is derived from the table', () => {
    for (const key of ['code', 'name', 'metric'] as const) {
      const values = CLOSE_CODES.map((entry) => entry[key]);
      expect(new Set(values).size).toBe(values.length);
    }
    expect(CloseCode.boardNotFound).toBe(4404);
    expect(CloseCode.clientOutdated).toBe(4426);
    expect(Object.keys(CloseCode)).toHaveLength(CLOSE_CODES.length);
  });

  it('reads metric names and retry decisions from the table', () => {
    expect(closeCodeMetric(4503)).toBe('board_unavailable');
    expect(closeCodeMetric(4001)).toBe('server_shutdown');
    expect(closeCodeMetric(4999)).toBe('code_4999');
    expect(closeCodeRetry(CloseCode.unauthorized)).toBe('never');
    expect(closeCodeRetry(CloseCode.rateLimited)).toBe('backoff');
    expect(closeCodeRetry(CloseCode.clientOutdated)).toBe('reload');
    // 1006 (the network dropped) never comes from a server: transient.
    expect(closeCodeRetry(1006)).toBe('backoff');
  });
});
