import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SideWrite } from '../storage/Storage';

/**
 * What instances tell each other about a board on its fan-out channel (never sent to clients).
 * Writers and readers side by side; a message that does not read cleanly is refused whole.
 *
 *   commit: 2, firstSeq, count, count x update,            what one commit stored: its
 *           firstSideSeq, sideCount, sideCount x write     updates and side-state writes,
 *                                                          each numbered from its first
 *   head:   1, lastSeq, lastSideSeq                        "storage holds the board through
 *                                                          these numbers"
 *
 * A side write is kind, key, then 1 and the value or 0 for a deletion. Kind 0 (updates only,
 * before side state was relayed) is retired: an instance of that version and one of this
 * version ignore each other's commits and meet through storage (the periodic check).
 */
export type RelayMessage =
  | {
      kind: 'commit';
      firstSeq: number;
      updates: Uint8Array[];
      firstSideSeq: number;
      side: SideWrite[];
    }
  | { kind: 'head'; lastSeq: number; lastSideSeq: number };

const HEAD = 1;
const COMMIT = 2;

export function encodeRelayCommit(
  firstSeq: number,
  updates: readonly Uint8Array[],
  firstSideSeq: number,
  side: readonly SideWrite[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, COMMIT);
  encoding.writeVarUint(encoder, firstSeq);
  encoding.writeVarUint(encoder, updates.length);
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  encoding.writeVarUint(encoder, firstSideSeq);
  encoding.writeVarUint(encoder, side.length);
  for (const { kind, key, value } of side) {
    encoding.writeVarString(encoder, kind);
    encoding.writeVarString(encoder, key);
    encoding.writeVarUint(encoder, value === null ? 0 : 1);
    if (value !== null) encoding.writeVarString(encoder, value);
  }
  return encoding.toUint8Array(encoder);
}

export function encodeRelayHead(lastSeq: number, lastSideSeq: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, HEAD);
  encoding.writeVarUint(encoder, lastSeq);
  encoding.writeVarUint(encoder, lastSideSeq);
  return encoding.toUint8Array(encoder);
}

/** Reads a relay message; throws on anything else (an unknown kind, trailing bytes). */
export function decodeRelayMessage(bytes: Uint8Array): RelayMessage {
  const decoder = decoding.createDecoder(bytes);
  const kind = decoding.readVarUint(decoder);
  let message: RelayMessage;
  if (kind === COMMIT) {
    const firstSeq = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    const updates: Uint8Array[] = [];
    for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
    const firstSideSeq = decoding.readVarUint(decoder);
    const sideCount = decoding.readVarUint(decoder);
    const side: SideWrite[] = [];
    for (let i = 0; i < sideCount; i++) {
      const writeKind = decoding.readVarString(decoder);
      const key = decoding.readVarString(decoder);
      const present = decoding.readVarUint(decoder);
      if (present > 1) throw new Error('bad side write in a relay message');
      side.push({ kind: writeKind, key, value: present ? decoding.readVarString(decoder) : null });
    }
    message = { kind: 'commit', firstSeq, updates, firstSideSeq, side };
  } else if (kind === HEAD) {
    const lastSeq = decoding.readVarUint(decoder);
    message = { kind: 'head', lastSeq, lastSideSeq: decoding.readVarUint(decoder) };
  } else {
    throw new Error(`unknown relay message kind ${kind}`);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a relay message');
  return message;
}
