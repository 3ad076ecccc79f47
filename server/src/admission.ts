import {
  CloseCode,
  can,
  type Editor,
  type IndexedUpdate,
  indexUpdate,
  refusalOf,
} from '@paja/shared';
import * as Y from 'yjs';
import { type Footprint, judgeUpdate, type StructureLimits } from './updateLimits';

/** Why something sent was not accepted; the connection closes with `code` and `reason`. */
export interface Refused {
  ok: false;
  code: number;
  reason: string;
}

/**
 * The verdict on one incoming document update. `apply: false` is the one harmless case that
 * is neither applied nor refused: a read-only client's sync step 2 that repeats what the
 * server already has. An admitted update says what it adds to the board's footprint.
 */
export type Admission =
  | { ok: true; apply: false }
  | {
      ok: true;
      apply: true;
      added: Footprint;
      /** The Yjs clients whose structs the update carries (updateEnds.ts reads their ends). */
      clients: readonly number[];
      /**
       * Each client's structs in the update start where the document's end: nothing in it is
       * there already, so if all of it is placed, the update as sent is what the document took
       * in (DocUpdates.ts hands those bytes on instead of encoding them again).
       */
      follows: boolean;
      /**
       * Set by the room after applying: part of the update depends on structs the server never
       * had (an edit that overtook the sync step 2 of a reconnecting client). That part was
       * dropped; the sender is asked for everything it has (sync step 1) and supplies it.
       */
      missing?: true;
    }
  | Refused;

export function refuse(code: number, reason: string): Refused {
  return { ok: false, code, reason };
}

/** What the board can still take: its sizes now and its limits. */
export interface BoardBudget {
  /** Approximate stored size of the document (snapshot plus log). */
  storedBytes: number;
  /** Bytes applied in memory and not yet durable. */
  unsavedBytes: number;
  /** The last commit failed and storage has not recovered yet. */
  storageFailing: boolean;
  maxBoardBytes: number;
  maxUnsavedBytes: number;
  /** What the board's document holds now: items and estimated memory. */
  footprint: Footprint;
  structure: StructureLimits;
}

/**
 * Decides whether `editor` may apply `update` to `doc`, before anything is applied (a merged
 * CRDT update cannot be taken back). In order: the role may write at all; the update's shape
 * is one a board can hold and every client can read back (depth, number of changes; see
 * updateLimits.ts); a participant's change passes the edit guard; the board stays under its
 * limits of stored bytes, items and memory; and while storage fails, the unsaved edits stay
 * under their bound. Rate limits are the connection's, checked before this; what only applying
 * can show (structs the update depends on but the server never had) the room checks after.
 */
export function admitUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  editor: Editor,
  budget: BoardBudget,
): Admission {
  if (!can(editor.role, 'edit')) {
    // A read-only client's step 2 repeats the deletions it knows of; that is harmless and
    // ignored. New content is an attempt to write: refused, never applied or relayed.
    if (carriesNewStructs(update, doc)) {
      return refuse(CloseCode.forbidden, `a ${editor.role} cannot edit the board`);
    }
    return { ok: true, apply: false };
  }
  let decoded: IndexedUpdate;
  try {
    // Decoded and indexed once: the structure limits and the edit guard both read it.
    decoded = indexUpdate(Y.decodeUpdate(update));
  } catch (error) {
    // Decoding nested values recurses once per level: what overflows the stack here would
    // overflow a client's too.
    if (error instanceof RangeError) return refuse(CloseCode.updateTooComplex, 'nested too deep');
    throw error;
  }
  const verdict = judgeUpdate(doc, decoded, budget.footprint, budget.structure);
  if (!verdict.ok && verdict.code === CloseCode.updateTooComplex) {
    return refuse(verdict.code, verdict.reason);
  }
  // The same decoded structs and index: the edit guard only reads them (updateEffect.ts).
  const guarded = refusalOf(doc, decoded, editor);
  if (guarded) return refuse(CloseCode.changeRefused, guarded);
  if (!verdict.ok) return refuse(verdict.code, verdict.reason);
  if (budget.storedBytes + budget.unsavedBytes + update.byteLength > budget.maxBoardBytes) {
    return refuse(CloseCode.boardTooLarge, 'the board is at its size limit');
  }
  if (budget.storageFailing && budget.unsavedBytes + update.byteLength > budget.maxUnsavedBytes) {
    // Storage has been failing long enough to fill the bound: refuse rather than grow
    // without limit. The client keeps the edit and sends it again when it reconnects.
    return refuse(CloseCode.boardUnavailable, 'storage is failing; try later');
  }
  const { clients, follows } = clientsOf(decoded.structs, doc);
  return { ok: true, apply: true, added: verdict.added, clients, follows };
}

/**
 * The clients of decoded structs, each once (an update holds a client's structs together),
 * and whether each one's first struct starts at the document's clock for that client.
 */
function clientsOf(
  structs: ReturnType<typeof Y.decodeUpdate>['structs'],
  doc: Y.Doc,
): { clients: number[]; follows: boolean } {
  const clients: number[] = [];
  let follows = true;
  for (const struct of structs) {
    const client = struct.id.client;
    if (clients[clients.length - 1] === client) continue;
    clients.push(client);
    if (struct.id.clock !== Y.getState(doc.store, client)) follows = false;
  }
  return { clients, follows };
}

/** Whether `update` holds any struct the document does not have yet. */
function carriesNewStructs(update: Uint8Array, doc: Y.Doc): boolean {
  const { to } = Y.parseUpdateMeta(update);
  for (const [client, clock] of to) {
    if (clock > Y.getState(doc.store, client)) return true;
  }
  return false;
}
