import { randomBytes } from 'node:crypto';
import { type BoardSideState, sideKind } from '../BoardSideState';

/**
 * The board's audit log of what changes its history or its people's data: a snapshot deleted
 * (by a facilitator, or by the retention setting), one person's contributions removed or
 * pseudonymised, a backup imported onto the board. Append-only side state (kind
 * `board-audit`), never in the document. `by` is the name the facilitator gave (Paja has no
 * accounts) or '' for the server; `detail` says what, without the forgotten person's name.
 */
export type AuditAction =
  | 'snapshot-deleted'
  | 'snapshots-expired'
  | 'person-removed'
  | 'person-pseudonymised'
  | 'backup-imported';

const ACTIONS: readonly AuditAction[] = [
  'snapshot-deleted',
  'snapshots-expired',
  'person-removed',
  'person-pseudonymised',
  'backup-imported',
];

export interface AuditRecord {
  at: number;
  action: AuditAction;
  by: string;
  detail: string;
}

export const BOARD_AUDIT = sideKind<AuditRecord>('board-audit', (value) => {
  const v = value as Partial<AuditRecord> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.at !== 'number' ||
    !ACTIONS.includes(v.action as AuditAction) ||
    typeof v.by !== 'string' ||
    typeof v.detail !== 'string'
  ) {
    throw new Error('not a board audit record');
  }
  return v as AuditRecord;
});

/** Records written by this process, in order: two of one millisecond keep their order. */
let written = 0;

export function audit(
  side: BoardSideState,
  record: Omit<AuditRecord, 'at'>,
  at = Date.now(),
): void {
  // Keys sort by time, then by the order this process wrote them in (a snapshot deleted right
  // after the expiry, in the same millisecond, is listed above it); the random tail keeps two
  // instances' records of one millisecond apart.
  const order = String(written++ % 1e9).padStart(9, '0');
  const key = `${String(at).padStart(15, '0')}-${order}-${randomBytes(5).toString('hex')}`;
  side.put(BOARD_AUDIT, key, { at, ...record, by: record.by.trim().slice(0, 120) });
}

/** The log, newest first. */
export function auditLog(side: BoardSideState): AuditRecord[] {
  return side
    .entries(BOARD_AUDIT)
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([, record]) => record);
}
