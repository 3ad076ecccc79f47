import { type AuditEntry, newId } from '@paja/shared';
import type { BoardSideState } from '../BoardSideState';
import type { SaveRecipient } from '../SavePipeline';
import { auditKey, auditKind } from './kinds';

/** Who an automatic action (a comment hidden by its flags) is recorded as. */
const SYSTEM = 'system';

/**
 * Appends one line to the board's moderation audit log (side state, never in the document).
 * Called in the same synchronous block as the action it records, so both are in one commit.
 * `by` null: the system did it.
 */
export function appendAudit(
  side: BoardSideState,
  by: (SaveRecipient & { participantId: string }) | null,
  name: string,
  what: Pick<AuditEntry, 'action' | 'target' | 'subject' | 'reason' | 'detail'>,
  at: number,
): void {
  const seq = side.count(auditKind) + 1;
  const entry: AuditEntry = {
    seq,
    at,
    by: by?.participantId ?? SYSTEM,
    byName: by ? name : '',
    ...what,
  };
  // Two instances may write the same number at once: a random part keeps both entries.
  side.put(auditKind, `${auditKey(seq)}-${newId()}`, entry, by);
}

/** The audit log, oldest first. */
export function readAuditLog(side: BoardSideState): AuditEntry[] {
  return side
    .entries(auditKind)
    .map(([, entry]) => entry)
    .sort((a, b) => a.seq - b.seq || a.at - b.at);
}
