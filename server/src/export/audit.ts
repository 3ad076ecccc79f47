import { randomBytes } from 'node:crypto';
import type { Role } from '@paja/shared';
import { type BoardSideState, sideKind } from '../BoardSideState';
import type { SideWrite } from '../storage/Storage';

/**
 * The board's export log: who exported what, when. Append-only side state (kind
 * `export-log`), stored with the board in the same storage adapter, never in the document
 * (who exported is nobody else's business on the board). "Who" is the role of the link used
 * and the name the person gave themselves (Paja has no accounts), or "cli" for an operator.
 */
export interface ExportRecord {
  at: number;
  format: string;
  role: Role | 'operator';
  name: string;
  via: 'web' | 'cli';
}

export const EXPORT_LOG = sideKind<ExportRecord>('export-log', (value) => {
  const v = value as Partial<ExportRecord> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.at !== 'number' ||
    typeof v.format !== 'string' ||
    typeof v.role !== 'string' ||
    typeof v.name !== 'string' ||
    (v.via !== 'web' && v.via !== 'cli')
  ) {
    throw new Error('not an export record');
  }
  return v as ExportRecord;
});

/** Keys sort by time, and a random tail keeps two exports in one millisecond apart. */
function recordKey(at: number): string {
  return `${String(at).padStart(15, '0')}-${randomBytes(6).toString('hex')}`;
}

export function logExport(side: BoardSideState, record: ExportRecord): void {
  side.put(EXPORT_LOG, recordKey(record.at), record);
}

/** The same record as a raw side-state write, for the CLI, which has no loaded room. */
export function exportLogWrite(record: ExportRecord): SideWrite {
  return { kind: EXPORT_LOG.name, key: recordKey(record.at), value: JSON.stringify(record) };
}

/** The log, oldest first. */
export function exportLog(side: BoardSideState): ExportRecord[] {
  return side
    .entries(EXPORT_LOG)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, record]) => record);
}
